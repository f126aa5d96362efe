import { expect, test } from '@playwright/test';
import type { CycleSummary, Items, PublishedGroup, ReportCard, ResultSnapshot } from '@chiso/contract';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout } from './helpers';
import { COUNCIL, accountsOf, acceptAll, acceptInstead, createCycle, fillUnit, freeYear, setCalendar, unitStates, type Assessment, type Leaf } from './support/cycle';
import { snapBoth } from './support/shots';

// Issue 11 §4–5, "Done when": a unit finds its three biggest lost-point criteria and the what-if
// gain for one. Three departments go through a cycle of their own (API, as each role would): Sở
// Xây dựng enters lower values on some criteria (a lower choice, a rate below the top tier, a "no"),
// the appraiser lowers one more with a reason, the council approves and the results are published.
// Its officer then finds the report card from its home, in the browser; the province's
// administrator reads the same card with the group's weak criteria.
const PROGRAM = 'par-index';
const UNITS = ['SYT', 'SCT', 'SXD'];
const ME = 'SXD';
const REASON = 'Báo cáo gửi sau thời hạn quy định';

/** A lower input than the maximum for the leaf, where its rule has one. */
function lowerInput(l: Leaf): Record<string, unknown> | undefined {
  const r = l.rule!;
  switch (r.type) {
    case 'choice': {
      const sorted = [...r.options].sort((a, b) => Number(b.points) - Number(a.points));
      return sorted.length > 1 ? { kind: 'choice', option: sorted[1]!.key } : undefined;
    }
    case 'yes_no': return { kind: 'yes_no', value: false };
    case 'rate_tiers': return { kind: 'rate', numerator: '6', denominator: '10' };
    default: return undefined;
  }
}

