import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, chooseOption, login, pickOption, logout, snap } from './helpers';
import { createCycle, freeYear } from './support/cycle';

// The sociological survey end to end (issue 13, "Done when"), on a departments' cycle of its own:
// the administrator creates a survey, uploads the questionnaire workbook officials start from (the
// demo's), sets quotas, imports a list of deputies and commune leaders and draws the sample, makes
// counter links; two people answer on their phones; a paper form is typed twice by two
// administrators; a file of answers is imported; the survey closes; Sở Tư pháp's officer finds the
// survey criterion 6.5 with its points in the self-assessment.
//
// Sở Tư pháp's answers to the 6.5 question (tai_chinh, "Rất tốt/Tốt/Bình thường/Kém" = 100/60/20/0 %):
// phone 1 "a", phone 2 "b", paper "c", imported "a" and "d" — (1 + 0,6 + 0,2 + 1 + 0) / 5 × 2 = 1,12.
const here = path.dirname(fileURLToPath(import.meta.url));
const WORKBOOK = path.join(here, '../packages/server/src/demo/survey/phieu-dai-bieu-lanh-dao-xa-danh-gia-so.xlsx');
const RESPONDENTS = path.join(here, 'fixtures/survey/danh-sach-dai-bieu.csv');
const ANSWERS = path.join(here, 'fixtures/survey/phieu-nhap.csv');
const SECOND_ADMIN = 'snv.cchc';
const UNITS = ['STP', 'SCT', 'SXD'];
const EXPECTED_65 = '1,12';

/** The questions in the questionnaire's order (notes and the open question left out). */
const ORDER = ['doi_tuong', 'lam_viec', 'so_lan', 'lanh_dao_nang_dong', 'lanh_dao_trach_nhiem', 'vbqppl', 'giai_quyet_cong_viec', 'bo_may', 'cong_chuc_nang_luc', 'cong_chuc_thai_do', 'tai_chinh', 'chuyen_doi_so', 'tac_dong_quan_ly', 'tac_dong_phat_trien'];
/** The ratings only people who worked with the department are asked (skip logic), and those everyone is asked. */
const IF_WORKED = ['giai_quyet_cong_viec', 'cong_chuc_nang_luc', 'cong_chuc_thai_do', 'chuyen_doi_so'];
const ALWAYS = ORDER.slice(3).filter((q) => !IF_WORKED.includes(q));
const LABEL = { a: 'Rất tốt', b: 'Tốt', c: 'Bình thường', d: 'Kém' } as const;

/** One respondent's answers: who, whether they worked with the department, every rating (tai_chinh apart). */
interface Answers { who: 'dai_bieu' | 'lanh_dao_xa'; worked: boolean; times?: string; rating: keyof typeof LABEL; taiChinh: keyof typeof LABEL }

const PHONE: Answers[] = [
  { who: 'dai_bieu', worked: true, times: '6', rating: 'b', taiChinh: 'a' },
  { who: 'lanh_dao_xa', worked: false, rating: 'b', taiChinh: 'b' },
];
const PAPER: Answers = { who: 'dai_bieu', worked: true, times: '3', rating: 'c', taiChinh: 'c' };

/** The form's answers by question name, as typed on paper (choice names). */
function byName(a: Answers): Record<string, string> {
  const out: Record<string, string> = { doi_tuong: a.who, lam_viec: a.worked ? 'co' : 'khong' };
  if (a.worked) out.so_lan = a.times!;
  for (const q of [...ALWAYS, ...(a.worked ? IF_WORKED : [])]) out[q] = q === 'tai_chinh' ? a.taiChinh : a.rating;
  return out;
}

