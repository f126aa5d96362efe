import { expect, test, type Page } from '@playwright/test';
import { DEMO_CYCLE, DEMO_OFFICER, DEMO_PASSWORD, login, logout, pickOption, snap, tinyPdf } from './helpers';

// Following up the published results (issue 12 §1): the administrator records a conclusion notice and
// gives Sở Tư pháp a task linked to a criterion of the 2025 departments framework; the unit reports it
// done with a PDF; the follow-up dashboard shows the notice's progress, the targets met (10/18) and the
// points at risk; in the open 2025 cycle the unit's linked criterion offers the task's document, and
// the officer attaches it.
const DEMO_ADMIN = 'snv.quantri';
const FRAMEWORK = /Bộ tiêu chí xác định Chỉ số cải cách hành chính các sở, ban, ngành năm 2025/;
const CRITERION = { node: '1.2', title: /^1\.2 Thực hiện chế độ báo cáo CCHC định kỳ/ };

/** Names of its own, so that the spec reads only what it made on the shared demo server. */
const run = Date.now().toString(36).toUpperCase();
const NOTICE = `${run}/TB-UBND`;
const TASK = `Khắc phục chế độ báo cáo CCHC định kỳ (${run})`;
const DOC = { number: `${run}/BC-STP`, title: 'Báo cáo kết quả khắc phục chế độ báo cáo CCHC' };

/** A deadline three months after today (the notice's date), as the date field takes it: dd/mm/yyyy. */
function deadlineAhead(): string {
  const d = new Date(Date.now() + 90 * 86_400_000);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

async function chooseInDropdown(page: Page, text: string | RegExp): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible').getByText(text).first();
  await expect(option).toBeVisible();
  await option.click();
}