test('phiếu kết quả: đơn vị tìm ba tiêu chí mất nhiều điểm nhất và mức tăng “nếu… thì…” từ trang của mình', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(420_000);
  const base = baseURL!;
  const api = playwright.request;
  const admin = await As.login(api, base, ADMIN_USER, ADMIN_PASSWORD);
  const year = await freeYear(admin, PROGRAM);
  const built = await createCycle(admin, {
    program: PROGRAM, year, name: `Chỉ số CCHC năm ${year} (phiếu kết quả)`, groupOf: ME, unitCodes: UNITS, frameworkLabel: /sở, ban, ngành/i,
    agencies: 'own', chair: COUNCIL.chair,
  });
  const cycleId = built.cycle.id;
  const me = built.unit(ME);

  // ---------- self-assessment (API): Sở Xây dựng lower on every fourth criterion, Sở Công Thương on a few ----------
  const lowerEvery = (n: number, offset: number) => (l: Leaf) => (built.leaves.indexOf(l) % n === offset ? lowerInput(l) : undefined);
  for (const code of UNITS) {
    await fillUnit(api, base, cycleId, built.unit(code), {
      input: (l) => {
        const by = built.leaves.find((x) => x.key === l.key) ?? l;
        return code === ME ? lowerEvery(4, 1)(by) : code === 'SCT' ? lowerEvery(9, 2)(by) : undefined;
      },
      submit: true,
    });
  }

  // ---------- appraisal (API): one of Sở Xây dựng's criteria lowered with a reason, the rest accepted ----------
  await setCalendar(admin, cycleId, 'appraisal');
  const lowered = built.leaves.find((l, i) => i % 4 !== 1 && l.rule?.type === 'choice' && l.agency)!;
  const appraiser = await As.login(api, base, built.appraiserFor(lowered.agency!), DEMO_PASSWORD);
  await appraiser.call('POST', `/cycles/${cycleId}/units/${me.id}/actions/start_appraisal`, {});
  const mine = await appraiser.call<Assessment>('GET', `/cycles/${cycleId}/units/${me.id}/assessment`);
  const options = [...(lowered.rule as { options: { key: string; points: string }[] }).options].sort((a, b) => Number(a.points) - Number(b.points));
  await appraiser.call('POST', `/cycles/${cycleId}/units/${me.id}/criteria/${lowered.key}/decide`, {
    version: mine.records[lowered.key]!.version, decision: { kind: 'adjust', value: { input: { kind: 'choice', option: options[0]!.key } }, reason: REASON },
  });
  await appraiser.dispose();
  const ids = built.units.map((u) => u.id);
  for (const user of built.appraisers) await acceptAll(api, base, cycleId, user, ids);
  await acceptInstead(api, base, cycleId, ids);
  expect(Object.values(await unitStates(admin, cycleId, ids))).toEqual(ids.map(() => 'appraised'));

  // ---------- council and publication (API) ----------
  await setCalendar(admin, cycleId, 'council');
  const member = await As.login(api, base, COUNCIL.member, DEMO_PASSWORD);
  for (const u of built.units) await member.call('POST', `/cycles/${cycleId}/units/${u.id}/actions/record_council_review`, {});
  await member.dispose();
  const chair = await As.login(api, base, COUNCIL.chair, DEMO_PASSWORD);
  for (const u of built.units) await chair.call('POST', `/cycles/${cycleId}/units/${u.id}/actions/approve`, {});
  await chair.dispose();
  await admin.call('POST', `/cycles/${cycleId}/groups/${built.groupId}/publish`, { decisionNumber: '52/QĐ-UBND' });

  // What the server says of the unit's card: the three biggest losses, and the best what-if.
  const officerApi = await As.login(api, base, accountsOf(ME).officer, DEMO_PASSWORD);
  const card = await officerApi.call<ReportCard>('GET', `/cycles/${cycleId}/results/${built.groupId}/units/${me.id}/report-card`);
  await officerApi.dispose();
  expect(card.replayExact).toBe(true);
  expect(card.ledger.lines.length, 'Sở Xây dựng lost points on several criteria').toBeGreaterThanOrEqual(3);
  expect(card.ledger.lines.find((l) => l.nodeKey === lowered.key)).toMatchObject({ kind: 'appraisal_change', reason: REASON });
  const top3 = card.ledger.lines.slice(0, 3);
  const best = card.whatIf[0]!;
  expect(Number(best.indexGain)).toBeGreaterThan(0);

  // ---------- the unit's officer: from its home to the report card ----------
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, accountsOf(ME).officer, DEMO_PASSWORD);
  const links = page.getByTestId('report-card-links');
  await links.getByRole('link', { name: `Phiếu kết quả năm ${year}` }).click();
  const shown = page.getByTestId('report-card');
  await expect(shown.getByRole('heading', { level: 1 })).toContainText(me.name);
  await expect(shown).toContainText(`${card.rank}/${card.rankedUnits}`);
  // Its three biggest lost-point criteria, first in the ledger, biggest first.
  const rows = page.getByTestId('ledger').locator('tbody tr.ant-table-row');
  for (const [i, l] of top3.entries()) {
    await expect(rows.nth(i)).toContainText(l.code);
    await expect(rows.nth(i)).toContainText(`−${l.lost.replace('.', ',')}`);
  }
  await expect(page.getByTestId(`ledger-${top3.find((l) => l.nodeKey === lowered.key)?.code ?? lowered.code}`)).toContainText(REASON);
  // The what-if gain for one criterion.
  const whatIf = page.getByTestId(`what-if-${best.code}-${best.target}`);
  await expect(whatIf).toContainText(`+${best.gain.replace('.', ',')} điểm ở ${best.code}`);
  await expect(whatIf).toContainText(`chỉ số ${best.after.index!.replace('.', ',')}`);
  await snapBoth(page, testInfo, 'report-card-unit');
  // A line opens the criterion's figures, evidence and decisions.
  await page.getByTestId(`ledger-${lowered.code}`).click();
  await expect(page.getByTestId('criterion-drawer')).toContainText(REASON);
  await snapBoth(page, testInfo, 'report-card-criterion', { screen: true });
  await page.keyboard.press('Escape');
  // The group's weak criteria are not the unit's to read: no panel.
  await expect(page.getByTestId('weak-criteria')).toHaveCount(0);
  await logout(page);

  // ---------- the province's administrator: the same card, and the group's weak criteria ----------
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/results/${cycleId}/${built.groupId}/units/${me.id}`);
  await expect(page.getByTestId('weak-criteria')).toBeVisible();
  await expect(page.getByTestId('rank-sensitivity')).toBeVisible();
  await snapBoth(page, testInfo, 'report-card-province');

  // The demo's own published 2024 commune index of Đình Lập: a commune's card with its losses and what-if.
  const dinhLap = (await admin.call<Items<CycleSummary>>('GET', '/cycles')).items.find((c) => c.year === 2024 && /Đình Lập/.test(c.name));
  if (dinhLap) {
    const groups = await admin.call<Items<PublishedGroup>>('GET', `/cycles/${dinhLap.id}/results`);
    const g = groups.items[0]!;
    const snapshot = await admin.call<ResultSnapshot>('GET', `/cycles/${dinhLap.id}/results?groupId=${g.groupId}`);
    const last = snapshot.rows[snapshot.rows.length - 1]!;
    await page.goto(`/results/${dinhLap.id}/${g.groupId}/units/${last.unitId}`);
    await expect(page.getByTestId('report-card').getByRole('heading', { level: 1 })).toContainText(last.unitName);
    await expect(page.getByTestId('ledger')).toBeVisible();
    await snapBoth(page, testInfo, 'report-card-dinh-lap');
  }
  await admin.dispose();
});