/** Answers one link on a phone-sized browser: big buttons, the skip logic, the thank-you page. */
async function answerOnPhone(browser: Browser, url: string, a: Answers, shot: (page: Page, name: string) => Promise<void>): Promise<void> {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await phone.newPage();
  await page.goto(url);
  await expect(page.getByText('Đơn vị được đánh giá: Sở Tư pháp')).toBeVisible();
  const question = (name: string) => page.locator(`[data-question="${name}"]`);
  await question('doi_tuong').getByRole('radio', { name: a.who === 'dai_bieu' ? 'Đại biểu HĐND tỉnh' : 'Lãnh đạo UBND xã, phường' }).click();
  await question('lam_viec').getByRole('radio', { name: a.worked ? 'Có' : 'Không' }).click();
  if (a.worked) await question('so_lan').getByRole('textbox').fill(a.times!);
  else for (const hidden of ['so_lan', ...IF_WORKED]) await expect(question(hidden)).toHaveCount(0);
  const answers = byName(a);
  for (const name of [...ALWAYS, ...(a.worked ? IF_WORKED : [])]) await question(name).getByRole('radio', { name: LABEL[answers[name] as keyof typeof LABEL], exact: true }).click();
  await shot(page, a.worked ? 'phone-answered' : 'phone-skip-logic');
  await page.getByRole('button', { name: 'Gửi phiếu' }).click();
  await expect(page.getByText('Cảm ơn bạn đã trả lời!')).toBeVisible();
  // The link answers once: opened again, it says so.
  await page.reload();
  await expect(page.getByText('Phiếu này đã được sử dụng')).toBeVisible();
  await phone.close();
}

