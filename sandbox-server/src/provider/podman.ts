// SandboxProvider over rootless podman's Docker-compatible API (a unix socket).
// A small client of our own: the few calls we need, with podman's quirks
// (201 from exec resize) handled in one place.
import { request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { ExecOutput, ExecSession, SandboxInfo, SandboxProvider, SandboxSpec } from './types.ts';

const API = '/v1.41';
const LIBPOD_API = '/v4.0.0/libpod';

export class EngineError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

interface ContainerJson {
  Id: string;
  Created: string | number;
  Labels?: Record<string, string>;
  Config?: { Labels?: Record<string, string> };
  State?: { Running?: boolean } | string;
}

function toInfo(c: ContainerJson): SandboxInfo {
  const running = typeof c.State === 'string' ? c.State === 'running' : Boolean(c.State?.Running);
  const created = typeof c.Created === 'number' ? new Date(c.Created * 1000) : new Date(c.Created);
  return { id: c.Id, labels: c.Labels ?? c.Config?.Labels ?? {}, running, createdAt: created };
}

/** Splits Docker's multiplexed stream (8-byte headers) into stdout and stderr. */
export class StreamDemuxer {
  private pending = Buffer.alloc(0);
  readonly stdout: Buffer[] = [];
  readonly stderr: Buffer[] = [];
  push(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      const payload = this.pending.subarray(8, 8 + size);
      (this.pending[0] === 2 ? this.stderr : this.stdout).push(Buffer.from(payload));
      this.pending = this.pending.subarray(8 + size);
    }
  }
}

export class PodmanProvider implements SandboxProvider {
  private readonly socketPath: string;
  constructor(socketPath: string) {
    this.socketPath = socketPath;
  }

