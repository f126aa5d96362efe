// Behind a proxy with CHISO_TRUST_PROXY unset every user looks like the proxy's address: the log says
// so once, naming the setting, instead of leaving the operator to find out from a locked-out office.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config/env';
import type { DatabaseHandle } from '../src/db/client';
import { buildApp } from '../src/http/app';
import { untrustedProxyWarning } from '../src/http/proxy-warning';
import { createTestDatabase } from './support/database';

let open: { app: FastifyInstance; database: DatabaseHandle } | undefined;
afterEach(async () => {
  await open?.app.close();
  await open?.database.close();
  open = undefined;
});

async function appLogging(trustProxy: string) {
  const lines: Record<string, unknown>[] = [];
  const database = await createTestDatabase();
  const config = loadConfig({ CHISO_DATA_DIR: '/nonexistent-test-data', CHISO_LOG_LEVEL: 'warn', CHISO_TRUST_PROXY: trustProxy }, '/');
  const app = await buildApp({ config, database, webDist: null, logStream: { write: (line) => void lines.push(JSON.parse(line)) } });
  await app.ready();
  open = { app, database };
  const call = (headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/api/health', remoteAddress: '127.0.0.1', headers });
  const warnings = () => lines.filter((l) => l.msg === untrustedProxyWarning);
  return { call, warnings };
}

describe('X-Forwarded-For without CHISO_TRUST_PROXY', () => {
  it('is warned about once, with the address it came from and the setting to use', async () => {
    const { call, warnings } = await appLogging('false');
    await call();
    expect(warnings()).toEqual([]);
    await call({ 'x-forwarded-for': '203.0.113.7' });
    await call({ 'x-forwarded-for': '203.0.113.8' });
    expect(warnings()).toEqual([expect.objectContaining({ setting: 'CHISO_TRUST_PROXY', from: '127.0.0.1' })]);
    expect(untrustedProxyWarning).toContain('CHISO_TRUST_PROXY=');
  });

  it('is not warned about when the proxy is named', async () => {
    const { call, warnings } = await appLogging('127.0.0.1');
    await call({ 'x-forwarded-for': '203.0.113.7' });
    expect(warnings()).toEqual([]);
  });
});