test('thông báo kết luận: giao nhiệm vụ, đơn vị báo cáo hoàn thành, tài liệu được gợi ý cho tiêu chí năm sau', async ({ page }, testInfo) => {
  test.setTimeout(180_000);

  // ---------- the administrator records the notice ----------
  await login(page, DEMO_ADMIN, DEMO_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Theo dõi, khắc phục' }).click();
  await page.getByRole('link', { name: 'Thông báo kết luận' }).first().click();
  await expect(page.getByRole('heading', { name: 'Thông báo kết luận', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Ghi thông báo kết luận' }).click();
  const form = page.getByRole('dialog', { name: 'Ghi thông báo kết luận' });
  await form.getByLabel('Số hiệu').fill(NOTICE);
  await form.getByLabel('Người chủ trì').fill('đồng chí Chủ tịch UBND tỉnh');
  await form.getByLabel('Trích yếu').fill('Kết luận tại cuộc họp đánh giá kết quả Chỉ số CCHC năm 2024');
  await form.getByLabel('Nội dung kết luận').fill('Các sở, ban, ngành khẩn trương khắc phục các tiêu chí bị trừ điểm năm 2024.');
  await form.getByLabel('Năm kết quả', { exact: true }).fill('2024');
  await snap(page, testInfo, 'admin-notice-form');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { name: `Thông báo kết luận ${NOTICE}`, level: 1 })).toBeVisible();

  // ---------- its task for Sở Tư pháp, linked to criterion 1.2 of the departments' 2025 framework ----------
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  const taskForm = page.getByRole('dialog', { name: 'Thêm nhiệm vụ' });
  await taskForm.getByLabel('Nội dung nhiệm vụ').fill(TASK);
  await pickOption(page, 'Đơn vị chủ trì', 'Sở Tư pháp', taskForm);
  const deadline = deadlineAhead();
  await taskForm.getByLabel('Thời hạn hoàn thành').fill(deadline);
  await taskForm.getByLabel('Thời hạn hoàn thành').press('Enter');
  await taskForm.getByLabel('Bộ tiêu chí', { exact: true }).click();
  await chooseInDropdown(page, FRAMEWORK);
  await taskForm.getByLabel('Tiêu chí', { exact: true }).click();
  await taskForm.getByLabel('Tiêu chí', { exact: true }).pressSequentially('1.2 Thực hiện', { delay: 10 });
  await chooseInDropdown(page, CRITERION.title);
  await taskForm.getByRole('button', { name: 'Thêm tiêu chí' }).click();
  await expect(taskForm.getByText(/Tiêu chí 1\.2 Thực hiện chế độ báo cáo/)).toBeVisible();
  await snap(page, testInfo, 'admin-task-form');
  await taskForm.getByRole('button', { name: 'Lưu' }).click();
  await expect(taskForm).toBeHidden();
  const taskRow = page.getByRole('row').filter({ hasText: TASK });
  await expect(taskRow).toContainText('Sở Tư pháp');
  await expect(taskRow).toContainText(deadline);
  await expect(taskRow).toContainText('Chưa thực hiện');
  await expect(page.getByRole('region', { name: 'Tình hình thực hiện theo đơn vị' }).getByRole('row').filter({ hasText: 'Sở Tư pháp' })).toBeVisible();
  await snap(page, testInfo, 'admin-notice-with-task');
  await logout(page);

  // ---------- Sở Tư pháp reports the task done, with a new PDF as evidence ----------
  await login(page, DEMO_OFFICER, DEMO_PASSWORD);
  await page.goto('/follow-up');
  const unitCard = page.getByRole('region', { name: 'Nhiệm vụ của đơn vị' });
  await unitCard.getByRole('link', { name: TASK }).click();
  await expect(page.getByRole('heading', { name: TASK, level: 1 })).toBeVisible();
  const report = page.getByRole('region', { name: 'Báo cáo tiến độ' });
  await report.getByRole('radio', { name: 'Hoàn thành' }).check();
  await report.getByLabel('Nội dung báo cáo').fill('Đã ban hành quy chế báo cáo định kỳ và gửi đủ, đúng hạn các báo cáo quý.');
  await report.getByRole('button', { name: 'Tải lên tài liệu mới' }).click();
  const upload = page.getByRole('dialog', { name: 'Tải lên tài liệu kiểm chứng' });
  await upload.getByLabel('Số văn bản').fill(DOC.number);
  await upload.getByLabel('Cơ quan ban hành').fill('Sở Tư pháp');
  await upload.getByLabel('Trích yếu').fill(DOC.title);
  await upload.locator('input[type=file]').setInputFiles({ name: 'bao-cao-khac-phuc.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await upload.getByRole('button', { name: 'Tải lên' }).click();
  await expect(upload).toBeHidden();
  await expect(report.getByText(`${DOC.number} · ${DOC.title}`)).toBeVisible();
  await snap(page, testInfo, 'unit-report-form');
  await report.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const reports = page.getByRole('region', { name: 'Các lần báo cáo' });
  await expect(reports.getByText('Đã ban hành quy chế báo cáo định kỳ')).toBeVisible();
  await expect(reports.getByRole('link', { name: `${DOC.number} · ${DOC.title}` })).toBeVisible();
  await expect(page.getByText('Nhiệm vụ đã hoàn thành.')).toBeVisible();
  await snap(page, testInfo, 'unit-task-done');
  await logout(page);

  // ---------- the administrator's dashboard: the notice's progress ----------
  await login(page, DEMO_ADMIN, DEMO_PASSWORD);
  await page.goto('/follow-up');
  const notices = page.getByRole('region', { name: 'Thực hiện thông báo kết luận' });
  const ours = notices.getByRole('listitem').filter({ hasText: NOTICE });
  await expect(ours).toContainText('1/1 nhiệm vụ hoàn thành');
  // Beside it, the targets met and the points at risk (the demo's resolution and open cycles).
  await expect(page.getByTestId('targets-card-count')).toHaveText('10/18');
  const risk = page.getByRole('region', { name: 'Nguy cơ mất điểm' });
  await expect(risk.getByText(/điểm có nguy cơ mất ở .+ tiêu chí của .+ đơn vị/)).toBeVisible();
  await expect(risk.getByRole('listitem').first()).toContainText('điểm');
  await snap(page, testInfo, 'admin-dashboard');
  await logout(page);

  // ---------- next year: the linked criterion offers the task's document ----------
  await login(page, DEMO_OFFICER, DEMO_PASSWORD);
  await page.goto('/my-work');
  await page.locator('.ant-card').filter({ hasText: DEMO_CYCLE }).getByRole('button', { name: /tự đánh giá/ }).click();
  await expect(page.getByRole('heading', { name: /Tự đánh giá — Sở Tư pháp/ })).toBeVisible();
  await page.getByTestId(`node-${CRITERION.node}`).click();
  const leaf = page.locator('.as-leaf');
  const offer = leaf.getByRole('region', { name: 'Tài liệu từ nhiệm vụ đã hoàn thành' });
  const offered = offer.getByRole('listitem').filter({ hasText: DOC.number });
  await expect(offered).toContainText(TASK);
  await expect(offered).toContainText(NOTICE);
  await snap(page, testInfo, 'offer-shown');
  await offered.getByRole('button', { name: /Đính kèm/ }).click();
  await expect(offered.getByText('Đã đính kèm')).toBeVisible();
  await expect(leaf.getByRole('list', { name: 'Tài liệu đã gắn' }).getByText(`${DOC.number} · ${DOC.title}`)).toBeVisible();
  await expect(page.getByTestId('save-status')).toContainText('Đã lưu lúc');
  await snap(page, testInfo, 'offer-attached');
});
