// Complements grader.test.ts. The sandbox boundary is faked: `exec` functions
// here stand in for podman, so hangs and failures can be made on demand.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Exercise, ExecResult, SandboxAccess } from '../../../lessons/types.ts';
import { pass } from '../../../lessons/types.ts';
import { messages } from '../messages.ts';
import { CheckTimeout, runCheck, runSetup, timedAccess } from './grader.ts';

const exercise = (check: Exercise['check'], setup?: Exercise['setup']): Exercise => ({
  id: 'x', title: { en: 't', zh: '题' }, task: { en: 't', zh: '题' }, solution: [], check, setup,
});
const ok: ExecResult = { exitCode: 0, stdout: 'ok', stderr: '' };
const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => {});

afterEach(() => { vi.restoreAllMocks(); vi.useRealTimers(); });

describe('runCheck against a stuck sandbox', () => {
  it('cuts off a check whose sandbox command never returns (engine stuck, timeout ignored)', async () => {
    const stuck = timedAccess(() => new Promise<ExecResult>(() => {}), 40);
    const check = exercise(async ({ sandbox }) => { await sandbox.exec(['docker', 'ps']); return pass('p', 'p'); });
    const started = Date.now();
    const result = await runCheck(check, { sandbox: stuck, recorded: {} }, 'en', 40);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toEqual({ verdict: 'error', reason: 'timeout', message: messages.checkTimedOut.en });
  });

  it('cuts off a check of many quick commands that together run far past the budget', async () => {
    let calls = 0;
    let testOver = false;
    const quick = timedAccess(async () => {
      if (testOver) throw new Error('test over'); // the grader cannot cancel a check; end the loop ourselves
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return ok;
    }, 40);
    const endless = exercise(async ({ sandbox }) => { for (;;) await sandbox.exec(['true']); });
    const result = await runCheck(endless, { sandbox: quick, recorded: {} }, 'en', 40);
    testOver = true;
    expect(result).toMatchObject({ verdict: 'error', reason: 'timeout' });
    expect(calls).toBeGreaterThan(1); // each command was quick; only their sum was too long
  });
});

describe('runCheck against broken checks', () => {
  it('reports a check that throws synchronously (not from a promise) as crashed', async () => {
    quiet();
    const sync = exercise((() => { throw new TypeError('cannot read properties of undefined'); }) as Exercise['check']);
    expect(await runCheck(sync, { sandbox: timedAccess(async () => ok, 100), recorded: {} }, 'zh', 100))
      .toEqual({ verdict: 'error', reason: 'crashed', message: messages.checkFailed.zh });
  });

  it('reports a check that rejects with something other than an Error as crashed', async () => {
    quiet();
    const odd = exercise(() => Promise.reject('just a string'));
    expect(await runCheck(odd, { sandbox: timedAccess(async () => ok, 100), recorded: {} }, 'en', 100))
      .toMatchObject({ verdict: 'error', reason: 'crashed' });
  });

  it('reports a sandbox whose exec itself fails (engine unreachable) as crashed, not timed out', async () => {
    const log = quiet();
    const down = timedAccess(async () => { throw new Error('container engine unreachable'); }, 100);
    const check = exercise(async ({ sandbox }) => { await sandbox.exec(['docker', 'ps']); return pass('p', 'p'); });
    expect(await runCheck(check, { sandbox: down, recorded: {} }, 'en', 100)).toMatchObject({ verdict: 'error', reason: 'crashed' });
    expect(log).toHaveBeenCalled(); // the operator sees why
  });

  it('leaves no timer running once a check has answered', async () => {
    vi.useFakeTimers();
    await runCheck(exercise(async () => pass('p', 'p')), { sandbox: timedAccess(async () => ok, 15_000), recorded: {} }, 'en', 15_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('timedAccess', () => {
  it('passes argv and stdin through and returns the result of a command that finished', async () => {
    const run = vi.fn(async () => ok);
    const access = timedAccess(run, 1000);
    expect(await access.exec(['cat'], { stdin: 'hello' })).toEqual(ok);
    expect(run).toHaveBeenCalledWith(['cat'], { timeoutMs: 1000, stdin: 'hello' });
  });

  it('keeps a shorter timeout a command asks for, and gives the budget to one that asks none', async () => {
    const run = vi.fn(async () => ok);
    const access = timedAccess(run, 1000);
    await access.exec(['a'], { timeoutMs: 200 });
    await access.exec(['b']);
    expect(run.mock.calls.map((call) => (call as unknown[])[1])).toEqual([{ timeoutMs: 200, stdin: undefined }, { timeoutMs: 1000, stdin: undefined }]);
  });

  it('throws a CheckTimeout naming the command when the sandbox reports it timed out', async () => {
    const access = timedAccess(async () => ({ ...ok, timedOut: true }) as ExecResult, 1000);
    await expect(access.exec(['docker', 'logs', 'web'])).rejects.toSatisfy((err) => err instanceof CheckTimeout && /docker logs web/.test((err as Error).message));
  });
});

describe('runSetup', () => {
  it('passes a failing set-up’s error on to the caller', async () => {
    const broken = exercise(async () => pass('', ''), async () => { throw new Error('docker pull failed'); });
    await expect(runSetup(broken, timedAccess(async () => ok, 100), 100)).rejects.toThrow('docker pull failed');
  });

  it('gives up on a set-up whose command timed out in the sandbox', async () => {
    const slow = timedAccess(async () => ({ ...ok, timedOut: true }) as ExecResult, 100);
    const setup = exercise(async () => pass('', ''), async (sandbox) => { await sandbox.exec(['docker', 'run', 'x']); return {}; });
    await expect(runSetup(setup, slow, 100)).rejects.toBeInstanceOf(CheckTimeout);
  });
});
