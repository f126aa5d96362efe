/** Chromium as the benchmarks and screenshots drive it: the system's browser, and a login through the login page. */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const launchChromium = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

/** Logs in through the login page, as an official would; the context keeps the session. */
export async function signIn(browser: Browser, base: string, username: string, password: string, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 60_000 });
  await page.close();
  return context;
}
