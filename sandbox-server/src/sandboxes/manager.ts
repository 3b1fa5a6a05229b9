// Which learner owns which sandbox, a pool of pre-started ones for a fast first
// prompt, adoption at start-up and reaping of idle or too-old sandboxes.
import type { Config } from '../config.ts';
import type { SandboxProvider } from '../provider/types.ts';
import type { Store } from '../store/store.ts';

export const INSTANCE_LABEL = 'wharf.instance';

export type Phase = 'claiming' | 'starting-engine' | 'ready';

export class CapacityError extends Error {}
export class SandboxStartError extends Error {}

export type SandboxLookup = { state: 'ready'; id: string } | { state: 'lost' };

type ManagerConfig = Pick<Config, 'sandboxImage' | 'sandboxMaxProcesses' | 'instance' | 'poolSize' | 'maxSandboxes' | 'readyTimeoutMs' | 'idleTimeoutMs' | 'maxLifetimeMs' | 'reapIntervalMs'>;

interface PoolEntry { id: string; createdAt: number }

export class SandboxManager {
  private readonly pool: PoolEntry[] = [];
  private starting = 0;
  private readonly pending = new Map<string, Promise<SandboxLookup>>();
  private reaper: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly provider: SandboxProvider;
  private readonly store: Store;
  private readonly config: ManagerConfig;

  constructor(provider: SandboxProvider, store: Store, config: ManagerConfig) {
    this.provider = provider;
    this.store = store;
    this.config = config;
  }

  /** Adopts this instance's sandboxes that the database still assigns, removes every other one. */
  async start(): Promise<{ adopted: number; removed: number }> {
    const found = await this.provider.listByLabel(INSTANCE_LABEL, this.config.instance);
    const assigned = new Map(this.store.allSandboxes().map((r) => [r.containerId, r]));
    let adopted = 0;
    let removed = 0;
    for (const sandbox of found) {
      const record = assigned.get(sandbox.id);
      if (record && sandbox.running && !this.expired(record.createdAt, record.lastUsedAt)) {
        adopted++;
      } else {
        // Unassigned pool leftovers too: they cost little to recreate and may be half-started.
        await this.provider.remove(sandbox.id);
        removed++;
      }
    }
    // Records whose container is gone stay: the learner is told the sandbox was lost.
    this.refillPool();
    this.reaper = setInterval(() => { void this.reap(); }, this.config.reapIntervalMs);
    this.reaper.unref();
    return { adopted, removed };
  }

  stop(): void {
    this.stopped = true;
    if (this.reaper) clearInterval(this.reaper);
  }

  /** Removes the pool (assigned sandboxes stay for the next start to adopt). */
  async drainPool(): Promise<void> {
    const entries = this.pool.splice(0);
    await Promise.all(entries.map((e) => this.provider.remove(e.id)));
  }

  get counts(): { pool: number; assigned: number; starting: number } {
    return { pool: this.pool.length, assigned: this.store.allSandboxes().length, starting: this.starting };
  }

  private expired(createdAt: number, lastUsedAt: number, now = Date.now()): boolean {
    return now - lastUsedAt > this.config.idleTimeoutMs || now - createdAt > this.config.maxLifetimeMs;
  }

  /**
   * The learner's sandbox, ready for a shell. A learner without one gets one from
   * the pool (or a new one); a learner whose sandbox died is told so rather than
   * silently given an empty one, unless `fresh` asks for a new one.
   */
  sandboxFor(learnerId: string, options: { fresh?: boolean; onPhase?: (phase: Phase) => void } = {}): Promise<SandboxLookup> {
    // One lookup per learner at a time: two tabs opening at once share one sandbox.
    const inFlight = this.pending.get(learnerId);
    if (inFlight && !options.fresh) return inFlight;
    const lookup = this.lookup(learnerId, options).finally(() => {
      if (this.pending.get(learnerId) === lookup) this.pending.delete(learnerId);
    });
    this.pending.set(learnerId, lookup);
    return lookup;
  }

