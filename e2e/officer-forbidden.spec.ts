import { expect, test } from '@playwright/test';
import { DEMO_OFFICER, DEMO_PASSWORD, login, snap } from './helpers';

// Officer journey: a demo unit officer sees their own unit, and is refused another unit's data.
test('cán bộ đơn vị: xem đơn vị của mình, bị từ chối dữ liệu đơn vị khác (403)', async ({ page }, testInfo) => {
  await login(page, DEMO_OFFICER, DEMO_PASSWORD);
  // An officer's home is their work; their unit is one click away.
  await expect(page).toHaveURL(/\/my-work/);
  await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị của tôi' }).click();
  await expect(page).toHaveURL(/\/my-unit/);
  await expect(page.getByRole('heading', { name: 'Đơn vị của tôi', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Sở Tư pháp/ })).toBeVisible();
  // The side navigation shows an officer only their areas.
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Đơn vị của tôi' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Người dùng' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Nhật ký thay đổi' })).toHaveCount(0);
  await snap(page, testInfo, 'officer-my-unit');

  // Another unit (Sở Y tế) by id.
  const list = await page.request.get('/api/units?q=SYT');
  expect(list.ok()).toBeTruthy();
  const other = ((await list.json()) as { items: { id: string; code: string }[] }).items.find((u) => u.code === 'SYT');
  expect(other, 'demo unit SYT').toBeTruthy();

  const usersCall = page.waitForResponse((r) => r.url().includes(`/api/units/${other!.id}/users`));
  await page.goto(`/units/${other!.id}`);
  expect((await usersCall).status()).toBe(403);
  await expect(page.getByRole('alert').filter({ hasText: 'không có quyền' }).first()).toBeVisible();
  await snap(page, testInfo, 'officer-refused-other-unit');

  // The API refuses directly too, with the error envelope.
  const direct = await page.request.get(`/api/units/${other!.id}/users`);
  expect(direct.status()).toBe(403);
  const body = (await direct.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('FORBIDDEN');

  // The users administration is refused as well, in the UI and by the API.
  const adminUsers = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/users');
  await page.goto('/users');
  expect((await adminUsers).status()).toBe(403);
  await expect(page.getByText('Bạn không có quyền truy cập')).toBeVisible();
  await snap(page, testInfo, 'officer-refused-users');
});
