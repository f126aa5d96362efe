import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { InvitationLink, InvitationOverview, SurveySummary } from '@chiso/contract';
import { DEMO_PASSWORD, snap } from './helpers';

// The anonymous survey form on a phone (issue 13 §3): the demo's administrator makes a link for one
// department (API), a deputy opens it on a 390 px phone with no login, answers with skip logic,
// reloads with the answers still there, loses the network and sends — the form says it is kept —,
// comes back online and is thanked; the same link then says it has been used.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/** A new link of the demo survey's deputies' questionnaire (DB-SO) for its first department. */
async function newDeputyLink(request: APIRequestContext): Promise<{ url: string; unitName: string }> {
  const login = await request.post('/api/auth/login', { data: { username: 'snv.quantri', password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
  const surveys = ((await (await request.get('/api/surveys')).json()) as { items: SurveySummary[] }).items;
  const survey = surveys.find((s) => s.name.startsWith('Điều tra xã hội học Chỉ số CCHC các sở'));
  expect(survey, 'the demo has an open survey of the departments').toBeTruthy();
  const overview = (await (await request.get(`/api/surveys/${survey!.id}/invitations`)).json()) as InvitationOverview;
  const questionnaire = overview.questionnaires.find((q) => q.code === 'DB-SO')!;
  const row = overview.rows.find((r) => r.questionnaireId === questionnaire.id)!;
  const made = await request.post(`/api/surveys/${survey!.id}/invitations`, { headers, data: { questionnaireId: questionnaire.id, unitId: row.unitId, count: 1, channel: 'shared' } });
  expect(made.status()).toBe(201);
  const links = (await (await request.get(`/api/surveys/${survey!.id}/invitations/links?questionnaireId=${questionnaire.id}&unitId=${row.unitId}&state=new`)).json()) as { items: InvitationLink[] };
  const link = links.items.filter((l) => l.channel === 'shared').at(-1)!;
  return { url: new URL(link.url).pathname, unitName: row.unitName };
}

const question = (page: Page, name: string) => page.locator(`[data-question="${name}"]`);
const pick = (page: Page, name: string, label: string) => question(page, name).getByRole('radio', { name: label, exact: true }).click();

test('a deputy answers on a phone through a single-use link, offline and back, then the link is used', async ({ browser, request }, testInfo) => {
  const { url, unitName } = await newDeputyLink(request);
  // The respondent's own phone: no session, nothing shared with the administrator.
  const context = await browser.newContext({ ...PHONE, baseURL: testInfo.project.use.baseURL, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Phiếu khảo sát đại biểu HĐND tỉnh');
  await expect(page.getByText(`Đơn vị được đánh giá: ${unitName}`)).toBeVisible();
  // Skip logic: the visit count and the service questions come only after "Có".
  await expect(question(page, 'so_lan')).toHaveCount(0);
  await expect(question(page, 'doi_tuong')).toContainText('Câu 1/');
  const totalBefore = Number((await question(page, 'doi_tuong').getByText(/^Câu 1\/\d+$/).textContent())!.split('/')[1]);
  await pick(page, 'doi_tuong', 'Đại biểu HĐND tỉnh');
  await pick(page, 'lam_viec', 'Có');
  await expect(question(page, 'so_lan')).toBeVisible();
  const totalAfter = Number((await question(page, 'doi_tuong').getByText(/^Câu 1\/\d+$/).textContent())!.split('/')[1]);
  expect(totalAfter).toBeGreaterThan(totalBefore);
  await question(page, 'so_lan').getByRole('textbox').fill('4');
  const likerts = await page.locator('[data-question] [role="radiogroup"]').count();
  for (let i = 0; i < likerts; i++) {
    const group = page.locator('[data-question] [role="radiogroup"]').nth(i);
    if ((await group.locator('[aria-checked="true"]').count()) === 0) await group.getByRole('radio').nth(i % 3).click();
  }
  await expect(page.getByText(/Đã trả lời \d+\/\d+ câu/)).toBeVisible();
  await question(page, 'gop_y').getByRole('textbox').fill('Cần trả lời văn bản của xã nhanh hơn.');
  await snap(page, testInfo, 'form-filled');

  // The tab is reloaded (or closed and opened again): every answer is still there, kept on the phone.
  await page.reload();
  await expect(question(page, 'lam_viec').getByRole('radio', { name: 'Có', exact: true })).toHaveAttribute('aria-checked', 'true');
  await expect(question(page, 'so_lan').getByRole('textbox')).toHaveValue('4');
  await expect(question(page, 'gop_y').getByRole('textbox')).toHaveValue('Cần trả lời văn bản của xã nhanh hơn.');

  // The network drops: the send fails, the form says it is kept on the phone, and keeps it.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Gửi phiếu' }).click();
  await expect(page.getByText('Chưa gửi được, phiếu vẫn được giữ trên máy — thử lại')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Thử lại' })).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), `chiso.survey-form.${url.split('/').pop()}`)).toContain('Cần trả lời văn bản');
  await snap(page, testInfo, 'offline');

  // Back online: the form sends by itself (the same answer, however many tries), then thanks.
  await context.setOffline(false);
  await expect(page.getByText('Cảm ơn bạn đã trả lời!')).toBeVisible();
  await snap(page, testInfo, 'thanks');

  // The same link again: used.
  await page.goto(url);
  await expect(page.getByText('Phiếu này đã được sử dụng')).toBeVisible();
  await expect(page.getByText(/đã được gửi/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
