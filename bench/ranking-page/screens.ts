/**
 * Screenshots of the ranking page and the appraisal grid at 1440 and 390 px (for reading them as an
 * official would after a change): node --import tsx bench/ranking-page/screens.ts <base> <user> <password> <out> [paths…]
 */
import fs from 'node:fs';
import { launchChromium, signIn } from './browser.ts';

const [base = 'http://127.0.0.1:3402', user = 'snv.quantri', password = 'chiso-demo-2025', out = '/tmp/ranking-shots', ...paths] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const browser = await launchChromium();
try {
  for (const width of [1440, 390]) {
    const context = await signIn(browser, base, user, password, width);
    const page = await context.newPage();
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