test('điều tra xã hội học: phiếu hỏi từ Excel, chọn mẫu, đường dẫn, trả lời trên điện thoại, phiếu giấy nhập kép, nhập tệp, đóng; đơn vị thấy điểm', async ({ page, browser, playwright, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const shot = (p: Page, name: string) => snap(p, testInfo, name);

  // A departments' cycle of its own (three departments), so the demo's cycle and survey stay as they are.
  const api = await As.login(playwright.request, baseURL!, ADMIN_USER, ADMIN_PASSWORD);
  const year = await freeYear(api, 'par-index');
  const cycleName = `Chỉ số CCHC các sở, ban, ngành ${year} (điều tra XHH)`;
  await createCycle(api, { program: 'par-index', year, name: cycleName, groupOf: 'STP', unitCodes: UNITS, frameworkLabel: /Sở, ban, ngành/, agencies: 'SNV' });
  const surveyName = `Điều tra xã hội học ${year}`;

  // 1. The administrator creates the survey of the cycle.
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Điều tra XHH' }).click();
  await expect(page.getByRole('heading', { name: 'Điều tra xã hội học', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Tạo cuộc điều tra' }).click();
  const create = page.getByRole('dialog', { name: 'Tạo cuộc điều tra' });
  // Typed, as an official with many cycles would: the list shows only the first ones.
  await pickOption(page, 'Kỳ đánh giá', cycleName, create);
  await expect(create.locator('.ant-select').getByTitle(cycleName, { exact: true })).toBeVisible();
  await create.getByLabel('Tên cuộc điều tra').fill(surveyName);
  await create.getByRole('button', { name: 'Tạo' }).click();
  await expect(page.getByRole('heading', { name: surveyName, level: 1 })).toBeVisible();
  const surveyId = page.url().match(/\/surveys\/([0-9a-f-]{36})/)![1]!;

  // 2. The questionnaire: deputies and commune leaders rating the departments, from the workbook.
  await page.getByRole('button', { name: 'Thêm phiếu hỏi' }).click();
  const add = page.getByRole('dialog', { name: 'Thêm phiếu hỏi' });
  await add.getByLabel('Mã phiếu').fill('DB-SO');
  await add.getByLabel('Tên phiếu').fill('Đại biểu HĐND, lãnh đạo UBND cấp xã đánh giá các sở');
  await add.getByLabel('Tên nhóm người trả lời').fill('Đại biểu HĐND tỉnh, lãnh đạo UBND cấp xã');
  await add.getByLabel('Mã nhóm người trả lời').fill('dai-bieu');
  await chooseOption(page, 'Nhóm đơn vị được đánh giá', undefined, add);
  await add.getByRole('button', { name: 'Thêm' }).click();
  await expect(add).toBeHidden();
  await page.locator('input[type=file][accept*=".xlsx"]').first().setInputFiles(WORKBOOK);
  await expect(page.getByText('Đã lưu phiên bản 1.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Bản 1 · 16 câu hỏi' })).toBeVisible();
  await shot(page, 'questionnaire');

  // 3. Quotas, the list of people to survey, the sample.
  await page.getByRole('tab', { name: 'Chọn mẫu' }).click();
  await page.getByLabel('Cùng chỉ tiêu cho mọi đơn vị').fill('2');
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await expect(page.getByText('Đã lưu chỉ tiêu mẫu.')).toBeVisible();
  await page.getByRole('button', { name: 'Nhập danh sách' }).click();
  const list = page.getByRole('dialog', { name: 'Nhập danh sách người được khảo sát' });
  await list.locator('input[type=file]').setInputFiles(RESPONDENTS);
  await list.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(list).toContainText('9 người của 3 đơn vị');
  await list.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByText('Đã nhập 9 người.')).toBeVisible();
  await page.getByRole('button', { name: 'Chọn mẫu' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Chọn mẫu' }).click();
  await expect(page.getByText('Đã chọn 6 người.')).toBeVisible();
  await shot(page, 'sample');

  // 4. Open, then links to print at the counter.
  await page.getByRole('button', { name: 'Mở cuộc điều tra' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Mở cuộc điều tra' }).click();
  await expect(page.getByText('Đã mở cuộc điều tra.')).toBeVisible();
  await page.getByRole('tab', { name: 'Đường dẫn, mã QR' }).click();
  await page.getByRole('button', { name: 'Tạo đường dẫn' }).click();
  const links = page.getByRole('dialog', { name: /Tạo đường dẫn ẩn danh/ });
  await chooseOption(page, 'Đơn vị được đánh giá', 'Tất cả đơn vị của phiếu hỏi', links);
  await links.getByLabel('Số đường dẫn cho mỗi đơn vị').fill('2');
  await links.getByText('Tại bộ phận một cửa').click();
  await links.getByRole('button', { name: 'Tạo' }).click();
  await expect(page.getByText('Đã tạo 6 đường dẫn cho 3 đơn vị.')).toBeVisible();
  const stpRow = page.getByRole('row').filter({ hasText: 'Sở Tư pháp' });
  await expect(stpRow).toContainText('4'); // 2 sampled + 2 at the counter
  await stpRow.getByRole('button', { name: 'Xem đường dẫn' }).click();
  const drawer = page.getByRole('dialog', { name: /Đường dẫn — Sở Tư pháp/ });
  await expect(drawer.getByText(/\/khao-sat\//).first()).toBeVisible();
  await shot(page, 'links');
  const urls = [...new Set((await drawer.locator('.ant-list-item').allInnerTexts()).flatMap((t) => t.match(/https?:\/\/\S+\/khao-sat\/[\w-]+/g) ?? []))];
  expect(urls.length).toBe(4);
  await page.keyboard.press('Escape');

  // 5. Two people answer on their phones (one worked with the department, one did not: fewer questions).
  await answerOnPhone(browser, urls[0]!, PHONE[0]!, shot);
  await answerOnPhone(browser, urls[1]!, PHONE[1]!, shot);

  // 6. A paper form typed twice, by two administrators: the two typings agree, the form becomes an answer.
  await page.getByRole('tab', { name: 'Nhập phiếu giấy' }).click();
  await page.getByRole('button', { name: 'Tạo đợt nhập' }).click();
  const batch = page.getByRole('dialog', { name: /đợt nhập/i });
  await chooseOption(page, 'Phiếu hỏi', undefined, batch);
  await pickUnit(page, batch);
  await batch.getByLabel('Tên đợt nhập').fill('Hộp phiếu Sở Tư pháp, tuần 1');
  await batch.getByRole('button', { name: 'Tạo' }).click();
  await expect(page.getByText('Đã tạo đợt nhập.')).toBeVisible();
  await typePaperForm(page, 1, PAPER);
  await expect(page.getByText('Phiếu 001: đã lưu lượt 1, chờ lượt còn lại.')).toBeVisible();
  await logout(page);
  await login(page, SECOND_ADMIN, DEMO_PASSWORD);
  await page.goto(`/surveys/${surveyId}?tab=paper`);
  await page.getByRole('button', { name: 'Nhập phiếu' }).click();
  await typePaperForm(page, 2, PAPER);
  await expect(page.getByText('Phiếu 001: hai lượt khớp nhau — đã thành phiếu trả lời.')).toBeVisible();
  await shot(page, 'paper');

  // 7. Answers collected elsewhere, imported from a CSV file: checked first, then saved.
  await page.getByRole('tab', { name: 'Nhập từ tệp' }).click();
  await page.locator('input[type=file]').first().setInputFiles(ANSWERS);
  await page.getByRole('button', { name: /Kiểm tra$/ }).click();
  await expect(page.getByText(/Tệp hợp lệ: 3 phiếu, \d+ câu trả lời, 2 đơn vị/)).toBeVisible();
  await page.getByRole('button', { name: /Nhập$/ }).click();
  await expect(page.getByText(/Đã nhập 3 phiếu/)).toBeVisible();
  await shot(page, 'import');

  // 8. The survey closes (quality tab): the points go to the cycle.
  await logout(page);
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/surveys/${surveyId}?tab=quality`);
  await page.getByRole('button', { name: 'Đóng cuộc điều tra' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Đóng cuộc điều tra' }).click();
  const outcome = page.getByTestId('rescore-result');
  await expect(outcome).toContainText('Đã đóng cuộc điều tra. 0 phiếu trùng.');
  await expect(page.getByText(/Đã thu 6 phiếu, 6 phiếu hợp lệ/)).toBeVisible();
  await shot(page, 'closed');
  await logout(page);

  // 9. Sở Tư pháp's officer opens the self-assessment and finds the survey criterion 6.5 with its points.
  await login(page, 'stp.canbo', DEMO_PASSWORD);
  await page.locator('.ant-card').filter({ hasText: cycleName }).getByRole('button', { name: /tự đánh giá/ }).click();
  await expect(page.getByRole('heading', { name: /Tự đánh giá — Sở Tư pháp/ })).toBeVisible();
  await page.getByTestId('node-6.5').click();
  const points = page.getByTestId('survey-leaf-points');
  await expect(points).toContainText(`${EXPECTED_65} điểm`);
  await expect(points).toContainText(`${surveyName}: 5 người trả lời`);
  await shot(page, 'officer-survey-points');
  await api.dispose();
});

/** Chooses Sở Tư pháp in the batch form's unit select (searchable). */
async function pickUnit(page: Page, dialog: ReturnType<Page['getByRole']>): Promise<void> {
  const input = dialog.getByLabel('Đơn vị được đánh giá');
  await input.click();
  await input.pressSequentially('STP', { delay: 10 });
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
}

/** Types form 001 in the round given: each visible question's answer by its label, choices by name. */
async function typePaperForm(page: Page, round: 1 | 2, a: Answers): Promise<void> {
  await page.getByText(`Lượt ${round}`, { exact: true }).click();
  await page.locator('input[id$="-__form"]').fill('001');
  const answers = byName(a);
  // In the questionnaire's order, so that the skip logic shows the next questions as they are typed.
  for (const name of ORDER) if (answers[name] !== undefined) await page.locator(`input[id$="-${name}"]`).fill(answers[name]!);
  await page.getByRole('button', { name: 'Lưu và nhập phiếu tiếp' }).click();
}
