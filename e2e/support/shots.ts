import { expect, type Page, type TestInfo } from '@playwright/test';
import { snap } from '../helpers';

/**
 * The page at an official's desk (1440 px) and on a phone (390 px, where the page must not scroll
 * sideways), kept as test artifacts; then back to the desktop width.
 */
export async function snapBoth(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await snap(page, testInfo, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), { message: `${name}: no horizontal scrolling at 390 px` }).toBe(true);
  await snap(page, testInfo, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}
