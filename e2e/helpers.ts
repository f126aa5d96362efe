import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = process.env.CHISO_E2E_ADMIN_PASSWORD ?? 'E2e-Admin-Pass-2025';
/** The one password the demo loader gives every demo account (packages/server/src/demo). */
export const DEMO_PASSWORD = process.env.CHISO_E2E_DEMO_PASSWORD ?? 'chiso-demo-2025';
/** A demo unit officer (Sở Tư pháp) from packages/server/src/demo/province/lang-son.json. */
export const DEMO_OFFICER = 'stp.canbo';
/** The open cycle the demo loader creates (packages/server/src/demo/load-demo-cycle.ts). */
export const DEMO_CYCLE = 'Chỉ số CCHC năm 2025';

let counter = 0;

/** Saves a numbered full-page screenshot of the step under e2e/test-results/<test>/. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  counter += 1;
  const file = testInfo.outputPath(`${String(counter).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Signed in once the app has left the login page; a goto before that would race the cookie.
  await expect(page).not.toHaveURL(/\/login(?:[?#]|$)/);
}

/** From anywhere in the administrator's app, opens the demo cycle's page. */
export async function openDemoCycle(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Kỳ đánh giá' }).click();
  await page.getByRole('link', { name: DEMO_CYCLE, exact: true }).click();
  await expect(page.getByRole('heading', { name: DEMO_CYCLE, level: 1 })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Đăng xuất$/ }).last().click();
  await expect(page).toHaveURL(/\/login/);
}

/** Opens the select labelled `label`, types `search` and picks the first matching option. */
export async function pickOption(page: Page, label: string | RegExp, search: string, scope?: Page | ReturnType<Page['locator']>): Promise<void> {
  const where = scope ?? page;
  const input = where.getByLabel(label, { exact: typeof label === 'string' });
  await input.click();
  await input.pressSequentially(search, { delay: 10 });
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  await expect(option).toBeVisible();
  await option.click();
}

/** Opens the (non-searchable) select labelled `label` and picks the option whose text is `text`, or the first one. */
export async function chooseOption(page: Page, label: string | RegExp, text?: string, scope?: Page | ReturnType<Page['locator']>): Promise<void> {
  const where = scope ?? page;
  await where.getByLabel(label, { exact: typeof label === 'string' }).click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const option = text ? dropdown.getByTitle(text, { exact: true }) : dropdown.locator('.ant-select-item-option').first();
  await expect(option).toBeVisible();
  const chosen = text ?? (await option.getAttribute('title')) ?? '';
  await option.click();
  // The dropdown has closed and the select shows the choice (the dropdown is elsewhere in the page, not inside the select).
  await expect(dropdown).toHaveCount(0);
  await expect(where.locator('.ant-select').getByTitle(chosen, { exact: true }).first()).toBeVisible();
}

/** A tiny valid PDF (one empty page), made here rather than shipped. */
export function tinyPdf(): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A logged-in API session of one user (its own cookie jar). */
export class As {
  private constructor(private readonly req: APIRequestContext, private readonly csrf: string, readonly who: string) {}
  static async login(playwright: typeof import('@playwright/test')['request'], baseURL: string, username: string, password = DEMO_PASSWORD): Promise<As> {
    const req = await playwright.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    const res = await req.post('/api/auth/login', { data: { username, password } });
    expect(res.ok(), `login ${username}: ${await res.text()}`).toBeTruthy();
    return new As(req, ((await res.json()) as { csrfToken: string }).csrfToken, username);
  }
  async call<T>(method: Method, path: string, data?: unknown, ok = true): Promise<T> {
    const { status, text, body } = await this.answer(method, path, data);
    if (ok) expect(status >= 200 && status < 300, `${this.who}: ${method} ${path} → ${status} ${text}`).toBeTruthy();
    return body as T;
  }
  /** The server's answer, whatever its status (for refusals): the status and the parsed body. */
  async answer(method: Method, path: string, data?: unknown): Promise<{ status: number; text: string; body: unknown }> {
    const res = await this.req.fetch(`/api${path}`, { method, data, headers: method === 'GET' ? {} : { 'X-CSRF-Token': this.csrf } });
    const text = await res.text();
    return { status: res.status(), text, body: text ? JSON.parse(text) : undefined };
  }
  /** Uploads a one-page PDF as the unit's evidence, with its document number, issuer and title. */
  async upload(unitId: string, doc: { documentNumber: string; issuer: string; title: string } = { documentNumber: '15/BC-SCT', issuer: 'Sở Công Thương', title: 'Báo cáo CCHC năm 2025' }): Promise<{ id: string }> {
    const res = await this.req.post(`/api/units/${unitId}/evidence`, {
      headers: { 'X-CSRF-Token': this.csrf },
      multipart: { ...doc, file: { name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: tinyPdf() } },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string };
  }
  async dispose() { await this.req.dispose(); }
}
