// What a person reads when the server refuses: Vietnamese from the server as it is; other languages by
// the error's code, with the wait named when the server said how long (Retry-After).
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { errorMessageOf } from '../src/components/errors';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

const i18n = createInstance();
await i18n.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'en', fallbackLng: 'vi', interpolation: { escapeValue: false } });
const t = i18n.getFixedT('en');

describe('error messages', () => {
  const tooMany = (retryAfter?: number) =>
    new ApiError(429, 'RATE_LIMITED', 'Đã nhập sai mật khẩu nhiều lần. Thử lại sau 30 giây.', [], retryAfter);

  it('shows the server’s Vietnamese message in Vietnamese', () => {
    expect(errorMessageOf(tooMany(30), 'vi', i18n.getFixedT('vi'))).toBe('Đã nhập sai mật khẩu nhiều lần. Thử lại sau 30 giây.');
  });

  it('names the wait in English when the server sent Retry-After', () => {
    expect(errorMessageOf(tooMany(30), 'en', t)).toBe('Too many attempts. Try again in 30 seconds.');
    expect(errorMessageOf(tooMany(1), 'en', t)).toBe('Too many attempts. Try again in 1 second.');
  });

  it('falls back to the code’s text without a wait, and to “unexpected” for anything else', () => {
    expect(errorMessageOf(tooMany(), 'en', t)).toBe('Too many requests, please try again in a few minutes');
    expect(errorMessageOf(new Error('boom'), 'en', t)).toBe('Something unexpected went wrong. Please try again.');
  });
});
