import type { FastifyInstance } from 'fastify';

/**
 * Behind a reverse proxy with CHISO_TRUST_PROXY unset, every request seems to come from the proxy:
 * the audit trail records the proxy's address, and the login delays of one address (100 failures
 * an hour hold back every name) hold back everyone. The first request that carries X-Forwarded-For
 * while no proxy is trusted logs a warning saying what to set.
 */
export const untrustedProxyWarning =
  'Yêu cầu có tiêu đề X-Forwarded-For nhưng CHISO_TRUST_PROXY chưa đặt: chiso coi mọi người dùng sau reverse proxy là một địa chỉ ' +
  '(nhật ký ghi địa chỉ của proxy; nhập sai mật khẩu nhiều lần từ đó làm mọi người phải chờ). Nếu chiso chạy sau proxy, hãy đặt ' +
  'CHISO_TRUST_PROXY=<địa chỉ IP của proxy>, ví dụ 127.0.0.1.';

export function warnOnUntrustedForwardedFor(app: FastifyInstance): void {
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    request.log.warn({ setting: 'CHISO_TRUST_PROXY', from: request.ip }, untrustedProxyWarning);
  });
}
