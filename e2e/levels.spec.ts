import { expect, test, type Page } from '@playwright/test';
import type { CycleSummary, ErrorEnvelope, FrameworkSummary, GroupSet, Items, Me, Unit, User } from '@chiso/contract';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_CYCLE, DEMO_PASSWORD, chooseOption, login, logout, pickOption, snap } from './helpers';
import { serverAnswer } from './support/page';
import { acceptAll, accountsOf, fillUnit, setCalendar, vnDay, type Cycle } from './support/cycle';

// Every level on one platform (issue 10): the administrator of a department (Sở Y tế, its role scope
// the department and every unit under it) sets up its own sub-units' cycle in the browser, opens it
// and — once its units, appraiser and council have done their parts (through the API, as the whole
// year does) — publishes it; the province's cycle is closed to it; the province's administrator then
// sees both cycles side by side and the department's published results.
const DEPT_ADMIN = 'syt.quantri';
const DEPT_CODE = 'SYT';
const DEPT_NAME = 'Sở Y tế';
/** How the cycles list names the province's own cycles (owner null). */
const PROVINCE_OWNER = 'Cấp tỉnh (Sở Nội vụ)';

/** dd/mm/yyyy of a calendar instant, in Asia/Ho_Chi_Minh (as the date pickers take it). */
const vnDate = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');

/** The calendar of a cycle whose self-assessment runs for 5 more days, as the form's labels take it. */
const CALENDAR: [string, string][] = [
  ['Hạn tự đánh giá', vnDay(5, true)], ['Thẩm định từ ngày', vnDay(6)], ['Thẩm định đến ngày', vnDay(20, true)],
  ['Giải trình từ ngày', vnDay(6)], ['Giải trình đến ngày', vnDay(20, true)], ['Ngày họp Hội đồng', vnDay(21)], ['Ngày công bố', vnDay(22)],
];

/** The set-up page's card titled `title`. */
const card = (page: Page, title: string) => page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title').getByText(title, { exact: true }) });

/** Does `act` and waits for the server to take the change it sends (`method`, a path ending with `suffix`). */
async function saving(page: Page, method: string, suffix: string, act: () => Promise<unknown>): Promise<void> {
  const answer = page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(suffix));
  await act();
  const res = await answer;
  expect(res.ok(), `${method} ${suffix} → ${res.status()} ${await res.text()}`).toBe(true);
  await expect(page.getByText('Đã lưu').last()).toBeVisible();
}

/** The cycles list's row of a cycle. */
const cycleRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

