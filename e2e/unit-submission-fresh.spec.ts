import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, snap } from './helpers';
import { freeYear, type Assessment as AssessmentOf } from './support/cycle';

// Issue 7, blocker 1: after the last criteria are autosaved, the submission tab shows the new
// total, no "not scored" check and an enabled "Gửi" — without a reload. Then (blocker 5), once
// submitted, the work list shows the state, not "overdue"; once appraised, the unit sees its
// results per criterion with the appraiser's reason; once published, its work list and page show
// the official index, rank and class. A cycle of its own (Sở Nông nghiệp và Môi trường alone, a
// free earlier year, every agency acted by Sở Nội vụ), so that no other journey moves under it.
const OFFICER = 'snnmt.canbo';
const HEAD = 'snnmt.lanhdao';
const PROGRAM = 'par-index';
const DAY = 86_400_000;

interface Node { key: string; code: string; source?: string; rule?: Record<string, unknown> & { type: string }; children?: Node[] }
type Assessment = AssessmentOf<Node>;

function leavesOf(nodes: Node[], out: Node[] = []): Node[] {
  for (const n of nodes) {
    if (n.children?.length) leavesOf(n.children, out);
    else if (n.rule && (n.source ?? 'self_assessment') === 'self_assessment') out.push(n);
  }
  return out;
}

/** Some valid input of the leaf's rule; undefined for a bonus (left empty: "no bonus"). */
function someInput(n: Node): Record<string, unknown> | undefined {
  const r = n.rule!;
  switch (r.type) {
    case 'choice': return { kind: 'choice', option: (r.options as { key: string }[])[0]!.key };
    case 'yes_no': return { kind: 'yes_no', value: true };
    case 'rate_tiers': case 'proportional': return { kind: 'rate', numerator: '9', denominator: '10' };
    case 'manual': return { kind: 'manual', points: String(r.min ?? '0') };
    case 'deduction': return { kind: 'count', occurrences: 0 };
    default: return undefined;
  }
}

