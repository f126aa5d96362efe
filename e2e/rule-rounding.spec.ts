import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, chooseOption, login } from './helpers';
import { snapBoth } from './support/shots';

// A proportional criterion in the framework editor: without any rounding declared its points stay
// exact (2 of 3 × 1 point = 2/3), and the rule may declare its own rounding ("làm tròn 2 chữ số").
const here = path.dirname(fileURLToPath(import.meta.url));
const demoFile = path.resolve(here, '../packages/server/src/demo/frameworks/departments-2025.json');
const stamp = Date.now().toString(36).toUpperCase();
const leafKey = 'xu-ly-cac-van-de-phat'; // 1.3.2, proportional, 1 point

test('quản trị: làm tròn điểm của một tiêu chí tỷ lệ thuận, hoặc giữ chính xác', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Bộ tiêu chí' }).click();
  await page.getByRole('button', { name: /Nhập từ tệp$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập bộ tiêu chí từ tệp' });
  await chooseOption(page, 'Chương trình', 'Chỉ số CCHC', dialog);
  await dialog.getByLabel('Năm').fill('2025');
  await dialog.getByLabel('Nhóm đơn vị').fill(`Làm tròn (E2E ${stamp})`);
  await dialog.getByLabel('Tên bộ tiêu chí').fill(`Bộ tiêu chí làm tròn (E2E ${stamp})`);
  // The demo framework without its points rounding (pointsDecimals): computed points stay exact.
  const document = JSON.parse(fs.readFileSync(demoFile, 'utf8'));
  delete document.settings.rounding.pointsDecimals;
  const file = testInfo.outputPath('bo-tieu-chi-chinh-xac.json');
  fs.writeFileSync(file, JSON.stringify(document));
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByText('Tệp hợp lệ')).toBeVisible();
  await dialog.getByRole('button', { name: 'Nhập bộ tiêu chí' }).click();
  await expect(page).toHaveURL(/\/frameworks\/versions\//);

  await page.locator(`[data-node-key="${leafKey}"]`).click();
  await expect(page.getByRole('heading', { name: 'Tiêu chí 1.3.2' })).toBeVisible();
  const preview = page.getByTestId('preview-result');
  await page.locator(`#preview-${leafKey}-num`).fill('2');
  await page.locator(`#preview-${leafKey}-den`).fill('3');
  const rounding = page.getByLabel('Làm tròn điểm');
  await expect(rounding).toBeVisible();
  await expect(page.getByText('Giữ chính xác (không làm tròn)')).toBeVisible();
  await expect(preview).toContainText('1 × 66,67% = 2/3 ≈ 0,667 điểm');
  await expect(preview).toContainText('0,667');
  await snapBoth(page, testInfo, 'rule-exact');

  // The regulation says "làm tròn 2 chữ số": the criterion declares it.
  await chooseOption(page, 'Làm tròn điểm', 'Làm tròn 2 chữ số thập phân');
  await expect(preview).toContainText('1 × 66,67% = 0,67 điểm (làm tròn 2 chữ số thập phân)');
  await snapBoth(page, testInfo, 'rule-rounding');

  // Saved with the draft, and kept when the page is opened again.
  await page.getByRole('button', { name: /Lưu$/ }).click();
  await expect(page.getByText('Đã lưu').first()).toBeVisible();
  await page.reload();
  await page.locator(`[data-node-key="${leafKey}"]`).click();
  await expect(page.getByText('Làm tròn 2 chữ số thập phân')).toBeVisible();
});
