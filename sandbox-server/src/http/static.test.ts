// serveStatic over a temporary site folder: traversal, absolute and oddly
// encoded paths stay inside it, and real files get their type, length and
// caching headers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ServerResponse, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static.ts';

const outside = mkdtempSync('/tmp/wharf-static-paths-');
const root = join(outside, 'site');
const secret = join(outside, 'secret.txt');
let server: Server;
let port = 0;

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function fetchRaw(path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A response that fails the test if serveStatic tries to answer with it. */
const untouchable = new Proxy({}, { get: (_t, prop) => { throw new Error(`response used: ${String(prop)}`); } }) as ServerResponse;

beforeAll(async () => {
  mkdirSync(join(root, 'en', 'lessons'), { recursive: true });
  mkdirSync(join(root, '_astro'));
  mkdirSync(join(root, 'folder.html'));
  writeFileSync(join(root, 'en', 'index.html'), '<h1>en</h1>');
  writeFileSync(join(root, '_astro', 'style.css'), 'body{}');
  writeFileSync(join(root, 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'data.bin'), 'binary');
  writeFileSync(join(root, 'café.txt'), 'accents');
  writeFileSync(secret, 'top secret');
  writeFileSync(join(outside, 'site-other.txt'), 'sibling secret');
  server = createServer(async (req, res) => {
    if (!(await serveStatic(root, (req.url ?? '/').split('?')[0]!, res, req.method ?? 'GET'))) {
      res.writeHead(404);
      res.end('none');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});

afterAll(() => {
  server.close();
  rmSync(outside, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('answers nothing for a missing file or an empty folder', async () => {
    expect((await fetchRaw('/en/nope.html')).status).toBe(404);
    expect((await fetchRaw('/en/lessons/')).status).toBe(404);
  });

  it('never serves a file outside the site folder, however the path is spelled', async () => {
    for (const path of ['/../secret.txt', '/en/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt',
      '/en/%2e%2e/%2e%2e/secret.txt', `/${'../'.repeat(10)}etc/passwd`, '/../site-other.txt', '/%00/etc/passwd', '/en/index.html%00.js', '/%E0%A4%A']) {
      const answer = await fetchRaw(path);
      expect(answer.body, path).not.toMatch(/secret|root:/);
      expect(answer.status, path).toBe(404);
    }
  });
});

describe('serveStatic containment', () => {
  it('treats an absolute path as relative to the site folder, never the file system root', async () => {
    expect(await serveStatic(root, secret, untouchable, 'GET')).toBe(false);
    expect(await serveStatic(root, '/etc/passwd', untouchable, 'GET')).toBe(false);
    for (const path of [`/${secret}`, `/${encodeURIComponent(secret)}`, '//etc/passwd', '/%2Fetc%2Fpasswd']) {
      const answer = await fetchRaw(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toMatch(/secret|root:/);
    }
  });

  it('stays inside for paths without a leading slash, with backslashes, or encoded twice', async () => {
    expect(await serveStatic(root, '../secret.txt', untouchable, 'GET')).toBe(false);
    expect(await serveStatic(root, '..', untouchable, 'GET')).toBe(false);
    for (const path of ['/..%5csecret.txt', '/%5c..%5c..%5csecret.txt', '/%252e%252e/secret.txt', '/.%2e/secret.txt', '/en/.%2E/..%2Fsecret.txt']) {
      const answer = await fetchRaw(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toMatch(/secret/);
    }
  });

  it('answers no file for a null byte, without throwing', async () => {
    await expect(serveStatic(root, '/en/index.html\0', untouchable, 'GET')).resolves.toBe(false);
    await expect(serveStatic(root, '/en/index.html%00.txt', untouchable, 'GET')).resolves.toBe(false);
  });

  it('answers no file for a folder without index.html, even one named like a page', async () => {
    expect((await fetchRaw('/folder.html')).status).toBe(404);
  });
});

describe('serveStatic files', () => {
  it('gives each file its content type, and an unknown one a generic type the browser must not sniff', async () => {
    const css = await fetchRaw('/_astro/style.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect((await fetchRaw('/logo.svg')).headers['content-type']).toBe('image/svg+xml');
    const bin = await fetchRaw('/data.bin');
    expect(bin.headers['content-type']).toBe('application/octet-stream');
    expect(bin.headers['x-content-type-options']).toBe('nosniff');
  });

  it('caches hashed assets for good but makes pages revalidate', async () => {
    expect((await fetchRaw('/_astro/style.css')).headers['cache-control']).toMatch(/immutable/);
    expect((await fetchRaw('/en/')).headers['cache-control']).toBe('no-cache');
  });

  it('serves a folder’s index.html with or without the trailing slash', async () => {
    expect((await fetchRaw('/en')).body).toBe('<h1>en</h1>');
    expect((await fetchRaw('/en/index.html')).body).toBe('<h1>en</h1>');
  });

  it('decodes percent-encoded file names', async () => {
    expect((await fetchRaw('/caf%C3%A9.txt')).body).toBe('accents');
  });

  it('answers HEAD with the headers and length but no body', async () => {
    const head = await fetchRaw('/en/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('<h1>en</h1>')));
    expect(head.body).toBe('');
  });
});
