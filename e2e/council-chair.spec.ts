import { expect, test, type Page } from '@playwright/test';
import type { Cycle } from '@chiso/contract';
import { fullInput, leavesOf, vnDay, type FrameworkNode as Node } from './support/cycle';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout, snap } from './helpers';
import { freeYear, type Assessment, type View } from './support/cycle';

// The council chair decides with eyes open (issue 7, blocker 4): a member proposes a final score
// with a reason in the browser; the chair sees, for the proposal, its points, reason and proposer
// next to the unit's self score and the appraised score with the appraiser's reason, and approves.
// The chair's own proposal cannot be approved by the chair. On the way: switching criteria on the
// self-assessment page does not ask "leave the page?", and the council page reads at 1440 and 390 px.
//
// The cycle is built like whole-year.spec.ts, through the administrator's API: two demo units of
// the departments group (Sở Y tế, Sở Công Thương), filled, submitted and appraised through the API,
// the calendar moved from phase to phase.
const OFFICER = 'syt.canbo';
const UNITS = [{ code: 'SYT', officer: 'syt.canbo', head: 'syt.lanhdao' }, { code: 'SCT', officer: 'sct.canbo', head: 'sct.lanhdao' }];
const MEMBER = 'hoidong.vp';
const CHAIR = 'hoidong.snv';
const APPRAISERS: Record<string, string> = { SNV: 'snv.thamdinh', STP: 'stp.thamdinh', VPUBND: 'vp.thamdinh', STC: 'stc.thamdinh', SKHCN: 'skhcn.thamdinh' };
const PROGRAM = 'par-index';
const APPRAISAL_REASON = 'Kế hoạch ban hành chậm so với quy định';
const MEMBER_REASON = 'Đơn vị đã gửi văn bản chứng minh ban hành đúng hạn';
const CHAIR_REASON = 'Chủ tịch đề nghị giữ nguyên';

interface Matrix { criteria: { nodeKey: string }[]; units: { unitId: string }[]; cells: Record<string, Record<string, View>> }
interface Disputed { nodeKey: string; code: string; self: string | null; appraised: string | null; version: number; proposal: { proposedBy: { name: string } | null } | null }
interface CouncilTable { rows: { unit: { id: string }; disputed: Disputed[] }[] }

/** Vietnamese display of points ("2.5" → "2,5"). */
const vn = (p: string | null) => (p === null ? '—' : String(Number(p)).replace('.', ','));

