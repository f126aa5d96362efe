import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, login, snap } from './helpers';

// "Tính thử điểm": the administrator opens the demo departments framework, uploads the demo inputs
// and sees exactly the figures `chiso score` prints for the same files.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const frameworkFile = path.join(root, 'packages/server/src/demo/frameworks/departments-2025.json');
const inputsFile = path.join(root, 'packages/server/src/demo/inputs/departments-2025-inputs.csv');
const unitsFile = path.join(root, 'packages/server/src/demo/inputs/departments-2025-units.csv');
const demoName = (JSON.parse(fs.readFileSync(frameworkFile, 'utf8')) as { name: string }).name;
const group = 'Sở, ban, ngành';

/** RFC 4180 CSV (quotes, doubled quotes, CRLF) — enough for the command's output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.filter((r) => r.some((c) => c !== ''));
}

/** What `chiso score … --vi` prints for the demo files, keyed by the header. */
function cliResult(): Record<string, string>[] {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'packages/server/src/cli.ts', 'score', '--framework', frameworkFile, '--inputs', inputsFile, '--units', unitsFile, '--vi'],
    { cwd: root, encoding: 'utf8' },
  );
  const [header, ...rows] = parseCsv(out);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** The published departments framework of the demo: found in the library, or imported through the API. */
async function departmentsVersionId(page: Page): Promise<string> {
  const me = await page.request.get('/api/auth/me');
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const list = await page.request.get('/api/frameworks?program=par-index&year=2025');
  const items = ((await list.json()) as { items: { name: string; groupLabel: string; versions: { id: string; number: number }[] }[] }).items;
  const found = items.find((f) => f.groupLabel === group && f.name === demoName);
  if (found) return [...found.versions].sort((a, b) => a.number - b.number)[0]!.id;
  const imported = await page.request.post('/api/frameworks/import', {
    headers: { 'x-csrf-token': csrf },
    multipart: {
      programCode: 'par-index',
      year: '2025',
      groupLabel: group,
      name: demoName,
      file: { name: 'departments-2025.json', mimeType: 'application/json', buffer: fs.readFileSync(frameworkFile) },
    },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  const framework = (await imported.json()) as { versions: { id: string }[] };
  const versionId = framework.versions[0]!.id;
  const version = (await (await page.request.get(`/api/framework-versions/${versionId}`)).json()) as { version: number };
  const published = await page.request.post(`/api/framework-versions/${versionId}/publish`, { headers: { 'x-csrf-token': csrf }, data: { version: version.version } });
  expect(published.status(), await published.text()).toBe(200);
  return versionId;
}

test('quản trị: tính thử điểm bộ tiêu chí sở, ban, ngành với dữ liệu mẫu — cùng số liệu với chiso score', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const expected = cliResult();
  expect(expected.map((r) => r['Đơn vị'])).toEqual(['STP', 'SGDDT', 'SNV', 'STC', 'SCT', 'SVHTTDL', 'SXD', 'SYT']);

  await login(page, ADMIN_USER, ADMIN_PASSWORD);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Bộ tiêu chí' })).toBeVisible();
  const versionId = await departmentsVersionId(page);

  // Open the framework version and its "Tính thử điểm".
  await page.goto(`/frameworks/versions/${versionId}`);
  await expect(page.getByRole('heading', { level: 1, name: demoName })).toBeVisible();
  await page.getByRole('button', { name: 'Tính thử điểm' }).click();
  await expect(page).toHaveURL(new RegExp(`/frameworks/versions/${versionId}/score$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Tính thử điểm' })).toBeVisible();
  await expect(page.getByText('Chưa có kết quả.')).toBeVisible();
  await snap(page, testInfo, 'scoring-empty');

  // The inputs template lists every leaf.
  await page.getByRole('button', { name: 'Tải mẫu nhập liệu' }).hover();
  const templateDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Mẫu CSV' }).click();
  const template = await templateDownload;
  expect(template.suggestedFilename()).toBe('mau-nhap-lieu-departments-2025.csv');
  const templateRows = parseCsv(fs.readFileSync((await template.path())!, 'utf8').replace(/^\uFEFF/, ''));
  expect(templateRows[0]!.slice(0, 2)).toEqual(['unit', 'criterion']);
  expect(templateRows).toHaveLength(43);

  // Upload the demo inputs and units, compute.
  await page.getByTestId('pick-inputs').locator('input[type=file]').setInputFiles(inputsFile);
  await page.getByTestId('pick-units').locator('input[type=file]').setInputFiles(unitsFile);
  await expect(page.getByText('departments-2025-inputs.csv')).toBeVisible();
  await page.getByRole('button', { name: 'Tính điểm' }).click();
  await expect(page.getByText('Kết quả (8 đơn vị) · Sở, ban, ngành')).toBeVisible();

  // Every unit: the page shows exactly what the command prints.
  const results = page.getByTestId('score-results');
  for (const row of expected) {
    const unit = row['Đơn vị']!;
    await expect(page.getByTestId(`index-${unit}`)).toHaveText(row['Chỉ số']!);
    await expect(page.getByTestId(`rank-${unit}`)).toHaveText(row['Xếp hạng']!);
    await expect(page.getByTestId(`class-${unit}`)).toHaveText(row['Xếp loại']!);
    await expect(page.getByTestId(`total-${unit}`)).toHaveText(row['Tổng điểm']!);
    await expect(page.getByTestId(`max-${unit}`)).toHaveText(row['Điểm tối đa áp dụng']!);
    const tr = results.locator(`tr[data-row-key="${unit}"]`);
    await expect(tr).toContainText(row['Tên đơn vị']!);
    for (let f = 1; f <= 8; f++) await expect(tr.getByTestId(`field-${unit}-${f}`)).toHaveText(row[`Lĩnh vực ${f}`]!);
  }
  // Spot checks by hand (packages/server/test/scoring.test.ts): shared rank, not-applicable maximum.
  await expect(page.getByTestId('index-STP')).toHaveText('93,89');
  await expect(page.getByTestId('max-STP')).toHaveText('97,00');
  await expect(page.getByTestId('rank-SCT')).toHaveText('5');
  await expect(page.getByTestId('rank-SVHTTDL')).toHaveText('5');
  await expect(page.getByTestId('rank-SXD')).toHaveText('7');
  await snap(page, testInfo, 'scoring-results');

  // Per-unit detail: SNV's 98 % sits exactly on the 3-point tier's inclusive lower bound.
  await results.locator('tr[data-row-key="SNV"]').getByRole('button', { name: /Expand row|Mở rộng/ }).click();
  await expect(page.getByTestId('detail-SNV-3.3')).toHaveText('3,00');
  await expect(page.getByRole('table', { name: 'Chi tiết điểm của SNV' })).toContainText('98,00%');
  await snap(page, testInfo, 'scoring-detail');

  // Sorting by index, lowest first: SYT (75,01) is the lowest.
  await results.getByRole('columnheader', { name: 'Chỉ số' }).click();
  await expect(results.locator('tbody tr.ant-table-row').first()).toHaveAttribute('data-row-key', 'SYT');

  // Excel export of the results.
  const exportDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  expect((await exportDownload).suggestedFilename()).toBe('ket-qua-departments-2025.xlsx');
  await snap(page, testInfo, 'scoring-sorted');
});
