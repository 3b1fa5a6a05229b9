import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static.ts';

let server: Server;
let port = 0;
const outside = mkdtempSync('/tmp/wharf-static-outside-');
const root = join(outside, 'site');

/** A raw GET (fetch would normalise the "../" away before it left). */
function get(path: string): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(root, 'en', 'lessons'), { recursive: true });
  mkdirSync(join(root, '_astro'));
  writeFileSync(join(root, 'en', 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, '_astro', 'app.js'), 'console.log(1)');
  writeFileSync(join(outside, 'secret.txt'), 'top secret');
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
  it('serves a folder’s index.html as HTML and assets with their type and a long cache', async () => {
    const page = await get('/en/');
    expect(page).toMatchObject({ status: 200, body: '<h1>home</h1>' });
    expect(page.type).toMatch(/^text\/html/);
    const script = await get('/_astro/app.js');
    expect(script.type).toMatch(/^text\/javascript/);
  });

  it('answers nothing for a missing file or an empty folder', async () => {
    expect((await get('/en/nope.html')).status).toBe(404);
    expect((await get('/en/lessons/')).status).toBe(404);
  });

  it('never serves a file outside the site folder, however the path is spelled', async () => {
    for (const path of ['/../secret.txt', '/en/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt',
      '/en/%2e%2e/%2e%2e/secret.txt', `/${'../'.repeat(10)}etc/passwd`, '/../site-other.txt', '/%00/etc/passwd', '/en/index.html%00.js', '/%E0%A4%A']) {
      const answer = await get(path);
      expect(answer.body, path).not.toMatch(/secret|root:/);
      expect(answer.status, path).toBe(404);
    }
  });
});
