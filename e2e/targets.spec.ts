import { expect, test } from '@playwright/test';
import { chooseOption, DEMO_PASSWORD, login, pickOption, snap } from './helpers';

// Targets of a resolution (issue 12 §3): the follow-up dashboard says "10/18" targets met or exceeded
// in 2024; the administrator opens target 2 (online applications, 46% against 50%: not met), enters a
// corrected 2024 value, sees it exceeded and 11/18 with the entry in its history, then puts the
// figure back (the demo stays at 10/18 for the other specs).
const DEMO_ADMIN = 'snv.quantri';
const PLAN = /Nghị quyết về đẩy mạnh cải cách hành chính giai đoạn 2021–2030 \(DỮ LIỆU MINH HỌA\)/;
const TARGET = 'Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến';

test('chỉ tiêu: 10/18 đạt và vượt, nhập giá trị cho một chỉ tiêu, thấy tình trạng đổi và lịch sử', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await login(page, DEMO_ADMIN, DEMO_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Theo dõi, khắc phục' }).click();
  const card = page.getByTestId('targets-card');
  await expect(card.getByTestId('targets-card-count')).toHaveText('10/18');
  await expect(card).toContainText('chỉ tiêu đạt và vượt năm 2024');
  await snap(page, testInfo, 'dashboard-card');

  await card.getByRole('link', { name: 'Xem các chỉ tiêu' }).click();
  await expect(page.getByRole('heading', { name: 'Chỉ tiêu', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: PLAN, level: 2 })).toBeVisible();
  await expect(page.getByTestId('targets-summary')).toContainText('10/18');
  const row = page.getByTestId('targets-table').getByRole('row').filter({ hasText: TARGET });
  await expect(row.getByTestId('target-status')).toHaveText('Chưa đạt');
  await expect(row).toContainText('46%');
  await snap(page, testInfo, 'targets-table');

  await row.getByRole('button', { name: TARGET }).click();
  const drawer = page.getByTestId('target-drawer');
  await expect(drawer.getByTestId('target-history')).toContainText('Báo cáo 6 tháng năm 2024 (dữ liệu minh họa)');
  const entry = drawer.getByTestId('target-entry');
  await expect(entry.getByLabel('Năm')).toBeVisible();
  await entry.getByLabel('Giá trị đạt được').fill('52,5');
  await entry.getByLabel('Căn cứ, lý do').fill('Số liệu chính thức theo Báo cáo CCHC năm 2024 của Văn phòng UBND tỉnh');
  await entry.getByRole('button', { name: 'Lưu giá trị' }).click();
  const history = drawer.getByTestId('target-history');
  await expect(history.getByRole('listitem').first()).toContainText('Năm 2024: 52,5%');
  await expect(history.getByRole('listitem').first()).toContainText('Số liệu chính thức theo Báo cáo CCHC năm 2024');
  await expect(history.getByRole('listitem').first()).toContainText('snv.quantri');
  await expect(drawer.getByTestId('target-years').getByRole('row').filter({ hasText: '2024' }).getByTestId('target-status')).toHaveText('Vượt');
  await snap(page, testInfo, 'target-history');

  await page.keyboard.press('Escape');
  await expect(row.getByTestId('target-status')).toHaveText('Vượt');
  await expect(page.getByTestId('targets-summary')).toContainText('11/18');

  // Back to the demo's figure, kept as a further entry of the history.
  await row.getByRole('button', { name: TARGET }).click();
  await entry.getByLabel('Giá trị đạt được').fill('46');
  await entry.getByLabel('Căn cứ, lý do').fill('Trả lại số liệu của báo cáo năm (kiểm thử)');
  await entry.getByRole('button', { name: 'Lưu giá trị' }).click();
  await expect(history.getByRole('listitem').first()).toContainText('Năm 2024: 46%');
  await expect(history.getByRole('listitem').nth(1)).toContainText('Năm 2024: 52,5%');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('targets-summary')).toContainText('10/18');
});

// The administrator adds a target through the form (Vietnamese decimals, a milestone per year, the
// responsible unit), edits it, and deletes it with a reason: the plan is back at 10/18.
test('chỉ tiêu: quản trị viên thêm, sửa và xóa một chỉ tiêu bằng biểu mẫu', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await login(page, DEMO_ADMIN, DEMO_PASSWORD);
  await page.goto('/follow-up/targets');
  await expect(page.getByRole('heading', { name: PLAN, level: 2 })).toBeVisible();
  await expect(page.getByTestId('targets-summary')).toContainText('10/18');

  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm chỉ tiêu' });
  const form = dialog.getByTestId('target-form');
  await form.getByLabel('Số TT').fill('E2E-1');
  await form.getByLabel('Nội dung chỉ tiêu').fill('Số thủ tục hành chính được cắt giảm thời gian giải quyết (kiểm thử)');
  await chooseOption(page, 'Loại chỉ tiêu', 'Số lượng', form);
  await form.getByLabel('Đơn vị tính').fill('thủ tục');
  await form.getByLabel('Giá trị cơ sở').fill('12,5');
  await form.getByLabel('Năm cơ sở').fill('2020');
  await form.getByLabel('Mốc 2024').fill('52,5');
  await form.getByLabel('Mục tiêu cuối kỳ').fill('80');
  await pickOption(page, 'Đơn vị chủ trì', 'Tư pháp', form);
  await snap(page, testInfo, 'target-form');
  await dialog.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('targets-summary')).toContainText('10/19');
  const row = page.getByTestId('targets-table').getByRole('row').filter({ hasText: 'E2E-1' });
  await expect(row).toContainText('12,5 thủ tục (năm 2020)');
  await expect(row).toContainText('52,5 thủ tục');
  await expect(row).toContainText('Sở Tư pháp');

  await row.getByRole('button', { name: 'Sửa E2E-1' }).click();
  const edit = page.getByRole('dialog', { name: 'Sửa chỉ tiêu E2E-1' });
  await expect(edit.getByLabel('Mốc 2024')).toHaveValue('52,5');
  await expect(edit.getByLabel('Mục tiêu cuối kỳ')).toHaveValue('80');
  await edit.getByLabel('Mốc 2024').fill('60');
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('60 thủ tục');

  await row.getByRole('button', { name: 'Sửa E2E-1' }).click();
  await edit.getByRole('button', { name: 'Xóa chỉ tiêu' }).click();
  await edit.getByLabel('Lý do xóa').fill('Chỉ tiêu thêm để kiểm thử');
  await edit.getByRole('button', { name: 'Xóa', exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('targets-summary')).toContainText('10/18');

  // On a phone the form stacks its fields.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(dialog.getByTestId('target-form')).toBeVisible();
  await snap(page, testInfo, 'target-form-phone');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();
});
