import { expect, test, type Page } from '@playwright/test';
import type { Cycle } from '@chiso/contract';
import { fullInput, leavesOf, vnDay, type FrameworkNode as Node } from './support/cycle';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout, snap } from './helpers';
import { freeYear, type Assessment } from './support/cycle';

// A unit that never submits (issue 7, blocker 3). A cycle of its own with two demo departments:
// Sở Công Thương fills in and submits, Sở Y tế never does. After the deadline the administrator
// records Sở Y tế as not submitted from the progress table, with a reason; the appraiser returns
// Sở Công Thương for revision with a reason and a deadline; each unit then sees why on its pages.
// The set-up goes through the administrator's API; the calendar is moved past the deadline the
// same way, as the administrator would in the set-up page.
const PROGRAM = 'par-index';
const SILENT = { code: 'SYT', officer: 'syt.canbo', name: 'Sở Y tế' };
const RETURNED = { code: 'SCT', head: 'sct.lanhdao', name: 'Sở Công Thương' };
const APPRAISER = 'snv.thamdinh';
const NOT_SUBMITTED_REASON = 'Quá hạn tự đánh giá, đơn vị không gửi kết quả dù đã được nhắc hai lần';
const RETURN_REASON = 'Tài liệu kiểm chứng của tiêu chí về kế hoạch CCHC chưa đúng năm đánh giá';


