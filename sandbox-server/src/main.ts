// Starts the sandbox server: adopt earlier sandboxes, fill the pool, listen.
import { loadConfig, readSecret } from './config.ts';
import { createApp } from './http/app.ts';
import { PodmanProvider } from './provider/podman.ts';
import { SandboxManager } from './sandboxes/manager.ts';
import { Sessions } from './session/session.ts';
import { Store } from './store/store.ts';

if (process.getuid?.() === 0) {
  console.error('refusing to run as root: start the server as the wharf user (scripts/up.sh does)');
  process.exit(1);
}

const config = loadConfig();
const store = new Store(config.dbPath);
const provider = new PodmanProvider(config.podmanSocket);
const manager = new SandboxManager(provider, store, config);
const services = { config, store, sessions: new Sessions(readSecret(config.secretFile)), provider, manager };

const { adopted, removed } = await manager.start();
console.log(`sandboxes of instance "${config.instance}": adopted ${adopted}, removed ${removed}`);
const { server, closeTerminals } = createApp(services);
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Wharf is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`);
});

// Learners' sandboxes outlive the server on purpose: the next start adopts them.
// The unclaimed pool is removed so no orphan is left behind.
async function shutdown(signal: string) {
  console.log(`${signal}: shutting down`);
  manager.stop();
  closeTerminals();
  server.close();
  await manager.drainPool().catch(() => undefined);
  store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
