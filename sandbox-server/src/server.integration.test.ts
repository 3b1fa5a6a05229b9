// The whole server, as the wharf user, against real rootless sandboxes.
import { createServer as createHttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cleanupDir, Learner, PODMAN_SOCKET, removeInstanceSandboxes, startServer, type RunningServer } from '../test/harness.ts';
import { PodmanProvider } from './provider/podman.ts';

const provider = new PodmanProvider(PODMAN_SOCKET);
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { WHARF_CHECK_TIMEOUT_S: '3' } });
});

afterAll(async () => {
  await server?.stop();
  if (server) {
    await removeInstanceSandboxes(server.instance);
    cleanupDir(server.stateDir);
  }
});

async function health(): Promise<boolean> {
  const res = await fetch(`${server.url}/api/health`);
  return res.status === 200 && (await res.json()).ok === true;
}

describe('bad input', () => {
  it('answers 401 with a JSON error without a cookie, or with a forged one', async () => {
    const anonymous = await fetch(`${server.url}/api/lessons/first-container/progress`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthorized');
    const learner = await new Learner(server).session();
    const [name, value] = learner.cookie.split('=');
    const [id] = value!.split('.');
    const otherId = id!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    for (const forged of [`${name}=${otherId}.${value!.split('.')[1]}`, `${name}=${id}.AAAA`, `${name}=${id}`, `${name}=../../etc`]) {
      const res = await fetch(`${server.url}/api/lessons/first-container/progress`, { headers: { cookie: forged } });
      expect(res.status, forged).toBe(401);
    }
  });

  it('answers 404 with a JSON error for an unknown lesson or exercise, in the learner language', async () => {
    const learner = await new Learner(server).session();
    const lesson = await learner.api('GET', '/api/lessons/no-such-lesson/progress');
    expect(lesson.status).toBe(404);
    expect((await lesson.json()).error.code).toBe('unknown-lesson');
    const exercise = await learner.api('POST', '/api/lessons/first-container/exercises/nope/check', { lang: 'zh' });
    expect(exercise.status).toBe(404);
    const body = await exercise.json();
    expect(body.error.code).toBe('unknown-exercise');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects a malformed or oversized body and keeps serving', async () => {
    const learner = await new Learner(server).session();
    const malformed = await fetch(`${server.url}/api/lessons/first-container/exercises/greeter/check`, {
      method: 'POST', headers: { cookie: learner.cookie, 'content-type': 'application/json' }, body: '{"lang":',
    });
    expect(malformed.status).toBe(400);
    const huge = await fetch(`${server.url}/api/lessons/first-container/exercises/greeter/check`, {
      method: 'POST', headers: { cookie: learner.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'en', pad: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('too-large');
    expect(await health()).toBe(true);
  });

  it('refuses a terminal upgrade from another origin, or without a session', async () => {
    const learner = await new Learner(server).session();
    const attempt = (headers: Record<string, string>) => new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/terminal`, { headers });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => { ws.close(); resolve(101); });
      ws.on('error', () => resolve(-1));
    });
    expect(await attempt({ origin: 'http://evil.example', cookie: learner.cookie })).toBe(403);
    expect(await attempt({ origin: `${server.origin}.evil.example`, cookie: learner.cookie })).toBe(403);
    expect(await attempt({ cookie: learner.cookie })).toBe(403);
    expect(await attempt({ origin: server.origin })).toBe(401);
  });
});

describe('a learner at the terminal', () => {
  let alice: Learner;
  beforeAll(async () => { alice = await new Learner(server).session(); });

  it('gets a root prompt in /root with a ready engine that runs busybox offline', async () => {
    const term = await alice.terminal();
    await term.waitFor('root@wharf:~#');
    expect(term.controls.map((c) => c.phase)).toContain('ready');
    const out = await term.run('docker run --rm busybox echo hi; id -u; pwd');
    expect(out).toMatch(/\nhi\n0\n\/root\n/);
    term.close();
  });

  it('resizes the terminal', async () => {
    const term = await alice.terminal();
    await term.waitFor('root@wharf:~#');
    term.ws.send(JSON.stringify({ type: 'resize', cols: 132, rows: 41 }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await term.run('stty size')).toContain('41 132');
    term.close();
  });

  it('closes an oversized frame with 1009 and keeps the sandbox and server', async () => {
    const term = await alice.terminal();
    await term.waitFor('root@wharf:~#');
    term.send('x'.repeat(200 * 1024));
    expect(await term.waitClosed()).toBe(1009);
    expect(await health()).toBe(true);
    const again = await alice.terminal();
    await again.waitFor('root@wharf:~#');
    again.close();
  });

  it('stops reading a flooding shell while the learner’s connection is stalled, and carries on after', async () => {
    const learner = await new Learner(server).session();
    const term = await learner.terminal();
    await term.waitFor('root@wharf:~#');
    const before = server.memoryBytes();
    term.stallReading();
    // 300 MB of output towards a reader that takes none of it.
    term.send('yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 300000000 > /dev/tty; echo flood-""over\r');
    await new Promise((r) => setTimeout(r, 8000));
    const grown = server.memoryBytes() - before;
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    // The learner stops it; the rest of the backlog drains and the shell answers again.
    term.send('\x03');
    term.resumeReading();
    const probe = term.output.length;
    term.send('echo still-""alive\r');
    await term.waitFor('still-alive', 120_000, probe);
    term.close();
  }, 180_000);

  it('keeps containers and files across reconnects (a page reload)', async () => {
    const first = await alice.terminal();
    await first.waitFor('root@wharf:~#');
    await first.run('echo kept > /root/kept.txt; docker run -d --name keeper busybox sleep 600 >/dev/null');
    first.close();
    const second = await alice.terminal();
    await second.waitFor('root@wharf:~#');
    const out = await second.run('cat /root/kept.txt; docker ps --format "{{.Names}}"');
    expect(out).toContain('kept');
    expect(out).toContain('keeper');
    second.close();
  });

  it('grades a pass and a fail on the live sandbox and stores the pass', async () => {
    const failing = await alice.check('first-container', 'greeter', 'zh');
    expect(failing.verdict).toBe('fail');
    expect(failing.hint).toContain('greeter');
    const term = await alice.terminal();
    await term.waitFor('root@wharf:~#');
    await term.run(`docker run --name greeter busybox echo 'Hello, Wharf!'`);
    term.close();
    const passing = await alice.check('first-container', 'greeter');
    expect(passing.verdict).toBe('pass');
    const progress = await (await alice.api('GET', '/api/lessons/first-container/progress')).json();
    expect(progress.exercises.find((e: any) => e.id === 'greeter')).toMatchObject({ passed: true, passedAt: passing.passedAt });
  });

  it('times out a check that hangs, with a clear verdict', async () => {
    const term = await alice.terminal();
    await term.waitFor('root@wharf:~#');
    // A learner (root in the sandbox) shadows docker with a program that never ends.
    await term.run(`printf '#!/bin/sh\\nsleep 1000\\n' > /usr/local/bin/docker && chmod +x /usr/local/bin/docker && hash -r`);
    const started = Date.now();
    const verdict = await alice.check('first-container', 'ticker');
    expect(verdict).toMatchObject({ verdict: 'error', reason: 'timeout' });
    expect(verdict.message).toMatch(/did not finish in time/);
    expect(Date.now() - started).toBeLessThan(15_000);
    await term.run('rm /usr/local/bin/docker && hash -r');
    expect((await alice.check('first-container', 'greeter')).verdict).toBe('pass');
    term.close();
  });
});

describe('isolation between learners', () => {
  it('gives two learners different sandboxes with disjoint host uid ranges, each seeing only its own containers', async () => {
    const [a, b] = [await new Learner(server).session(), await new Learner(server).session()];
    const [ta, tb] = [await a.terminal(), await b.terminal()];
    await Promise.all([ta.waitFor('root@wharf:~#'), tb.waitFor('root@wharf:~#')]);
    await ta.run('docker run -d --name only-in-a busybox sleep 600 >/dev/null');
    const mapA = (await ta.run('cat /proc/self/uid_map')).match(/^\s*0\s+(\d+)\s+(\d+)/m);
    const mapB = (await tb.run('cat /proc/self/uid_map')).match(/^\s*0\s+(\d+)\s+(\d+)/m);
    expect(mapA && mapB).toBeTruthy();
    const [startA, sizeA, startB, sizeB] = [Number(mapA![1]), Number(mapA![2]), Number(mapB![1]), Number(mapB![2])];
    expect(startA + sizeA <= startB || startB + sizeB <= startA).toBe(true);
    expect(await tb.run('docker ps -a --format "{{.Names}}"')).not.toContain('only-in-a');
    // Different network stacks too: B's hostname resolution and addresses are its own.
    expect(await tb.run('docker inspect only-in-a >/dev/null 2>&1 && echo VISIBLE || echo HIDDEN')).toContain('HIDDEN');
    ta.close(); tb.close();
  });

  it('caps processes per uid with a limit that root in the sandbox, and its containers, cannot lift', async () => {
    const learner = await new Learner(server).session();
    const term = await learner.terminal();
    await term.waitFor('root@wharf:~#');
    expect(await term.run('echo "hard=$(ulimit -Hu)"')).toMatch(/\nhard=4096\n/);
    expect(await term.run('ulimit -Hu 100000 2>/dev/null && echo RAISED || echo REFUSED')).toMatch(/\nREFUSED\n/);
    expect(await term.run('docker run --rm busybox sh -c "ulimit -Hu"')).toMatch(/\n4096\n/);
    term.close();
  });
});

describe('egress filter', () => {
  it("rejects a sandbox's connections to this machine's own addresses while the host reaches them", async () => {
    const own = Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address);
    expect(own.length).toBeGreaterThan(0);
    const listener = createHttpServer((_req, res) => res.end('host-secret'));
    await new Promise<void>((r) => listener.listen(0, '0.0.0.0', () => r()));
    const port = (listener.address() as { port: number }).port;
    try {
      const learner = await new Learner(server).session();
      const term = await learner.terminal();
      await term.waitFor('root@wharf:~#');
      for (const address of [...own, '10.0.2.2']) {
        const fromHost = address === '10.0.2.2' ? 'host-secret' : await (await fetch(`http://${address}:${port}/`)).text();
        expect(fromHost).toBe('host-secret');
        const out = await term.run(`curl -sS -m 3 http://${address}:${port}/ || echo BLOCKED`);
        expect(out, address).toContain('BLOCKED');
        expect(out).not.toContain('host-secret');
      }
      term.close();
    } finally {
      listener.close();
    }
  });
});

describe('a sandbox that dies', () => {
  it('tells the learner it was lost, then gives a fresh one on request', async () => {
    const learner = await new Learner(server).session();
    const term = await learner.terminal();
    await term.waitFor('root@wharf:~#');
    // Find this learner's sandbox among the instance's: the one holding a file only it has.
    const marker = `victim-${Math.random().toString(36).slice(2)}`;
    await term.run(`touch /root/${marker}`);
    let victim = '';
    for (const candidate of await provider.listByLabel('wharf.instance', server.instance)) {
      const probe = await provider.run(candidate.id, ['test', '-e', `/root/${marker}`], { timeoutMs: 5000 });
      if (probe.exitCode === 0) victim = candidate.id;
    }
    expect(victim).not.toBe('');
    // Kill the sandbox behind the server's back.
    await provider.remove(victim);
    expect(await term.waitClosed(20_000)).toBe(4000);
    expect(term.controls.at(-1)).toMatchObject({ type: 'error', code: 'sandbox-lost' });
    const again = await learner.terminal();
    expect(await again.waitClosed(20_000)).toBe(4000);
    const fresh = await learner.terminal('lang=zh&fresh=1');
    await fresh.waitFor('root@wharf:~#');
    expect(await fresh.run('docker ps -aq | wc -l')).toMatch(/\n0\n/);
    expect(await fresh.run(`test -e /root/${marker} && echo OLD || echo NEW`)).toMatch(/\nNEW\n/);
    fresh.close();
  });
});

describe('restarts', () => {
  it('adopts its learners’ sandboxes after SIGTERM and kill -9, removes the rest, and never touches another instance', async () => {
    const learner = await new Learner(server).session();
    const term = await learner.terminal();
    await term.waitFor('root@wharf:~#');
    await term.run('docker run -d --name survivor busybox sleep 600 >/dev/null; echo here > /root/mark');
    term.close();
    // A sandbox of a "site running beside" the tests: another instance label.
    const bystander = await provider.create({ image: (await import('../test/harness.ts')).sandboxImage(), labels: { 'wharf.instance': `${server.instance}-bystander` } });
    try {
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        await server.stop(signal);
        server = await startServer({ stateDir: server.stateDir, instance: server.instance, port: server.port, env: { WHARF_CHECK_TIMEOUT_S: '3' } });
        expect(server.logs()).toMatch(/adopted [1-9]\d*, removed \d+/);
        const back = await learner.terminal();
        await back.waitFor('root@wharf:~#');
        const out = await back.run('cat /root/mark; docker ps --format "{{.Names}}"');
        expect(out, signal).toContain('here');
        expect(out, signal).toContain('survivor');
        back.close();
        expect(await provider.status(bystander.id)).toMatchObject({ running: true });
      }
      // No orphan: every sandbox of this instance is a learner's or the pool's.
      await new Promise((r) => setTimeout(r, 8000));
      const listed = await provider.listByLabel('wharf.instance', server.instance);
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(listed.length).toBeLessThanOrEqual(health.sandboxes.assigned + health.sandboxes.pool + health.sandboxes.starting);
    } finally {
      await provider.remove(bystander.id);
    }
  }, 300_000);
});

describe('reaping', () => {
  it('removes a sandbox left idle past the timeout; the learner comes back to a fresh one', async () => {
    const reaping = await startServer({ env: { WHARF_IDLE_TIMEOUT_S: '4', WHARF_REAP_INTERVAL_S: '1', WHARF_POOL_SIZE: '0' } });
    try {
      const learner = await new Learner(reaping).session();
      const term = await learner.terminal();
      await term.waitFor('root@wharf:~#');
      await term.run('echo here > /root/mark');
      const [sandbox] = await provider.listByLabel('wharf.instance', reaping.instance);
      expect(sandbox).toBeDefined();
      term.close();
      const deadline = Date.now() + 30_000;
      while ((await provider.status(sandbox!.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      expect(await provider.status(sandbox!.id)).toBeUndefined();
      const again = await learner.terminal();
      await again.waitFor('root@wharf:~#');
      expect(await again.run('cat /root/mark 2>/dev/null || echo NO-MARK')).toMatch(/\nNO-MARK\n/);
      again.close();
    } finally {
      await reaping.stop();
      await removeInstanceSandboxes(reaping.instance);
      cleanupDir(reaping.stateDir);
    }
  }, 180_000);
});
