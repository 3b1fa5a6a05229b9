import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Debian's Chromium (installed by scripts/install.sh): Playwright's own browser
// download is not reachable from this kind of machine, and a missing browser
// must fail the suite, not skip it.
const chromium = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) throw new Error(`Chromium is not at ${chromium}: run scripts/install.sh (or set WHARF_CHROMIUM)`);

const reports = process.env.WHARF_TEST_REPORT_DIR ?? join(import.meta.dirname, '../.wharf-tmp/reports');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  // One sandbox host with two cores: journeys run one at a time, each with room for a cold sandbox.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: join(reports, 'e2e.json') }]],
  outputDir: join(reports, 'e2e-artifacts'),
  use: {
    headless: true,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox', // CI runs as root, where Chromium's own sandbox cannot start
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
