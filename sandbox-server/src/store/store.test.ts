// Against a real SQLite file: what a restarted server reads back is what the last one wrote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from './store.ts';

const dirs: string[] = [];
function dbPath(): string {
  const dir = mkdtempSync('/tmp/wharf-store-');
  dirs.push(dir);
  return join(dir, 'wharf.db');
}
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('Store', () => {
  it('keeps learners, sandboxes, progress and set-up values across a close and reopen', () => {
    const path = dbPath();
    const first = new Store(path);
    first.addLearner('learner-a', 1000);
    first.assignSandbox('learner-a', 'container-1', 1100, 1200);
    first.recordPass('learner-a', 'first-container', 'greeter', 1300);
    first.saveSetupValues('learner-a', 'first-container', 'old-timer', 'container-1', { nonce: 'n-42' });
    first.close();

    const again = new Store(path);
    expect(again.hasLearner('learner-a')).toBe(true);
    expect(again.sandboxOf('learner-a')).toEqual({ learnerId: 'learner-a', containerId: 'container-1', createdAt: 1100, lastUsedAt: 1200 });
    expect(again.progressOf('learner-a', 'first-container')).toEqual([{ lessonId: 'first-container', exerciseId: 'greeter', passedAt: 1300 }]);
    expect(again.setupValues('learner-a', 'first-container', 'old-timer', 'container-1')).toEqual({ nonce: 'n-42' });
    again.close();
  });

  it('keeps the date of the first pass when an exercise is checked again', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    expect(store.recordPass('a', 'l', 'e', 5000)).toBe(5000);
    expect(store.recordPass('a', 'l', 'e', 9000)).toBe(5000);
    expect(store.progressOf('a', 'l')).toHaveLength(1);
    store.close();
  });

  it('keeps learners apart and knows nothing of a stranger', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    store.addLearner('b');
    store.recordPass('a', 'l', 'e');
    expect(store.progressOf('b', 'l')).toEqual([]);
    expect(store.hasLearner('nobody')).toBe(false);
    expect(store.sandboxOf('nobody')).toBeUndefined();
    store.close();
  });

  it('ignores set-up values recorded in a sandbox since replaced', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    store.saveSetupValues('a', 'l', 'e', 'old-container', { nonce: 'x' });
    expect(store.setupValues('a', 'l', 'e', 'new-container')).toEqual({});
    store.close();
  });

  it('gives a learner one sandbox: a new one replaces the old, and forgetting it frees the learner', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    store.assignSandbox('a', 'c1', 1, 1);
    store.assignSandbox('a', 'c2', 2, 2);
    expect(store.allSandboxes().map((s) => s.containerId)).toEqual(['c2']);
    store.touchSandbox('a', 50);
    expect(store.sandboxOf('a')?.lastUsedAt).toBe(50);
    store.forgetSandbox('c2');
    expect(store.sandboxOf('a')).toBeUndefined();
    store.close();
  });
});

describe('Store across restarts', () => {
  it('keeps a pass recorded by a server that was killed (SIGKILL) without closing the database', () => {
    const path = dbPath();
    const storeModule = new URL('./store.ts', import.meta.url).pathname;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { Store } = await import(${JSON.stringify(storeModule)});
      const store = new Store(${JSON.stringify(path)});
      store.addLearner('crashed', 1);
      store.recordPass('crashed', 'first-container', 'greeter', 4242);
      process.kill(process.pid, 'SIGKILL');
    `], { encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');

    const store = new Store(path);
    expect(store.hasLearner('crashed')).toBe(true);
    expect(store.progressOf('crashed', 'first-container')).toEqual([{ lessonId: 'first-container', exerciseId: 'greeter', passedAt: 4242 }]);
    store.close();
  });

  it('keeps the first pass’s date when the exercise is passed again after a restart', () => {
    const path = dbPath();
    const before = new Store(path);
    before.addLearner('a', 1);
    before.recordPass('a', 'l', 'e', 1000);
    before.close();

    const after = new Store(path);
    expect(after.recordPass('a', 'l', 'e', 2000)).toBe(1000);
    expect(after.progressOf('a', 'l')).toEqual([{ lessonId: 'l', exerciseId: 'e', passedAt: 1000 }]);
    after.close();
  });

  it('lets a new server read what the old one wrote while the old one still has the file open', () => {
    const path = dbPath();
    const old = new Store(path);
    old.addLearner('a');
    old.recordPass('a', 'l', 'e', 7);
    const next = new Store(path);
    expect(next.progressOf('a', 'l')).toEqual([{ lessonId: 'l', exerciseId: 'e', passedAt: 7 }]);
    old.close();
    next.close();
  });

  it('knows nothing of a learner in a freshly reopened, empty database', () => {
    const path = dbPath();
    new Store(path).close();
    const store = new Store(path);
    expect(store.hasLearner('stranger')).toBe(false);
    expect(store.progressOf('stranger', 'first-container')).toEqual([]);
    expect(store.setupValues('stranger', 'first-container', 'e', 'c')).toEqual({});
    expect(store.allSandboxes()).toEqual([]);
    store.close();
  });
});

describe('Store records', () => {
  it('lists progress per lesson: every exercise passed there and nothing from another lesson', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    store.recordPass('a', 'lesson-1', 'x', 1);
    store.recordPass('a', 'lesson-1', 'y', 2);
    store.recordPass('a', 'lesson-2', 'x', 3);
    const exercises = store.progressOf('a', 'lesson-1').map((p) => [p.exerciseId, p.passedAt]).sort();
    expect(exercises).toEqual([['x', 1], ['y', 2]]);
    store.close();
  });

  it('adds the same learner twice without error or a second row', () => {
    const store = new Store(dbPath());
    store.addLearner('a', 1);
    expect(() => store.addLearner('a', 2)).not.toThrow();
    expect(store.hasLearner('a')).toBe(true);
    store.close();
  });

  it('never lets two learners own the same container', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    store.addLearner('b');
    store.assignSandbox('a', 'shared', 1, 1);
    store.assignSandbox('b', 'shared', 2, 2);
    const owners = store.allSandboxes().filter((s) => s.containerId === 'shared').map((s) => s.learnerId);
    expect(owners).toHaveLength(1);
    store.close();
  });

  it('keeps the latest set-up values when a set-up runs again in the same sandbox, Unicode intact', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    store.saveSetupValues('a', 'l', 'e', 'c1', { nonce: 'first' });
    store.saveSetupValues('a', 'l', 'e', 'c1', { nonce: '第二次 "quoted"' });
    expect(store.setupValues('a', 'l', 'e', 'c1')).toEqual({ nonce: '第二次 "quoted"' });
    store.close();
  });

  it('changes nothing when touching or forgetting a sandbox nobody has', () => {
    const store = new Store(dbPath());
    store.addLearner('a');
    store.assignSandbox('a', 'c1', 1, 1);
    store.touchSandbox('nobody', 99);
    store.forgetSandbox('no-such-container');
    expect(store.allSandboxes()).toEqual([{ learnerId: 'a', containerId: 'c1', createdAt: 1, lastUsedAt: 1 }]);
    store.close();
  });
});