  private call<T>(method: string, path: string, body?: unknown, okStatuses = [200, 201, 204, 304], prefix = API): Promise<T> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          socketPath: this.socketPath,
          method,
          path: prefix + path,
          headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (!okStatuses.includes(res.statusCode ?? 0)) {
              let message = text;
              try { message = JSON.parse(text).message ?? text; } catch { /* plain text */ }
              // podman answers 500 "no such container" for a container being removed: to
              // every caller that is the same as gone, so it is reported as one 404.
              const status = res.statusCode === 500 && /no such container/i.test(message) ? 404 : res.statusCode ?? 0;
              reject(new EngineError(status, `${method} ${path}: ${res.statusCode} ${message}`));
              return;
            }
            resolve((text ? JSON.parse(text) : undefined) as T);
          });
          res.on('error', reject);
        },
      );
      req.on('error', (err) => reject(new EngineError(0, `container engine unreachable at ${this.socketPath}: ${err.message}`)));
      req.end(payload);
    });
  }

  /** Starts an exec and hands back the raw hijacked socket. */
  private startExec(execId: string, tty: boolean): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify({ Detach: false, Tty: tty }));
      const req = request({
        socketPath: this.socketPath,
        method: 'POST',
        path: `${API}/exec/${execId}/start`,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, connection: 'Upgrade', upgrade: 'tcp' },
      });
      req.on('upgrade', (_res: IncomingMessage, socket: Socket, head: Buffer) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(new EngineError(res.statusCode ?? 0, `exec start: ${res.statusCode} ${Buffer.concat(chunks).toString()}`)));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  async create(spec: SandboxSpec): Promise<SandboxInfo> {
    // podman's own endpoint, not the Docker-compatible one: podman 4.3 drops
    // HostConfig.Ulimits there, and the process limit is a security boundary.
    const created = await this.call<{ Id: string }>('POST', '/containers/create', {
      image: spec.image,
      hostname: 'wharf',
      labels: spec.labels,
      terminal: false,
      // Privileged only inside the sandbox's own user namespace: dockerd needs
      // mounts and iptables there; on the host it stays an unprivileged uid.
      privileged: true,
      // A distinct 65536-id range per sandbox: no two learners share a host uid.
      // (podman 4.3's native API takes the size here, not as userns's value.)
      userns: { nsmode: 'auto' },
      idmappings: { AutoUserNs: true, AutoUserNsOpts: { Size: 65536 } },
      netns: { nsmode: 'slirp4netns' },
      // RLIMIT_NPROC counts per host uid and only the host's root may raise the
      // hard limit, so root inside the sandbox cannot lift it. On this cgroup v1
      // host it is the only brake on a fork bomb (no pids controller).
      ...(spec.maxProcesses ? { r_limits: [{ type: 'nproc', soft: spec.maxProcesses, hard: spec.maxProcesses }] } : {}),
    }, undefined, LIBPOD_API);
    await this.call('POST', `/containers/${created.Id}/start`);
    const info = await this.status(created.Id);
    if (!info) throw new EngineError(404, `sandbox ${created.Id} vanished right after start`);
    return info;
  }

  async status(id: string): Promise<SandboxInfo | undefined> {
    try {
      return toInfo(await this.call<ContainerJson>('GET', `/containers/${encodeURIComponent(id)}/json`));
    } catch (err) {
      if (err instanceof EngineError && err.status === 404) return undefined;
      throw err;
    }
  }

  async listByLabel(key: string, value: string): Promise<SandboxInfo[]> {
    const filters = encodeURIComponent(JSON.stringify({ label: [`${key}=${value}`] }));
    const list = await this.call<ContainerJson[]>('GET', `/containers/json?all=true&filters=${filters}`);
    return list.map(toInfo);
  }

  async remove(id: string): Promise<void> {
    try {
      await this.call('DELETE', `/containers/${encodeURIComponent(id)}?force=true&v=true`);
    } catch (err) {
      if (!(err instanceof EngineError && err.status === 404)) throw err;
    }
  }

  async run(id: string, argv: string[], options: { timeoutMs: number; stdin?: string; workdir?: string }): Promise<ExecOutput> {
    const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
    // The kill happens inside the sandbox too, so a hung check leaves no process behind.
    const exec = await this.call<{ Id: string }>('POST', `/containers/${id}/exec`, {
      AttachStdin: options.stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      Cmd: ['timeout', '-s', 'KILL', String(seconds), ...argv],
      WorkingDir: options.workdir ?? '/root',
    });
    const socket = await this.startExec(exec.Id, false);
    const demux = new StreamDemuxer();
    let timedOut = false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { timedOut = true; socket.destroy(); }, options.timeoutMs + 2000);
      socket.on('data', (chunk: Buffer) => demux.push(chunk));
      socket.on('close', () => { clearTimeout(timer); resolve(); });
      socket.on('error', () => { /* reported through close */ });
      if (options.stdin !== undefined) socket.end(options.stdin);
    });
    const inspected = await this.call<{ ExitCode: number | null; Running: boolean }>('GET', `/exec/${exec.Id}/json`);
    const exitCode = inspected.ExitCode ?? -1;
    // timeout(1) exits 137 when it had to kill the command.
    if (exitCode === 137) timedOut = true;
    return {
      exitCode,
      stdout: Buffer.concat(demux.stdout).toString('utf8'),
      stderr: Buffer.concat(demux.stderr).toString('utf8'),
      timedOut,
    };
  }

  async openShell(id: string, argv: string[], size: { cols: number; rows: number }, env: string[] = []): Promise<ExecSession> {
    const exec = await this.call<{ Id: string }>('POST', `/containers/${id}/exec`, {
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Cmd: argv,
      Env: ['TERM=xterm-256color', 'LANG=C.UTF-8', ...env],
      WorkingDir: '/root',
    });
    const socket = await this.startExec(exec.Id, true);
    socket.setNoDelay(true);
    const resize = async (cols: number, rows: number) => {
      await this.call('POST', `/exec/${exec.Id}/resize?h=${rows}&w=${cols}`, undefined, [200, 201]);
    };
    await resize(size.cols, size.rows).catch(() => { /* the shell may not have its tty yet */ });
    const exitListeners: Array<() => void> = [];
    let exited = false;
    const fireExit = () => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener();
    };
    socket.on('close', fireExit);
    socket.on('error', fireExit);
    return {
      write: (data) => { if (!socket.destroyed) socket.write(data); },
      resize,
      onOutput: (listener) => { socket.on('data', listener); },
      pause: () => { socket.pause(); },
      resume: () => { socket.resume(); },
      onExit: (listener) => { exitListeners.push(listener); },
      close: () => socket.destroy(),
    };
  }
}
