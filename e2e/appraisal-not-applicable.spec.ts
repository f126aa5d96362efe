import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login, logout, snap } from './helpers';
import { createCycle, fillUnit, freeYear, setCalendar } from './support/cycle';

// Not-applicable claims in the appraisal (issue 7, blocker 2). Three demo departments of one
// group declare criteria of the Office of the PPC (VPUBND, appraised by vp.thamdinh) "không áp
// dụng": Sở Y tế on 3.1 and 3.2, Sở Công Thương and Sở Xây dựng on 3.1. After submission the
// appraiser confirms 3.2 of Sở Y tế in the drawer, refuses its 3.1 with a reason and a value, and
// confirms 3.1 of the two others in one action from the grid; Sở Y tế then reads the refusal in its
// notifications. The cycle is the test's own (the first free year), its calendar moved through the
// administrator's API as in whole-year.spec.ts.
const PROGRAM = 'par-index';
const APPRAISER = 'vp.thamdinh';
const UNITS = { SYT: 'syt', SCT: 'sct', SXD: 'sxd' } as const;
const CLAIMS: Record<keyof typeof UNITS, string[]> = { SYT: ['3.1', '3.2'], SCT: ['3.1'], SXD: ['3.1'] };
const REASON = 'Đơn vị không có thủ tục hành chính thuộc thẩm quyền giải quyết';
const REFUSAL = 'Sở Y tế giải quyết 12 thủ tục hành chính lĩnh vực dược (Quyết định 45/QĐ-UBND)';

/**
 * The drawer at a desktop's and a phone's width (what the screen shows: the drawer scrolls by
 * itself): its top with the unit's claim, and the decision form down to its button.
 */
