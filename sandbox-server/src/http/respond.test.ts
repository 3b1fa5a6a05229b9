import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, readJson, sendError } from './respond.ts';

let server: Server;
let port = 0;
const LIMIT = 64;

beforeAll(async () => {
  server = createServer((req, res) => {
    readJson(req, LIMIT, 'too big', 'not json').then(
      (body) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ got: body })); },
      (err: HttpError) => sendError(res, err),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => { server.close(); });

/** Sends body in the given pieces; chunked when no length is declared. */
function post(pieces: string[], declaredLength?: number): Promise<{ status: number; body: any; connection?: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (declaredLength !== undefined) headers['content-length'] = declaredLength;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), connection: res.headers.connection }));
    });
    req.on('error', reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

describe('readJson', () => {
  it('reads a JSON object, and an empty body as {}', async () => {
    expect((await post(['{"lang":', '"zh"}'])).body).toEqual({ got: { lang: 'zh' } });
    expect((await post([], 0)).body).toEqual({ got: {} });
  });

  it('refuses a declared length over the limit before reading it, and closes the connection', async () => {
    const big = 'x'.repeat(LIMIT + 1);
    const answer = await post([big], big.length);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: { code: 'too-large', message: 'too big' } });
    expect(answer.connection).toBe('close');
  });

  it('refuses an undeclared (chunked) body once it passes the limit', async () => {
    const answer = await post(['{"a":"', 'y'.repeat(40), 'y'.repeat(40), '"}']);
    expect(answer.status).toBe(413);
  });

  it('refuses malformed JSON and JSON that is not an object', async () => {
    for (const body of ['{lang:en}', '"en"', '[1,2]', 'null', '{"a":1']) {
      const answer = await post([body]);
      expect(answer.status, body).toBe(400);
      expect(answer.body.error).toEqual({ code: 'bad-request', message: 'not json' });
    }
  });
});
