/**
 * Screenshots of the ranking page and the appraisal grid at 1440 and 390 px (for reading them as an
 * official would after a change): node --import tsx bench/ranking-page/screens.ts <base> <user> <password> <out> [paths…]
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:3402', user = 'snv.quantri', password = 'chiso-demo-2025', out = '/tmp/ranking-shots', ...paths] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  for (const width of [1440, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Tên đăng nhập').fill(user);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    for (const p of paths.length ? paths : ['/results', '/appraisal']) {
      await page.goto(`${base}${p}`);
      await page.waitForSelector('.ant-table-row, [data-testid="results-list"] .ant-list-item, [data-testid^="cell-"]', { timeout: 120_000 });
      await page.waitForTimeout(1500);
      const name = `${p.replace(/[^a-z0-9]+/gi, '_')}-${width}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: width === 390 ? false : true });
      console.log(`${out}/${name}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
