// Prints how many tests ran, and how many of them ran against real sandboxes
// or a real browser, from the JSON reports of vitest and Playwright.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.wharf-tmp/reports';
type Counts = { passed: number; failed: number; skipped: number };

function vitest(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
}

function playwright(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats;
  return { passed: stats.expected + (stats.flaky ?? 0), failed: stats.unexpected, skipped: stats.skipped };
}

const rows: Array<[string, Counts | undefined]> = [
  ['unit', vitest(join(dir, 'unit.json'))],
  ['integration (real rootless podman + Docker Engine sandboxes)', vitest(join(dir, 'integration.json'))],
  ['end-to-end (Debian Chromium + real sandboxes)', playwright(join(dir, 'e2e.json'))],
];
let total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const [name, counts] of rows) {
  if (!counts) { console.log(`  ${name}: no report (the suite did not run)`); total.failed++; continue; }
  console.log(`  ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  total = { passed: total.passed + counts.passed, failed: total.failed + counts.failed, skipped: total.skipped + counts.skipped };
}
const real = (rows[1][1]?.passed ?? 0) + (rows[2][1]?.passed ?? 0);
console.log(`  total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped; ${real} passed against real sandboxes`);