async function drawerShots(page: Page, testInfo: TestInfo, name: string) {
  const drawer = page.getByRole('dialog').last();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(drawer).toBeVisible();
    await drawer.getByTestId('na-claim').scrollIntoViewIfNeeded();
    await shot(page, testInfo, `${name}-${width}-top`);
    await drawer.locator('button[type=submit]').scrollIntoViewIfNeeded();
    await shot(page, testInfo, `${name}-${width}-form`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('không áp dụng: xác nhận, không chấp nhận trong ngăn thẩm định, xác nhận hàng loạt; đơn vị nhận thông báo', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const admin = await As.login(playwright.request, base, ADMIN_USER, ADMIN_PASSWORD);

  // ---------- set-up (administrator, API): a cycle of the departments' group with three units ----------
  const year = await freeYear(admin, PROGRAM);
  const built = await createCycle(admin, {
    program: PROGRAM, year, name: `Chỉ số CCHC năm ${year} (không áp dụng)`, groupOf: 'SYT', unitCodes: Object.keys(UNITS), frameworkLabel: /sở, ban, ngành/i, agencies: 'own',
  });
  const cycle = built.cycle;
  expect(built.leaves.find((l) => l.code === '3.1')!.agency).toBe('VPUBND');

  // ---------- each unit fills everything (API), declares its claims, and its head submits ----------
  for (const code of Object.keys(UNITS) as (keyof typeof UNITS)[]) {
    await fillUnit(playwright.request, base, cycle.id, built.unit(code), {
      input: (l) => (CLAIMS[code].includes(l.code) ? { kind: 'not_applicable', reason: REASON } : undefined),
      explanation: 'Đã thực hiện theo kế hoạch năm.', submit: true,
    });
  }

  // ---------- the administrator moves the calendar into the appraisal ----------
  await setCalendar(admin, cycle.id, 'appraisal');
  await admin.dispose();

  // ---------- the appraiser finds the claims in the grid ----------
  await login(page, APPRAISER, DEMO_PASSWORD);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/appraisal?cycle=${cycle.id}`);
  await expect(page.getByTestId('cell-3.1-SYT').getByText('Không áp dụng?')).toBeVisible();
  await expect(page.getByTestId('cell-3.2-SYT').getByText('Không áp dụng?')).toBeVisible();
  await expect(page.getByTestId('cell-3.2-SCT').getByText('Không áp dụng?')).toHaveCount(0);
  // A claim is not offered to bulk accept (no tick box in its cell).
  await expect(page.getByTestId('cell-3.1-SYT').getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByTestId('cell-3.2-SCT').getByRole('checkbox')).toHaveCount(1);
  await snap(page, testInfo, 'grid-claims-pending');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, testInfo, 'grid-claims-pending-390');
  await page.setViewportSize({ width: 1440, height: 900 });

  // ---------- the drawer: confirm 3.2 of Sở Y tế ----------
  const drawer = page.getByRole('dialog', { name: /— Sở Y tế/ });
  await page.getByRole('button', { name: 'Mở 3.2 — Sở Y tế' }).click();
  await expect(drawer.getByTestId('na-claim')).toContainText(REASON);
  await expect(drawer.getByTestId('na-claim')).toContainText('Đơn vị không có TTHC thuộc thẩm quyền giải quyết'); // the framework's condition
  await expect(drawer.getByText('Chấp nhận điểm tự đánh giá')).toHaveCount(0);
  await expect(drawer.getByText('Cho điểm khác')).toHaveCount(0);
  await drawerShots(page, testInfo, 'drawer-confirm');
  await drawer.getByRole('button', { name: 'Xác nhận không áp dụng' }).click();
  await expect(page.getByText('Đã xác nhận không áp dụng', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-3.2-SYT').getByText('Không áp dụng', { exact: true })).toBeVisible();

  // ---------- the drawer: refuse 3.1 of Sở Y tế, with a reason and a value by its rule ----------
  await page.getByRole('button', { name: 'Mở 3.1 — Sở Y tế' }).click();
  await expect(drawer.getByTestId('na-claim')).toContainText(REASON);
  await drawer.getByText('Không chấp nhận', { exact: true }).click();
  const refuse = drawer.getByRole('button', { name: 'Không chấp nhận «không áp dụng»' });
  await expect(refuse).toBeDisabled(); // no value yet
  await drawer.getByRole('radiogroup', { name: 'Câu trả lời' }).getByText('Có', { exact: true }).click();
  await expect(drawer.getByText(`Điểm sẽ ghi nhận: 2 / 2`)).toBeVisible();
  // A refusal without a reason is stopped on the field.
  await refuse.click();
  await expect(drawer.getByText('Vui lòng ghi lý do')).toBeVisible();
  await drawer.getByLabel(/Lý do không chấp nhận/).fill(REFUSAL);
  await drawerShots(page, testInfo, 'drawer-refuse');
  await refuse.click();
  await expect(page.getByText('Đã không chấp nhận «không áp dụng»; đơn vị đã được thông báo')).toBeVisible();
  await expect(drawer.getByText(REFUSAL).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-3.1-SYT').getByText('Không chấp nhận không áp dụng')).toBeVisible();

  // ---------- bulk confirmation of 3.1 for the two other units ----------
  await page.getByRole('button', { name: 'Xác nhận không áp dụng tiêu chí 3.1 cho các đơn vị đang chờ (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xác nhận không áp dụng tiêu chí 3.1' });
  await expect(dialog.getByRole('checkbox', { name: /Sở Công Thương/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Sở Xây dựng/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Sở Y tế/ })).toHaveCount(0);
  await snap(page, testInfo, 'bulk-confirm-dialog');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, testInfo, 'bulk-confirm-dialog-390');
  await page.setViewportSize({ width: 1440, height: 900 });
  await dialog.getByRole('button', { name: 'Xác nhận không áp dụng (2 đơn vị)' }).click();
  await expect(page.getByText('Đã xác nhận không áp dụng tiêu chí 3.1 cho 2 đơn vị')).toBeVisible();
  for (const code of ['SCT', 'SXD']) await expect(page.getByTestId(`cell-3.1-${code}`).getByText('Không áp dụng', { exact: true })).toBeVisible();
  await expect(page.getByText('Không áp dụng?')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Xác nhận không áp dụng tiêu chí/ })).toHaveCount(0);
  await snap(page, testInfo, 'grid-claims-decided');
  await logout(page);

  // ---------- Sở Y tế reads the refusal with its reason ----------
  await login(page, 'syt.canbo', DEMO_PASSWORD);
  await page.getByRole('button', { name: /^Thông báo: \d+ chưa đọc/ }).click();
  const note = page.getByRole('button', { name: /không chấp nhận việc Sở Y tế.* khai báo "không áp dụng" tiêu chí 3\.1/ });
  await expect(note).toBeVisible();
  await expect(note).toContainText(REFUSAL);
  await snap(page, testInfo, 'unit-notified');
});
