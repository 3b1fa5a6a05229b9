// Speed and capacity figures for the README, measured on real rootless
// sandboxes through the real server (run as root: `npm run bench`).
// Prints one JSON document; nothing here passes or fails.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { PodmanProvider } from '../src/provider/podman.ts';
import { Learner, PODMAN_SOCKET, removeInstanceSandboxes, startServer, type RunningServer, type TerminalClient } from '../test/harness.ts';

const PROMPT = 'root@wharf:~#';
const ROUNDS = Number(process.env.WHARF_BENCH_ROUNDS ?? 30);
const CONCURRENT = Number(process.env.WHARF_BENCH_LEARNERS ?? 10);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: sorted.length, p50_ms: round(at(0.5)), p95_ms: round(at(0.95)), max_ms: round(sorted.at(-1)!) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A new learner: session, terminal, time until the shell prompt shows. */
async function timeToPrompt(server: RunningServer): Promise<{ ms: number; term: TerminalClient; learner: Learner }> {
  const start = performance.now();
  const learner = await new Learner(server).session();
  const term = await learner.terminal();
  await term.waitFor(PROMPT, 120_000);
  return { ms: performance.now() - start, term, learner };
}

/** Keystroke to echo: time from sending a line until its output comes back. */
async function echoLatency(term: TerminalClient, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const token = `e${i}x${Math.random().toString(36).slice(2, 8)}`;
    const from = term.output.length;
    const start = performance.now();
    // Woken by the socket itself, not a poll: the figure is the round trip, not a timer's period.
    const arrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no echo of ${token} in 10 s`)), 10_000);
      const onMessage = () => {
        if (!term.output.includes(token, from)) return;
        clearTimeout(timer);
        term.ws.off('message', onMessage);
        resolve();
      };
      term.ws.on('message', onMessage);
    });
    term.send(`echo ${token.slice(0, 3)}""${token.slice(3)}\r`); // the echoed input never matches
    await arrived;
    samples.push(performance.now() - start);
  }
  return samples;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

function memAvailableKiB(): number {
  const line = readFileSync('/proc/meminfo', 'utf8').split('\n').find((l) => l.startsWith('MemAvailable:'))!;
  return Number(line.split(/\s+/)[1]);
}

async function sandboxCount(provider: PodmanProvider, instance: string): Promise<number> {
  return (await provider.listByLabel('wharf.instance', instance)).length;
}

const provider = new PodmanProvider(PODMAN_SOCKET);
const results: Record<string, unknown> = { host: { cpus: (await import('node:os')).cpus().length, node: process.version } };

// 1. Cold: no pool, every learner waits for a container and its engine.
const cold = await startServer({ env: { WHARF_POOL_SIZE: '0' } });
try {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { ms, term } = await timeToPrompt(cold);
    samples.push(ms);
    term.close();
  }
  results.prompt_cold = summary(samples);
} finally {
  await cold.stop();
  await removeInstanceSandboxes(cold.instance);
}

// 2. Warm: a pool of started sandboxes; learners arrive one at a time after it refills.
const POOL = 2;
const server = await startServer({ env: { WHARF_POOL_SIZE: String(POOL), WHARF_MAX_SANDBOXES: String(CONCURRENT + POOL + 8) } });
try {
  const waitForPool = async (expected: number) => {
    const deadline = Date.now() + 120_000;
    while ((await sandboxCount(provider, server.instance)) < expected && Date.now() < deadline) await sleep(250);
    await sleep(8000); // the newest pool member gets its engine ready (cold start ~5 s)
  };
  await waitForPool(POOL);
  const warm: number[] = [];
  const learners: { term: TerminalClient; learner: Learner }[] = [];
  for (let i = 0; i < 3; i++) {
    const { ms, term, learner } = await timeToPrompt(server);
    warm.push(ms);
    learners.push({ term, learner });
    await waitForPool(POOL + learners.length);
  }
  results.prompt_warm = summary(warm);

  // 2b. The same as a learner sees it: a new browser opens the lesson page, until the prompt shows.
  const browser = await chromium.launch({ executablePath: process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const pageSamples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${server.url}/en/lessons/first-container/`);
      await page.waitForFunction(() => {
        const buffer = (window as any).wharfTerminal?.buffer.active;
        if (!buffer) return false;
        for (let y = 0; y < buffer.length; y++) if (buffer.getLine(y)?.translateToString(true).includes('root@wharf:~#')) return true;
        return false;
      }, undefined, { timeout: 120_000, polling: 10 });
      pageSamples.push(performance.now() - start);
      await context.close(); // the sandbox stays claimed by that learner, as after a closed tab
      await waitForPool(POOL + learners.length + i + 1);
    }
    results.page_open_to_prompt_warm = summary(pageSamples);
  } finally {
    await browser.close();
  }

  // 3. One learner's terminal round trip, and a real docker run inside.
  const one = learners[0]!;
  results.echo_1_learner = summary(await echoLatency(one.term, ROUNDS));
  const dockerRuns: number[] = [];
  for (let i = 0; i < 5; i++) dockerRuns.push(await timed(() => one.term.run('docker run --rm busybox true', 60_000)));
  results.docker_run_busybox = summary(dockerRuns);

  // 4. Grading: a check inspects the live engine through an exec.
  await one.term.run('docker run --name greeter busybox echo "Hello, Wharf!" >/dev/null');
  const checks: number[] = [];
  for (let i = 0; i < 10; i++) checks.push(await timed(() => one.learner.check('first-container', 'greeter')));
  results.check_latency = summary(checks);

  // 5. Many learners typing at once.
  const memBefore = memAvailableKiB();
  const countBefore = await sandboxCount(provider, server.instance);
  const joinStart = performance.now();
  const crowd = await Promise.all(Array.from({ length: CONCURRENT - learners.length }, () => timeToPrompt(server)));
  results[`all_${CONCURRENT}_learners_prompted_ms`] = Math.round(performance.now() - joinStart);
  const everyone = [...learners.map((l) => l.term), ...crowd.map((c) => c.term)];
  await waitForPool(countBefore + crowd.length); // pool refilled: nothing starting any more
  const perLearner = await Promise.all(everyone.map((term) => echoLatency(term, ROUNDS)));
  results[`echo_${CONCURRENT}_learners`] = summary(perLearner.flat());
  const added = (await sandboxCount(provider, server.instance)) - countBefore;
  results.memory_per_idle_sandbox_mib = added > 0 ? Math.round((memBefore - memAvailableKiB()) / 1024 / added) : null;
  results.sandboxes_running = await sandboxCount(provider, server.instance);
  for (const term of everyone) term.close();
} finally {
  await server.stop();
  await removeInstanceSandboxes(server.instance);
}

console.log(JSON.stringify(results, null, 2));
