// Complements respond.test.ts over a real HTTP server on a free port: limits are
// in bytes, not characters; UTF-8 cut between chunks survives; a refused body
// leaves the server able to answer; JSON answers declare their byte length.
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, readJson, sendError, sendJson } from './respond.ts';

let server: Server;
let port = 0;
const LIMIT = 64;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/echo-zh') return sendJson(res, 200, { message: '容器已启动 ✓' });
    readJson(req, LIMIT, 'too big', 'not json').then(
      (body) => sendJson(res, 200, { got: body }),
      (err: HttpError) => sendError(res, err),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => { server.close(); });

interface Answer { status: number; body: any; length?: string; bytes: number }

function send(pieces: Buffer[], options: { declare?: boolean; path?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const total = pieces.reduce((n, p) => n + p.length, 0);
    const headers: Record<string, number | string> = { 'content-type': 'application/json' };
    if (options.declare) headers['content-length'] = total;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: options.path ?? '/', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(raw.toString('utf8')), length: res.headers['content-length'], bytes: raw.length });
      });
    });
    req.on('error', reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

describe('readJson limits', () => {
  it('counts the limit in bytes: a short string of Chinese characters can be too large', async () => {
    const body = Buffer.from(JSON.stringify({ a: '容'.repeat(20) }));
    expect(body.toString('utf8').length).toBeLessThan(LIMIT);
    expect(body.length).toBeGreaterThan(LIMIT);
    expect((await send([body], { declare: true })).status).toBe(413);
    expect((await send([body])).status).toBe(413);
  });

  it('accepts a body of exactly the limit', async () => {
    const prefix = '{"a":"';
    const body = Buffer.from(`${prefix}${'x'.repeat(LIMIT - prefix.length - 2)}"}`);
    expect(body.length).toBe(LIMIT);
    expect((await send([body], { declare: true })).status).toBe(200);
    expect((await send([body])).status).toBe(200);
  });

  it('keeps answering requests after refusing an oversized one', async () => {
    expect((await send([Buffer.alloc(LIMIT * 4, 'x')])).status).toBe(413);
    expect((await send([Buffer.from('{"lang":"zh"}')])).body).toEqual({ got: { lang: 'zh' } });
  });
});

describe('readJson decoding', () => {
  it('reassembles a multi-byte character cut between two chunks', async () => {
    const body = Buffer.from('{"name":"容器"}');
    const cut = body.indexOf(Buffer.from('容')) + 1; // inside the 3-byte character
    const answer = await send([body.subarray(0, cut), body.subarray(cut)]);
    expect(answer.body).toEqual({ got: { name: '容器' } });
  });

  it('reads a body of only whitespace as {}, and refuses bytes that are not UTF-8 JSON', async () => {
    expect((await send([Buffer.from(' \n\t ')])).body).toEqual({ got: {} });
    const garbage = await send([Buffer.from([0xff])]);
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('bad-request');
  });
});

describe('sendJson', () => {
  it('declares the length in bytes, so a Chinese answer arrives whole', async () => {
    const answer = await send([], { path: '/echo-zh' });
    expect(answer.body).toEqual({ message: '容器已启动 ✓' });
    expect(Number(answer.length)).toBe(answer.bytes);
  });
});
