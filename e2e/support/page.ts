import type { Page, Response } from '@playwright/test';

/**
 * The server's answer to the next POST whose path ends with `suffix`. A decision's message in the
 * page waits for the page's data to be read again, which can take long on a busy machine: wait on
 * the answer first, then on what the page shows.
 */
export function serverAnswer(page: Page, suffix: string): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(suffix), { timeout: 60_000 });
}
