import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, DEMO_CYCLE, DEMO_OFFICER, DEMO_PASSWORD, login, logout, snap, tinyPdf } from './helpers';

// The assessed unit's journey: the officer of Sở Tư pháp fills the self-assessment (a choice,
// a rate with live points, a criterion not applicable, a PDF as evidence), the head reviews the
// summary and submits, and the page becomes read only.
const DEMO_HEAD = 'stp.lanhdao';

async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password }, headers: { Origin: new URL(test.info().project.use.baseURL!).origin } });
  expect(res.ok(), `login ${username}`).toBeTruthy();
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/**
 * The demo cycle is loaded by `--demo`; when this server has none yet, the administrator
 * creates and opens it through the API (departments group, Sở Tư pháp taking part).
 */
async function ensureDemoCycle(page: Page): Promise<void> {
  const request = page.context().request;
  await apiLogin(request, DEMO_OFFICER, DEMO_PASSWORD);
  const mine = await request.get('/api/my/assessments');
  const has = mine.ok() && ((await mine.json()) as { items: { cycleName: string }[] }).items.some((a) => a.cycleName === DEMO_CYCLE);
  await request.post('/api/auth/logout', { headers: {} }).catch(() => undefined);
  if (has) return;

  const csrf = await apiLogin(request, ADMIN_USER, ADMIN_PASSWORD);
  const h = { 'X-CSRF-Token': csrf };
  const me = await (await request.get('/api/units?q=STP')).json() as { items: { id: string; code: string }[] };
  const stp = me.items.find((u) => u.code === 'STP');
  expect(stp, 'Sở Tư pháp in the demo province').toBeTruthy();
  const sets = (await (await request.get('/api/group-sets')).json()) as { items: { id: string; groups: { id: string; memberIds: string[] }[] }[] };
  const set = sets.items.find((s) => s.groups.some((g) => g.memberIds.includes(stp!.id)));
  expect(set, 'a group set with Sở Tư pháp').toBeTruthy();
  const group = set!.groups.find((g) => g.memberIds.includes(stp!.id))!;
  const fws = (await (await request.get('/api/frameworks', { params: { year: 2025 } })).json()) as {
    items: { groupLabel: string; name: string; versions: { id: string; status: string }[] }[];
  };
  const fw = fws.items.find((f) => /sở|ban|ngành|department/i.test(`${f.groupLabel} ${f.name}`)) ?? fws.items[0]!;
  const version = fw.versions.find((v) => v.status === 'published')!;
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
  const created = await request.post('/api/cycles', {
    headers: h,
    data: {
      programCode: 'PAR', year: 2025, name: DEMO_CYCLE, groupSetId: set!.id,
      calendar: {
        selfAssessmentOpens: day(-1), selfAssessmentDeadline: day(5), appraisalFrom: day(6), appraisalTo: day(20),
        explanationFrom: day(6), explanationTo: day(25), councilDate: day(30), publicationDate: day(35),
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  let cycle = (await created.json()) as { id: string; version: number };
  const put = async (path: string, data: Record<string, unknown>) => {
    const r = await request.put(`/api/cycles/${cycle.id}/${path}`, { headers: h, data: { version: cycle.version, ...data } });
    expect(r.ok(), await r.text()).toBeTruthy();
    cycle = (await r.json()) as typeof cycle;
  };
  await put('groups', { groups: [{ groupId: group.id, frameworkVersionId: version.id }] });
  await put('units', { unitIds: [stp!.id] });
  const open = await request.post(`/api/cycles/${cycle.id}/open`, { headers: h, data: { version: cycle.version } });
  expect(open.ok(), await open.text()).toBeTruthy();
  await request.post('/api/auth/logout', { headers: h }).catch(() => undefined);
}

interface DocNode { key: string; rule?: { type: string; options?: { key: string }[]; min?: string | number }; children?: DocNode[] }

/** An input of the leaf's rule (the lowest one), for the criteria the journey does not fill by hand. */
function someInput(rule: NonNullable<DocNode['rule']>): Record<string, unknown> | null {
  switch (rule.type) {
    case 'choice': return { kind: 'choice', option: rule.options![0]!.key };
    case 'yes_no': return { kind: 'yes_no', value: false };
    case 'rate_tiers': case 'proportional': return { kind: 'rate', numerator: '0', denominator: '1' };
    case 'manual': return { kind: 'manual', points: String(rule.min ?? '0') };
    case 'deduction': return { kind: 'count', occurrences: 0 };
    default: return null; // a bonus left empty is "no bonus"
  }
}

/**
 * The officer enters the criteria the journey does not fill by hand (through the API), each with the
 * uploaded document as evidence: the core refuses a submission with a criterion missing or scored
 * without evidence, and 34 criteria by hand would make this journey about typing.
 */
async function fillTheRest(page: Page, documentNumber: string): Promise<void> {
  const request = page.context().request;
  const csrf = await apiLogin(request, DEMO_OFFICER, DEMO_PASSWORD);
  const h = { 'X-CSRF-Token': csrf };
  const mine = (await (await request.get('/api/my/assessments')).json()) as { items: { cycleId: string; cycleName: string; unit: { id: string } }[] };
  const a = mine.items.find((i) => i.cycleName === DEMO_CYCLE)!;
  const base = `/api/cycles/${a.cycleId}/units/${a.unit.id}`;
  const docs = (await (await request.get(`/api/units/${a.unit.id}/evidence`)).json()) as { items: { id: string; documentNumber: string | null }[] };
  const doc = docs.items.find((d) => d.documentNumber === documentNumber);
  expect(doc, 'the uploaded document').toBeTruthy();
  const view = (await (await request.get(`${base}/assessment`)).json()) as {
    framework: { nodes: DocNode[] };
    records: Record<string, { version: number; self: { input: { kind: string } | null; evidence: { id: string }[] } }>;
  };
  const rules = new Map<string, NonNullable<DocNode['rule']>>();
  const walk = (ns: DocNode[]) => ns.forEach((n) => { if (n.rule) rules.set(n.key, n.rule); walk(n.children ?? []); });
  walk(view.framework.nodes);
  for (const [key, r] of Object.entries(view.records)) {
    if (r.self.input?.kind === 'not_applicable') continue;
    const input = r.self.input ?? someInput(rules.get(key)!);
    if (!input) continue;
    const evidenceIds = [...new Set([...r.self.evidence.map((e) => e.id), doc!.id])];
    const res = await request.put(`${base}/criteria/${key}`, { headers: h, data: { version: r.version, input, evidenceIds } });
    expect(res.ok(), `${key}: ${await res.text()}`).toBeTruthy();
  }
  await request.post('/api/auth/logout', { headers: h }).catch(() => undefined);
}

test('đơn vị tự đánh giá: cán bộ nhập và tải tài liệu, thủ trưởng gửi, trang chỉ còn xem', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await ensureDemoCycle(page);
  await page.context().clearCookies();

  // ---- the officer: one click from home to the assessment ----
  await login(page, DEMO_OFFICER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/my-work/);
  await expect(page.getByRole('heading', { name: 'Việc của tôi', level: 1 })).toBeVisible();
  await snap(page, testInfo, 'officer-my-work');
  const card = page.locator('.ant-card').filter({ hasText: DEMO_CYCLE });
  await card.getByRole('button', { name: /Tiếp tục tự đánh giá/ }).click();
  await expect(page).toHaveURL(/\/assessments\//);
  await expect(page.getByRole('heading', { name: /Tự đánh giá — Sở Tư pháp/ })).toBeVisible();
  await snap(page, testInfo, 'assessment-opened');

  const leaf = page.locator('.as-leaf');
  const status = page.getByTestId('save-status');

  // A choice (1.1.1).
  await page.getByTestId('node-1.1.1').click();
  await leaf.getByRole('radio', { name: /Kịp thời/ }).check();
  await expect(status).toContainText('Đã lưu lúc');
  await expect(leaf.getByTestId('leaf-points')).toContainText('1');
  await snap(page, testInfo, 'choice-saved');

  // A rate (1.1.2): the points follow as the officer types.
  await page.getByTestId('node-1.1.2').click();
  await leaf.locator('input[id$="-num"]').fill('17');
  // A pause between the two numbers (past the autosave's delay) keeps what was typed, unsaved.
  await expect(leaf.getByText('Nhập đủ cả hai số để tính tỷ lệ')).toBeVisible();
  await expect(leaf.locator('input[id$="-num"]')).toHaveValue('17');
  await leaf.locator('input[id$="-den"]').fill('20');
  await expect(leaf.getByTestId('rate-value')).toContainText('85,00%');
  await expect(leaf.getByTestId('leaf-points')).toContainText('Tỷ lệ 85,00%');
  await snap(page, testInfo, 'rate-live-points');
  await expect(status).toContainText('Đã lưu lúc');

  // Not applicable, with a reason (1.3.2 allows it).
  await page.getByTestId('node-1.3.2').click();
  await leaf.getByLabel('Không áp dụng đối với đơn vị').click();
  await leaf.getByLabel('Lý do không áp dụng').fill('Năm 2025 không phát hiện vấn đề nào qua kiểm tra');
  await expect(status).toContainText('Đã lưu lúc');
  await snap(page, testInfo, 'not-applicable');

  // Evidence for 1.1.1: a new PDF with its metadata.
  await page.getByTestId('node-1.1.1').click();
  await leaf.getByRole('button', { name: 'Tải lên tài liệu mới' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tải lên tài liệu kiểm chứng' });
  await dialog.getByLabel('Số văn bản').fill('12/KH-STP');
  await dialog.getByLabel('Cơ quan ban hành').fill('Sở Tư pháp');
  await dialog.getByLabel('Trích yếu').fill('Kế hoạch cải cách hành chính năm 2025');
  await dialog.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cchc-2025.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await dialog.getByRole('button', { name: 'Tải lên' }).click();
  await expect(dialog).toBeHidden();
  await expect(leaf.getByText('12/KH-STP · Kế hoạch cải cách hành chính năm 2025')).toBeVisible();
  await expect(status).toContainText('Đã lưu lúc');
  await snap(page, testInfo, 'evidence-uploaded');
  await logout(page);
  await fillTheRest(page, '12/KH-STP');

  // ---- the head: summary, submission ----
  await login(page, DEMO_HEAD, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/my-work/);
  await page.locator('.ant-card').filter({ hasText: DEMO_CYCLE }).getByRole('button', { name: /tự đánh giá/ }).click();
  await page.getByRole('tab', { name: 'Tổng hợp và gửi' }).click();
  await expect(page.getByText('Tổng hợp kết quả tự đánh giá')).toBeVisible();
  await snap(page, testInfo, 'head-summary');
  await page.getByRole('button', { name: /Gửi kết quả tự đánh giá/ }).click();
  await snap(page, testInfo, 'head-confirm');
  await page.getByRole('dialog').getByRole('button', { name: /Gửi kết quả tự đánh giá/ }).click();
  await expect(page.getByText('Đã gửi', { exact: true }).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Tiêu chí' }).click();
  await expect(page.getByText('trang chỉ để xem')).toBeVisible();
  await page.getByTestId('node-1.1.1').click();
  await expect(page.locator('.as-leaf').getByRole('radio', { name: /Kịp thời/ })).toBeDisabled();
  await snap(page, testInfo, 'read-only-after-submission');
});
