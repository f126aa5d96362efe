import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, chooseOption, login, snap } from './helpers';

// Admin journey through the criteria frameworks: import the demo framework file under a new group
// (the demo loader has its own copy under the demo group), edit a leaf in the draft with the live preview and the validator, save,
// publish, create a new version with a reason, change it and see the difference.
const here = path.dirname(fileURLToPath(import.meta.url));
const demoFile = path.resolve(here, '../packages/server/src/demo/frameworks/departments-2025.json');
const stamp = Date.now().toString(36).toUpperCase();
const group = `Sở, ban, ngành (E2E ${stamp})`;
const leafKey = 'muc-do-hoan-thanh-ke-hoach'; // 1.1.2, tiers on a rate: ≥100% → 2; [80%; 100%) → 1; < 80% → 0
const reason = `Điều chỉnh mức điểm tiêu chí 1.1.2 (E2E ${stamp})`;

test('quản trị: nhập bộ tiêu chí, soạn tiêu chí lá, ban hành, tạo phiên bản mới và so sánh', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Bộ tiêu chí' }).click();
  await expect(page).toHaveURL(/\/frameworks/);
  await expect(page.getByRole('heading', { name: 'Bộ tiêu chí', level: 1 })).toBeVisible();
  await snap(page, testInfo, 'library');

  // Import: check first (dry run), then confirm.
  await page.getByRole('button', { name: /Nhập từ tệp$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập bộ tiêu chí từ tệp' });
  await expect(dialog).toBeVisible();
  await chooseOption(page, 'Chương trình', 'Chỉ số CCHC', dialog);
  await dialog.getByLabel('Năm').fill('2025');
  await dialog.getByLabel('Nhóm đơn vị').fill(group);
  await dialog.getByLabel('Tên bộ tiêu chí').fill(`Bộ tiêu chí sở, ban, ngành 2025 (E2E ${stamp})`);
  await dialog.locator('input[type=file]').setInputFiles(demoFile);
  // The check is a request to the server: fail on its answer, not only on what the dialog shows.
  const checked = page.waitForResponse((r) => r.url().includes('/api/frameworks/import') && r.request().method() === 'POST', { timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const answer = await checked;
  expect(answer.status(), await answer.text()).toBe(200);
  await expect(dialog.getByText('Tệp hợp lệ')).toBeVisible();
  await snap(page, testInfo, 'import-checked');
  await dialog.getByRole('button', { name: 'Nhập bộ tiêu chí' }).click();

  // The editor opens on the new draft.
  await expect(page).toHaveURL(/\/frameworks\/versions\//);
  await expect(page.getByText('Bản nháp').first()).toBeVisible();
  await expect(page.getByTestId('issues')).toContainText('Không có lỗi nào.');
  await page.locator(`[data-node-key="${leafKey}"]`).click();
  await expect(page.getByRole('heading', { name: 'Tiêu chí 1.1.2' })).toBeVisible();

  // Live preview: 90 % falls in [80 %; 100 %) → 1 point; after editing that tier to 1,5 → 1,5.
  const preview = page.getByTestId('preview-result');
  await page.locator(`#preview-${leafKey}-num`).fill('90');
  await page.locator(`#preview-${leafKey}-den`).fill('100');
  await expect(preview).toContainText('Tỷ lệ 90,00% thuộc mức [80%; 100%): 1 điểm');
  await page.getByLabel('Điểm mức 2', { exact: true }).fill('1,5');
  await expect(preview).toContainText('1,5 điểm');
  await expect(page.getByText('Có thay đổi chưa lưu')).toBeVisible();

  // Inline validation: the leaf's maximum no longer adds up to its parent's.
  await page.getByLabel('Điểm tối đa', { exact: true }).fill('2,5');
  const issues = page.getByTestId('issues');
  await expect(issues).toContainText('Tiêu chí 1.1: tổng điểm tối đa các tiêu chí con');
  await expect(page.getByRole('button', { name: /Ban hành$/ })).toBeDisabled();
  await snap(page, testInfo, 'editor-validation-and-preview');
  // Clicking the issue selects the parent criterion.
  await issues.getByRole('button', { name: /Tiêu chí 1\.1: tổng điểm/ }).click();
  await expect(page.getByRole('heading', { name: 'Tiêu chí 1.1' })).toBeVisible();
  await page.locator(`[data-node-key="${leafKey}"]`).click();
  await page.getByLabel('Điểm tối đa', { exact: true }).fill('2');
  await expect(issues).toContainText('Không có lỗi nào.');

  await page.getByRole('button', { name: /Lưu$/ }).click();
  await expect(page.getByText('Đã lưu').first()).toBeVisible();
  await expect(page.getByText('Có thay đổi chưa lưu')).toBeHidden();

  // Publish, with the confirmation that explains the freeze.
  await page.getByRole('button', { name: /Ban hành$/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Ban hành phiên bản 1?' });
  await expect(confirm).toContainText('phiên bản này được khóa lại');
  await snap(page, testInfo, 'publish-confirm');
  await confirm.getByRole('button', { name: 'Ban hành' }).click();
  // (The success toast is short-lived; the page itself must show the frozen state.)
  await expect(page.getByText(/Phiên bản đã ban hành ngày .* không sửa được nữa/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Điểm tối đa', { exact: true })).toBeDisabled();
  await snap(page, testInfo, 'published-read-only');

  // New version: the reason is mandatory.
  await page.getByRole('button', { name: /Tạo phiên bản mới$/ }).click();
  const nv = page.getByRole('dialog', { name: /^Tạo phiên bản mới/ });
  await nv.getByRole('button', { name: 'Tạo phiên bản' }).click();
  await expect(nv.getByText('Vui lòng ghi lý do tạo phiên bản mới')).toBeVisible();
  await nv.getByLabel('Lý do điều chỉnh').fill(reason);
  await nv.getByRole('button', { name: 'Tạo phiên bản' }).click();
  await expect(page.getByText('Phiên bản 2').first()).toBeVisible();
  await expect(page.getByText(`Lý do: ${reason}`)).toBeVisible();

  // Change the leaf in version 2 and save.
  await page.locator(`[data-node-key="${leafKey}"]`).click();
  await page.getByLabel('Tên tiêu chí', { exact: true }).fill('Mức độ hoàn thành kế hoạch CCHC năm (đã điều chỉnh)');
  await page.getByLabel('Điểm mức 3', { exact: true }).fill('0,5');
  await page.getByRole('button', { name: /Lưu$/ }).click();
  await expect(page.getByText('Có thay đổi chưa lưu')).toBeHidden();

  // Diff between version 1 and 2.
  await page.getByRole('link', { name: /So sánh phiên bản/ }).click();
  await expect(page.getByRole('heading', { name: 'So sánh hai phiên bản' })).toBeVisible();
  const changed = page.getByRole('row', { name: /1\.1\.2/ });
  await expect(changed.first()).toContainText('Tên');
  await expect(page.getByText('Mức độ hoàn thành kế hoạch CCHC năm (đã điều chỉnh)').first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Quy tắc chấm điểm' })).toBeVisible();
  await snap(page, testInfo, 'diff');

  // The library lists both versions with their status.
  await page.getByRole('navigation').getByRole('link', { name: 'Bộ tiêu chí' }).click();
  const versions = page.getByRole('region', { name: /Các phiên bản của Bộ tiêu chí sở, ban, ngành 2025 \(E2E/ });
  await expect(versions.getByText('Đã ban hành')).toBeVisible();
  await expect(versions.getByText('Bản nháp')).toBeVisible();
  await expect(versions.getByText(reason)).toBeVisible();
  await snap(page, testInfo, 'library-versions');
});
