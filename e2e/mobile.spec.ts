import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login, snap } from './helpers';

// A phone (390 px wide): every role's main pages fit the screen (no sideways scrolling of the
// page; wide tables scroll in their own box), and the header never covers what can be tapped:
// the logout button and the page's main action receive the tap.
test.use({ viewport: { width: 390, height: 844 }, isMobile: false, hasTouch: true });

/** Fails when the page scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${where}: page width` }).toBeLessThanOrEqual(390);
}

/** Visible, inside the screen's width, and the topmost element at its centre (nothing covers it). */
async function expectTappable(target: Locator, what: string): Promise<void> {
  await expect(target, what).toBeVisible();
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  expect(box.x, `${what}: left edge on screen`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge on screen`).toBeLessThanOrEqual(390);
  const onTop = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (el === hit || el.contains(hit));
  });
  expect(onTop, `${what}: not covered by another element`).toBe(true);
  // Playwright's own hit test, without clicking.
  await target.click({ trial: true });
}

const logoutButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' });

interface RoleCase {
  role: string;
  user: string;
  /** Pages to check, then the main action of the first one. */
  paths: string[];
  main: (page: Page) => Locator;
}

const ROLES: RoleCase[] = [
  { role: 'administrator', user: 'snv.quantri', paths: ['/cycles', '/units', '/users', '/audit', '/frameworks', '/appraisal', '/council'],
    main: (p) => p.getByRole('button', { name: 'Tạo kỳ đánh giá' }) },
  { role: 'officer', user: 'stp.canbo', paths: ['/my-work', '/my-unit', '/frameworks'],
    main: (p) => p.locator('#main a[href^="/assessments/"]').first() },
  { role: 'head', user: 'stp.lanhdao', paths: ['/my-work', '/my-unit', '/users'],
    main: (p) => p.locator('#main a[href^="/assessments/"]').first() },
  { role: 'appraiser', user: 'stp.thamdinh', paths: ['/appraisal', '/my-unit', '/frameworks'],
    main: (p) => p.getByRole('button', { name: /^Mở 2\.1 — / }).first() },
  { role: 'council', user: 'hoidong.snv', paths: ['/council', '/my-unit', '/frameworks'],
    main: (p) => p.getByRole('link', { name: /Xuất Excel/ }) },
  // The leader's home is the results dashboard: its main action opens a unit's report card.
  { role: 'leader', user: 'ubnd.chutich', paths: ['/results', '/council', '/my-unit', '/frameworks'],
    main: (p) => p.getByTestId('results-list').getByRole('link').first() },
];

for (const c of ROLES) {
  test(`${c.role} on a phone: pages fit, logout and the main action can be tapped`, async ({ page }, testInfo) => {
    await login(page, c.user, DEMO_PASSWORD);
    for (const path of c.paths) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expectNoSidewaysScroll(page, path);
      await expectTappable(logoutButton(page), `${path}: logout`);
      await snap(page, testInfo, `${c.role}${path.replace(/\//g, '-')}`);
    }
    await page.goto(c.paths[0]!);
    await expectTappable(c.main(page), `${c.paths[0]}: main action`);
    // The menu opens from the header and leads to the pages.
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await expect(page.getByRole('dialog').getByRole('navigation')).toBeVisible();
  });
}

test('officer on a phone: a tapped criterion opens its editor in view, the page fits', async ({ page }, testInfo) => {
  await login(page, 'stp.canbo', DEMO_PASSWORD);
  await page.goto('/my-work');
  await page.locator('#main a[href^="/assessments/"]').first().click();
  await expect(page.getByRole('tree')).toBeVisible();
  await expectNoSidewaysScroll(page, 'self-assessment');
  const leaf = page.getByRole('tree').getByText('1.1.2', { exact: true });
  await expectTappable(leaf, 'a criterion in the tree');
  await leaf.click();
  const editor = page.locator('.as-leaf');
  await expect(editor).toBeInViewport();
  await expectNoSidewaysScroll(page, 'criterion editor');
  await expectTappable(logoutButton(page), 'logout on the self-assessment page');
  await snap(page, testInfo, 'officer-criterion');
});

test('public results on a phone: each unit shows its index and class on screen', async ({ page }, testInfo) => {
  // A published group (the demo publishes none at start): the public API's answer, as the server gives it.
  await page.route('**/api/public/results', (route) => route.fulfill({
    json: { items: [{ cycleId: 'c1', groupId: 'g1', groupName: 'Sở, ban, ngành', program: { code: 'PAR', name: 'Chỉ số CCHC' }, year: 2025, latestNumber: 1, publishedAt: '2026-01-15T03:00:00.000Z' }] },
  }));
  await page.route('**/api/public/results/c1/g1*', (route) => route.fulfill({
    json: {
      id: 's1', cycleId: 'c1', groupId: 'g1', groupName: 'Sở, ban, ngành', number: 1, decisionNumber: '123/QĐ-UBND', reason: null,
      createdAt: '2026-01-15T03:00:00.000Z', hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      rows: [
        { unitId: 'u1', unitCode: 'STP', unitName: 'Sở Tư pháp tỉnh Lạng Sơn', achieved: '87.5', bonus: null, applicableMax: '100', index: '87.50', rank: 1, classLabel: 'Tốt',
          fields: [{ fieldKey: 'f1', code: '1', name: 'Công tác chỉ đạo', achieved: '11', applicableMax: '12', componentIndex: '91.67' }] },
        { unitId: 'u2', unitCode: 'SYT', unitName: 'Sở Y tế tỉnh Lạng Sơn', achieved: '73.79', bonus: null, applicableMax: '100', index: '73.79', rank: 2, classLabel: 'Khá',
          fields: [{ fieldKey: 'f1', code: '1', name: 'Công tác chỉ đạo', achieved: '11', applicableMax: '12', componentIndex: '66.67' }] },
      ],
    },
  }));
  await page.goto('/cong-khai');
  const rows = page.getByTestId('public-row');
  await expect(rows).toHaveCount(2);
  await expectNoSidewaysScroll(page, '/cong-khai');
  for (const [i, index, cls] of [[0, '87,50', 'Tốt'], [1, '73,79', 'Khá']] as const) {
    const row = rows.nth(i);
    await row.scrollIntoViewIfNeeded();
    await expect(row.getByTestId('public-index')).toHaveText(index);
    await expect(row.getByTestId('public-index')).toBeInViewport({ ratio: 1 });
    await expect(row.getByTestId('public-class')).toHaveText(cls);
    await expect(row.getByTestId('public-class')).toBeInViewport({ ratio: 1 });
  }
  await expectTappable(page.getByRole('banner').getByRole('link', { name: 'Đăng nhập' }), 'login');
  // The check code wraps on a phone: all of it on screen, no sideways scroll (checked above).
  const hash = page.getByTestId('snapshot-hash').locator('.chiso-hash');
  await hash.scrollIntoViewIfNeeded();
  await expect(hash).toHaveText('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  await expect(hash).toBeInViewport({ ratio: 1 });
  await snap(page, testInfo, 'public-phone');
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByRole('columnheader', { name: 'Chỉ số', exact: true })).toBeVisible();
  await snap(page, testInfo, 'public-wide');
});
