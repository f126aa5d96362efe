import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_CYCLE, DEMO_PASSWORD, login, logout, openDemoCycle, pickOption, snap } from './helpers';

// Issue 7 §7. The administrator publishes a corrected version of the departments framework with a
// reason (1.5 rewords an option: the rule changed, every entry still fits, no points move, so the
// journeys run after this one are not disturbed), applies it to the open demo cycle from the
// set-up page after reading the diff and the entries affected; a unit then sees the flag on the
// criterion. The administrator also adds a participant to the open cycle with a reason.
const LEAF = 'sang-kien-giai-phap-moi-trong';
const OFFICER = 'sgddt.canbo';

/** A screenshot of what the viewport shows (a phone's screen, a dialog), attached to the report. */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`view-${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

interface Doc { nodes: { key: string; rule?: { options?: { key: string; label: string }[] }; children?: Doc['nodes'] }[] }

test('quản trị: áp dụng phiên bản điều chỉnh bộ tiêu chí cho kỳ đang mở, đơn vị thấy tiêu chí được đánh dấu; bổ sung đơn vị tham gia', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36).toUpperCase();
  const admin = await As.login(playwright.request, baseURL!, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- a corrected version, published with a reason (API; the editor has its own journey) ----------
  const cycles = await admin.call<{ items: { id: string; name: string; program: { code: string } }[] }>('GET', '/cycles');
  const demo = cycles.items.find((c) => c.name === DEMO_CYCLE && c.program.code === 'par-index')!;
  const cycle = await admin.call<{ groups: { groupId: string; frameworkVersionId: string }[] }>('GET', `/cycles/${demo.id}`);
  const inUse = await admin.call<{ id: string; frameworkId: string }>('GET', `/framework-versions/${cycle.groups[0]!.frameworkVersionId}`);
  const versionReason = `Hướng dẫn số 07/HD-SNV diễn đạt lại mức “không có” của tiêu chí 1.5 (E2E ${run})`;
  const draft = await admin.call<{ id: string; number: number; version: number; document: Doc }>('POST', `/frameworks/${inUse.frameworkId}/versions`, { fromVersionId: inUse.id, reason: versionReason });
  const relabel = (nodes: Doc['nodes']) => {
    for (const n of nodes) {
      if (n.key === LEAF) n.rule!.options = n.rule!.options!.map((o) => (o.key === 'khong-co' ? { ...o, label: `Không có sáng kiến, giải pháp mới được công nhận (${run})` } : o));
      relabel(n.children ?? []);
    }
  };
  relabel(draft.document.nodes);
  const saved = await admin.call<{ version: number }>('PUT', `/framework-versions/${draft.id}`, { version: draft.version, document: draft.document });
  await admin.call('POST', `/framework-versions/${draft.id}/publish`, { version: saved.version });

  // A unit of the departments group that does not take part yet (to be added below).
  const units = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/units');
  const province = units.items.find((u) => u.code === 'LS')!;
  const newName = `Ban Thử nghiệm E2E ${run}`;
  const created = await admin.call<{ id: string }>('POST', '/units', { code: `E2E-${run}`, name: newName, typeCode: 'department', parentId: province.id, validFrom: '2025-01-01' });
  const sets = await admin.call<{ items: { id: string; code: string; groups: { id: string; version: number; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.code === 'par-2025')!;
  const group = set.groups.find((g) => g.id === cycle.groups[0]!.groupId)!;
  await admin.call('PUT', `/group-sets/${set.id}/groups/${group.id}/members`, { version: group.version, memberIds: [...group.memberIds, created.id] });
  await admin.dispose();

  // ---------- the administrator applies it from the set-up page ----------
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await openDemoCycle(page);
  await page.getByRole('tab', { name: 'Thiết lập' }).click();
  const card = page.locator('.ant-card').filter({ has: page.getByText('Điều chỉnh trong kỳ đang mở', { exact: true }) });
  await expect(card).toBeVisible();
  await expect(page.getByText('Lịch mẫu (chỉ có trên dữ liệu mẫu)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dời lịch mẫu sang giai đoạn tiếp theo' })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'setup-open-cycle-1440');
  await card.getByRole('button', { name: 'Áp dụng phiên bản điều chỉnh' }).click();
  const dialog = page.getByRole('dialog', { name: /^Áp dụng phiên bản điều chỉnh — / });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Tiêu chí thay đổi cách chấm (1)')).toBeVisible();
  await expect(dialog.getByText(versionReason)).toBeVisible();
  const effect = dialog.locator('.ant-descriptions');
  await expect(effect.getByRole('row').filter({ hasText: 'Tiêu chí được đánh dấu' })).toContainText(/\d+/);
  await expect(effect.getByRole('row').filter({ hasText: 'Số liệu không còn phù hợp' })).toContainText('0');
  // The reason is required.
  await dialog.getByRole('button', { name: 'Áp dụng', exact: true }).click();
  await expect(dialog.getByText('Vui lòng ghi lý do')).toBeVisible();
  const reason = `Áp dụng Hướng dẫn số 07/HD-SNV cho kỳ đang mở (E2E ${run})`;
  await dialog.getByLabel('Lý do áp dụng').fill(reason);
  await expect(dialog.getByText('Vui lòng ghi lý do')).toBeHidden();
  await shot(page, testInfo, 'correction-dialog-1440');
  await dialog.getByRole('button', { name: 'Áp dụng', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText(`Lý do: ${reason}`)).toBeVisible();
  await expect(card.getByText(/phiên bản \d+ → \d+/).first()).toBeVisible();
  await expect(card.getByText('Chưa có phiên bản mới hơn đã ban hành')).toBeVisible();

  // ---------- a participant added to the open cycle, with a reason ----------
  await card.getByRole('button', { name: 'Bổ sung đơn vị tham gia' }).click();
  const add = page.getByRole('dialog', { name: 'Bổ sung đơn vị tham gia' });
  await pickOption(page, 'Đơn vị', run, add);
  const addReason = `Quyết định số 45/QĐ-UBND bổ sung đối tượng đánh giá (E2E ${run})`;
  await add.getByLabel('Lý do bổ sung').fill(addReason);
  await shot(page, testInfo, 'add-participant-1440');
  await add.getByRole('button', { name: 'Bổ sung', exact: true }).click();
  await expect(add).toBeHidden();
  const extensions = page.locator('.ant-card').filter({ has: page.getByText('Gia hạn cho đơn vị', { exact: true }) });
  await expect(extensions.getByRole('row').filter({ hasText: newName })).toContainText('Đang tự đánh giá');
  await snap(page, testInfo, 'setup-after-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await card.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'setup-open-cycle-390');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await card.getByRole('button', { name: 'Bổ sung đơn vị tham gia' }).click();
  await expect(page.getByRole('dialog', { name: 'Bổ sung đơn vị tham gia' })).toBeVisible();
  await shot(page, testInfo, 'add-participant-390');
  await page.keyboard.press('Escape');
  await logout(page);

  // ---------- the unit sees the flag on the criterion ----------
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, OFFICER, DEMO_PASSWORD);
  const me = await page.request.get('/api/auth/me');
  const unitId = ((await me.json()) as { user: { unit: { id: string } } }).user.unit.id;
  await page.goto(`/assessments/${demo.id}/${unitId}?node=${LEAF}`);
  const flag = page.getByTestId('correction-flag');
  await expect(flag).toContainText('Tiêu chí đã được điều chỉnh — vui lòng kiểm tra lại');
  await expect(flag).toContainText(reason);
  await snap(page, testInfo, 'unit-flag-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await flag.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'unit-flag-390');
});
