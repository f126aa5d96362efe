import { expect, test } from '@playwright/test';
import { DEMO_OFFICER, DEMO_PASSWORD, login, snap } from './helpers';

// A user chooses, on their own account page, one daily digest instead of one e-mail per
// notification; the choice is saved at once and kept after a reload.
test('người dùng chọn nhận thư tóm tắt mỗi ngày trên trang tài khoản của mình', async ({ page }, testInfo) => {
  await login(page, DEMO_OFFICER, DEMO_PASSWORD);
  await page.goto('/change-password');
  const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Thông báo', level: 2 }) });
  await expect(card).toBeVisible();
  const each = card.getByRole('radio', { name: /Mỗi thông báo một thư/ });
  const digest = card.getByRole('radio', { name: /Một thư tóm tắt mỗi ngày/ });
  await expect(each).toBeChecked();
  await expect(card.getByText('lúc 7:00 hằng ngày', { exact: false })).toBeVisible();

  // click, not check(): the group shows the choice once the save has started (a controlled value), which
  // under load is a render later than check() looks.
  await digest.click();
  await expect(digest).toBeChecked();
  await expect(page.getByText('Đã lưu cách nhận thư thông báo.')).toBeVisible();
  await page.reload();
  await expect(card.getByRole('radio', { name: /Một thư tóm tắt mỗi ngày/ })).toBeChecked();

  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, testInfo, 'notification-preferences-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(card).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, testInfo, 'notification-preferences-390');

  // Back to one e-mail per notification.
  await card.getByRole('radio', { name: /Mỗi thông báo một thư/ }).click();
  await expect(card.getByRole('radio', { name: /Mỗi thông báo một thư/ })).toBeChecked();
  await expect(page.getByText('Đã lưu cách nhận thư thông báo.').first()).toBeVisible();
});
