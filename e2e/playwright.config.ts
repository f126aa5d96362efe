import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export const E2E_PORT = Number(process.env.CHISO_E2E_PORT ?? 3100);
export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = process.env.CHISO_E2E_ADMIN_PASSWORD ?? 'E2e-Admin-Pass-2025';

// One fresh data folder per run. The config is evaluated again in each worker; the environment
// variable carries the folder made by the main process to them.
if (!process.env.CHISO_E2E_DATA_DIR) {
  process.env.CHISO_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-e2e-'));
}
const dataDir = process.env.CHISO_E2E_DATA_DIR;

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: 'test-results',
  // The journeys share one server and database: run them one after another.
  fullyParallel: false,
  workers: 1,
  // On CI one retry, so that a rare timing flake does not sink a run; the report names such a
  // test "flaky" and .ci/run prints the failed attempt's page snapshot for a later fix.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: 'report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // As a user who asked the system for less motion: the app then turns Ant Design's animations off,
    // so a click never lands on a dropdown that is still opening or closing.
    reducedMotion: 'reduce',
    viewport: { width: 1366, height: 900 },
    screenshot: 'on',
    // A stuck click fails in seconds with its locator, not after the whole test's time.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The server serves packages/web/dist; build it first so the run always tests the current SPA.
    command: 'npm run --silent build -w @chiso/web && node --import tsx packages/server/src/cli.ts start --demo',
    cwd: root,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      CHISO_DATA_DIR: dataDir,
      PORT: String(E2E_PORT),
      CHISO_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NODE_ENV: 'production',
      CHISO_LOG_LEVEL: 'warn',
    },
  },
});
