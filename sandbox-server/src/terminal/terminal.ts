// The terminal WebSocket: an interactive bash (root, /root) inside the learner's
// sandbox. Binary frames carry terminal bytes both ways; text frames carry JSON
// control messages (resize from the page; status, errors and exit from us).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Lang } from '../../../lessons/types.ts';
import { learnerOf, type Services } from '../http/api.ts';
import { message, parseLang, type MessageKey } from '../messages.ts';
import { CapacityError, type Phase } from '../sandboxes/manager.ts';
import type { ExecSession } from '../provider/types.ts';

const PHASE_MESSAGE: Record<Phase, MessageKey> = { claiming: 'phaseClaiming', 'starting-engine': 'phaseStartingEngine', ready: 'phaseReady' };
/** Application close code for "the sandbox is gone": the page offers a fresh one instead of reconnecting. */
export const CLOSE_SANDBOX_LOST = 4000;
const TOUCH_EVERY_MS = 10_000;
/** Output backlog (bytes queued on a learner's socket) at which the shell stops being read, and resumes. */
const OUTPUT_HIGH_WATER = 1024 * 1024;
const OUTPUT_LOW_WATER = 256 * 1024;

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

export function createTerminalEndpoint(services: Services) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: services.config.maxWsFrameBytes });
  const origins = new Set(services.config.allowedOrigins);

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ws/terminal') return rejectUpgrade(socket, 404, 'Not Found');
    // Exact match: a page on another origin must not drive a learner's shell with their cookie.
    if (!origins.has(String(req.headers.origin ?? ''))) return rejectUpgrade(socket, 403, 'Forbidden');
    const learner = learnerOf(services, req);
    if (!learner) return rejectUpgrade(socket, 401, 'Unauthorized');
    const lang = parseLang(url.searchParams.get('lang'));
    const fresh = url.searchParams.get('fresh') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => { void serve(ws, learner, lang, fresh); });
  }

  async function serve(ws: WebSocket, learner: string, lang: Lang, fresh: boolean): Promise<void> {
    const send = (control: object) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(control)); };
    let size = { cols: 80, rows: 24 };
    let shell: ExecSession | undefined;
    let closed = false;
    let lastTouch = 0;
    const early: Buffer[] = [];

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      if (isBinary) {
        if (shell) shell.write(bytes); else early.push(bytes);
        if (Date.now() - lastTouch > TOUCH_EVERY_MS) { lastTouch = Date.now(); services.manager.touch(learner); }
        return;
      }
      let control: { type?: string; cols?: unknown; rows?: unknown };
      try { control = JSON.parse(bytes.toString('utf8')); } catch { return; }
      if (control.type === 'resize') {
        const cols = Number(control.cols), rows = Number(control.rows);
        if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 2 || rows < 2 || cols > 1000 || rows > 500) return;
        size = { cols, rows };
        shell?.resize(cols, rows).catch(() => undefined);
      }
    });
    ws.on('close', () => { closed = true; shell?.close(); });
    ws.on('error', () => { /* close follows */ });

    try {
      const lookup = await services.manager.sandboxFor(learner, {
        fresh,
        onPhase: (phase) => send({ type: 'status', phase, message: message(PHASE_MESSAGE[phase], lang) }),
      });
      if (lookup.state === 'lost') {
        send({ type: 'error', code: 'sandbox-lost', message: message('sandboxLost', lang) });
        ws.close(CLOSE_SANDBOX_LOST, 'sandbox lost');
        return;
      }
      if (closed) return;
      const containerId = lookup.id;
      shell = await services.provider.openShell(containerId, ['bash', '-l'], size, [`WHARF_LANG=${lang}`]);
      if (closed) { shell.close(); return; }
      // A learner running `yes` on a slow connection must not fill the server's
      // memory: stop reading the shell while the socket has a backlog.
      const openShell = shell;
      let paused = false;
      const drained = () => {
        if (paused && ws.bufferedAmount < OUTPUT_LOW_WATER) { paused = false; openShell.resume(); }
      };
      openShell.onOutput((chunk) => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(chunk, { binary: true }, drained);
        if (!paused && ws.bufferedAmount > OUTPUT_HIGH_WATER) { paused = true; openShell.pause(); }
      });
      shell.onExit(() => {
        if (closed) return;
        void services.provider.status(containerId).then((info) => {
          if (info?.running) {
            send({ type: 'exit' });
            ws.close(1000, 'shell exited');
          } else {
            send({ type: 'error', code: 'sandbox-lost', message: message('sandboxLost', lang) });
            ws.close(CLOSE_SANDBOX_LOST, 'sandbox lost');
          }
        }, () => ws.close(1011, 'engine unreachable'));
      });
      for (const bytes of early.splice(0)) shell.write(bytes);
      if (size.cols !== 80 || size.rows !== 24) await shell.resize(size.cols, size.rows).catch(() => undefined);
    } catch (err) {
      const capacity = err instanceof CapacityError;
      if (!capacity) console.error('terminal: could not attach:', err);
      send({ type: 'error', code: capacity ? 'capacity' : 'unavailable', message: message(capacity ? 'capacity' : 'unavailable', lang) });
      ws.close(1013, capacity ? 'capacity' : 'unavailable');
    }
  }

  return { handleUpgrade, close: () => { for (const client of wss.clients) client.terminate(); wss.close(); } };
}
