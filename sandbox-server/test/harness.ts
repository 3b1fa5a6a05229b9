// Starts a real Wharf server for tests: as the unprivileged user wharf, from a
// copy of this checkout it can read, with its own instance label, database and
// port, so it never touches the sandboxes of a site running beside it.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

const repo = resolve(import.meta.dirname, '../..');
export const PODMAN_SOCKET = process.env.WHARF_PODMAN_SOCKET ?? '/run/wharf/podman.sock';
const NODE = process.env.WHARF_NODE ?? '/opt/wharf/node/bin/node';

/** The sandbox image install.sh built. Throws (the test fails, never skips) when the set-up is missing. */
export function sandboxImage(): string {
  if (!existsSync(PODMAN_SOCKET)) throw new Error(`no podman API socket at ${PODMAN_SOCKET}: run scripts/install.sh first`);
  const env = '/etc/wharf/image.env';
  if (!existsSync(env)) throw new Error(`${env} is missing: run scripts/install.sh, which builds the sandbox image`);
  const image = readFileSync(env, 'utf8').match(/WHARF_SANDBOX_IMAGE=(\S+)/)?.[1];
  if (!image) throw new Error(`${env} names no image`);
  return image;
}

export async function imageExists(image: string): Promise<boolean> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ socketPath: PODMAN_SOCKET, path: `/v1.41/images/${encodeURIComponent(image)}/json` }, (res) => {
      res.resume();
      resolvePromise(res.statusCode === 200);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

export interface ServerOptions {
  /** Reuse the state (database, instance) of an earlier server: a restart. */
  stateDir?: string;
  instance?: string;
  /** Listen on this port (a restart keeps its URL, so reconnecting clients find it). */
  port?: number;
  env?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  origin: string;
  port: number;
  instance: string;
  stateDir: string;
  logs(): string;
  /** Resident memory of the server's node process, in bytes. */
  memoryBytes(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

let copiedApp: string | undefined;

/** A copy of the server, lessons and built site the wharf user can read (a checkout may sit under /root). */
function appCopy(): string {
  if (copiedApp) return copiedApp;
  const dir = mkdtempSync('/tmp/wharf-test-app-');
  for (const part of ['sandbox-server', 'lessons', 'package.json']) cpSync(join(repo, part), join(dir, part), { recursive: true });
  if (existsSync(join(repo, 'dist'))) cpSync(join(repo, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(repo, 'node_modules/ws'), join(dir, 'node_modules/ws'), { recursive: true });
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  copiedApp = dir;
  return dir;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const image = sandboxImage();
  if (!(await imageExists(image))) throw new Error(`the sandbox image ${image} is not in the sandbox user's podman storage: run scripts/install.sh`);
  const app = appCopy();
  const stateDir = options.stateDir ?? mkdtempSync('/tmp/wharf-test-state-');
  execFileSync('chown', ['wharf:wharf', stateDir]);
  chmodSync(stateDir, 0o700);
  const instance = options.instance ?? `test-${process.pid}-${Date.now().toString(36)}`;
  const port = options.port ?? (await freePort());
  const env = {
    PATH: '/usr/bin:/bin',
    WHARF_SANDBOX_IMAGE: image,
    WHARF_PORT: String(port),
    WHARF_HOST: '127.0.0.1',
    WHARF_DB: join(stateDir, 'wharf.db'),
    WHARF_INSTANCE: instance,
    WHARF_SITE_DIR: join(app, 'dist'),
    WHARF_POOL_SIZE: '1',
    ...options.env,
  };
  const args = ['-u', 'wharf', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), NODE, join(app, 'sandbox-server/src/main.ts')];
  const child: ChildProcess = spawn('runuser', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      if (output.includes('listening on')) { clearInterval(poll); clearTimeout(timer); resolvePromise(); }
    }, 50);
    child.on('exit', (code) => { clearInterval(poll); clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    port,
    instance,
    stateDir,
    logs: () => output,
    memoryBytes() {
      const [pid] = serverPids(instance);
      if (pid === undefined) throw new Error('the server process is not running');
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(rss![1]) * 1024;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      // The node process is runuser's child; signal it directly (runuser does
      // not pass SIGKILL on). Several test servers share one app copy, so find
      // ours by the instance in its environment, not by its command line.
      for (const pid of serverPids(instance)) { try { process.kill(pid, signal); } catch { /* gone */ } }
      const timeout = new Promise((r) => setTimeout(r, 15_000, 'timeout'));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        for (const pid of serverPids(instance)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
        child.kill('SIGKILL');
        throw new Error(`the server did not exit within 15 s of ${signal}:\n${output.slice(-2000)}`);
      }
    },
  };
}

/** Pids of wharf's node processes started with WHARF_INSTANCE=instance. */
function serverPids(instance: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const exe = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (exe.endsWith('/node') && environ.includes(`WHARF_INSTANCE=${instance}`)) pids.push(Number(entry));
    } catch { /* exited or not ours to read */ }
  }
  return pids;
}

/** Removes every sandbox labelled with this instance (test clean-up). */
export async function removeInstanceSandboxes(instance: string): Promise<void> {
  const { PodmanProvider } = await import('../src/provider/podman.ts');
  const provider = new PodmanProvider(PODMAN_SOCKET);
  for (const sandbox of await provider.listByLabel('wharf.instance', instance)) await provider.remove(sandbox.id);
}

export function cleanupDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A learner as a browser would be: a cookie jar, the API and the terminal socket. */
export class Learner {
  cookie = '';
  readonly server: RunningServer;
  constructor(server: RunningServer) {
    this.server = server;
  }

  async session(): Promise<this> {
    const res = await fetch(`${this.server.url}/api/session`, { method: 'POST' });
    const setCookie = res.headers.get('set-cookie') ?? '';
    this.cookie = setCookie.split(';')[0] ?? '';
    if (!this.cookie) throw new Error('no session cookie issued');
    return this;
  }

  api(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.server.url}${path}`, {
      method,
      headers: { cookie: this.cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async check(lesson: string, exercise: string, lang = 'en'): Promise<any> {
    const res = await this.api('POST', `/api/lessons/${lesson}/exercises/${exercise}/check`, { lang });
    return res.json();
  }

  async setup(lesson: string, exercise: string, lang = 'en'): Promise<any> {
    const res = await this.api('POST', `/api/lessons/${lesson}/exercises/${exercise}/setup`, { lang });
    return res.json();
  }

  terminal(query = 'lang=en'): Promise<TerminalClient> {
    return TerminalClient.open(`ws://127.0.0.1:${this.server.port}/ws/terminal?${query}`, { origin: this.server.origin, cookie: this.cookie });
  }
}

