// Every setting of the sandbox server, read once from the environment.
// Each default is what a single-machine deployment should run with.
import { readFileSync } from 'node:fs';

export interface Config {
  /** WHARF_HOST: interface to listen on. Loopback by default: put a TLS proxy in front for the internet. */
  host: string;
  /** WHARF_PORT: one port for site, API and WebSockets (one origin: no CORS, first-party cookies). */
  port: number;
  /** WHARF_ORIGINS: exact Origin values a WebSocket upgrade may come from (comma-separated). Default: http://localhost:PORT and http://127.0.0.1:PORT. */
  allowedOrigins: string[];
  /** WHARF_SITE_DIR: the built site (astro build output). */
  siteDir: string;
  /** WHARF_DB: SQLite file holding learners, sandboxes and progress. */
  dbPath: string;
  /** WHARF_SECRET_FILE: file with the key that signs session cookies (install.sh writes it). */
  secretFile: string;
  /** WHARF_PODMAN_SOCKET: the sandbox user's rootless podman API socket. */
  podmanSocket: string;
  /** WHARF_SANDBOX_IMAGE: image every sandbox starts from (install.sh writes /etc/wharf/image.env). */
  sandboxImage: string;
  /** WHARF_INSTANCE: label value marking this server's sandboxes; a test run uses its own so it never touches a site running beside it. */
  instance: string;
  /** WHARF_IDLE_TIMEOUT_S: a sandbox nobody has used for this long is removed (default 30 min). */
  idleTimeoutMs: number;
  /** WHARF_MAX_LIFETIME_S: a sandbox is removed this long after it was created, used or not (default 4 h). */
  maxLifetimeMs: number;
  /** WHARF_SANDBOX_MAX_PROCS: processes one uid inside a sandbox may run at once; a fork bomb stops there (default 4096). */
  sandboxMaxProcesses: number;
  /** WHARF_POOL_SIZE: sandboxes kept started and unclaimed, so a new learner gets a prompt in under a second (default 2). */
  poolSize: number;
  /** WHARF_MAX_SANDBOXES: sandboxes this host runs at most, pool included (an idle one costs ~35 MiB, see npm run bench; default 40). */
  maxSandboxes: number;
  /** WHARF_READY_TIMEOUT_S: how long a new sandbox may take to get its engine ready (default 60 s). */
  readyTimeoutMs: number;
  /** WHARF_CHECK_TIMEOUT_S: a check or set-up command that runs longer fails with a clear verdict (default 15 s). */
  checkTimeoutMs: number;
  /** WHARF_MAX_BODY_BYTES: largest accepted request body (default 16 KiB). */
  maxBodyBytes: number;
  /** WHARF_MAX_WS_FRAME_BYTES: largest accepted WebSocket message; a paste larger than this closes the socket with 1009 (default 64 KiB). */
  maxWsFrameBytes: number;
  /** WHARF_REAP_INTERVAL_S: how often idle and expired sandboxes are looked for (default 30 s). */
  reapIntervalMs: number;
}

type Env = Record<string, string | undefined>;

function seconds(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * 1000;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return value * 1000;
}

function integer(env: Env, name: string, fallback: number, min = 0, max = Infinity): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer >= ${min}${max < Infinity ? ` and <= ${max}` : ''}, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'WHARF_PORT', 8080, 0, 65535);
  const image = env.WHARF_SANDBOX_IMAGE;
  if (!image) throw new Error('WHARF_SANDBOX_IMAGE is not set: run scripts/install.sh, which builds the image and writes /etc/wharf/image.env');
  return {
    host: env.WHARF_HOST || '127.0.0.1',
    port,
    allowedOrigins: (env.WHARF_ORIGINS || `http://localhost:${port},http://127.0.0.1:${port}`).split(',').map((o) => o.trim()).filter(Boolean),
    siteDir: env.WHARF_SITE_DIR || new URL('../../dist', import.meta.url).pathname,
    dbPath: env.WHARF_DB || '/var/lib/wharf/wharf.db',
    secretFile: env.WHARF_SECRET_FILE || '/etc/wharf/secret',
    podmanSocket: env.WHARF_PODMAN_SOCKET || '/run/wharf/podman.sock',
    sandboxImage: image,
    instance: env.WHARF_INSTANCE || 'site',
    idleTimeoutMs: seconds(env, 'WHARF_IDLE_TIMEOUT_S', 30 * 60),
    maxLifetimeMs: seconds(env, 'WHARF_MAX_LIFETIME_S', 4 * 60 * 60),
    sandboxMaxProcesses: integer(env, 'WHARF_SANDBOX_MAX_PROCS', 4096, 64),
    poolSize: integer(env, 'WHARF_POOL_SIZE', 2),
    maxSandboxes: integer(env, 'WHARF_MAX_SANDBOXES', 40, 1),
    readyTimeoutMs: seconds(env, 'WHARF_READY_TIMEOUT_S', 60),
    checkTimeoutMs: seconds(env, 'WHARF_CHECK_TIMEOUT_S', 15),
    maxBodyBytes: integer(env, 'WHARF_MAX_BODY_BYTES', 16 * 1024, 1),
    maxWsFrameBytes: integer(env, 'WHARF_MAX_WS_FRAME_BYTES', 64 * 1024, 1),
    reapIntervalMs: seconds(env, 'WHARF_REAP_INTERVAL_S', 30),
  };
}

export function readSecret(path: string): Buffer {
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} holds no usable secret (at least 32 characters): rerun scripts/install.sh`);
  return Buffer.from(secret, 'utf8');
}
