import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, login, openDemoCycle, snap } from './helpers';

// The administrator imports the points of a sociological survey run elsewhere into the demo
// cycle: downloads the template (every unit × survey criterion), fills it in Excel's place,
// meets the check's refusal of two bad rows (nothing imported), corrects them and imports; the
// template downloaded again carries the stored points.
const HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Tiêu chí', 'Nội dung tiêu chí', 'Điểm tối đa', 'Điểm'];

async function downloadTemplate(page: Page, dialog: ReturnType<Page['getByRole']>): Promise<ExcelJS.Workbook> {
  const download = page.waitForEvent('download');
  await dialog.getByRole('link', { name: /Tải tệp mẫu/ }).click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(file) as unknown as ExcelJS.Buffer);
  return workbook;
}

async function openDialog(page: Page) {
  await page.getByRole('button', { name: /Nhập điểm điều tra XHH$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập điểm điều tra xã hội học' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('quản trị: nhập điểm điều tra xã hội học từ tệp mẫu — tệp có dòng sai không nhập gì, tệp đúng thì nhập', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await openDemoCycle(page);
  let dialog = await openDialog(page);
  await snap(page, testInfo, 'dialog');

  // The template: one row per participating unit and survey criterion.
  const workbook = await downloadTemplate(page, dialog);
  const sheet = workbook.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
  expect(sheet.rowCount).toBeGreaterThan(8);
  const first = sheet.getRow(2);
  const second = sheet.getRow(3);
  const [unitA, criterionA, maxA] = [String(first.getCell(1).value), String(first.getCell(3).value), Number(first.getCell(5).value)];
  const [unitB, criterionB] = [String(second.getCell(1).value), String(second.getCell(3).value)];
  expect(maxA).toBeGreaterThan(1);
  // The demo's own survey has fed its points already (the template carries them): the official types only the two below.
  for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(6).value = null;

  // Two bad rows: above the maximum, and not a number.
  first.getCell(6).value = maxA + 1;
  second.getCell(6).value = 'khá';
  const bad = testInfo.outputPath('diem-dieu-tra-sai.xlsx');
  await workbook.xlsx.writeFile(bad);
  await dialog.locator('input[type=file]').setInputFiles(bad);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Tệp có 2 lỗi, chưa nhập dữ liệu nào' })).toBeVisible();
  const problems = dialog.getByRole('table');
  await expect(problems).toContainText(`vượt điểm tối đa`);
  await expect(problems).toContainText('“khá” không phải số điểm hợp lệ');
  await expect(problems.getByRole('row')).toHaveCount(3);
  await expect(dialog.getByRole('button', { name: 'Xác nhận nhập' })).toBeDisabled();
  await snap(page, testInfo, 'refused');

  // Corrected: one point with a decimal point, one typed with a decimal comma; the rest left blank.
  first.getCell(6).value = 1.25;
  second.getCell(6).value = '0,5';
  const good = testInfo.outputPath('diem-dieu-tra.xlsx');
  await workbook.xlsx.writeFile(good);
  await dialog.locator('input[type=file]').setInputFiles(good);
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const blank = sheet.rowCount - 1 - 2;
  await expect(dialog.getByRole('status')).toContainText(`Sẽ nhập 2 điểm; ${blank} dòng để trống điểm được bỏ qua.`);
  await snap(page, testInfo, 'checked');
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByText('Đã nhập 2 điểm điều tra xã hội học')).toBeVisible();
  await expect(dialog).toBeHidden();

  // The template now carries what was stored.
  dialog = await openDialog(page);
  const after = (await downloadTemplate(page, dialog)).worksheets[0]!;
  const pointsOf = (unit: string, criterion: string) => {
    for (let r = 2; r <= after.rowCount; r++) {
      const row = after.getRow(r);
      if (String(row.getCell(1).value) === unit && String(row.getCell(3).value) === criterion) return row.getCell(6).value;
    }
    return 'missing';
  };
  expect(pointsOf(unitA, criterionA)).toBe(1.25);
  expect(pointsOf(unitB, criterionB)).toBe(0.5);
  await dialog.getByRole('button', { name: 'Hủy' }).click();
});