/** Terminal output as a reader sees it: no control sequences, "\n" line ends. */
export function plainText(output: string): string {
  return output
    .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '')
    .replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]/g, '')
    .replace(/\x1b[()][0-9A-B]|\x1b[=>]/g, '')
    .replace(/\r+\n/g, '\n')
    .replace(/\r/g, '');
}

export class TerminalClient {
  output = '';
  readonly controls: any[] = [];
  closeCode: number | undefined;
  readonly ws: WebSocket;
  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer, binary: boolean) => {
      if (binary) this.output += data.toString('utf8');
      else this.controls.push(JSON.parse(data.toString('utf8')));
    });
    ws.on('close', (code) => { this.closeCode = code; });
  }

  static open(url: string, headers: Record<string, string>): Promise<TerminalClient> {
    return new Promise((resolvePromise, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new TerminalClient(ws);
      ws.once('open', () => resolvePromise(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(text: string): void {
    this.ws.send(Buffer.from(text), { binary: true });
  }

  /** Waits until the output (since `from`) matches; returns the index after the match. */
  async waitFor(pattern: RegExp | string, timeoutMs = 60_000, from = 0): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.output.slice(from);
      const index = typeof pattern === 'string' ? text.indexOf(pattern) : text.search(pattern);
      if (index >= 0) return from + index + (typeof pattern === 'string' ? pattern.length : 1);
      if (this.closeCode !== undefined) throw new Error(`terminal closed (${this.closeCode}) before ${pattern}; output:\n${this.output}\ncontrols: ${JSON.stringify(this.controls)}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Runs a command in the shell and waits until it finished. Returns what the
   * terminal showed meanwhile as plain text: escape sequences removed, lines
   * ending in "\n" (the echoed command line comes first).
   */
  async run(command: string, timeoutMs = 60_000): Promise<string> {
    const marker = `__done_${Math.random().toString(36).slice(2)}__`;
    const start = this.output.length;
    this.send(`${command}; echo ${marker.slice(0, 6)}""${marker.slice(6)}\r`);
    const end = await this.waitFor(marker, timeoutMs, start);
    return plainText(this.output.slice(start, end));
  }

  async waitClosed(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined) {
      if (Date.now() > deadline) throw new Error('terminal did not close');
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.closeCode;
  }

  /** Stops reading from the socket, like a browser on a stalled connection. */
  stallReading(): void {
    (this.ws as unknown as { _socket: import('node:net').Socket })._socket.pause();
  }

  resumeReading(): void {
    (this.ws as unknown as { _socket: import('node:net').Socket })._socket.resume();
  }

  close(): void {
    this.ws.close();
  }
}
