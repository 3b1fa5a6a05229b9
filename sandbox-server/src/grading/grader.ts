// Runs a lesson's set-ups and checks against a learner's sandbox. The checker
// code runs here, in the server; only the commands it issues run in the sandbox.
import type { CheckInput, Exercise, Lang, SandboxAccess } from '../../../lessons/types.ts';
import { message } from '../messages.ts';

export type CheckResult =
  | { verdict: 'pass'; message: string }
  | { verdict: 'fail'; hint: string }
  | { verdict: 'error'; message: string; reason: 'timeout' | 'crashed' };

export class CheckTimeout extends Error {}

/** Wraps an exec so that a command that outlives the check's budget aborts the check. */
export function timedAccess(run: SandboxAccess['exec'], budgetMs: number): SandboxAccess {
  return {
    async exec(argv, options) {
      const result = await run(argv, { timeoutMs: Math.min(options?.timeoutMs ?? budgetMs, budgetMs), stdin: options?.stdin });
      if ((result as { timedOut?: boolean }).timedOut) throw new CheckTimeout(`${argv.join(' ')} timed out`);
      return result;
    },
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new CheckTimeout(`check exceeded ${ms} ms`)), ms); });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function runCheck(exercise: Exercise, input: CheckInput, lang: Lang, budgetMs: number): Promise<CheckResult> {
  try {
    // Every command has the budget, and so does the whole check: a check of
    // many quick commands cannot add up to forever either.
    const verdict = await withDeadline(exercise.check(input), budgetMs * 2);
    return verdict.passed ? { verdict: 'pass', message: verdict.message[lang] } : { verdict: 'fail', hint: verdict.hint[lang] };
  } catch (err) {
    if (err instanceof CheckTimeout) return { verdict: 'error', reason: 'timeout', message: message('checkTimedOut', lang) };
    console.error(`check ${exercise.id} crashed:`, err);
    return { verdict: 'error', reason: 'crashed', message: message('checkFailed', lang) };
  }
}

export async function runSetup(exercise: Exercise, sandbox: SandboxAccess, budgetMs: number): Promise<Record<string, string>> {
  if (!exercise.setup) return {};
  return withDeadline(exercise.setup(sandbox), budgetMs * 2);
}