const day = (n: number) => new Date(Date.now() + n * DAY).toISOString();
/** n days from today, at the start or the end of the day in Asia/Ho_Chi_Minh. */
function vnDay(n: number, end = false): string {
  const d = new Date(Date.now() + 7 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
  return new Date(`${d}T${end ? '23:59:59.000' : '00:00:00.000'}+07:00`).toISOString();
}

async function shot(page: Page, testInfo: Parameters<typeof snap>[1], name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, testInfo, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, `${name}-390`);
  // What the phone shows first, readable as such.
  await page.screenshot({ path: testInfo.outputPath(`${name}-390-screen.png`) });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: no horizontal scrolling at 390 px`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('tổng hợp và gửi: tổng điểm, kiểm tra và nút "Gửi" cập nhật ngay sau khi lưu, không cần tải lại', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(420_000);
  const base = baseURL!;

  // ---------- set-up (administrator, API): a cycle with the one unit, open ----------
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);
  const units = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/units');
  const unitId = units.items.find((u) => u.code === 'SNNMT')!.id;
  const snv = units.items.find((u) => u.code === 'SNV')!.id;
  const sets = await admin.call<{ items: { id: string; code: string; groups: { id: string; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.code === 'par-2025')!;
  const group = set.groups.find((g) => g.memberIds.includes(unitId))!;
  const fws = await admin.call<{ items: { groupLabel: string; versions: { id: string; status: string }[] }[] }>('GET', `/frameworks?program=${PROGRAM}`);
  const fw = fws.items.find((f) => /sở, ban, ngành/i.test(f.groupLabel))!;
  const versionId = fw.versions.find((v) => v.status === 'published')!.id;
  const doc = await admin.call<{ document: { agencies?: { code: string }[]; nodes: Node[] } }>('GET', `/framework-versions/${versionId}`);
  const year = await freeYear(admin, PROGRAM);
  const name = `Chỉ số CCHC năm ${year} (thử gửi)`;
  let cycle = await admin.call<{ id: string; version: number }>('POST', '/cycles', {
    programCode: PROGRAM, year, name, groupSetId: set.id,
    calendar: { selfAssessmentDeadline: day(5), appraisalFrom: day(6), appraisalTo: day(20), explanationFrom: day(6), explanationTo: day(20), councilDate: day(21), publicationDate: day(22) },
    policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false },
  });
  cycle = await admin.call('PUT', `/cycles/${cycle.id}/groups`, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: versionId }] });
  cycle = await admin.call('PUT', `/cycles/${cycle.id}/agencies`, { version: cycle.version, agencies: (doc.document.agencies ?? []).map((a) => ({ agencyCode: a.code, unitId: snv })) });
  cycle = await admin.call('PUT', `/cycles/${cycle.id}/units`, { version: cycle.version, unitIds: [unitId] });
  const chair = (await admin.call<{ items: { id: string; username: string }[] }>('GET', '/users?q=hoidong.snv')).items.find((u) => u.username === 'hoidong.snv')!;
  cycle = await admin.call('PATCH', `/cycles/${cycle.id}`, { version: cycle.version, councilChairUserId: chair.id });
  await admin.call('POST', `/cycles/${cycle.id}/open`, { version: cycle.version });
  const setCalendar = async (calendar: Record<string, string>) => {
    const c = await admin.call<{ version: number }>('GET', `/cycles/${cycle.id}`);
    await admin.call('PATCH', `/cycles/${cycle.id}`, { version: c.version, calendar });
  };

  // ---------- the officer enters every criterion but the last two choices (API) ----------
  const officer = await As.login(playwright.request, base, OFFICER, DEMO_PASSWORD);
  const a = await officer.call<Assessment>('GET', `/cycles/${cycle.id}/units/${unitId}/assessment`);
  const leaves = leavesOf(a.framework.nodes).filter((l) => a.records[l.key]?.may.edit);
  const byHand = leaves.filter((l) => l.rule!.type === 'choice').slice(-2);
  expect(byHand).toHaveLength(2);
  for (const leaf of leaves) {
    const input = someInput(leaf);
    if (!input || byHand.includes(leaf)) continue;
    await officer.call('PUT', `/cycles/${cycle.id}/units/${unitId}/criteria/${leaf.key}`, { version: a.records[leaf.key]!.version, input });
  }
  await officer.dispose();

  // ---------- the head: the submission tab before, two criteria in the page, the tab after ----------
  await login(page, HEAD, DEMO_PASSWORD);
  await page.locator('.ant-card').filter({ hasText: name }).getByRole('button').first().click();
  await expect(page).toHaveURL(/\/assessments\//);
  await page.getByRole('tab', { name: 'Tổng hợp và gửi' }).click();
  const submit = page.getByRole('button', { name: /Gửi kết quả tự đánh giá/ });
  await expect(submit).toBeDisabled();
  const checks = page.locator('.ant-card').filter({ hasText: 'Kiểm tra trước khi gửi' });
  for (const leaf of byHand) await expect(checks.getByText(new RegExp(`${leaf.code.replace(/\./g, '\\.')}\\b`)).first()).toBeVisible();
  const summary = page.locator('.ant-card').filter({ hasText: 'Tổng hợp kết quả tự đánh giá' });
  const before = (await summary.locator('.ant-statistic').first().innerText()).trim();
  await snap(page, testInfo, 'submit-tab-before');

  await page.getByRole('tab', { name: 'Tiêu chí' }).click();
  const leafPanel = page.locator('.as-leaf');
  for (const leaf of byHand) {
    await page.getByTestId(`node-${leaf.code}`).click();
    await leafPanel.getByRole('radio').first().check();
    await expect(page.getByTestId('save-status')).toContainText('Đã lưu lúc');
  }
  const live = (await page.getByTestId('total-points').innerText()).split('/')[0]!.trim();

  // No reload: the tab shows the server's new total, no check left, and "Gửi" enabled.
  await page.getByRole('tab', { name: 'Tổng hợp và gửi' }).click();
  await expect(submit).toBeEnabled();
  await expect(summary.locator('.ant-statistic').first()).toContainText(live);
  expect((await summary.locator('.ant-statistic').first().innerText()).trim()).not.toBe(before);
  await expect(checks.getByText('Không có vấn đề nào')).toBeVisible();
  await shot(page, testInfo, 'submit-tab-after');

  await submit.click();
  await page.getByRole('dialog').getByRole('button', { name: /Gửi kết quả tự đánh giá/ }).click();
  await expect(page.getByText('Đã gửi', { exact: true }).first()).toBeVisible();

  // The work list says where the assessment is, never "overdue".
  await page.getByRole('link', { name: 'Việc của tôi' }).first().click();
  const card = page.locator('.ant-card').filter({ hasText: name });
  await expect(card.getByTestId('my-state')).toContainText('Đã gửi');
  await expect(card.getByText(/quá hạn/i)).toHaveCount(0);
  await shot(page, testInfo, 'my-work-submitted');

  // ---------- appraisal (Sở Nội vụ, API): one criterion lowered with a reason, the rest accepted ----------
  await setCalendar({
    selfAssessmentDeadline: vnDay(-1, true), appraisalFrom: vnDay(-1), appraisalTo: vnDay(0, true),
    explanationFrom: vnDay(-1), explanationTo: vnDay(0, true), councilDate: vnDay(1), publicationDate: vnDay(1),
  });
  const appraiser = await As.login(playwright.request, base, 'snv.thamdinh', DEMO_PASSWORD);
  await appraiser.call('POST', `/cycles/${cycle.id}/units/${unitId}/actions/start_appraisal`, {});
  const lowered = byHand[0]!;
  const reason = 'Kế hoạch ban hành sau thời hạn quy định';
  const options = lowered.rule!.options as { key: string }[];
  // Sở Nội vụ acts every agency here: the unit's assessment lists every criterion it decides.
  const cells = (await appraiser.call<{ records: Record<string, { version: number; status: string; may: { decide: boolean } }> }>('GET', `/cycles/${cycle.id}/units/${unitId}/assessment`)).records;
  await appraiser.call('POST', `/cycles/${cycle.id}/units/${unitId}/criteria/${lowered.key}/decide`, {
    version: cells[lowered.key]!.version, decision: { kind: 'adjust', value: { input: { kind: 'choice', option: options[options.length - 1]!.key } }, reason },
  });
  const rest = Object.entries(cells).filter(([k, v]) => k !== lowered.key && v.may.decide && v.status === 'pending').map(([nodeKey, v]) => ({ unitId, nodeKey, version: v.version }));
  await appraiser.call('POST', `/cycles/${cycle.id}/appraisal/bulk-accept`, { items: rest });
  await appraiser.dispose();

  // The unit lands on its results: the lowered criterion with the appraiser's reason.
  await card.getByRole('button').first().click();
  await expect(page.getByRole('tab', { name: 'Kết quả thẩm định', selected: true })).toBeVisible();
  await expect(page.getByTestId('deadline')).toHaveCount(0); // submitted: no deadline, never "overdue"
  const results = page.getByTestId('unit-results');
  await expect(results.getByTestId(`result-${lowered.key}`)).toContainText(reason);
  await expect(results.getByTestId('result-totals')).toContainText('Điểm sau thẩm định');
  await results.getByLabel('Chỉ hiện tiêu chí có thay đổi hoặc có lý do').click();
  await expect(results.getByTestId(`result-${lowered.key}`)).toBeVisible();
  await expect(results.getByTestId(`result-${byHand[1]!.key}`)).toHaveCount(0);
  await shot(page, testInfo, 'results-appraised');

  // ---------- council and publication (API) ----------
  await setCalendar({
    selfAssessmentDeadline: vnDay(-3, true), appraisalFrom: vnDay(-2), appraisalTo: vnDay(-1, true),
    explanationFrom: vnDay(-2), explanationTo: vnDay(-1, true), councilDate: vnDay(0), publicationDate: vnDay(0),
  });
  const member = await As.login(playwright.request, base, 'hoidong.vp', DEMO_PASSWORD);
  await member.call('POST', `/cycles/${cycle.id}/units/${unitId}/actions/record_council_review`, {});
  await member.dispose();
  const chairApi = await As.login(playwright.request, base, 'hoidong.snv', DEMO_PASSWORD);
  await chairApi.call('POST', `/cycles/${cycle.id}/units/${unitId}/actions/approve`, {});
  await chairApi.dispose();
  await admin.call('POST', `/cycles/${cycle.id}/groups/${group.id}/publish`, { decisionNumber: '45/QĐ-UBND' });
  await admin.dispose();

  // The work list: the official index, rank and class; the page: the same, and the criteria.
  await page.getByRole('link', { name: 'Việc của tôi' }).first().click();
  const published = card.getByTestId('my-published');
  await expect(published).toContainText('1/1');
  await expect(published).toContainText('Chỉ số công bố');
  await expect(card.getByText(/quá hạn/i)).toHaveCount(0);
  await shot(page, testInfo, 'my-work-published');
  await card.getByRole('button').first().click();
  await expect(page.getByTestId('published-result')).toContainText('1/1');
  await expect(page.getByText('Quyết định số 45/QĐ-UBND')).toBeVisible();
  await shot(page, testInfo, 'results-published');
});
