import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, login, logout, pickOption, snap } from './helpers';

// First-login journey: the admin creates a user (one-time password shown once); the user must
// change the password before anything else.
test('đăng nhập lần đầu bằng mật khẩu tạm thời phải đổi mật khẩu', async ({ page }, testInfo) => {
  const username = `e2e.moi.${Date.now().toString(36)}`;
  const newPassword = 'Mat-khau-moi-2025!';

  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Người dùng' }).click();
  await expect(page.getByRole('heading', { name: 'Người dùng', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: /Thêm người dùng$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm người dùng' });
  await dialog.getByLabel('Tên đăng nhập').fill(username);
  await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Kiểm Thử');
  await pickOption(page, 'Đơn vị', 'Tu phap', dialog);
  await snap(page, testInfo, 'create-user-form');
  await dialog.getByRole('button', { name: 'Lưu' }).click();

  const otpDialog = page.getByRole('dialog', { name: 'Mật khẩu tạm thời' });
  await expect(otpDialog).toBeVisible();
  const temporary = (await otpDialog.getByTestId('one-time-password').innerText()).trim();
  expect(temporary.length).toBeGreaterThanOrEqual(8);
  await snap(page, testInfo, 'one-time-password');
  await otpDialog.getByRole('button', { name: 'Tôi đã lưu mật khẩu' }).click();
  await logout(page);

  await login(page, username, temporary);
  await expect(page).toHaveURL(/\/change-password/);
  await expect(page.getByText('Vui lòng đặt mật khẩu mới để tiếp tục', { exact: false })).toBeVisible();
  await snap(page, testInfo, 'forced-change-password');

  // Going elsewhere leads back to the change-password page.
  await page.goto('/my-unit');
  await expect(page).toHaveURL(/\/change-password/);

  await page.getByLabel('Mật khẩu hiện tại').fill(temporary);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
  await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
  await expect(page.getByText('Mật khẩu phải có ít nhất 10 ký tự')).toBeVisible();
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
  await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
  // An officer's home is their work (the unit's assessments).
  await expect(page).toHaveURL(/\/my-work/);
  await expect(page.getByRole('heading', { name: 'Việc của tôi', level: 1 })).toBeVisible();
  await snap(page, testInfo, 'after-password-change');

  await logout(page);
  await login(page, username, newPassword);
  await expect(page).toHaveURL(/\/my-work/);
});
