import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushRateLimit } from '../src/http/data-feeds/routes';
import { createTestApp, type TestApp } from './support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const cycleId = '00000000-0000-4000-8000-000000000001';
const push = (payload: Record<string, unknown>, authorization = 'Bearer chiso_df_khong-dung') =>
  t.app.inject({ method: 'POST', url: `/api/cycles/${cycleId}/data-feeds/push`, headers: { authorization }, payload });

describe('the data-feed push is guarded before its body is read', () => {
  it('an unknown token gets 401, not the validation details of its body', async () => {
    const res = await push({ values: [{ unit: '' }] });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.details ?? []).toEqual([]);
  });

  it(`refuses more than ${pushRateLimit} pushes a minute from one address with 429`, async () => {
    const codes: number[] = [];
    for (let i = 0; i < pushRateLimit + 1; i++) codes.push((await push({ source: 'x', values: [] })).statusCode);
    expect(codes.slice(0, pushRateLimit - 1).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    expect((await push({ source: 'x', values: [] })).json().error.message).toMatch(/một phút/);
  });
});
