import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, chooseOption, login, pickOption, snap } from './helpers';

// Admin journey: log in, create two units, merge them into a new one, find the merge in the audit trail.
const stamp = Date.now().toString(36).toUpperCase();
const codeA = `E2E-A-${stamp}`;
const codeB = `E2E-B-${stamp}`;
const codeAB = `E2E-AB-${stamp}`;
const reason = `Kiểm thử sáp nhập ${stamp}`;

async function createUnit(page: Page, code: string, name: string) {
  await page.getByRole('button', { name: /Thêm đơn vị$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm đơn vị' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Mã đơn vị').fill(code);
  await dialog.getByLabel('Tên đơn vị').fill(name);
  await chooseOption(page, 'Loại đơn vị', undefined, dialog);
  await pickOption(page, 'Đơn vị cấp trên', 'UBND tinh', dialog);
  // Valid from an earlier date: a merge must come after the units began.
  const validFrom = dialog.getByLabel('Hiệu lực từ ngày');
  await validFrom.click();
  await validFrom.fill('01/01/2025');
  await validFrom.press('Enter');
  await expect(validFrom).toHaveValue('01/01/2025');
  return dialog;
}

test('quản trị: tạo đơn vị, sáp nhập hai đơn vị, thấy thao tác trong nhật ký', async ({ page }, testInfo) => {
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  // The administrator's home is the cycles (their progress one click away); units are in the navigation.
  await expect(page).toHaveURL(/\/cycles/);
  await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await expect(page).toHaveURL(/\/units/);
  await expect(page.getByText('Dữ liệu mẫu').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Đơn vị', level: 1 })).toBeVisible();
  await snap(page, testInfo, 'units-tree');

  // Diacritics-insensitive search.
  await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('ubnd tinh');
  await expect(page.getByRole('tree').getByText(/UBND tỉnh/).first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('');

  // A failed save keeps what was typed and shows the field error in place.
  let dialog = await createUnit(page, codeA, 'Đơn vị thử nghiệm A');
  await snap(page, testInfo, 'create-unit-form');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText(`Đã lưu đơn vị “Đơn vị thử nghiệm A”`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Đơn vị thử nghiệm A' })).toBeVisible();
  await snap(page, testInfo, 'unit-a-created');

  dialog = await createUnit(page, codeA, 'Đơn vị trùng mã');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByRole('alert').first()).toBeVisible();
  await expect(dialog.getByLabel('Tên đơn vị')).toHaveValue('Đơn vị trùng mã');
  await snap(page, testInfo, 'duplicate-code-kept-values');
  await dialog.getByLabel('Mã đơn vị').fill(codeB);
  await dialog.getByLabel('Tên đơn vị').fill('Đơn vị thử nghiệm B');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { name: 'Đơn vị thử nghiệm B' })).toBeVisible();

  // Merge A and B into a new unit.
  await page.getByRole('button', { name: /^merge-cells Sáp nhập$/ }).click();
  const merge = page.getByRole('dialog', { name: 'Sáp nhập đơn vị' });
  await expect(merge).toBeVisible();
  await pickOption(page, 'Các đơn vị được sáp nhập', codeA, merge);
  await pickOption(page, 'Các đơn vị được sáp nhập', codeB, merge);
  await page.keyboard.press('Escape');
  await merge.getByLabel('Mã đơn vị').fill(codeAB);
  await merge.getByLabel('Tên đơn vị').fill('Đơn vị hợp nhất AB');
  await chooseOption(page, 'Loại đơn vị', undefined, merge);
  await pickOption(page, 'Đơn vị cấp trên', 'UBND tinh', merge);
  await merge.getByLabel('Lý do').fill(reason);
  await snap(page, testInfo, 'merge-form');
  await merge.getByRole('button', { name: 'Sáp nhập' }).click();
  await expect(page.getByText('Đã sáp nhập vào “Đơn vị hợp nhất AB”')).toBeVisible();
  const detail = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Đơn vị hợp nhất AB' }) });
  await expect(detail.getByText('Đơn vị thử nghiệm A')).toBeVisible();
  await expect(detail.getByText('Đơn vị thử nghiệm B')).toBeVisible();
  await snap(page, testInfo, 'merged-unit-lineage');

  // The merge is in the audit trail, with its reason and before/after values.
  await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký thay đổi' }).click();
  await expect(page.getByRole('heading', { name: 'Nhật ký thay đổi', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: reason }).first();
  await expect(row).toBeVisible();
  await row.getByRole('button').first().click();
  await expect(page.getByRole('columnheader', { name: 'Trước' })).toBeVisible();
  await snap(page, testInfo, 'audit-merge-expanded');
});
