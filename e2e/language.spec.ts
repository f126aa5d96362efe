import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, snap } from './helpers';

// Language journey: Vietnamese by default, switch to English, the choice is remembered.
test('đổi ngôn ngữ sang tiếng Anh và được ghi nhớ', async ({ page }, testInfo) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await snap(page, testInfo, 'login-vi');

  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await snap(page, testInfo, 'login-en');

  // A refusal of the server reads in English too: the catalog message it names, not its Vietnamese text.
  await page.getByLabel('Username').fill('khong.co.tai.khoan.nay');
  await page.getByLabel('Password').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Wrong username or password.' });
  await expect(refusal).toBeVisible();
  await expect(page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.')).toHaveCount(0);
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, testInfo, 'login-error-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(refusal).toBeVisible();
  await snap(page, testInfo, 'login-error-en-390');
  if (wide) await page.setViewportSize(wide);

  await page.getByLabel('Username').fill(ADMIN_USER);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The administrator lands on the cycles; the units are one click away in the navigation.
  await expect(page.getByRole('heading', { name: 'Assessment cycles', level: 1 })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Units', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Units', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Audit trail' })).toBeVisible();
  await expect(page.getByText('Sample data').first()).toBeVisible();
  await snap(page, testInfo, 'units-en');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Units', level: 1 })).toBeVisible();
  // antd's own texts follow the language too (date picker placeholder).
  await expect(page.getByPlaceholder('Today')).toBeVisible();

  await page.getByText('VI', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đơn vị', level: 1 })).toBeVisible();
  await snap(page, testInfo, 'units-vi-again');
});
