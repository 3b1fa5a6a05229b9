// The contract between a lesson's runnable parts (this folder) and the rest of
// Wharf. Lessons speak only in these terms: they never see the sandbox provider,
// the HTTP layer or the database.

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** A string written once per language (naturally, not translated word by word). */
export type Localized = Record<Lang, string>;

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** What a set-up or a check may do with the learner's sandbox. */
export interface SandboxAccess {
  /** Runs a program inside the sandbox, non-interactively, as root in /root. */
  exec(argv: string[], options?: { timeoutMs?: number; stdin?: string }): Promise<ExecResult>;
}

/**
 * Reads `docker inspect` for one object inside the sandbox and parses it here,
 * outside, so the learner cannot change how it is read. Undefined when absent.
 */
export async function inspect(sandbox: SandboxAccess, kind: 'container' | 'image' | 'volume' | 'network', name: string): Promise<any | undefined> {
  const result = await sandbox.exec(['docker', kind, 'inspect', '--', name]);
  if (result.exitCode !== 0) return undefined;
  const parsed: unknown = JSON.parse(result.stdout);
  return Array.isArray(parsed) && parsed.length > 0 ? parsed[0] : undefined;
}

export interface CheckInput {
  sandbox: SandboxAccess;
  /** What this exercise's set-up recorded (kept on the server, never in the sandbox). */
  recorded: Record<string, string>;
}

export type Verdict = { passed: true; message: Localized } | { passed: false; hint: Localized };

export interface Exercise {
  id: string;
  title: Localized;
  /** What to do, in one or two sentences (Markdown-free plain text). */
  task: Localized;
  /** Prepares the sandbox; returns values its check needs later. */
  setup?: (sandbox: SandboxAccess) => Promise<Record<string, string>>;
  check: (input: CheckInput) => Promise<Verdict>;
  /** Commands that solve the exercise, used by the tests and shown on request. */
  solution: string[];
}

export interface Lesson {
  id: string;
  order: number;
  exercises: Exercise[];
}

export const pass = (en: string, zh: string): Verdict => ({ passed: true, message: { en, zh } });
export const fail = (en: string, zh: string): Verdict => ({ passed: false, hint: { en, zh } });
