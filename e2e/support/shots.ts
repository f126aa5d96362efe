import { expect, type Page, type TestInfo } from '@playwright/test';
import { snap } from '../helpers';

/**
 * The page at an official's desk (1440 px) and on a phone (390 px, where the page must not scroll
 * sideways), kept as test artifacts; then back to the desktop width. `screen`: what the screen
 * shows rather than the whole page (for a drawer or a dialog over the page).
 */
export async function snapBoth(page: Page, testInfo: TestInfo, name: string, opts: { screen?: boolean } = {}): Promise<void> {
  const take = async (file: string) => {
    if (!opts.screen) return snap(page, testInfo, file);
    const path = testInfo.outputPath(`${file}.png`);
    await page.screenshot({ path });
    await testInfo.attach(file, { path, contentType: 'image/png' });
  };
  await page.setViewportSize({ width: 1440, height: 900 });
  await take(`${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { message: `${name}: no horizontal scrolling at 390 px` }).toBe(true);
  await take(`${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}