test('cấp Sở: quản trị Sở Y tế thiết lập và công bố kỳ đánh giá các đơn vị thuộc Sở, không vào được kỳ của tỉnh; quản trị tỉnh thấy cả hai', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(600_000);
  const base = baseURL!;
  await page.setViewportSize({ width: 1440, height: 900 });
  const province = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);
  const dept = await As.login(playwright.request, base, DEPT_ADMIN);

  // ---------- what the department has in the demo: its scope, its group set, its framework ----------
  const { scope } = (await dept.call<{ user: Me }>('GET', '/auth/me')).user;
  expect(scope?.code, 'the department administrator works within its department').toBe(DEPT_CODE);
  const sets = (await dept.call<Items<GroupSet>>('GET', '/group-sets')).items.filter((s) => s.owner?.id === scope!.id);
  expect(sets.length, 'the department has its own group set').toBeGreaterThan(0);
  const set = sets[0]!;
  const group = set.groups.find((g) => g.memberIds.length > 0)!;
  const frameworks = (await dept.call<Items<FrameworkSummary>>('GET', '/frameworks')).items
    .filter((f) => f.owner?.id === scope!.id && f.versions.some((v) => v.status === 'published'));
  expect(frameworks.length, 'the department has its own published framework').toBeGreaterThan(0);
  const framework = frameworks[0]!;
  const version = framework.versions.find((v) => v.status === 'published')!;
  const units = (await dept.call<Items<Unit>>('GET', '/units')).items;
  const users = (await dept.call<Items<User>>('GET', '/users')).items.filter((u) => u.active);
  // The group's sub-units that have an officer and a head in the demo.
  const staffed = (u: Unit) => Object.values(accountsOf(u.code)).every((name) => users.some((x) => x.username === name));
  const members = group.memberIds.map((id) => units.find((u) => u.id === id)!).filter(staffed);
  expect(members.length, 'the department has staffed sub-units').toBeGreaterThan(1);
  // Its appraiser and its council member (the chair), both within the department.
  const appraiser = users.find((u) => u.roles.includes('appraiser'))!;
  const councilMember = users.find((u) => u.roles.includes('council_member') && u.scope?.id === scope!.id)!;
  expect(appraiser && councilMember, 'the department has its own appraiser and council member').toBeTruthy();
  const appraiserUnit = units.find((u) => u.id === appraiser.unit.id)!;
  // Every cycle the province's administrator sees: the province's own demo cycle among them.
  const everyCycle = (await province.call<Items<CycleSummary>>('GET', '/cycles')).items;
  const provinceCycle = everyCycle.find((c) => c.name === DEMO_CYCLE && c.owner === null)!;
  expect(provinceCycle, 'the province runs its own 2025 cycle').toBeTruthy();
  const deptCycles = everyCycle.filter((c) => c.owner?.id === scope!.id);
  expect(deptCycles.length, 'the demo has the department\'s own cycle').toBeGreaterThan(0);

  // ---------- the department's administrator: only its own organisation's cycles ----------
  await login(page, DEPT_ADMIN, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/cycles/);
  await expect(page.getByRole('heading', { name: 'Kỳ đánh giá', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: DEMO_CYCLE, exact: true })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: PROVINCE_OWNER })).toHaveCount(0);
  // Its own cycles run here and none other (neither the province's nor another organising unit's);
  // earlier years' results imported from files stay hidden until asked for.
  const deptRun = deptCycles.filter((c) => c.origin !== 'imported');
  for (const c of deptRun) await expect(cycleRow(page, c.name)).toContainText(scope!.name);
  await expect(page.getByRole('row').filter({ has: page.getByRole('link') })).toHaveCount(deptRun.length);
  await snap(page, testInfo, 'dept-cycles');

  // ---------- it sets up a new cycle of its own ----------
  // The next year's index of its units, under its own framework (the demo's cycle is the year before).
  const year = Math.max(...deptCycles.map((c) => c.year)) + 1;
  const name = `Chỉ số CCHC các đơn vị thuộc ${DEPT_NAME} năm ${year}`;
  await page.getByRole('button', { name: 'Tạo kỳ đánh giá' }).click();
  const form = page.getByRole('dialog', { name: 'Tạo kỳ đánh giá' });
  // Its cycles are its department's: the organising unit is shown, fixed.
  await expect(form.getByLabel('Đơn vị tổ chức')).toHaveValue(scope!.name);
  await expect(form.getByLabel('Đơn vị tổ chức')).toBeDisabled();
  await chooseOption(page, 'Chương trình', framework.program.name, form);
  await form.getByLabel('Năm', { exact: true }).fill(String(year));
  await form.getByLabel('Tên', { exact: true }).fill(name);
  await chooseOption(page, 'Bộ nhóm xếp hạng', set.name, form);
  for (const [label, instant] of CALENDAR) {
    const input = form.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(vnDate(instant));
    await input.press('Enter');
  }
  await snap(page, testInfo, 'dept-create-form');
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/cycles');
  await form.getByRole('button', { name: 'Tạo kỳ đánh giá' }).click();
  const createdAnswer = await created;
  expect(createdAnswer.status(), await createdAnswer.text()).toBe(201);
  const cycleId = ((await createdAnswer.json()) as Cycle).id;
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Thiết lập', selected: true })).toBeVisible();
  await expect(page.locator('.ant-descriptions-item').filter({ hasText: 'Đơn vị tổ chức' })).toContainText(scope!.name);

  // It attaches its own framework to its group, in the set-up page.
  const groupsCard = card(page, 'Bộ tiêu chí theo nhóm');
  await chooseOption(page, `Phiên bản bộ tiêu chí: ${group.name}`, `${framework.name} — phiên bản ${version.number} (${framework.year})`, groupsCard);
  await saving(page, 'PUT', '/groups', () => groupsCard.getByRole('button', { name: 'Lưu' }).click());
  // Its sub-units with demo accounts take part (publication needs every participant of the group approved).
  const participants = card(page, 'Đơn vị tham gia');
  for (const u of members) await pickOption(page, 'Đơn vị tham gia', u.code, participants);
  await page.keyboard.press('Escape');
  await expect(participants.getByText(`${members.length} đơn vị được chọn`)).toBeVisible();
  await saving(page, 'PUT', '/units', () => participants.getByRole('button', { name: 'Lưu' }).click());
  // Its appraiser's unit appraises every criterion (agencies are chosen within the department).
  const agencies = card(page, 'Cơ quan thẩm định');
  await expect(agencies.getByLabel('Mã cơ quan').first()).toBeVisible();
  const agencyCodes = await agencies.getByLabel('Mã cơ quan').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(agencyCodes.length, 'the framework names its appraising agencies').toBeGreaterThan(0);
  for (const code of agencyCodes) await pickOption(page, `Đơn vị thẩm định: ${code}`, appraiserUnit.code, agencies);
  await saving(page, 'PUT', '/agencies', () => agencies.getByRole('button', { name: 'Lưu' }).click());
  // The chair of its own council.
  await saving(page, 'PATCH', `/cycles/${cycleId}`, () => chooseOption(page, 'Chủ tịch Hội đồng', `${councilMember.fullName} (${councilMember.unit.name})`));
  const ready = await dept.call<Cycle>('GET', `/cycles/${cycleId}`);
  expect(ready.owner?.id).toBe(scope!.id);
  expect(ready.groups).toEqual([expect.objectContaining({ groupId: group.id, frameworkVersionId: version.id })]);
  expect(ready.units.map((u) => u.unitId).sort()).toEqual(members.map((u) => u.id).sort());
  expect(new Set(ready.agencies.map((a) => a.unitId))).toEqual(new Set([appraiserUnit.id]));
  expect(ready.councilChairUserId).toBe(councilMember.id);

  // It opens the cycle in the browser.
  await page.reload();
  await page.getByRole('tab', { name: 'Thiết lập' }).click();
  await snap(page, testInfo, 'dept-setup');
  await page.getByRole('button', { name: 'Mở kỳ đánh giá' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mở kỳ đánh giá' }).click();
  await expect(page.getByText('Đã mở kỳ đánh giá')).toBeVisible();

  // ---------- the sub-units assess themselves, the department appraises, its council approves (API) ----------
  // The cycle keeps the form's default rules (a criterion with points needs evidence): each officer uploads one document.
  for (const u of members) {
    const officer = await As.login(playwright.request, base, accountsOf(u.code).officer);
    const evidence = await officer.upload(u.id, { documentNumber: `12/BC-${u.code}`, issuer: u.name, title: `Báo cáo công tác cải cách hành chính năm ${year}` });
    await officer.dispose();
    await fillUnit(playwright.request, base, cycleId, u, { evidenceIds: [evidence.id], submit: true });
  }
  await setCalendar(dept, cycleId, 'appraisal');
  await acceptAll(playwright.request, base, cycleId, appraiser.username, members.map((u) => u.id));
  await setCalendar(dept, cycleId, 'council');
  const council = await As.login(playwright.request, base, councilMember.username);
  for (const action of ['record_council_review', 'approve']) {
    for (const u of members) await council.call('POST', `/cycles/${cycleId}/units/${u.id}/actions/${action}`, {});
  }
  await council.dispose();

  // ---------- the department's administrator publishes, in the browser ----------
  await page.goto(`/council?cycle=${cycleId}&group=${group.id}`);
  await expect(page.getByRole('cell', { name: members[0]!.name })).toBeVisible();
  await page.getByRole('button', { name: 'Công bố kết quả nhóm' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel('Số quyết định').fill('45/QĐ-SYT');
  await snap(page, testInfo, 'dept-publish-confirm');
  const published = serverAnswer(page, '/publish');
  await confirm.getByRole('button', { name: 'Công bố kết quả nhóm' }).click();
  expect((await published).ok()).toBe(true);
  await expect(page.getByText('Đã công bố (bản 1)')).toBeVisible();
  await snap(page, testInfo, 'dept-published');

  // ---------- the province's cycle is not the department's: refused, nothing of it shown ----------
  // The server refuses with a Vietnamese message and sends nothing of the cycle.
  const provinceGroup = (await province.call<Cycle>('GET', `/cycles/${provinceCycle.id}`)).groups[0]!.groupId;
  for (const path of [`/cycles/${provinceCycle.id}`, `/cycles/${provinceCycle.id}/council?groupId=${provinceGroup}`]) {
    const refused = await dept.answer('GET', path);
    expect(refused.status, `${path}: ${refused.text}`).toBe(403);
    // A sentence in Vietnamese (its letters with diacritics), not a code.
    expect((refused.body as ErrorEnvelope).error.message).toMatch(/^\p{Lu}.*[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữự].*\.$/u);
    expect(refused.text).not.toContain(DEMO_CYCLE);
  }
  // Its address typed in the browser: the refusal page, none of the cycle's data.
  await page.goto(`/cycles/${provinceCycle.id}`);
  await expect(page.getByText('Bạn không có quyền truy cập')).toBeVisible();
  await expect(page.getByText(DEMO_CYCLE)).toHaveCount(0);
  await expect(page.getByRole('tab')).toHaveCount(0);
  await snap(page, testInfo, 'dept-refused-province-cycle');

  // Its cycle list on a phone: its own cycles only, readable without sideways scrolling.
  await page.goto('/cycles');
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { message: 'no sideways scrolling at 390 px' }).toBe(true);
  await snap(page, testInfo, 'dept-cycles-390');
  await page.setViewportSize({ width: 1440, height: 900 });
  await logout(page);

  // ---------- the province's administrator sees both, side by side, and the department's results ----------
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/cycles/);
  await expect(page.getByRole('columnheader', { name: 'Đơn vị tổ chức' })).toBeVisible();
  // Both side by side, each with its organising unit and progress: the department's all submitted and published.
  await expect(cycleRow(page, name)).toContainText(scope!.name);
  await expect(cycleRow(page, name)).toContainText(`${members.length}/${members.length} đã nộp · ${members.length} đã công bố`);
  await expect(cycleRow(page, DEMO_CYCLE)).toContainText(PROVINCE_OWNER);
  await snap(page, testInfo, 'province-cycles-both');
  // The filter by organising unit: the department's cycles only.
  await chooseOption(page, 'Lọc theo đơn vị tổ chức', scope!.name);
  await expect(cycleRow(page, name)).toBeVisible();
  await expect(cycleRow(page, DEMO_CYCLE)).toHaveCount(0);
  await page.goto(`/council?cycle=${cycleId}&group=${group.id}`);
  for (const u of members) await expect(page.getByRole('row').filter({ hasText: u.name }).getByText('Đã công bố')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bản 1' })).toBeVisible();
  await snap(page, testInfo, 'province-sees-dept-results');
  // The same trace down to the evidence as for its own cycles.
  const traced = members[0]!;
  await page.getByRole('row').filter({ hasText: traced.name }).getByRole('button', { name: 'Chi tiết điểm' }).click();
  const trace = page.getByRole('dialog', { name: `Chi tiết điểm công bố — ${traced.name}` });
  await expect(trace.getByText(/45\/QĐ-SYT/)).toBeVisible();
  await expect(trace.getByRole('link', { name: new RegExp(`12/BC-${traced.code}`) }).first()).toBeVisible();
  await snap(page, testInfo, 'province-trace-dept-unit');

  await dept.dispose();
  await province.dispose();
});
