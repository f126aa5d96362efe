import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login, snap } from './helpers';

// The administrator follows the province's external indices (issue 12 §4, demo values marked as
// sample data): opens PAPI, reads 2023 as officials write it ("xếp hạng 21/63, giảm 0,37 điểm,
// giảm 08 bậc"), imports a new year's values from the year's template (a wrong rank refused with
// its line first) and sees the year in the table and the chart. Re-running on the same demo is
// harmless: the same figures import as unchanged.
const DEMO_ADMIN = 'snv.quantri';

test('the administrator reads PAPI and imports a new year from the template', async ({ page }, testInfo) => {
  await login(page, DEMO_ADMIN, DEMO_PASSWORD);
  await page.goto('/follow-up/external?index=PAPI');
  await expect(page.getByRole('tab', { name: 'PAPI', selected: true })).toBeVisible();
  await expect(page.getByTestId('external-source')).toContainText('DỮ LIỆU MINH HỌA');

  const periods = page.getByTestId('external-periods');
  await periods.getByRole('row').filter({ hasText: /^2023/ }).click();
  await expect(periods.getByRole('row').filter({ hasText: /^2023/ })).toContainText('PAPI 2023 xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc');
  await expect(page.getByText('Các thành phần kỳ 2023')).toBeVisible();
  const components = page.getByTestId('external-components');
  await expect(components.getByRole('row').filter({ hasText: 'Thủ tục hành chính công' })).toContainText('Trung tâm Phục vụ hành chính công');
  await snap(page, testInfo, 'papi-2023');

  // ---------- the 2025 template, a refused file, then the import ----------
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập giá trị chỉ số PAPI' });
  await dialog.getByLabel('Tệp mẫu năm').fill('2025');
  const download = page.waitForEvent('download');
  await dialog.getByRole('link', { name: /Tải tệp mẫu/ }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(await (await download).path()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 4)).toEqual(['Kỳ', 'Giá trị', 'Thứ hạng', 'Số tỉnh xếp hạng']);
  expect(header).toContain('Quản trị điện tử (P8)');
  const row = sheet.getRow(2);
  expect(String(row.getCell(1).value)).toBe('2025');
  const column = (name: string) => header.indexOf(name) + 1;
  row.getCell(column('Giá trị')).value = 44.15;
  row.getCell(column('Thứ hạng')).value = 70;
  row.getCell(column('Số tỉnh xếp hạng')).value = 34;
  row.getCell(column('Quản trị điện tử (P8)')).value = 3.1;
  const bad = testInfo.outputPath('papi-2025-sai.xlsx');
  await workbook.xlsx.writeFile(bad);
  await dialog.locator('input[type=file]').setInputFiles(bad);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('table')).toContainText('Thứ hạng 70 lớn hơn số tỉnh, thành phố xếp hạng (34)');
  await expect(dialog.getByRole('button', { name: 'Xác nhận nhập' })).toBeDisabled();

  row.getCell(column('Thứ hạng')).value = 12;
  const good = testInfo.outputPath('papi-2025.xlsx');
  await workbook.xlsx.writeFile(good);
  await dialog.locator('input[type=file]').setInputFiles(good);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('status')).toContainText('giá trị sẽ được ghi');
  await snap(page, testInfo, 'import-checked');
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(dialog).toBeHidden();

  // ---------- 2025 in the table, the sentence and the chart (34 provinces: ranks not compared) ----------
  await expect(periods.getByRole('row').filter({ hasText: /^2025/ })).toContainText('12/34');
  await expect(page.getByTestId('external-sentence')).toHaveText('PAPI 2025 xếp hạng 12/34, tăng 0,32 điểm');
  await expect(page.getByTestId('external-trend')).toHaveAttribute('aria-label', /2025 44,15 \(12\/34\)/);
  await snap(page, testInfo, 'papi-2025-imported');
});
