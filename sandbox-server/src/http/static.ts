// Serves the built site. Paths are resolved inside the site folder only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.webp': 'image/webp',
};

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch { /* not there */ }
  return undefined;
}

/** Answers with the file for urlPath, or returns false when there is none. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, method: string): Promise<boolean> {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath); } catch { return false; }
  const base = resolve(root);
  const target = resolve(base, '.' + normalize('/' + decoded));
  if (target !== base && !target.startsWith(base + '/')) return false;
  const file = await fileAt(target);
  if (!file) return false;
  const info = await stat(file);
  const immutable = file.includes('/_astro/');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (method === 'HEAD') { res.end(); return true; }
  createReadStream(file).pipe(res);
  return true;
}
