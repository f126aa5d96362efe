// Screenshots of the login page and a few app pages of a built web app, at 1440 and 390 px, to
// check by eye (and byte for byte) that splitting the bundle changed nothing visible.
//   node --import tsx bench/startup/screenshots.ts DIST OUT_DIR [API_URL]
// DIST: a `dist` folder; API_URL: a running chiso with the demo (http://127.0.0.1:3401).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serveDist } from './serve-dist';

const [dist, out, api = 'http://127.0.0.1:3401'] = process.argv.slice(2);
if (!dist || !out) throw new Error('usage: screenshots.ts DIST OUT_DIR [API_URL]');
fs.mkdirSync(out, { recursive: true });
const served = await serveDist(path.resolve(dist), api);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

/** Until the page has drawn its title (the app's pages, the login page) and its data has come. */
async function settle(page: Page, heading = true): Promise<void> {
  if (heading) await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

async function login(page: Page, user: string): Promise<void> {
  await page.goto(`${served.url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill('chiso-demo-2025');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('header').first().waitFor(); // the app's header: the login page has none
  await settle(page);
}

try {
  for (const width of [1440, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${served.url}/login`);
    await settle(page);
    await page.screenshot({ path: path.join(out, `login-${width}.png`), fullPage: true });
    await login(page, 'snv.quantri');
    await page.screenshot({ path: path.join(out, `admin-home-${width}.png`), fullPage: true });
    for (const route of ['/units', '/frameworks', '/no-such-page']) {
      await page.goto(`${served.url}${route}`);
      await settle(page, route !== '/no-such-page');
      await page.screenshot({ path: path.join(out, `admin${route.replaceAll('/', '-')}-${width}.png`), fullPage: true });
    }
    await context.clearCookies();
    await login(page, 'stp.canbo');
    await page.screenshot({ path: path.join(out, `officer-home-${width}.png`), fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  await served.close();
}
console.log(`screenshots in ${out}`);
