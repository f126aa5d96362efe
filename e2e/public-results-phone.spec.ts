import { expect, test, type Page } from '@playwright/test';
import type { PublicSnapshot, PublishedGroup, UnitPublishedResults, YearOverYear } from '@chiso/contract';
import { chooseOption, snap } from './helpers';

// The public site on a phone, with no login (issue 11 §7): choose a published group, read its ranking
// with field names and the change from the previous year, then open a unit's own page. The demo
// publishes the Đình Lập district's 2024 commune cycle and the communes' 2023 results; the figures
// expected on screen are the public API's own.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** "-7.21" → "−7,21", "2.5" → "+2,5" (the sign and decimal comma the page writes). */
const signed = (text: string) => (text.startsWith('-') ? `\u2212${text.slice(1)}` : Number(text) > 0 ? `+${text}` : text).replace('.', ',');
const comma = (text: string) => text.replace('.', ',');

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${where}: page width` }).toBeLessThanOrEqual(390);
}

test('public results on a phone: a group’s ranking with field names and year-over-year change, then a unit’s page', async ({ page }, testInfo) => {
  const list = (await (await page.request.get('/api/public/results')).json()) as { items: PublishedGroup[] };
  const group = list.items.find((g) => g.year === 2024 && g.groupName.includes('Đình Lập'));
  expect(group, 'the demo publishes the Đình Lập communes of 2024').toBeTruthy();
  const g = group!;
  const snapshot = (await (await page.request.get(`/api/public/results/${g.cycleId}/${g.groupId}`)).json()) as PublicSnapshot;
  const yoy = (await (await page.request.get(`/api/public/results/${g.cycleId}/${g.groupId}/year-over-year`)).json()) as YearOverYear;
  expect(yoy.previousYear, 'the communes have published results the year before').not.toBeNull();

  await page.goto('/cong-khai');
  await expect(page.getByRole('heading', { level: 1, name: 'Kết quả Chỉ số cải cách hành chính' })).toBeVisible();
  // The default: the province's own groups of the newest year first, not another organiser's.
  await expect(page.getByTestId('public-organiser')).toHaveText('Đơn vị tổ chức: UBND tỉnh');
  await chooseOption(page, 'Năm', String(g.year));
  // The group's option names its organiser: several districts publish a "communes" group in one year.
  await chooseOption(page, 'Nhóm', `${g.groupName} — ${g.owner!.name}`);
  await expect(page.getByTestId('public-organiser')).toHaveText(`Đơn vị tổ chức: ${g.owner!.name}`);
  // The page's subtitle names the same organiser (not the province).
  await expect(page.getByTestId('public-intro')).toContainText(`theo quyết định của ${g.owner!.name}`);

  // Each unit a card: rank, name, index and class, and the change from the previous year.
  const rows = page.getByTestId('public-row');
  await expect(rows).toHaveCount(snapshot.rows.length);
  const first = rows.first();
  const top = [...snapshot.rows].sort((a, b) => a.rank - b.rank)[0]!;
  const topChange = yoy.units.find((u) => u.unitId === top.unitId)!;
  await expect(first.getByRole('link', { name: top.unitName })).toBeVisible();
  await expect(first.getByTestId('public-index')).toHaveText(comma(top.index));
  await expect(first.getByTestId('public-change')).toContainText(`So với năm ${yoy.previousYear}`);
  await expect(first.getByTestId('public-index-change')).toHaveText(new RegExp(`^${signed(topChange.change!.index).replace('+', '\\+')}0*\\*?$`));
  if (topChange.change!.rank) await expect(first.getByTestId('public-rank-change')).toHaveText(`${topChange.change!.rank > 0 ? '↑' : '↓'}${Math.abs(topChange.change!.rank)}`);
  await expect(first.getByTestId('public-index-change')).toBeInViewport();
  // The group's classes with their change.
  for (const c of yoy.classes.filter((x) => x.count > 0)) await expect(page.getByTestId('public-class-counts')).toContainText(`${c.label}: ${c.count}`);
  await expectNoSidewaysScroll(page, 'the group page');
  await snap(page, testInfo, 'public-group-phone');

  // The fields by name, a tap away on the card.
  await first.getByText(/^Theo lĩnh vực \(\d+\)$/).click();
  for (const f of top.fields) await expect(first.locator('dt', { hasText: `${f.code}. ${f.name}` })).toBeVisible();

  // Open data beside the ranking: the CSV link answers a UTF-8 file with BOM.
  const openData = page.getByTestId('open-data');
  await expect(openData).toContainText('Dữ liệu mở');
  const csv = await page.request.get((await openData.getByRole('link', { name: 'CSV' }).getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  await expect(openData.getByRole('link', { name: 'Ghi chú phương pháp' })).toBeVisible();

  // The unit's own page: its published results over the years.
  await first.getByRole('link', { name: top.unitName }).click();
  await expect(page).toHaveURL(new RegExp(`/cong-khai/don-vi/${top.unitId}$`));
  await expect(page.getByRole('heading', { level: 1, name: top.unitName })).toBeVisible();
  await expect(page.getByTestId('unit-index')).toHaveText(comma(top.index));
  await expect(page.getByTestId('unit-rank')).toHaveText(`Hạng ${top.rank}/${snapshot.rows.length}`);
  const unitResults = (await (await page.request.get(`/api/public/units/${top.unitId}/results`)).json()) as UnitPublishedResults;
  expect(unitResults.results.map((r) => r.year)).toContain(yoy.previousYear);
  await expect(page.getByTestId('unit-result')).toHaveCount(unitResults.results.length);
  await expect(page.getByTestId('unit-trend')).toBeVisible();
  await expectNoSidewaysScroll(page, 'the unit page');
  await snap(page, testInfo, 'public-unit-phone');

  // Back to the ranking it came from.
  await page.getByRole('link', { name: 'Về bảng xếp hạng' }).click();
  await expect(page.getByTestId('public-organiser')).toHaveText(`Đơn vị tổ chức: ${g.owner!.name}`);

  // On a wide screen the same ranking is a table whose field columns are headed by code and name.
  await page.setViewportSize({ width: 1440, height: 900 });
  const firstField = top.fields[0]!;
  await expect(page.getByRole('columnheader', { name: `${firstField.code}. ${firstField.name}` })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: `So với năm ${yoy.previousYear}` })).toBeVisible();
  await snap(page, testInfo, 'public-group-wide');
  await page.getByRole('table').getByRole('link', { name: top.unitName }).click();
  await expect(page.getByTestId('unit-index')).toHaveText(comma(top.index));
  await snap(page, testInfo, 'public-unit-wide');
});
