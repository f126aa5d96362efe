// What a person reads when the server refuses: the catalog message in the chosen language when the
// server named one; else Vietnamese from the server as it is, other languages by the error's code,
// with the wait named when the server said how long (Retry-After).
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { errorMessageOf } from '../src/components/errors';
import { catalogText, unitActionLabel } from '../src/components/catalog-text';
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

  it('formats the catalog message the server named in the chosen language, parameters included', () => {
    const refused = new ApiError(422, 'RULE_VIOLATION', 'Còn 2 vấn đề cần khắc phục trước khi gửi (xem danh sách kiểm tra)', [], undefined,
      { messageId: 'workflow.submissionErrors', params: { count: 2 } });
    expect(errorMessageOf(refused, 'en', t)).toBe('Problems to fix before submitting: 2 (see the checklist)');
    expect(errorMessageOf(refused, 'vi', i18n.getFixedT('vi'))).toBe('Còn 2 vấn đề cần khắc phục trước khi gửi (xem danh sách kiểm tra)');
    const throttled = new ApiError(429, 'RATE_LIMITED', 'Đã nhập sai mật khẩu nhiều lần. Thử lại sau 30 giây.', [], 30,
      { messageId: 'auth.loginThrottled', params: { seconds: 30 } });
    expect(errorMessageOf(throttled, 'en', t)).toBe('Too many wrong passwords. Try again in 30 seconds.');
  });

  it('falls back to the server’s message when the id is not in this build’s catalog', () => {
    const unknown = new ApiError(409, 'CONFLICT', 'Một thông báo mới', [], undefined, { messageId: 'future.message', params: {} });
    expect(errorMessageOf(unknown, 'vi', i18n.getFixedT('vi'))).toBe('Một thông báo mới');
    expect(errorMessageOf(unknown, 'en', t)).toBe('Someone else changed this record');
  });

  it('shows refusals and issues in the language, or their Vietnamese text without an id', () => {
    const issue = { message: 'Tiêu chí 1.2: 73,79 điểm không phải mức điểm mà quy tắc chấm của tiêu chí có thể cho', messageId: 'criterion.pointsNotProducible', params: { code: '1.2', points: '73.79' } };
    expect(catalogText(issue, 'en')).toBe('Criterion 1.2: 73.79 points is not a value the criterion\'s scoring rule can give');
    expect(catalogText(issue, 'vi')).toBe(issue.message);
    expect(catalogText({ message: 'Lý do riêng của máy chủ' }, 'en')).toBe('Lý do riêng của máy chủ');
    expect(unitActionLabel('submit', 'en')).toBe('Submit the self-assessment');
    expect(unitActionLabel('submit', 'vi')).toBe('Gửi kết quả tự đánh giá');
  });
});