async function shoot(page: Page, testInfo: Parameters<typeof snap>[1], name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(800);
    await snap(page, testInfo, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('Hội đồng: thành viên đề xuất có lý do; Chủ tịch thấy người đề xuất, lý do, điểm tự đánh giá và thẩm định rồi duyệt; không tự duyệt đề xuất của mình', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(420_000);
  const base = baseURL!;
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- set-up (administrator, API) ----------
  const units = await admin.call<{ items: { id: string; code: string }[] }>('GET', '/units');
  const unitId = (code: string) => units.items.find((u) => u.code === code)?.id;
  const ids = UNITS.map((u) => unitId(u.code)!);
  const [syt] = ids as [string, string];
  const sets = await admin.call<{ items: { id: string; code: string; groups: { id: string; memberIds: string[] }[] }[] }>('GET', '/group-sets');
  const set = sets.items.find((s) => s.code === 'par-2025') ?? sets.items.find((s) => s.groups.some((g) => g.memberIds.includes(syt)))!;
  const group = set.groups.find((g) => g.memberIds.includes(syt))!;
  const fws = await admin.call<{ items: { groupLabel: string; versions: { id: string; status: string }[] }[] }>('GET', `/frameworks?program=${PROGRAM}`);
  const versionId = fws.items.find((f) => /sở, ban, ngành/i.test(f.groupLabel))!.versions.find((v) => v.status === 'published')!.id;
  const doc = await admin.call<{ document: { agencies?: { code: string }[]; nodes: Node[] } }>('GET', `/framework-versions/${versionId}`);
  const year = await freeYear(admin, PROGRAM);
  let cycle = await admin.call<Cycle>('POST', '/cycles', {
    programCode: PROGRAM, year, name: `Chỉ số CCHC năm ${year} (Hội đồng)`, groupSetId: set.id,
    calendar: {
      selfAssessmentDeadline: vnDay(5, true), appraisalFrom: vnDay(6), appraisalTo: vnDay(20, true),
      explanationFrom: vnDay(6), explanationTo: vnDay(20, true), councilDate: vnDay(21), publicationDate: vnDay(22),
    },
    policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false },
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/groups`, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: versionId }] });
  const leaves = leavesOf(doc.document.nodes);
  const agencyCodes = [...new Set([...(doc.document.agencies ?? []).map((a) => a.code), ...leaves.map((l) => l.appraisingAgency).filter((c): c is string => !!c)])];
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/agencies`, {
    version: cycle.version,
    agencies: agencyCodes.map((code) => ({ agencyCode: code, unitId: APPRAISERS[code] && unitId(code) ? unitId(code)! : unitId('SNV')! })),
  });
  cycle = await admin.call<Cycle>('PUT', `/cycles/${cycle.id}/units`, { version: cycle.version, unitIds: ids });
  const people = await admin.call<{ items: { id: string; username: string; fullName: string }[] }>('GET', '/users?q=hoidong');
  const chair = people.items.find((u) => u.username === CHAIR)!;
  const memberName = people.items.find((u) => u.username === MEMBER)!.fullName;
  cycle = await admin.call<Cycle>('PATCH', `/cycles/${cycle.id}`, { version: cycle.version, councilChairUserId: chair.id });
  cycle = await admin.call<Cycle>('POST', `/cycles/${cycle.id}/open`, { version: cycle.version });
  const setCalendar = async (calendar: Record<string, string>) => {
    const c = await admin.call<Cycle>('GET', `/cycles/${cycle.id}`);
    cycle = await admin.call<Cycle>('PATCH', `/cycles/${cycle.id}`, { version: c.version, calendar });
  };

  // ---------- the officer types, then switches criteria at once: no "leave the page?" dialog ----------
  const choices = leaves.filter((l) => l.rule?.type === 'choice');
  await login(page, OFFICER, DEMO_PASSWORD);
  await page.goto(`/assessments/${cycle.id}/${syt}`);
  await page.getByTestId(`node-${choices[0]!.code}`).click();
  await page.locator('.as-leaf').getByRole('radio').first().check();
  await page.getByTestId(`node-${choices[1]!.code}`).click();
  await expect(page).toHaveURL(new RegExp(`node=${choices[1]!.key}`));
  await expect(page.getByText('Còn thay đổi chưa lưu')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toContainText('Đã lưu lúc');
  await logout(page);

  // ---------- self-assessment and submission (API) ----------
  for (const u of UNITS) {
    const id = unitId(u.code)!;
    const officer = await As.login(playwright.request, base, u.officer);
    const a = await officer.call<Assessment>('GET', `/cycles/${cycle.id}/units/${id}/assessment`);
    for (const leaf of leaves) {
      const rec = a.records[leaf.key];
      const input = fullInput(leaf);
      if (!rec || !rec.may.edit || !input) continue;
      await officer.call('PUT', `/cycles/${cycle.id}/units/${id}/criteria/${leaf.key}`, { version: rec.version, input, explanation: 'Đã thực hiện đầy đủ theo kế hoạch năm.' });
    }
    await officer.dispose();
    const head = await As.login(playwright.request, base, u.head);
    await head.call('POST', `/cycles/${cycle.id}/units/${id}/actions/submit`, {});
    await head.dispose();
  }

  // ---------- appraisal (API): one criterion of Sở Y tế lowered with a reason, the rest accepted ----------
  await setCalendar({
    selfAssessmentDeadline: vnDay(-1, true), appraisalFrom: vnDay(-1), appraisalTo: vnDay(0, true),
    explanationFrom: vnDay(-1), explanationTo: vnDay(0, true), councilDate: vnDay(1), publicationDate: vnDay(1),
  });
  const agencyOf = new Map(cycle.agencies.map((a) => [a.agencyCode, a.unitId]));
  const appraiserFor = (code: string) => (APPRAISERS[code] && agencyOf.get(code) === unitId(code) ? APPRAISERS[code] : APPRAISERS.SNV)!;
  const adjusted = choices.find((l) => l.key !== choices[0]!.key) ?? choices[0]!;
  const adjustedAgency = adjusted.appraisingAgency ?? agencyCodes[0]!;
  const appraisers = [...new Set(agencyCodes.map(appraiserFor))];
  appraisers.sort((a, b) => Number(b === appraiserFor(adjustedAgency)) - Number(a === appraiserFor(adjustedAgency)));
  for (const user of appraisers) {
    const as = await As.login(playwright.request, base, user);
    for (const id of ids) await as.call('POST', `/cycles/${cycle.id}/units/${id}/actions/start_appraisal`, {}, false);
    let m = await as.call<Matrix>('GET', `/cycles/${cycle.id}/appraisal`);
    const cell = m.cells[syt]?.[adjusted.key];
    if (cell?.may.decide) {
      await as.call('POST', `/cycles/${cycle.id}/units/${syt}/criteria/${adjusted.key}/decide`, {
        version: cell.version, decision: { kind: 'adjust', value: { points: '0' }, reason: APPRAISAL_REASON },
      });
      m = await as.call<Matrix>('GET', `/cycles/${cycle.id}/appraisal`);
    }
    const items = m.units.filter((u) => ids.includes(u.unitId)).flatMap((u) => m.criteria
      .map((c) => ({ unitId: u.unitId, nodeKey: c.nodeKey, v: m.cells[u.unitId]?.[c.nodeKey] }))
      .filter((x) => x.v && x.v.may.decide && ['pending', 'explained'].includes(x.v.status))
      .map((x) => ({ unitId: x.unitId, nodeKey: x.nodeKey, version: x.v!.version })));
    if (items.length) await as.call('POST', `/cycles/${cycle.id}/appraisal/bulk-accept`, { items });
    await as.dispose();
  }

  // ---------- the council meets today ----------
  await setCalendar({
    selfAssessmentDeadline: vnDay(-3, true), appraisalFrom: vnDay(-2), appraisalTo: vnDay(-1, true),
    explanationFrom: vnDay(-2), explanationTo: vnDay(-1, true), councilDate: vnDay(0), publicationDate: vnDay(1),
  });
  const councilUrl = `/council?cycle=${cycle.id}&group=${group.id}`;

  // The member proposes a final score for the lowered criterion, with a reason, in the browser.
  await login(page, MEMBER, DEMO_PASSWORD);
  await page.goto(councilUrl);
  const sytRow = page.getByRole('row').filter({ hasText: 'Sở Y tế' }).first();
  await sytRow.getByRole('button', { name: /Expand row|Mở rộng/ }).click();
  await page.getByRole('button', { name: `Đề xuất điểm ${adjusted.code} — Sở Y tế` }).click();
  const propose = page.getByRole('dialog', { name: new RegExp(`Đề xuất điểm cuối: ${adjusted.code}`) });
  await expect(propose.getByText(APPRAISAL_REASON)).toBeVisible();
  await propose.getByLabel('Điểm đề xuất').fill(vn(adjusted.maxPoints));
  await propose.getByLabel('Lý do').fill(MEMBER_REASON);
  await propose.getByRole('button', { name: 'Đề xuất điểm' }).click();
  await expect(page.getByText('Đã ghi đề xuất')).toBeVisible();
  await expect(page.getByText(MEMBER_REASON).first()).toBeVisible();
  await logout(page);

  // The chair proposes on another criterion through the API: their own proposal.
  const chairApi = await As.login(playwright.request, base, CHAIR);
  const table = await chairApi.call<CouncilTable>('GET', `/cycles/${cycle.id}/council?groupId=${group.id}`);
  const sytDisputed = table.rows.find((r) => r.unit.id === syt)!.disputed;
  const memberProposal = sytDisputed.find((d) => d.nodeKey === adjusted.key)!;
  expect(memberProposal.proposal?.proposedBy?.name).toBe(memberName);
  const own = choices.find((l) => l.key !== adjusted.key)!;
  const sytAssessment = await chairApi.call<Assessment>('GET', `/cycles/${cycle.id}/units/${syt}/assessment`);
  const ownView = await chairApi.call<View>('POST', `/cycles/${cycle.id}/units/${syt}/criteria/${own.key}/propose`, {
    version: sytAssessment.records[own.key]!.version, value: { points: '0' }, reason: CHAIR_REASON,
  });
  expect(ownView.may.approve).toBe(false);
  const ownApprove = await chairApi.call<{ error: { message: string } }>('POST', `/cycles/${cycle.id}/units/${syt}/criteria/${own.key}/approve`, { version: ownView.version }, false);
  expect(ownApprove.error.message).toContain('không tự phê duyệt');

  // ---------- the chair sees both proposals with their proposer, reason, self and appraised scores ----------
  await login(page, CHAIR, DEMO_PASSWORD);
  await page.goto(councilUrl);
  const pending = page.getByRole('region', { name: 'Đề xuất chờ Chủ tịch Hội đồng duyệt' });
  await expect(pending.getByText('2 đề xuất')).toBeVisible();
  const memberLine = pending.getByRole('row').filter({ hasText: MEMBER_REASON });
  await expect(memberLine).toContainText('Sở Y tế');
  await expect(memberLine).toContainText(adjusted.code);
  await expect(memberLine).toContainText(memberName);
  await expect(memberLine).toContainText(`Lý do thẩm định: ${APPRAISAL_REASON}`);
  await expect(memberLine.getByRole('cell', { name: vn(memberProposal.self), exact: true }).first()).toBeVisible();
  await expect(memberLine).toContainText(vn(memberProposal.appraised));
  const ownLine = pending.getByRole('row').filter({ hasText: CHAIR_REASON });
  await expect(ownLine).toContainText(chair.fullName);
  await expect(ownLine.getByText('Đề xuất của bạn')).toBeVisible();
  await expect(ownLine.getByRole('button', { name: /^Duyệt/ })).toHaveCount(0);
  await expect(ownLine.getByRole('button', { name: /^Không duyệt/ })).toHaveCount(0);
  // The unit's detail shows the same, criterion by criterion.
  await page.getByRole('row').filter({ hasText: 'Sở Y tế' }).last().getByRole('button', { name: /Expand row|Mở rộng/ }).click();
  const detail = page.locator('.ant-table-expanded-row');
  await expect(detail.getByText(`Đề xuất: ${memberName}`)).toBeVisible();
  await expect(detail.getByText(`Lý do thẩm định: ${APPRAISAL_REASON}`)).toBeVisible();
  await expect(detail.getByText('Đề xuất của bạn')).toBeVisible();
  await shoot(page, testInfo, 'chair-sees-proposals');
  // On a phone each proposal is a card with the same facts and buttons.
  await page.setViewportSize({ width: 390, height: 900 });
  const card = pending.getByRole('group', { name: new RegExp(`^${adjusted.code} — Sở Y tế`) });
  await expect(card).toContainText(memberName);
  await expect(card).toContainText(MEMBER_REASON);
  await expect(card).toContainText(APPRAISAL_REASON);
  await expect(card.getByRole('button', { name: new RegExp(`^Duyệt ${adjusted.code}`) })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1440, height: 900 });

  await memberLine.getByRole('button', { name: new RegExp(`^Duyệt ${adjusted.code} — Sở Y tế`) }).click();
  await expect(page.getByText('Đã duyệt', { exact: true }).first()).toBeVisible();
  await expect(pending.getByText('1 đề xuất')).toBeVisible();
  await expect(pending.getByRole('row').filter({ hasText: MEMBER_REASON })).toHaveCount(0);
  await expect(page.getByText(`Duyệt: ${chair.fullName}`)).toBeVisible();
  await shoot(page, testInfo, 'chair-approved');
  await logout(page);

  const after = await chairApi.call<CouncilTable>('GET', `/cycles/${cycle.id}/council?groupId=${group.id}`);
  expect(after.rows.find((r) => r.unit.id === syt)!.disputed.find((d) => d.nodeKey === adjusted.key)).toMatchObject({ proposal: { approved: true } });
  await chairApi.dispose();
  await admin.dispose();
});
