// SandboxManager with the engine faked (an in-memory provider) and a real SQLite
// file. The same behaviour against real podman: server.integration.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecOutput, ExecSession, SandboxInfo, SandboxProvider, SandboxSpec } from '../provider/types.ts';
import { Store } from '../store/store.ts';
import { CapacityError, INSTANCE_LABEL, SandboxManager } from './manager.ts';

class FakeProvider implements SandboxProvider {
  readonly sandboxes = new Map<string, SandboxInfo>();
  created = 0;
  async create(spec: SandboxSpec): Promise<SandboxInfo> {
    const info = { id: `sbx-${++this.created}`, labels: spec.labels, running: true, createdAt: new Date() };
    this.sandboxes.set(info.id, info);
    return info;
  }
  async status(id: string) { return this.sandboxes.get(id); }
  async listByLabel(key: string, value: string) { return [...this.sandboxes.values()].filter((s) => s.labels[key] === value); }
  async remove(id: string) { this.sandboxes.delete(id); }
  async run(id: string): Promise<ExecOutput> {
    if (!this.sandboxes.has(id)) throw new Error('no such sandbox');
    return { exitCode: 0, stdout: 'ready\n', stderr: '', timedOut: false };
  }
  async openShell(): Promise<ExecSession> { throw new Error('not used here'); }
}

const config = {
  sandboxImage: 'img', sandboxMaxProcesses: 4096, instance: 'unit', poolSize: 0, maxSandboxes: 3, readyTimeoutMs: 1000,
  idleTimeoutMs: 60_000, maxLifetimeMs: 3_600_000, reapIntervalMs: 60_000,
};
const cleanups: Array<() => void> = [];
afterEach(() => { for (const clean of cleanups.splice(0)) clean(); });

function setup(overrides: Partial<typeof config> = {}) {
  const dir = mkdtempSync('/tmp/wharf-manager-');
  const store = new Store(join(dir, 'wharf.db'));
  const provider = new FakeProvider();
  const manager = new SandboxManager(provider, store, { ...config, ...overrides });
  cleanups.push(() => { manager.stop(); store.close(); rmSync(dir, { recursive: true, force: true }); });
  return { store, provider, manager, dir };
}

describe('SandboxManager', () => {
  it('gives a learner one sandbox, shared by two tabs opening at once, and the same one later', async () => {
    const { store, provider, manager } = setup();
    store.addLearner('a');
    const [first, second] = await Promise.all([manager.sandboxFor('a'), manager.sandboxFor('a')]);
    expect(first).toEqual(second);
    expect(provider.created).toBe(1);
    expect(await manager.sandboxFor('a')).toEqual(first);
  });

  it('says a sandbox that vanished was lost, then gives a fresh one when asked', async () => {
    const { store, provider, manager } = setup();
    store.addLearner('a');
    const first = await manager.sandboxFor('a');
    provider.sandboxes.clear();
    expect(await manager.sandboxFor('a')).toEqual({ state: 'lost' });
    const fresh = await manager.sandboxFor('a', { fresh: true });
    expect(fresh.state).toBe('ready');
    expect(fresh).not.toEqual(first);
  });

  it('refuses a sandbox beyond the host’s capacity', async () => {
    const { store, manager } = setup({ maxSandboxes: 2 });
    for (const id of ['a', 'b', 'c']) store.addLearner(id);
    await manager.sandboxFor('a');
    await manager.sandboxFor('b');
    await expect(manager.sandboxFor('c')).rejects.toBeInstanceOf(CapacityError);
  });

  it('reaps sandboxes idle too long and those past their lifetime, and keeps the rest', async () => {
    const { store, provider, manager } = setup();
    for (const id of ['idle', 'old', 'busy']) store.addLearner(id);
    const now = Date.now();
    for (const id of ['idle', 'old', 'busy']) await manager.sandboxFor(id);
    const idOf = (learner: string) => store.sandboxOf(learner)!.containerId;
    const [idle, old, busy] = [idOf('idle'), idOf('old'), idOf('busy')];
    store.assignSandbox('idle', idle, now, now - config.idleTimeoutMs - 1);
    store.assignSandbox('old', old, now - config.maxLifetimeMs - 1, now);
    expect(await manager.reap(now)).toBe(2);
    expect([...provider.sandboxes.keys()]).toEqual([busy]);
    // Reaping is not a loss: the learner's next visit simply gets a new sandbox.
    const next = await manager.sandboxFor('idle');
    expect(next.state).toBe('ready');
  });

  it('on start, adopts assigned running sandboxes and removes leftovers and expired ones, of its own instance only', async () => {
    const { store, provider, manager } = setup();
    store.addLearner('a');
    store.addLearner('b');
    const kept = await provider.create({ image: 'img', labels: { [INSTANCE_LABEL]: 'unit' } });
    const expired = await provider.create({ image: 'img', labels: { [INSTANCE_LABEL]: 'unit' } });
    const leftover = await provider.create({ image: 'img', labels: { [INSTANCE_LABEL]: 'unit' } });
    const neighbour = await provider.create({ image: 'img', labels: { [INSTANCE_LABEL]: 'site' } });
    store.assignSandbox('a', kept.id, Date.now());
    store.assignSandbox('b', expired.id, Date.now(), Date.now() - config.idleTimeoutMs - 1);
    expect(await manager.start()).toEqual({ adopted: 1, removed: 2 });
    expect(provider.sandboxes.has(kept.id)).toBe(true);
    expect(provider.sandboxes.has(expired.id) || provider.sandboxes.has(leftover.id)).toBe(false);
    expect(provider.sandboxes.has(neighbour.id)).toBe(true);
  });
});
