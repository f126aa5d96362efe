import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, DEMO_CYCLE, DEMO_PASSWORD, login, logout, openDemoCycle, snap } from './helpers';

// The administrator extends the self-assessment deadline of one unit of the demo cycle, with a
// reason; the set-up and the progress tables show it, and the unit's officer sees the new deadline
// on their work list and on the self-assessment page.
const UNIT = 'Sở Xây dựng tỉnh Lạng Sơn';

/** dd/mm/yyyy of the day `days` from today in Việt Nam (UTC+7, no daylight saving). */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

test('quản trị: gia hạn tự đánh giá cho một đơn vị, có lý do — đơn vị thấy hạn mới', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // After the demo's deadline (14 days from loading) and before its council date (35 days): an
  // extension past the council date is refused.
  const until = dayFromToday(20);
  const reason = `Đơn vị đang kiện toàn bộ máy (E2E ${Date.now().toString(36)})`;

  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await openDemoCycle(page);
  await page.getByRole('tab', { name: 'Thiết lập' }).click();
  const card = page.locator('.ant-card').filter({ has: page.getByText('Gia hạn cho đơn vị', { exact: true }) });
  const row = card.getByRole('row').filter({ hasText: UNIT });
  await row.getByRole('button', { name: 'Gia hạn' }).click();

  const dialog = page.getByRole('dialog', { name: `Gia hạn tự đánh giá: ${UNIT}` });
  await expect(dialog).toBeVisible();
  // A reason is required.
  const date = dialog.getByLabel('Gia hạn đến');
  await date.click();
  await date.fill(until);
  await date.press('Enter');
  await expect(date).toHaveValue(until);
  await dialog.getByRole('button', { name: 'Gia hạn' }).click();
  await expect(dialog.getByText('Vui lòng ghi lý do')).toBeVisible();
  await dialog.getByLabel('Lý do').fill(reason);
  await snap(page, testInfo, 'extension-form');
  await dialog.getByRole('button', { name: 'Gia hạn' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(until);
  await expect(row).toContainText(reason);

  // Progress: the unit's deadline is the extended one.
  await page.getByRole('tab', { name: 'Tiến độ' }).click();
  await expect(page.getByRole('row').filter({ hasText: UNIT }).first()).toContainText(until);
  await snap(page, testInfo, 'progress');
  await logout(page);

  // The unit's officer.
  await login(page, 'sxd.canbo', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/my-work/);
  // Other specs may have made cycles of their own with this unit in them: take the demo cycle's card.
  const demoCard = page.locator('.as-work-card').filter({ hasText: DEMO_CYCLE });
  await expect(demoCard.getByText(until)).toBeVisible();
  await demoCard.getByRole('button', { name: /(Tiếp tục|Xem kết quả) tự đánh giá$/ }).click();
  await expect(page.getByTestId('deadline')).toContainText(until);
  await snap(page, testInfo, 'officer-deadline');
});
