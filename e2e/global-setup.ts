// Starts one real Wharf server (site + API + terminal, real rootless sandboxes)
// for the journeys, and returns its teardown.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { removeInstanceSandboxes, startServer } from '../sandbox-server/test/harness.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const site = join(import.meta.dirname, '../dist/en/index.html');
  if (!existsSync(site)) throw new Error('the site is not built (dist/ is missing): run scripts/install.sh or npm run build');
  const server = await startServer();
  process.env.WHARF_E2E_URL = server.url;
  process.env.WHARF_E2E_INSTANCE = server.instance;
  return async () => {
    await server.stop().catch((error) => console.error(String(error)));
    await removeInstanceSandboxes(server.instance);
  };
}
