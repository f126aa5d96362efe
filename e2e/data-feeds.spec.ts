import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { Cycle } from '@chiso/contract';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout, snap } from './helpers';
import { freeYear } from './support/cycle';
import { vnDay } from './support/framework';

// Data-feed criteria (issue 7 §6) on the demo task-performance framework, whose criterion 1.1 (tasks
// of the provincial People's Committee done on time) is fed by another system and 4.1 takes the
// unit's published PAR index. The administrator downloads the template and imports a figure for
// Sở Y tế, creates an API token (seen once), another system pushes Sở Công Thương's figure with it,
// and the officer of Sở Y tế sees the figure read-only with its source on the self-assessment page.
const PROGRAM = 'task-performance';
const FEED_LEAF = { key: 'ty-le-nhiem-vu-ubnd-tinh', code: '1.1' };


/** Screenshots at the official's desk (1440 px) and on a phone (390 px), then back. */
async function snapBoth(page: Page, testInfo: TestInfo, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, testInfo, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { message: `${name}: no horizontal scrolling at 390 px` }).toBe(true);
  await snap(page, testInfo, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('dữ liệu từ hệ thống: nhập từ tệp mẫu, tạo mã API, hệ thống khác gửi số liệu, đơn vị xem chỉ đọc kèm nguồn', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- set-up (API): a task-performance cycle for Sở Y tế and Sở Công Thương ----------
  const units = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/units');
  const unitId = (code: string) => units.items.find((u) => u.code === code)!.id;
  const [syt, sct] = [unitId('SYT'), unitId('SCT')];
  const sets = await admin.call<{ items: { id: string; code: string; groups: { id: string; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.code === 'par-2025')!;
  const group = set.groups.find((g) => g.memberIds.includes(syt))!;
  const fws = await admin.call<{ items: { groupLabel: string; versions: { id: string; status: string }[] }[] }>('GET', `/frameworks?program=${PROGRAM}`);
  const versionId = fws.items[0]!.versions.find((v) => v.status === 'published')!.id;
  // A year with no PAR index cycle either (the demo publishes 2023–2024): criterion 4.1 then has nothing to pull.
  const year = await freeYear(admin, [PROGRAM, 'par-index']);
  const name = `Đánh giá thực hiện nhiệm vụ năm ${year}`;
  let cycle = await admin.call<Cycle>('POST', '/cycles', {
    programCode: PROGRAM, year, name, groupSetId: set.id,
    calendar: {
      selfAssessmentDeadline: vnDay(5, true), appraisalFrom: vnDay(6), appraisalTo: vnDay(20, true),
      explanationFrom: vnDay(6), explanationTo: vnDay(20, true), councilDate: vnDay(21), publicationDate: vnDay(22),
    },
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/groups`, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: versionId }] });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/agencies`, {
    version: cycle.version, agencies: [{ agencyCode: 'SNV', unitId: unitId('SNV') }, { agencyCode: 'VPUBND', unitId: unitId('VPUBND') }],
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/units`, { version: cycle.version, unitIds: [syt, sct] });
  cycle = await admin.call<Cycle>('POST', `/cycles/${cycle.id}/open`, { version: cycle.version });
  await admin.dispose();

  // ---------- the administrator: the data-feed tab, the template, a refused file, an import ----------
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/cycles/${cycle.id}?tab=feeds`);
  await expect(page.getByRole('tab', { name: 'Dữ liệu từ hệ thống', selected: true })).toBeVisible();
  const table = page.getByRole('tabpanel').getByRole('table').first();
  await expect(table).toContainText('Tỷ lệ nhiệm vụ UBND tỉnh giao hoàn thành đúng hạn');
  await expect(page.getByText('0/4 mục đã có số liệu')).toBeVisible();

  await page.getByRole('button', { name: 'Nhập số liệu từ tệp' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập số liệu từ hệ thống' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('link', { name: /Tải tệp mẫu/ }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(await (await download).path()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Tiêu chí']);
  expect(sheet.rowCount - 1).toBe(4); // 2 units × 2 data-feed criteria
  const rowOf = (unit: string, code: string) => {
    for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === unit && sheet.getRow(r).getCell(3).value === code) return sheet.getRow(r);
    throw new Error(`no template row ${unit} ${code}`);
  };
  const sytRow = rowOf('SYT', FEED_LEAF.code);
  // First a figure that is not a number: refused with its place, nothing imported.
  sytRow.getCell(7).value = 'mười chín';
  sytRow.getCell(9).value = 20;
  const bad = testInfo.outputPath('so-lieu-sai.xlsx');
  await workbook.xlsx.writeFile(bad);
  await dialog.locator('input[type=file]').setInputFiles(bad);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('table')).toContainText('“mười chín” không phải là số');
  await expect(dialog.getByRole('button', { name: 'Xác nhận nhập' })).toBeDisabled();
  sytRow.getCell(7).value = 19;
  sytRow.getCell(11).value = 'Hệ thống theo dõi nhiệm vụ UBND tỉnh';
  const good = testInfo.outputPath('so-lieu.xlsx');
  await workbook.xlsx.writeFile(good);
  await dialog.locator('input[type=file]').setInputFiles(good);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('status')).toContainText('Sẽ nhập 1 số liệu; 3 dòng để trống được bỏ qua');
  await snap(page, testInfo, 'import-checked');
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByText('Đã nhập 1 số liệu.')).toBeVisible();
  const sytLine = table.getByRole('row').filter({ hasText: 'SYT' }).filter({ hasText: FEED_LEAF.code });
  await expect(sytLine).toContainText('19 / 20');
  await expect(sytLine).toContainText('Hệ thống theo dõi nhiệm vụ UBND tỉnh');

  // ---------- an API token: created, shown once ----------
  await page.getByRole('button', { name: 'Tạo mã truy cập' }).click();
  const create = page.getByRole('dialog', { name: 'Tạo mã truy cập' });
  await create.getByLabel('Tên (hệ thống sử dụng mã)').fill('Hệ thống một cửa tỉnh');
  await create.getByRole('button', { name: 'Tạo mã truy cập' }).click();
  const shown = page.getByRole('dialog', { name: 'Mã truy cập mới' });
  await expect(shown).toContainText('chỉ hiển thị một lần');
  const token = (await shown.getByTestId('new-api-token').textContent())!.trim();
  expect(token).toMatch(/^chiso_df_/);
  await snapBoth(page, testInfo, 'token-shown-once');
  await shown.getByRole('button', { name: 'Đã sao chép, đóng' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Hệ thống một cửa tỉnh' })).toContainText('Đang dùng');
  await expect(page.getByText(token)).toHaveCount(0);

  // ---------- another system pushes a figure with the token (no session, no CSRF token) ----------
  const system = await playwright.request.newContext({ baseURL: base });
  const pushed = await system.post(`/api/cycles/${cycle.id}/data-feeds/push`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { source: 'Hệ thống một cửa tỉnh', values: [{ unit: 'SCT', criterion: FEED_LEAF.key, numerator: 18, denominator: 20, period: String(year) }] },
  });
  expect(pushed.status(), await pushed.text()).toBe(200);
  expect(await pushed.json()).toEqual({ received: 1, unchanged: 0 });
  // The token opens nothing else.
  expect((await system.get(`/api/cycles/${cycle.id}/data-feeds`, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await system.dispose();
  await page.reload();
  const sctLine = page.getByRole('tabpanel').getByRole('table').first().getByRole('row').filter({ hasText: 'SCT' }).filter({ hasText: FEED_LEAF.code });
  await expect(sctLine).toContainText('18 / 20');
  await expect(sctLine).toContainText('Gửi qua API');
  await expect(sctLine).toContainText('Mã API “Hệ thống một cửa tỉnh”');
  await expect(page.getByText('2/4 mục đã có số liệu')).toBeVisible();
  // 4.1 takes the unit's published PAR index of the same year: none is published yet, each is listed.
  await page.getByRole('button', { name: 'Lấy từ kết quả đã công bố' }).click();
  await expect(page.getByText('2 mục chưa lấy được')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'SYT · 4.1' })).toContainText(/Chưa (công bố kết quả|có kỳ đánh giá)/);
  await snapBoth(page, testInfo, 'admin-data-feeds');
  await logout(page);

  // ---------- the unit sees its figure read-only, with its source ----------
  await login(page, 'syt.canbo', DEMO_PASSWORD);
  await page.goto(`/assessments/${cycle.id}/${syt}?node=${FEED_LEAF.key}`);
  const value = page.getByTestId('data-feed-value');
  await expect(value).toContainText('Số liệu từ hệ thống (chỉ xem)');
  await expect(value).toContainText('Hệ thống theo dõi nhiệm vụ UBND tỉnh');
  await expect(value).toContainText('95,00%');
  await expect(value).toContainText('Nhập từ tệp');
  await expect(value.getByRole('textbox')).toHaveCount(0);
  await snapBoth(page, testInfo, 'unit-read-only');
});
