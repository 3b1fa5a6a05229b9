// The sandbox boundary is faked here; lessons/*/lesson.integration.test.ts runs
// the same grader against real sandboxes.
import { describe, expect, it } from 'vitest';
import type { Exercise, ExecResult, SandboxAccess } from '../../../lessons/types.ts';
import { fail, pass } from '../../../lessons/types.ts';
import { runCheck, runSetup, timedAccess } from './grader.ts';

const exercise = (check: Exercise['check'], setup?: Exercise['setup']): Exercise => ({
  id: 'x', title: { en: 't', zh: '题' }, task: { en: 't', zh: '题' }, solution: [], check, setup,
});
const ok: ExecResult = { exitCode: 0, stdout: '', stderr: '' };
const noSandbox: SandboxAccess = { exec: async () => ok };

describe('runCheck', () => {
  it('returns the pass message or the hint in the learner’s language', async () => {
    const passing = exercise(async () => pass('well done', '做得好'));
    const failing = exercise(async () => fail('not yet', '还没有'));
    expect(await runCheck(passing, { sandbox: noSandbox, recorded: {} }, 'zh', 1000)).toEqual({ verdict: 'pass', message: '做得好' });
    expect(await runCheck(failing, { sandbox: noSandbox, recorded: {} }, 'en', 1000)).toEqual({ verdict: 'fail', hint: 'not yet' });
  });

  it('cuts off a check that never answers, with a timeout verdict in the learner’s language', async () => {
    const hanging = exercise(() => new Promise(() => {}));
    const started = Date.now();
    const result = await runCheck(hanging, { sandbox: noSandbox, recorded: {} }, 'zh', 50);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ verdict: 'error', reason: 'timeout' });
    expect((result as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('turns a command that timed out in the sandbox into a timeout verdict', async () => {
    const seen: Array<number | undefined> = [];
    const slowSandbox = timedAccess(async (_argv, options) => { seen.push(options?.timeoutMs); return { ...ok, timedOut: true } as ExecResult; }, 300);
    const check = exercise(async ({ sandbox }) => { await sandbox.exec(['docker', 'ps'], { timeoutMs: 10_000 }); return pass('p', 'p'); });
    expect(await runCheck(check, { sandbox: slowSandbox, recorded: {} }, 'en', 300)).toMatchObject({ verdict: 'error', reason: 'timeout' });
    expect(seen).toEqual([300]); // a command may not ask for more than the budget
  });

  it('reports a check that throws as an error verdict rather than crashing', async () => {
    const broken = exercise(async () => { throw new SyntaxError('Unexpected token in JSON'); });
    const original = console.error;
    console.error = () => {};
    try {
      const result = await runCheck(broken, { sandbox: noSandbox, recorded: {} }, 'en', 1000);
      expect(result).toMatchObject({ verdict: 'error', reason: 'crashed' });
      expect((result as { message: string }).message).not.toMatch(/SyntaxError|JSON/);
    } finally {
      console.error = original;
    }
  });
});

describe('runSetup', () => {
  it('returns what the set-up recorded, or nothing when there is no set-up', async () => {
    expect(await runSetup(exercise(async () => pass('', ''), async () => ({ nonce: 'abc' })), noSandbox, 1000)).toEqual({ nonce: 'abc' });
    expect(await runSetup(exercise(async () => pass('', '')), noSandbox, 1000)).toEqual({});
  });

  it('gives up on a set-up that hangs', async () => {
    await expect(runSetup(exercise(async () => pass('', ''), () => new Promise(() => {})), noSandbox, 30)).rejects.toThrow(/exceeded/);
  });
});
