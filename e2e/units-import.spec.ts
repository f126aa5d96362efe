import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ADMIN_PASSWORD, ADMIN_USER, login, snap } from './helpers';

// The administrator imports units from a spreadsheet: a file with bad rows imports nothing and
// lists every bad row with its line and reason; the corrected file is checked, then imported.
// The units then come back out in the Excel export.
test('quản trị: nhập đơn vị từ tệp — tệp có dòng sai không nhập gì và nêu từng dòng, tệp đúng thì nhập', async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36).toUpperCase();
  const header = 'code,name,shortName,type,parentCode,validFrom,validTo';
  const good = [
    `E2E-IM1-${stamp},Ban Quản lý thử nghiệm một ${stamp},,department,LS,2025-01-01,`,
    `E2E-IM2-${stamp},Ban Quản lý thử nghiệm hai ${stamp},,department,LS,01/02/2025,`,
  ];
  const bad = [
    ...good,
    `E2E-IM3-${stamp},Đơn vị loại sai,,khong-co-loai-nay,LS,2025-01-01,`,
    `E2E-IM4-${stamp},Đơn vị ngày sai,,department,LS,2025-02-30,`,
  ];
  const file = (name: string, rows: string[]) => {
    const target = testInfo.outputPath(name);
    fs.writeFileSync(target, [header, ...rows].join('\n') + '\n', 'utf8');
    return target;
  };

  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto('/units');
  await page.getByRole('button', { name: /Nhập từ tệp$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập đơn vị từ tệp CSV hoặc Excel' });
  await dialog.locator('input[type=file]').setInputFiles(file('don-vi-co-loi.csv', bad));
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Tệp có 2 lỗi, chưa nhập dữ liệu nào' })).toBeVisible();
  const problems = dialog.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText('4');
  await expect(problems.nth(0)).toContainText('khong-co-loai-nay');
  await expect(problems.nth(1)).toContainText('5');
  await expect(problems.nth(1)).toContainText('2025-02-30');
  await expect(dialog.getByRole('button', { name: 'Xác nhận nhập' })).toBeDisabled();
  await snap(page, testInfo, 'units-import-refused');

  // Nothing of the bad file was written.
  const before = await page.request.get(`/api/units?q=${encodeURIComponent(`E2E-IM1-${stamp}`)}`);
  expect((await before.json()).items).toEqual([]);

  await dialog.locator('input[type=file]').setInputFiles(file('don-vi.csv', good));
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByText('Sẽ thêm mới 2 và cập nhật 0 đơn vị.')).toBeVisible();
  await snap(page, testInfo, 'units-import-checked');
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByText('Đã nhập: thêm mới 2, cập nhật 0 đơn vị')).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill(`thu nghiem hai ${stamp}`);
  await expect(page.getByRole('tree').getByText(`Ban Quản lý thử nghiệm hai ${stamp}`)).toBeVisible();
  await snap(page, testInfo, 'units-imported');

  // The Excel export carries them.
  await page.getByRole('button', { name: /Xuất tệp$/ }).hover();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tệp Excel (XLSX)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  const cells: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  expect(cells).toEqual(expect.arrayContaining([`E2E-IM1-${stamp}`, `Ban Quản lý thử nghiệm hai ${stamp}`]));
});