  /** The learner's current sandbox if it is running; never creates one. */
  async currentSandbox(learnerId: string): Promise<string | undefined> {
    const record = this.store.sandboxOf(learnerId);
    if (!record) return undefined;
    const info = await this.provider.status(record.containerId);
    return info?.running ? record.containerId : undefined;
  }

  touch(learnerId: string): void {
    this.store.touchSandbox(learnerId);
  }

  private async lookup(learnerId: string, options: { fresh?: boolean; onPhase?: (phase: Phase) => void }): Promise<SandboxLookup> {
    options.onPhase?.('claiming');
    const record = this.store.sandboxOf(learnerId);
    if (record) {
      const info = await this.provider.status(record.containerId);
      if (info?.running && !options.fresh) {
        this.store.touchSandbox(learnerId);
        await this.waitReady(record.containerId, options.onPhase);
        return { state: 'ready', id: record.containerId };
      }
      await this.provider.remove(record.containerId);
      this.store.forgetSandbox(record.containerId);
      if (!options.fresh) return { state: 'lost' };
    }
    const sandbox = this.pool.shift() ?? (await this.createSandbox());
    this.store.assignSandbox(learnerId, sandbox.id, sandbox.createdAt);
    this.refillPool();
    await this.waitReady(sandbox.id, options.onPhase);
    return { state: 'ready', id: sandbox.id };
  }

  private async createSandbox(): Promise<PoolEntry> {
    const total = this.pool.length + this.starting + this.store.allSandboxes().length;
    if (total >= this.config.maxSandboxes) throw new CapacityError(`all ${this.config.maxSandboxes} sandboxes are in use`);
    this.starting++;
    try {
      const info = await this.provider.create({
        image: this.config.sandboxImage,
        labels: { [INSTANCE_LABEL]: this.config.instance },
        maxProcesses: this.config.sandboxMaxProcesses,
      });
      return { id: info.id, createdAt: info.createdAt.getTime() };
    } finally {
      this.starting--;
    }
  }

  private refillPool(): void {
    if (this.stopped) return;
    const room = this.config.maxSandboxes - this.store.allSandboxes().length - this.pool.length - this.starting;
    const wanted = Math.min(this.config.poolSize - this.pool.length - this.starting, room);
    for (let i = 0; i < wanted; i++) {
      this.createSandbox()
        .then(async (entry) => {
          await this.waitReady(entry.id);
          if (this.stopped) return this.provider.remove(entry.id);
          this.pool.push(entry);
        })
        .catch((err) => console.error(`pool: could not start a sandbox: ${err.message}`));
    }
  }

  private async waitReady(id: string, onPhase?: (phase: Phase) => void): Promise<void> {
    const deadline = Date.now() + this.config.readyTimeoutMs;
    let announced = false;
    while (Date.now() < deadline) {
      const probe = await this.provider.run(id, ['cat', '/run/wharf/phase'], { timeoutMs: 5000 }).catch(() => undefined);
      if (probe?.stdout.trim() === 'ready') {
        onPhase?.('ready');
        return;
      }
      if (!announced) { onPhase?.('starting-engine'); announced = true; }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new SandboxStartError(`sandbox ${id.slice(0, 12)} did not get its engine ready within ${this.config.readyTimeoutMs / 1000} s`);
  }

  /** Removes sandboxes idle past the timeout or older than the maximum lifetime. */
  async reap(now = Date.now()): Promise<number> {
    let reaped = 0;
    for (const record of this.store.allSandboxes()) {
      if (!this.expired(record.createdAt, record.lastUsedAt, now)) continue;
      await this.provider.remove(record.containerId).catch(() => undefined);
      // Reaping is expected, not a failure: the learner's next visit starts a fresh sandbox.
      this.store.forgetSandbox(record.containerId);
      reaped++;
    }
    for (const entry of [...this.pool]) {
      if (now - entry.createdAt > this.config.maxLifetimeMs) {
        this.pool.splice(this.pool.indexOf(entry), 1);
        await this.provider.remove(entry.id).catch(() => undefined);
      }
    }
    this.refillPool();
    return reaped;
  }
}
