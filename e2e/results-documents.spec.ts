import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, As, DEMO_PASSWORD, login } from './helpers';
import { COUNCIL, acceptAll, acceptInstead, createCycle, fillUnit, freeYear, setCalendar } from './support/cycle';
import { snapBoth } from './support/shots';

// Issue 11 §6: once a group is published, its administrator downloads the official documents (the
// appraisal report and the draft decision in Word, the decision in PDF) from the publication panel.
const PROGRAM = 'par-index';
const UNITS = ['SYT', 'SCT', 'SXD'];

test('văn bản kết quả công bố: quản trị viên tải báo cáo thẩm định và quyết định công bố', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(420_000);
  const base = baseURL!;
  const api = playwright.request;
  const admin = await As.login(api, base, ADMIN_USER, ADMIN_PASSWORD);
  const year = await freeYear(admin, PROGRAM);
  const built = await createCycle(admin, {
    program: PROGRAM, year, name: `Chỉ số CCHC năm ${year} (văn bản công bố)`, groupOf: UNITS[0]!, unitCodes: UNITS, frameworkLabel: /sở, ban, ngành/i,
    agencies: 'own', chair: COUNCIL.chair,
  });
  const cycleId = built.cycle.id;
  for (const code of UNITS) await fillUnit(api, base, cycleId, built.unit(code), { submit: true });
  await setCalendar(admin, cycleId, 'appraisal');
  const ids = built.units.map((u) => u.id);
  for (const user of built.appraisers) await acceptAll(api, base, cycleId, user, ids);
  await acceptInstead(api, base, cycleId, ids);
  await setCalendar(admin, cycleId, 'council');
  const member = await As.login(api, base, COUNCIL.member, DEMO_PASSWORD);
  for (const id of ids) await member.call('POST', `/cycles/${cycleId}/units/${id}/actions/record_council_review`, {});
  await member.dispose();
  const chair = await As.login(api, base, COUNCIL.chair, DEMO_PASSWORD);
  for (const id of ids) await chair.call('POST', `/cycles/${cycleId}/units/${id}/actions/approve`, {});
  await chair.dispose();
  await admin.call('POST', `/cycles/${cycleId}/groups/${built.groupId}/publish`, { decisionNumber: '61/QĐ-UBND' });
  await admin.dispose();

  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await page.goto(`/council?cycle=${cycleId}&group=${built.groupId}`);
  const panel = page.getByRole('region', { name: 'Công bố', exact: true });
  const report = panel.getByRole('link', { name: /Báo cáo kết quả thẩm định \(Word\)/ });
  await expect(report).toBeVisible();
  await expect(panel.getByRole('link', { name: /Dự thảo Quyết định công bố \(Word\)/ })).toBeVisible();
  const pdfLink = panel.getByRole('link', { name: /Quyết định công bố \(PDF\)/ });
  await panel.scrollIntoViewIfNeeded();
  await snapBoth(page, testInfo, 'results-documents-panel');

  const downloading = page.waitForEvent('download');
  await pdfLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Quyết định công bố \d{4} - .+\.pdf$/);
  const saved = testInfo.outputPath('quyet-dinh-cong-bo.pdf');
  await download.saveAs(saved);
  await testInfo.attach('quyet-dinh-cong-bo.pdf', { path: saved, contentType: 'application/pdf' });
});
