import { expect, test } from '@playwright/test';
import type { Unit } from '@chiso/contract';
import { ADMIN_PASSWORD, ADMIN_USER, As, login, snap } from './helpers';

// Two people edit the same unit: the second save meets the first one's change. Nothing is
// overwritten silently; the form keeps what was typed, shows the stored values, and the user
// re-applies their change on top of them.

test('quản trị: hai người cùng sửa một đơn vị — báo xung đột, giữ nội dung đang gõ, áp dụng lại', async ({ page, playwright, baseURL }, testInfo) => {
  const stamp = Date.now().toString(36).toUpperCase();
  const other = await As.login(playwright.request, baseURL!, ADMIN_USER, ADMIN_PASSWORD);
  const [sibling] = (await other.call<{ items: Unit[] }>('GET', `/units?q=${encodeURIComponent('Sở Y tế')}`)).items;
  const unit = await other.call<Unit>('POST', '/units', {
    code: `E2E-XD-${stamp}`, name: `Đơn vị thử xung đột ${stamp}`, typeCode: sibling!.typeCode, parentId: sibling!.parentId, validFrom: '2025-01-01',
  });

  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/units?unit=${unit.id}`);
  await expect(page.getByRole('heading', { name: unit.name })).toBeVisible();
  await page.getByRole('button', { name: /Sửa$/ }).click();
  const dialog = page.getByRole('dialog', { name: `Sửa đơn vị “${unit.name}”` });
  const mine = `Tên do tôi sửa ${stamp}`;
  await dialog.getByLabel('Tên đơn vị').fill(mine);

  // Meanwhile a colleague renames it.
  const theirs = `Tên do đồng nghiệp sửa ${stamp}`;
  await other.call('PATCH', `/units/${unit.id}`, { version: unit.version, name: theirs });

  await dialog.getByRole('button', { name: 'Lưu' }).click();
  const notice = dialog.getByRole('alert').filter({ hasText: 'Đã có người khác sửa bản ghi này' });
  await expect(notice).toBeVisible();
  await expect(notice.getByText(theirs)).toBeVisible();
  await expect(dialog.getByLabel('Tên đơn vị')).toHaveValue(mine);
  await snap(page, testInfo, 'unit-edit-conflict');

  await notice.getByRole('button', { name: 'Áp dụng lại thay đổi của tôi' }).click();
  await expect(page.getByText(`Đã lưu đơn vị “${mine}”`)).toBeVisible();
  await expect(page.getByRole('heading', { name: mine })).toBeVisible();
  const stored = await other.call<Unit>('GET', `/units/${unit.id}`);
  expect(stored).toMatchObject({ name: mine, version: unit.version + 2 });
  await snap(page, testInfo, 'unit-edit-reapplied');
  await other.dispose();
});
