// Who may open a terminal: the upgrade gate alone, with an in-memory socket and
// request (no listening server, no engine). Attaching a real shell is covered by
// server.integration.test.ts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import type { Services } from '../http/api.ts';
import type { SandboxManager } from '../sandboxes/manager.ts';
import type { SandboxProvider } from '../provider/types.ts';
import { COOKIE_NAME, Sessions } from '../session/session.ts';
import { Store } from '../store/store.ts';
import { createTerminalEndpoint } from './terminal.ts';

const ORIGIN = 'https://wharf.example';
const dir = mkdtempSync('/tmp/wharf-terminal-');
const store = new Store(join(dir, 'wharf.db'));
const sessions = new Sessions(Buffer.from('t'.repeat(40)));
const lookups: string[] = [];
const services: Services = {
  config: loadConfig({ WHARF_SANDBOX_IMAGE: 'unused', WHARF_ORIGINS: ORIGIN }),
  store,
  sessions,
  provider: {} as SandboxProvider, // never reached by a refused upgrade
  manager: { sandboxFor: (learner: string) => { lookups.push(learner); throw new Error('not in this test'); } } as unknown as SandboxManager,
};
const endpoint = createTerminalEndpoint(services);
afterAll(() => { endpoint.close(); store.close(); rmSync(dir, { recursive: true, force: true }); });

const learner = sessions.newLearnerId();
store.addLearner(learner);
const goodCookie = `${COOKIE_NAME}=${sessions.encode(learner)}`;

const websocketHeaders = { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64') };

/** The status line the endpoint writes back to a well-formed WebSocket upgrade: a refusal, or 101 when it lets it through. */
function upgrade(url: string, headers: Record<string, string>): string {
  let written = '';
  const socket = new Duplex({ read() {}, write(chunk, _encoding, done) { written += chunk.toString('latin1'); done(); } });
  endpoint.handleUpgrade({ method: 'GET', url, headers: { ...websocketHeaders, ...headers } } as IncomingMessage, socket, Buffer.alloc(0));
  return written.split('\r\n')[0]!;
}

describe('terminal upgrade gate', () => {
  it('refuses any path but the terminal’s with 404', () => {
    expect(upgrade('/ws/other', { origin: ORIGIN, cookie: goodCookie })).toBe('HTTP/1.1 404 Not Found');
    expect(upgrade('/ws/terminal/extra', { origin: ORIGIN, cookie: goodCookie })).toBe('HTTP/1.1 404 Not Found');
  });

  it('refuses, with 403, a page from any origin not listed exactly, even with a valid cookie', () => {
    for (const origin of ['https://evil.example', `${ORIGIN}/`, `${ORIGIN}:443`, 'http://wharf.example', 'null', `${ORIGIN}.evil.example`]) {
      expect(upgrade('/ws/terminal', { origin, cookie: goodCookie }), origin).toBe('HTTP/1.1 403 Forbidden');
    }
    expect(upgrade('/ws/terminal', { cookie: goodCookie })).toBe('HTTP/1.1 403 Forbidden');
  });

  it('refuses, with 401, a listed origin without a valid cookie for a known learner', () => {
    const stranger = sessions.newLearnerId(); // correctly signed, but never issued by this store
    const forged = new Sessions(Buffer.from('f'.repeat(40))).encode(learner);
    for (const cookie of ['', 'other=1', `${COOKIE_NAME}=${learner}`, `${COOKIE_NAME}=${forged}`, `${COOKIE_NAME}=${sessions.encode(stranger)}`]) {
      expect(upgrade('/ws/terminal?lang=zh', { origin: ORIGIN, cookie }), cookie).toBe('HTTP/1.1 401 Unauthorized');
    }
  });

  it('never looks for a sandbox on behalf of a refused upgrade', () => {
    upgrade('/ws/terminal', { origin: 'https://evil.example', cookie: goodCookie });
    upgrade('/ws/terminal', { origin: ORIGIN, cookie: '' });
    expect(lookups).toEqual([]);
  });

  it('lets a listed origin with a valid cookie through, to that learner’s sandbox', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {}); // the fake manager then fails to attach
    expect(upgrade('/ws/terminal', { origin: ORIGIN, cookie: `a=1; ${goodCookie}` })).toBe('HTTP/1.1 101 Switching Protocols');
    await vi.waitFor(() => expect(lookups).toEqual([learner]));
    log.mockRestore();
  });
});
