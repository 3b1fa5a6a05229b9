// A learner's journeys through a lesson page, in a real browser, against a
// real server whose sandboxes are real rootless containers with Docker inside.
import { expect, test } from '@playwright/test';
import { PodmanProvider } from '../sandbox-server/src/provider/podman.ts';
import { PODMAN_SOCKET } from '../sandbox-server/test/harness.ts';
import { expectTerminalReady, expectTerminalShows, openLesson, serverUrl, typeCommand } from './support.ts';

test('runs real docker commands in the page and passes an exercise that persists across a reload', async ({ page }) => {
  await openLesson(page, 'en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Shiki has coloured the lesson's code blocks at build time.
  const firstBlock = page.locator('.prose pre.astro-code').first();
  await expect(firstBlock).toBeVisible();
  expect(await firstBlock.locator('span[style*="color"]').count()).toBeGreaterThan(0);

  // A shell in a real sandbox: arithmetic only a shell does, root inside, a real engine answering.
  await typeCommand(page, 'echo "sum=$((6*7)) uid=$(id -u)"; docker version --format "engine={{.Server.Version}}"');
  await expectTerminalShows(page, /^sum=42 uid=0$/m);
  await expectTerminalShows(page, /^engine=\d+\.\d+\.\d+/m);

  // Checked before doing anything: a hint, not a pass.
  await page.getByTestId('check-greeter').click();
  const verdict = page.getByTestId('verdict-greeter');
  await expect(verdict).toHaveAttribute('data-verdict', 'fail');
  await expect(verdict).toContainText('No container named greeter');
  await expect(page.getByTestId('progress')).toHaveText('0 of 4 done');

  await typeCommand(page, 'docker run --name greeter busybox echo "Hello, Wharf!"');
  await expectTerminalShows(page, /^Hello, Wharf!$/m);
  await page.getByTestId('check-greeter').click();
  await expect(verdict).toHaveAttribute('data-verdict', 'pass');
  await expect(verdict).toContainText('greeter ran');
  await expect(page.getByTestId('progress')).toHaveText('1 of 4 done');

  // A reload keeps both the progress and the very same sandbox.
  await page.reload();
  await expectTerminalReady(page);
  await expect(page.getByTestId('progress')).toHaveText('1 of 4 done');
  await typeCommand(page, 'docker ps -a --format "name={{.Names}}"');
  await expectTerminalShows(page, /^name=greeter$/m);
});

test('a "Run" button on a lesson code block runs it in the learner’s terminal', async ({ page }) => {
  await openLesson(page, 'en');
  const block = page.locator('.prose .code-block[data-language="bash"]').first();
  await expect(block).toContainText('docker run busybox echo "Hello from a container"');
  await block.getByTestId('run-code').click();
  await expectTerminalShows(page, /^Hello from a container$/m);
});

test('the Chinese lesson works in Chinese, reached by the language switcher', async ({ page }) => {
  await openLesson(page, 'en');
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveURL(`${serverUrl()}/zh/lessons/first-container/`);
  await expect(page.locator('html')).toHaveAttribute('lang', /^zh/);
  await expectTerminalReady(page);
  await expect(page.getByTestId('sandbox-status')).toContainText(/[\u4e00-\u9fff]/);
  await expect(page.getByTestId('progress')).toHaveText(/^已完成 \d\/4$/);

  await page.getByTestId('check-ticker').click();
  const verdict = page.getByTestId('verdict-ticker');
  await expect(verdict).toHaveAttribute('data-verdict', 'fail');
  await expect(verdict).toContainText('ticker');
  await expect(verdict).toContainText(/[\u4e00-\u9fff]{4}/);
  await expect(verdict).not.toContainText(/\b(the|container|exists)\b/i);

  await typeCommand(page, 'docker run -d --name ticker busybox sh -c "while true; do date; sleep 1; done" >/dev/null; echo "started-$((40+2))"');
  await expectTerminalShows(page, /^started-42$/m);
  // Give it time to print more than one line, as the hint would ask.
  await typeCommand(page, 'sleep 3; echo "waited-$((1+2))"');
  await expectTerminalShows(page, /^waited-3$/m);
  await page.getByTestId('check-ticker').click();
  await expect(verdict).toHaveAttribute('data-verdict', 'pass');
  await expect(verdict).toContainText(/[\u4e00-\u9fff]{4}/);
});

test('a sandbox that dies is reported, and the learner can start a fresh one from the page', async ({ page }) => {
  await openLesson(page, 'en');
  const marker = `e2e-${Math.random().toString(36).slice(2)}`;
  await typeCommand(page, `touch /root/${marker} && echo "marked-$((1+1))"`);
  await expectTerminalShows(page, /^marked-2$/m);

  // Kill this learner's sandbox behind the server's back: the one holding the marker.
  const provider = new PodmanProvider(PODMAN_SOCKET);
  const instance = process.env.WHARF_E2E_INSTANCE ?? '';
  let victim = '';
  for (const candidate of await provider.listByLabel('wharf.instance', instance)) {
    if ((await provider.run(candidate.id, ['test', '-e', `/root/${marker}`], { timeoutMs: 5000 })).exitCode === 0) victim = candidate.id;
  }
  expect(victim, 'the learner’s sandbox is among the server’s').not.toBe('');
  await provider.remove(victim);

  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'lost', { timeout: 30_000 });
  const notice = page.getByTestId('terminal-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Your sandbox stopped unexpectedly');
  await page.getByTestId('terminal-notice-action').click();
  await expectTerminalReady(page);
  await expect(notice).toBeHidden();
  await typeCommand(page, `test -e /root/${marker} && echo "old-$((1+1))" || echo "fresh-$((2+2))"`);
  await expectTerminalShows(page, /^fresh-4$/m);
});
