import { expect, test } from '@playwright/test';
import { As, DEMO_CYCLE, DEMO_OFFICER, DEMO_PASSWORD, chooseOption, login, logout, snap } from './helpers';

// Mid-year risk (issue 12 §5): in the demo's open cycle, two weeks before its self-assessment deadline,
// the administrator sees the units with points at risk and the sums per appraising agency, and opens a
// unit's list of criteria; Sở Tư pháp's officer sees only its own list (the cycle-wide answer is refused).
// Read-only: the spec changes nothing on the shared demo server.
const DEMO_ADMIN = 'snv.quantri';

test('nguy cơ mất điểm: quản trị viên thấy theo đơn vị và theo cơ quan thẩm định, đơn vị chỉ thấy của mình', async ({ page, baseURL, playwright }, testInfo) => {
  test.setTimeout(120_000);

  // ---------- the administrator, from the follow-up dashboard ----------
  await login(page, DEMO_ADMIN, DEMO_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Theo dõi, khắc phục' }).click();
  const card = page.getByRole('region', { name: 'Nguy cơ mất điểm' });
  // The card reads a whole cycle (the communes' has 65 units): give it time on a busy machine.
  await expect(card.getByText(/điểm có nguy cơ mất ở [\d.]+ tiêu chí của [\d.]+ đơn vị/)).toBeVisible({ timeout: 30_000 });
  await card.getByRole('link', { name: 'Xem chi tiết' }).click();
  await expect(page.getByRole('heading', { name: 'Tiêu chí có nguy cơ mất điểm', level: 1 })).toBeVisible();
  await chooseOption(page, 'Kỳ đánh giá', DEMO_CYCLE);
  await expect(page.getByText(/^[\d.]+,\d{2} điểm có nguy cơ mất ở [\d.]+ tiêu chí của [\d.]+ đơn vị$/)).toBeVisible();

  const byUnit = page.getByRole('region', { name: 'Theo đơn vị' });
  const unitRows = byUnit.locator('tbody tr.ant-table-row');
  await expect(unitRows.first()).toBeVisible();
  // Units sorted by points at risk, Vietnamese decimals ("12,50").
  await expect(unitRows.first().locator('td').nth(1)).toHaveText(/^[\d.]+,\d{2}$/);
  const byAgency = page.getByRole('region', { name: 'Theo cơ quan thẩm định' });
  await expect(byAgency.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await snap(page, testInfo, 'admin-risk-sums');

  // A unit's list: each criterion with its reason and a link to it in the self-assessment; what the unit
  // has not assessed yet (early in the demo's cycle: everything) folded into one line with its count.
  const firstUnit = (await unitRows.first().locator('td').first().innerText()).trim();
  await unitRows.first().getByRole('button', { name: firstUnit }).click();
  await expect(page.getByText(firstUnit, { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /^(Mở tiêu chí|Mở phiếu tự đánh giá)$/ }).first()).toBeVisible();
  await expect(page.getByText(/Thiếu tài liệu kiểm chứng|Số liệu dưới mức được điểm|Nhiệm vụ quá hạn|Chưa tự đánh giá/).first()).toBeVisible();
  await expect(page.getByText(/^[\d.]+ tiêu chí chưa tự đánh giá$/).or(page.getByRole('link', { name: 'Mở tiêu chí' })).first()).toBeVisible();
  await snap(page, testInfo, 'admin-risk-unit');
  await page.getByRole('button', { name: 'Tất cả đơn vị' }).click();
  await expect(byUnit).toBeVisible();
  await logout(page);

  // ---------- Sở Tư pháp's officer: its own list only ----------
  await login(page, DEMO_OFFICER, DEMO_PASSWORD);
  await page.goto('/follow-up');
  const own = page.getByRole('region', { name: 'Nguy cơ mất điểm của đơn vị' });
  await expect(own).toBeVisible();
  await own.getByRole('link', { name: 'Xem chi tiết' }).click();
  await expect(page.getByRole('heading', { name: 'Tiêu chí có nguy cơ mất điểm', level: 1 })).toBeVisible();
  await chooseOption(page, 'Kỳ đánh giá', DEMO_CYCLE);
  await expect(page.locator('.ant-card-head-title', { hasText: 'Sở Tư pháp' })).toBeVisible();
  await expect(page.getByText(/điểm có nguy cơ mất ở [\d.]+ tiêu chí$|Không có tiêu chí nào có nguy cơ mất điểm/).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Theo đơn vị' })).toHaveCount(0);
  await snap(page, testInfo, 'officer-risk-own');

  // The cycle-wide sums and another unit's list are refused to the officer, in Vietnamese.
  const officer = await As.login(playwright.request, baseURL!, DEMO_OFFICER);
  const cycles = await officer.call<{ items: { id: string; name: string }[] }>('GET', '/cycles');
  const cycle = cycles.items.find((c) => c.name === DEMO_CYCLE)!;
  const all = await officer.answer('GET', `/cycles/${cycle.id}/risk`);
  expect(all.status).toBe(403);
  expect(JSON.stringify(all.body)).toContain('đơn vị xem danh sách của đơn vị mình');
  await officer.dispose();
});
