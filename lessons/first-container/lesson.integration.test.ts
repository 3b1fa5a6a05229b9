// Each exercise of "Your first container", graded against a real sandbox:
// untouched, a common wrong attempt, and the reference solution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodmanProvider } from '../../sandbox-server/src/provider/podman.ts';
import { PODMAN_SOCKET, sandboxImage } from '../../sandbox-server/test/harness.ts';
import type { SandboxAccess, Verdict } from '../types.ts';
import { firstContainer } from './lesson.ts';

const provider = new PodmanProvider(PODMAN_SOCKET);
let id = '';
let sandbox: SandboxAccess;
const exercise = (name: string) => firstContainer.exercises.find((e) => e.id === name)!;
const sh = (script: string) => sandbox.exec(['sh', '-c', script]);
const check = (name: string, recorded: Record<string, string> = {}): Promise<Verdict> => exercise(name).check({ sandbox, recorded });
const hintOf = (v: Verdict) => (v.passed ? `PASSED: ${v.message.en}` : v.hint.en);

beforeAll(async () => {
  const created = await provider.create({ image: sandboxImage(), labels: { 'wharf.instance': `lesson-test-${process.pid}` } });
  id = created.id;
  sandbox = { exec: (argv, options) => provider.run(id, argv, { timeoutMs: options?.timeoutMs ?? 20_000, stdin: options?.stdin }) };
  for (let i = 0; i < 600; i++) {
    if ((await sandbox.exec(['cat', '/run/wharf/phase'])).stdout.trim() === 'ready') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sandbox engine never became ready');
});

afterAll(async () => {
  if (id) await provider.remove(id);
});

describe('greeter', () => {
  it('fails untouched, naming the missing container', async () => {
    expect(hintOf(await check('greeter'))).toMatch(/No container named greeter/);
  });
  it('fails when the greeting is wrong, quoting what it printed', async () => {
    await sh('docker run --name greeter busybox echo "Hello, World"');
    expect(hintOf(await check('greeter'))).toContain('printed "Hello, World"');
    await sh('docker rm greeter');
  });
  it('fails when the container is still running a shell', async () => {
    await sh('docker run -d --name greeter busybox sleep 300');
    expect(hintOf(await check('greeter'))).toMatch(/still running/);
    await sh('docker rm -f greeter');
  });
  it('passes with the solution', async () => {
    await sh(exercise('greeter').solution.join('\n'));
    expect(await check('greeter')).toMatchObject({ passed: true });
  });
});

describe('ticker', () => {
  it('fails untouched', async () => {
    expect(hintOf(await check('ticker'))).toMatch(/No container named ticker/);
  });
  it('fails when the command exits at once, giving the state it found', async () => {
    await sh('docker run -d --name ticker busybox date');
    await sh('sleep 1');
    expect(hintOf(await check('ticker'))).toMatch(/exists but it is exited \(exit code 0\)/);
    await sh('docker rm -f ticker');
  });
  it('fails when run attached instead of detached', async () => {
    // `docker run` without -d, sent to the background by the shell: attached, as a learner's terminal would be.
    await sh("(docker run --name ticker busybox sh -c 'while true; do date; sleep 1; done' >/dev/null 2>&1 &); sleep 3");
    expect(hintOf(await check('ticker'))).toMatch(/attached to your terminal/);
    await sh('docker rm -f ticker');
  });
  it('passes with the solution once it has printed twice', async () => {
    await sh(exercise('ticker').solution.join('\n'));
    await sh('sleep 2.5');
    expect(await check('ticker')).toMatchObject({ passed: true });
  });
});

describe('old-timer', () => {
  it('asks for the set-up before it has run', async () => {
    expect(hintOf(await check('old-timer'))).toMatch(/press Set up first/);
  });
  it('fails while running, then when only stopped, then passes once removed', async () => {
    const recorded = await exercise('old-timer').setup!(sandbox);
    expect(recorded.containerId).toMatch(/^[0-9a-f]{64}$/);
    expect(hintOf(await check('old-timer', recorded))).toMatch(/still running/);
    await sh('docker stop -t 1 old-timer');
    expect(hintOf(await check('old-timer', recorded))).toMatch(/stopped \(exited\) but still exists/);
    await sh('docker rm old-timer');
    expect(await check('old-timer', recorded)).toMatchObject({ passed: true });
  });
  it('is not fooled by a renamed container', async () => {
    const recorded = await exercise('old-timer').setup!(sandbox);
    await sh('docker rename old-timer hidden');
    expect(hintOf(await check('old-timer', recorded))).toMatch(/still running/);
    await sh('docker rm -f hidden');
  });
});

describe('explorer', () => {
  it('fails untouched', async () => {
    expect(hintOf(await check('explorer'))).toMatch(/No container named explorer/);
  });
  it('fails when not interactive, naming the missing flags', async () => {
    await sh('docker run --name explorer busybox touch /root/notes.txt');
    expect(hintOf(await check('explorer'))).toMatch(/lacks -i -t/);
    await sh('docker rm -f explorer');
  });
  it('fails when interactive but the file is missing, then passes once created in a real -it session', async () => {
    const shell = await provider.openShell(id, ['bash', '-l'], { cols: 120, rows: 30 });
    let out = '';
    shell.onOutput((c) => { out += c.toString(); });
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 400 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(re);
    };
    await waitFor(/root@wharf:~# $/m);
    shell.write('docker run -it --name explorer busybox sh\r');
    await waitFor(/\n\/ # /);
    shell.write('exit\r');
    await waitFor(/root@wharf:~# $/m);
    expect(hintOf(await check('explorer'))).toMatch(/has no file \/root\/notes\.txt/);
    out = '';
    shell.write('docker start -ai explorer\r');
    await waitFor(/\/ # /);
    shell.write('echo "my notes" > /root/notes.txt; exit\r');
    await waitFor(/root@wharf:~# $/m);
    shell.close();
    expect(await check('explorer')).toMatchObject({ passed: true });
  });
});

describe('hints and messages', () => {
  it('exist in both languages for every verdict seen', async () => {
    const verdict = await check('greeter');
    const text = verdict.passed ? verdict.message : verdict.hint;
    expect(text.en).not.toBe('');
    expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
