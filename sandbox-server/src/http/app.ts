// One origin: the built site, the JSON API and the terminal WebSocket on one port.
import { createServer, type Server } from 'node:http';
import { createTerminalEndpoint } from '../terminal/terminal.ts';
import { handleApi, type Services } from './api.ts';
import { sendJson } from './respond.ts';
import { serveStatic } from './static.ts';
import { message, parseLang } from '../messages.ts';

export function createApp(services: Services): { server: Server; closeTerminals: () => void } {
  const terminal = createTerminalEndpoint(services);
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      if (await handleApi(services, req, res, path)) return;
      if ((req.method === 'GET' || req.method === 'HEAD') && (await serveStatic(services.config.siteDir, path, res, req.method))) return;
      const lang = parseLang(path.startsWith('/zh') ? 'zh' : req.headers['accept-language']);
      sendJson(res, 404, { error: { code: 'not-found', message: message('notFound', lang) } });
    } catch (err) {
      console.error(`${req.method} ${path}:`, err);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
      else res.destroy();
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.on('upgrade', (req, socket, head) => terminal.handleUpgrade(req, socket, head));
  return { server, closeTerminals: terminal.close };
}
