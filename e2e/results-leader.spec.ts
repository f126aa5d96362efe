import { expect, test, type Page } from '@playwright/test';
import type { Items, PublishedGroup, ResultSnapshot, YearOverYear } from '@chiso/contract';
import { As, DEMO_PASSWORD, chooseOption, login, snap } from './helpers';

// The leaders' home (issue 11 §3): a provincial leader (leader_viewer in the demo province,
// packages/server/src/demo/province/lang-son.json) logs in straight onto the charts of the newest
// year's province groups (the departments first), switches to another group, reads the change from the previous year, and opens a
// unit's report card from the ranking chart. Figures are checked against the server's own answers.
const LEADER = 'ubnd.chutich';

/** "-7.21" → "−7,21", "2.5" → "+2,50": a change as the page writes it. */
const signed = (text: string) => {
  const n = Number(text);
  const body = Math.abs(n).toFixed(2).replace('.', ',');
  return n > 0 ? `+${body}` : n < 0 ? `\u2212${body}` : body;
};
const vi = (text: string) => text.replace('.', ',');
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The group shown, as the page names it above the figures. */
const source = (page: Page) => page.getByTestId('results-source');

test('lãnh đạo: vào thẳng biểu đồ kết quả, đổi nhóm, thấy thay đổi so với năm trước và mở phiếu kết quả của một đơn vị', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const leader = await As.login(playwright.request, baseURL!, LEADER);
  const published = (await leader.call<Items<PublishedGroup>>('GET', '/public/results')).items;
  expect(published.length, 'the demo has published results').toBeGreaterThan(1);
  // The province's leader lands on the province's newest groups, in the group set's order (the
  // departments first), not on whatever was published last (a district's communes) nor on a newer year
  // of a lower level (other tests publish a department's own cycle of a later year).
  const provinces = published.filter((g) => g.owner === null);
  const newestYear = Math.max(...provinces.map((g) => g.year));
  const home = provinces.find((g) => g.year === newestYear && g.groupName === 'Sở, ban, ngành')!;
  expect(home, 'the demo publishes the departments in the province’s newest year').toBeTruthy();
  const lastPublished = published.filter((g) => g.year === home.year).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0]!;
  expect(lastPublished.owner, 'the demo publishes a lower level last').not.toBeNull();

  // ---- login lands on the charts of the province's departments; ECharts comes with the charts, not with the login page ----
  await page.setViewportSize({ width: 1440, height: 900 });
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await page.goto('/login');
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
  expect(scripts.filter((s) => /\/echarts-[^/]*\.js$/.test(s)), 'the login page does not load ECharts').toEqual([]);
  await login(page, LEADER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/results(?:\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kết quả chỉ số' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Kết quả' })).toBeVisible();
  await expect(source(page)).toContainText(`${home.groupName} — ${home.year}`);
  const ranking = page.getByTestId('ranking-chart');
  await expect(ranking.locator('svg')).toBeVisible();
  expect(scripts.some((s) => /\/echarts-[^/]*\.js$/.test(s)), 'ECharts is loaded with the charts').toBe(true);
  // The chart tells screen readers what it shows, unit by unit.
  const homeRows = (await leader.call<ResultSnapshot>('GET', `/cycles/${home.cycleId}/results?groupId=${home.groupId}`)).rows;
  const first = homeRows.find((r) => r.rank === 1)!;
  await expect(ranking).toHaveAttribute('aria-label', new RegExp(literal(`1. ${first.unitName}: ${vi(first.index)}`)));
  await snap(page, testInfo, 'leader-home');

  // ---- another group (a district's, published last), then back to the departments ----
  await chooseOption(page, 'Nhóm', lastPublished.groupName);
  await expect(page).toHaveURL(new RegExp(`group=${lastPublished.groupId}`));
  await expect(source(page)).toContainText(`${lastPublished.groupName} — ${lastPublished.year}`);
  const other = home;
  await chooseOption(page, 'Nhóm', other.groupName);
  await expect(page).toHaveURL(new RegExp(`group=${other.groupId}`));
  await expect(source(page)).toContainText(`${other.groupName} — ${other.year}`);

  // ---- year over year: the average's change and each unit's, as the server computes them ----
  const yoy = await leader.call<YearOverYear>('GET', `/cycles/${other.cycleId}/results/${other.groupId}/year-over-year`);
  expect(yoy.previousYear, 'the demo has an earlier year for the departments').not.toBeNull();
  await expect(page.getByTestId('average-change')).toContainText(`${signed(yoy.averageIndexChange!)} so với năm ${yoy.previousYear}`);
  const compared = yoy.units.filter((u) => u.change !== null);
  expect(compared.length).toBeGreaterThan(0);
  for (const u of compared.slice(0, 3)) {
    await expect(page.getByTestId(`index-change-${u.unitCode}`)).toHaveText(signed(u.change!.index));
  }
  const moved = compared.find((u) => (u.change!.rank ?? 0) !== 0);
  if (moved) {
    const places = moved.change!.rank!;
    const row = page.getByTestId('results-table').getByRole('row').filter({ has: page.getByTestId(`unit-link-${moved.unitCode}`) });
    await expect(row).toContainText(places > 0 ? `tăng ${places} bậc` : `giảm ${-places} bậc`);
  }
  await snap(page, testInfo, 'leader-departments');

  // ---- a bar of the ranking opens the unit's report card ----
  const rows = (await leader.call<ResultSnapshot>('GET', `/cycles/${other.cycleId}/results?groupId=${other.groupId}`)).rows;
  const top = rows.find((r) => r.rank === 1)!;
  // The bar's value label (its index) is part of the bar.
  await page.getByTestId('ranking-chart').locator('svg text').filter({ hasText: new RegExp(`^${literal(vi(top.index))}$`) }).first().click();
  await expect(page).toHaveURL(new RegExp(`/results/${other.cycleId}/${other.groupId}/units/${top.unitId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(top.unitName);
  await snap(page, testInfo, 'leader-report-card');

  // ---- on a phone: the same dashboard, the table as one block per unit, nothing wider than the screen ----
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/results?cycle=${other.cycleId}&group=${other.groupId}`);
  await expect(page.getByTestId('ranking-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('results-list').getByTestId(`unit-link-${top.unitCode}`)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll on a phone').toBeLessThanOrEqual(390);
  await snap(page, testInfo, 'leader-phone');
});
