import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_OFFICER, DEMO_PASSWORD, login, snap } from './helpers';

// The audit trail reads as sentences: the officer of Sở Tư pháp saves one criterion several
// times (as autosave does), the administrator filters the trail by unit and criterion, sees one
// line for the autosaves, opens it and reads every save as a sentence with who, what and from → to.
const DEMO_ADMIN = 'snv.quantri';

interface Node { key: string; code: string; source?: string; rule?: { type: string; options?: { key: string }[] }; children?: Node[] }

async function apiLogin(request: APIRequestContext, username: string): Promise<Record<string, string>> {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD }, headers: { Origin: origin } });
  expect(res.ok(), `login ${username}`).toBeTruthy();
  return { 'X-CSRF-Token': ((await res.json()) as { csrfToken: string }).csrfToken, Origin: origin };
}

test('the audit trail: sentences, filters by unit and criterion, autosaves grouped', async ({ page }, testInfo) => {
  const request = page.context().request;
  const h = await apiLogin(request, DEMO_OFFICER);
  const mine = (await (await request.get('/api/my/assessments')).json()) as { items: { cycleId: string; unit: { id: string; name: string } }[] };
  const { cycleId, unit } = mine.items[0]!;
  const base = `/api/cycles/${cycleId}/units/${unit.id}`;
  const assessment = (await (await request.get(`${base}/assessment`)).json()) as { framework: { nodes: Node[] }; records: Record<string, { version: number }> };
  const leaves: Node[] = [];
  const walk = (ns: Node[]) => ns.forEach((n) => (n.children?.length ? walk(n.children) : leaves.push(n)));
  walk(assessment.framework.nodes);
  const leaf = leaves.find((n) => n.rule?.type === 'choice' && (n.rule.options?.length ?? 0) >= 2 && assessment.records[n.key])!;
  expect(leaf, 'a choice criterion to fill').toBeTruthy();
  const [low, high] = [leaf.rule!.options!.at(-1)!.key, leaf.rule!.options![0]!.key];
  let version = assessment.records[leaf.key]!.version;
  // Ending on the lower option: the self-assessment journey, later on the same server, then picks the
  // higher one and expects an autosave (the same value would save nothing).
  for (const option of [high, low, high, low]) {
    const res = await request.put(`${base}/criteria/${encodeURIComponent(leaf.key)}`, { headers: h, data: { version, input: { kind: 'choice', option } } });
    expect(res.ok(), await res.text()).toBeTruthy();
    version = ((await res.json()) as { version: number }).version;
  }
  await request.post('/api/auth/logout', { headers: h });

  await login(page, DEMO_ADMIN, DEMO_PASSWORD);
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Nhật ký thay đổi', level: 1 })).toBeVisible();
  await page.getByLabel('Đơn vị', { exact: true }).click();
  await page.getByLabel('Đơn vị', { exact: true }).pressSequentially('Sở Tư pháp', { delay: 10 });
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: unit.name }).first().click();
  await page.getByLabel('Tiêu chí', { exact: true }).fill(leaf.code);
  await page.getByRole('button', { name: /Lọc/ }).click();

  // One line for the four saves, in words.
  const grouped = page.getByTestId('audit-sentence').filter({ hasText: '4 lần lưu tự động' });
  await expect(grouped).toBeVisible();
  await expect(grouped).toContainText(`lần lưu tự động tiêu chí ${leaf.code} của ${unit.name}`);
  await expect(page.getByTestId('audit-sentence')).toHaveCount(1);
  await snap(page, testInfo, 'audit-grouped');

  // Opened: every save is kept, each a sentence with the points from → to.
  await page.getByRole('row').filter({ has: grouped }).getByRole('button', { name: /Mở rộng|Expand/ }).click();
  const saves = page.locator('.audit-group li');
  await expect(saves).toHaveCount(4);
  await expect(saves.first()).toContainText(`tiêu chí ${leaf.code} của ${unit.name}`);
  await expect(saves.filter({ hasText: /đã (sửa|nhập) điểm tự đánh giá/ }).first()).toBeVisible();
  await snap(page, testInfo, 'audit-expanded');

  // The same trail on a phone: no sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, testInfo, 'audit-phone');
});
