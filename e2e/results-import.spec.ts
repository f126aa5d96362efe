import { expect, test } from '@playwright/test';
import type { GroupSet, Items, Unit } from '@chiso/contract';
import { ADMIN_PASSWORD, ADMIN_USER, As, chooseOption, login, snap } from './helpers';

// Earlier years' published results (issue 11 §2): the province's administrator imports a group's
// 2021 table from a CSV file on the cycles page — a file with a bad row first (refused, every
// problem listed), then the corrected one — and the imported cycle shows in the list marked
// “Nhập từ tệp”; its page and the published table open on a wide screen and on a phone.
const YEAR = 2021;

test('nhập kết quả đã công bố năm trước từ tệp CSV; kỳ nhập từ tệp xem được trên máy tính và điện thoại', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const province = await As.login(playwright.request, baseURL!, ADMIN_USER, ADMIN_PASSWORD);
  // The province's own group set and its first group with members: the departments.
  const set = (await province.call<Items<GroupSet>>('GET', '/group-sets')).items.find((s) => s.owner === null && s.groups.some((g) => g.memberIds.length > 2))!;
  const group = set.groups.find((g) => g.memberIds.length > 2)!;
  const units = (await province.call<Items<Unit>>('GET', '/units?includeClosed=true')).items;
  const members = group.memberIds.map((id) => units.find((u) => u.id === id)).filter((u): u is Unit => u !== undefined).slice(0, 4);
  expect(members, 'the group has four units').toHaveLength(4);
  const header = 'Mã đơn vị,Tên đơn vị,Điểm đạt,Điểm tối đa,Chỉ số,Xếp hạng,Xếp loại,"1. Công tác chỉ đạo, điều hành CCHC (12)",STT';
  const line = (u: Unit, i: number, index: string) => `${u.code},"${u.name}","${index}",100,"${index}",${i + 1},${i === 0 ? 'Tốt' : 'Khá'},"${10 - i},5",${i + 1}`;
  const indexes = ['85,12', '78,40', '75,05', '71,90'];
  const good = [header, ...members.map((u, i) => line(u, i, indexes[i]!))].join('\r\n');
  const bad = [header, ...members.map((u, i) => line(u, i, indexes[i]!)), `${members[0]!.code},,70,100,chưa có,9,Khá,13,`].join('\r\n');

  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto('/cycles');
  await page.getByRole('button', { name: 'Nhập kết quả các năm trước' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập kết quả đã công bố của các năm trước' });
  await chooseOption(page, 'Chương trình', undefined, dialog);
  await dialog.getByLabel('Năm đánh giá').fill(String(YEAR));
  await chooseOption(page, 'Nhóm xếp hạng', `${group.name} (${set.name})`, dialog);
  await dialog.getByLabel('Ngày công bố').fill(`15/03/${YEAR + 1}`);
  await dialog.getByLabel('Ngày công bố').press('Enter');
  await dialog.getByLabel('Số quyết định công bố').fill(`512/QĐ-UBND`);

  await dialog.locator('input[type=file]').setInputFiles({ name: 'ket-qua-sai.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${bad}`, 'utf8') });
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const problems = dialog.getByRole('table');
  await expect(problems).toContainText(`đã có ở dòng 2`);
  await expect(problems).toContainText('“chưa có” không phải là số');
  await expect(problems).toContainText('lớn hơn điểm tối đa 12');
  await expect(dialog.getByRole('button', { name: 'Xác nhận nhập' })).toBeDisabled();
  await snap(page, testInfo, 'import-refused-1440');

  await dialog.locator('input[type=file]').setInputFiles({ name: 'ket-qua.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${good}`, 'utf8') });
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(dialog.getByRole('status')).toContainText(`4 đơn vị của nhóm “${group.name}”, chỉ số 2 chữ số thập phân, 1 lĩnh vực — lần nhập 1.`);
  await expect(dialog.getByRole('status')).toContainText('Các cột không nhập: STT.');
  await snap(page, testInfo, 'import-checked-1440');
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByText(`Đã nhập kết quả năm ${YEAR} của nhóm “${group.name}” (4 đơn vị).`)).toBeVisible();

  // The list shows imported cycles once asked for (the import just asked), marked; its page opens.
  const withImported = page.getByRole('checkbox', { name: /^Hiện cả kết quả nhập từ tệp \(\d+\)$/ });
  await expect(withImported).toBeChecked();
  const row = page.getByRole('row').filter({ hasText: '(kết quả đã công bố, nhập từ tệp)' }).filter({ hasText: String(YEAR) });
  await expect(row).toContainText('Nhập từ tệp');
  await expect(row).toContainText('Đã kết thúc');
  await snap(page, testInfo, 'cycles-list-1440');
  // By default the list holds only the cycles run here.
  await page.reload();
  await expect(withImported).not.toBeChecked();
  await expect(page.getByRole('row').filter({ hasText: 'Nhập từ tệp' })).toHaveCount(0);
  await withImported.check();
  await expect(row).toContainText('Nhập từ tệp');
  await row.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`năm ${YEAR} (kết quả đã công bố, nhập từ tệp)`);
  // No workflow there: what it holds, and the way to its results.
  await expect(page.getByText(`Kết quả đã công bố năm ${YEAR}, nhập từ tệp`)).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Tiến độ' })).toHaveCount(0);
  await snap(page, testInfo, 'imported-cycle-1440');
  const cycleUrl = page.url();
  await page.getByRole('button', { name: 'Xem kết quả' }).click();
  await expect(page).toHaveURL(/\/results\?/);
  await snap(page, testInfo, 'imported-results-1440');

  // On a phone: the dialog and the imported cycle's page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(cycleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`năm ${YEAR}`);
  await snap(page, testInfo, 'imported-cycle-390');
  await page.goto('/cycles');
  await page.getByRole('button', { name: 'Nhập kết quả các năm trước' }).click();
  await expect(page.getByRole('dialog', { name: 'Nhập kết quả đã công bố của các năm trước' })).toBeVisible();
  await snap(page, testInfo, 'import-dialog-390');
  await province.dispose();
});