/** The same page at 1440 px and at 390 px (then back to the desktop width). */
async function snapBoth(page: Page, testInfo: Parameters<typeof snap>[1], name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, testInfo, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('đơn vị không nộp: Sở Nội vụ ghi nhận không nộp; cơ quan thẩm định trả lại để chỉnh sửa', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- set-up (administrator, API): a cycle with the two departments, every agency at Sở Nội vụ ----------
  const units = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/units');
  const unitId = (code: string) => units.items.find((u) => u.code === code)!.id;
  const silent = unitId(SILENT.code);
  const returned = unitId(RETURNED.code);
  const sets = await admin.call<{ items: { id: string; groups: { id: string; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.groups.some((g) => g.memberIds.includes(silent) && g.memberIds.includes(returned)))!;
  const group = set.groups.find((g) => g.memberIds.includes(silent))!;
  const fws = await admin.call<{ items: { groupLabel: string; versions: { id: string; status: string }[] }[] }>('GET', `/frameworks?program=${PROGRAM}`);
  const versionId = fws.items.find((f) => /sở, ban, ngành/i.test(f.groupLabel))!.versions.find((v) => v.status === 'published')!.id;
  const doc = await admin.call<{ document: { agencies?: { code: string }[]; nodes: Node[] } }>('GET', `/framework-versions/${versionId}`);
  const year = await freeYear(admin, PROGRAM);
  const name = `Chỉ số CCHC năm ${year} (đơn vị không nộp)`;
  let cycle = await admin.call<Cycle>('POST', '/cycles', {
    programCode: PROGRAM, year, name, groupSetId: set.id,
    calendar: {
      selfAssessmentDeadline: vnDay(3, true), appraisalFrom: vnDay(4), appraisalTo: vnDay(20, true),
      explanationFrom: vnDay(4), explanationTo: vnDay(20, true), councilDate: vnDay(21), publicationDate: vnDay(22),
    },
    policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false, nonSubmittedScoring: 'entries' },
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/groups`, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: versionId }] });
  const agencyCodes = [...new Set([...(doc.document.agencies ?? []).map((a) => a.code), ...leavesOf(doc.document.nodes).map((l) => l.appraisingAgency).filter((c): c is string => !!c)])];
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/agencies`, { version: cycle.version, agencies: agencyCodes.map((agencyCode) => ({ agencyCode, unitId: unitId('SNV') })) });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/units`, { version: cycle.version, unitIds: [silent, returned] });
  cycle = await admin.call<Cycle>('POST', `/cycles/${cycle.id}/open`, { version: cycle.version });

  // ---------- Sở Công Thương fills in everything and its head submits (API); Sở Y tế never does ----------
  const head = await As.login(playwright.request, base, RETURNED.head);
  const a = await head.call<Assessment>('GET', `/cycles/${cycle.id}/units/${returned}/assessment`);
  for (const leaf of leavesOf(a.framework.nodes)) {
    const rec = a.records[leaf.key];
    const input = fullInput(leaf);
    if (!rec?.may.edit || !input) continue;
    await head.call('PUT', `/cycles/${cycle.id}/units/${returned}/criteria/${leaf.key}`, { version: rec.version, input, explanation: 'Đã thực hiện đầy đủ.' });
  }
  await head.call('POST', `/cycles/${cycle.id}/units/${returned}/actions/submit`, {});
  await head.dispose();

  // ---------- the deadline passes (the administrator moves the calendar) ----------
  const c = await admin.call<Cycle>('GET', `/cycles/${cycle.id}`);
  cycle = await admin.call<Cycle>('PATCH', `/cycles/${cycle.id}`, {
    version: c.version,
    calendar: {
      selfAssessmentDeadline: vnDay(-1, true), appraisalFrom: vnDay(-1), appraisalTo: vnDay(10, true),
      explanationFrom: vnDay(-1), explanationTo: vnDay(10, true), councilDate: vnDay(11), publicationDate: vnDay(12),
    },
  });

  // ---------- the administrator records Sở Y tế as not submitted, from the progress table ----------
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/cycles/${cycle.id}`);
  await expect(page.getByRole('heading', { name: 'Theo đơn vị' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: SILENT.name });
  await row.getByRole('button', { name: `Thao tác với ${SILENT.name}` }).click();
  await page.getByRole('menuitem', { name: 'Ghi nhận không nộp' }).click();
  const dialog = page.getByRole('dialog', { name: `Ghi nhận không nộp — ${SILENT.name}` });
  await expect(dialog).toContainText('được thẩm định trên những gì đã nhập');
  // No reason, no action.
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog.getByText('Cần nêu lý do')).toBeVisible();
  await dialog.getByLabel('Lý do').fill(NOT_SUBMITTED_REASON);
  await snap(page, testInfo, 'admin-not-submitted-dialog');
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('submission-mode')).toHaveText('Không nộp (Sở Nội vụ ghi nhận)');
  await expect(row).toContainText('Đã gửi');
  await snapBoth(page, testInfo, 'admin-progress-not-submitted');
  // The cycle's rule for non-submitters, in set-up: shown, fixed now that the cycle is open.
  await page.getByRole('tab', { name: 'Thiết lập' }).click();
  const policy = page.locator('.ant-card').filter({ hasText: 'Đơn vị không nộp kết quả tự đánh giá' });
  await expect(policy.getByRole('radio', { name: 'Trên những gì đơn vị đã nhập' })).toBeChecked();
  await expect(policy.getByRole('radio', { name: 'Trên những gì đơn vị đã nhập' })).toBeDisabled();
  await policy.scrollIntoViewIfNeeded();
  await snapBoth(page, testInfo, 'admin-setup-policy');
  // In the audit trail, with the reason.
  const audit = await admin.call<{ items: { action: string; reason: string | null }[] }>('GET', `/audit?entityType=cycle_unit&entityId=${encodeURIComponent(`${cycle.id}:${silent}`)}`);
  expect(audit.items.find((e) => e.action === 'mark_not_submitted')?.reason).toBe(NOT_SUBMITTED_REASON);
  await logout(page);

  // ---------- the appraiser returns Sở Công Thương for revision, from the appraisal page ----------
  await login(page, APPRAISER, DEMO_PASSWORD);
  await page.goto(`/appraisal?cycle=${cycle.id}`);
  const back = page.getByRole('button', { name: `Trả lại để chỉnh sửa: ${RETURNED.name}` });
  await back.click();
  const returnDialog = page.getByRole('dialog', { name: `Trả lại để chỉnh sửa — ${RETURNED.name}` });
  await returnDialog.getByLabel('Lý do').fill(RETURN_REASON);
  const revisionDay = vnDay(5, true);
  const shown = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(revisionDay));
  await returnDialog.getByLabel('Hạn chỉnh sửa (không bắt buộc)').fill(shown);
  // Tab, not Enter: Enter in the form's one text input submits it.
  await returnDialog.getByLabel('Hạn chỉnh sửa (không bắt buộc)').press('Tab');
  await snap(page, testInfo, 'appraiser-return-dialog');
  await returnDialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(returnDialog).toBeHidden();
  await expect(page.getByRole('columnheader').filter({ hasText: RETURNED.name })).toContainText('Trả lại để chỉnh sửa');
  await snapBoth(page, testInfo, 'appraiser-returned');
  await logout(page);

  // ---------- Sở Công Thương sees why, on its work list and its self-assessment page ----------
  await login(page, RETURNED.head, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/my-work/);
  const card = page.locator('.ant-card').filter({ hasText: name });
  await expect(card.getByTestId('unit-notice')).toContainText(RETURN_REASON);
  await expect(card.getByTestId('unit-notice')).toContainText(`Hạn chỉnh sửa: ${shown}`);
  await snapBoth(page, testInfo, 'returned-unit-work-list');
  await card.getByRole('button').first().click();
  await expect(page).toHaveURL(/\/assessments\//);
  await expect(page.getByTestId('unit-notice')).toContainText('Hồ sơ bị trả lại để chỉnh sửa');
  await expect(page.getByTestId('unit-notice')).toContainText(RETURN_REASON);
  await snapBoth(page, testInfo, 'returned-unit-self-assessment');
  const notes = await page.request.get('/api/notifications');
  expect(JSON.stringify(await notes.json())).toContain(RETURN_REASON);
  await logout(page);

  // ---------- Sở Y tế sees that it was recorded as not submitted ----------
  await login(page, SILENT.officer, DEMO_PASSWORD);
  await page.goto(`/assessments/${cycle.id}/${silent}`);
  await expect(page.getByTestId('unit-notice')).toContainText('Sở Nội vụ đã ghi nhận đơn vị không nộp');
  await snapBoth(page, testInfo, 'silent-unit-self-assessment');
  await admin.dispose();
});
