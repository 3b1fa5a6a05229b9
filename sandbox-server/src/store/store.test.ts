// Against a real SQLite file: what a restarted server reads back is what the last one wrote.
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
