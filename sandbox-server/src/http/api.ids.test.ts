// Unknown lesson and exercise ids, as the grader's callers see them: the JSON
// API over a real HTTP server on a free port, a real SQLite file and session
// key, and an engine that must never be reached.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { messages } from '../messages.ts';
import type { SandboxProvider } from '../provider/types.ts';
import { SandboxManager } from '../sandboxes/manager.ts';
import { Sessions } from '../session/session.ts';
import { Store } from '../store/store.ts';
import { handleApi, type Services } from './api.ts';

const dir = mkdtempSync('/tmp/wharf-api-ids-');
const store = new Store(join(dir, 'wharf.db'));
const unreachable = () => { throw new Error('the engine must not be asked about an unknown id'); };
const provider: SandboxProvider = { create: unreachable, status: unreachable, listByLabel: unreachable, remove: unreachable, run: unreachable, openShell: unreachable };
const config = loadConfig({ WHARF_SANDBOX_IMAGE: 'unused', WHARF_POOL_SIZE: '0' });
const services: Services = {
  config, store, provider, sessions: new Sessions(Buffer.from('s'.repeat(40))), manager: new SandboxManager(provider, store, config),
};
let server: Server;
let base = '';
let cookie = '';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (!(await handleApi(services, req, res, new URL(req.url ?? '/', 'http://x').pathname))) { res.writeHead(418); res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const session = await fetch(`${base}/api/session`, { method: 'POST' });
  cookie = session.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => {
  server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(path: string, method = 'GET', body?: object) {
  const res = await fetch(`${base}${path}`, { method, headers: { cookie }, body: body && JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('API with unknown ids', () => {
  it('answers 404 unknown-lesson, in the learner’s language, for progress, check and set-up of a lesson that does not exist', async () => {
    expect(await call('/api/lessons/no-such-lesson/progress')).toEqual({
      status: 404, body: { error: { code: 'unknown-lesson', message: messages.unknownLesson.en } },
    });
    for (const action of ['check', 'setup']) {
      const answer = await call(`/api/lessons/no-such-lesson/exercises/greeter/${action}`, 'POST', { lang: 'zh' });
      expect(answer.status, action).toBe(404);
      expect(answer.body.error.code, action).toBe('unknown-lesson');
    }
    expect((await call('/api/lessons/no-such-lesson/progress?lang=zh')).body.error.message).toBe(messages.unknownLesson.zh);
  });

  it('answers 404 unknown-exercise for an exercise the lesson does not have', async () => {
    for (const action of ['check', 'setup']) {
      const answer = await call(`/api/lessons/first-container/exercises/no-such-exercise/${action}`, 'POST', { lang: 'zh' });
      expect(answer, action).toEqual({ status: 404, body: { error: { code: 'unknown-exercise', message: messages.unknownExercise.zh } } });
    }
  });

  it('does not mistake an exercise of the lesson for a lesson, nor object internals for ids', async () => {
    expect((await call('/api/lessons/greeter/progress')).body.error.code).toBe('unknown-lesson');
    expect((await call('/api/lessons/__proto__/progress')).body.error.code).toBe('unknown-lesson');
    expect((await call('/api/lessons/first-container/exercises/constructor/check', 'POST')).body.error.code).toBe('unknown-exercise');
  });

  it('answers unknown-lesson, not "service unavailable", for an id with broken percent-encoding', async () => {
    expect(await call('/api/lessons/%E0%A4%A/progress')).toMatchObject({ status: 404, body: { error: { code: 'unknown-lesson' } } });
    expect(await call('/api/lessons/first-container/exercises/%E0%A4%A/check', 'POST'))
      .toMatchObject({ status: 404, body: { error: { code: 'unknown-exercise' } } });
  });

  it('still lists a known lesson’s exercises, so the 404s above are about the ids alone', async () => {
    const answer = await call('/api/lessons/first-container/progress');
    expect(answer.status).toBe(200);
    expect(answer.body.exercises.map((e: { id: string }) => e.id)).toContain('greeter');
  });
});
