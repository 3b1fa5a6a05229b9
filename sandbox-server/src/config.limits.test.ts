// Complements config.test.ts: the README's configuration table is the spec for
// defaults, every numeric variable rejects values it cannot use by name, and the
// session secret file is read strictly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, readSecret, type Config } from './config.ts';

const base = { WHARF_SANDBOX_IMAGE: 'localhost/wharf-sandbox:test' };

/** Rows of the README's configuration table: variable -> documented default. */
function documentedDefaults(): Map<string, string> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = [...readme.matchAll(/^\| `(WHARF_\w+)` \| `([^`]*)` \|/gm)];
  return new Map(rows.map((m) => [m[1]!, m[2]!]));
}

// Where each numeric variable lands in Config, and whether it is given in seconds.
const NUMERIC: Record<string, { key: keyof Config; seconds: boolean }> = {
  WHARF_PORT: { key: 'port', seconds: false },
  WHARF_IDLE_TIMEOUT_S: { key: 'idleTimeoutMs', seconds: true },
  WHARF_MAX_LIFETIME_S: { key: 'maxLifetimeMs', seconds: true },
  WHARF_SANDBOX_MAX_PROCS: { key: 'sandboxMaxProcesses', seconds: false },
  WHARF_POOL_SIZE: { key: 'poolSize', seconds: false },
  WHARF_MAX_SANDBOXES: { key: 'maxSandboxes', seconds: false },
  WHARF_READY_TIMEOUT_S: { key: 'readyTimeoutMs', seconds: true },
  WHARF_CHECK_TIMEOUT_S: { key: 'checkTimeoutMs', seconds: true },
  WHARF_MAX_BODY_BYTES: { key: 'maxBodyBytes', seconds: false },
  WHARF_MAX_WS_FRAME_BYTES: { key: 'maxWsFrameBytes', seconds: false },
  WHARF_REAP_INTERVAL_S: { key: 'reapIntervalMs', seconds: true },
};

describe('loadConfig defaults', () => {
  it('applies every numeric default the README documents, seconds turned into milliseconds', () => {
    const documented = documentedDefaults();
    const config = loadConfig(base);
    for (const [name, { key, seconds }] of Object.entries(NUMERIC)) {
      expect(documented.has(name), `${name} is missing from the README table`).toBe(true);
      const value = Number(documented.get(name));
      expect(config[key], name).toBe(seconds ? value * 1000 : value);
    }
  });

  it('applies the README’s default paths, host and instance label', () => {
    const documented = documentedDefaults();
    const config = loadConfig(base);
    expect(config.host).toBe(documented.get('WHARF_HOST'));
    expect(config.dbPath).toBe(documented.get('WHARF_DB'));
    expect(config.secretFile).toBe(documented.get('WHARF_SECRET_FILE'));
    expect(config.podmanSocket).toBe(documented.get('WHARF_PODMAN_SOCKET'));
    expect(config.instance).toBe(documented.get('WHARF_INSTANCE'));
    // "dist/" of the repository, wherever it is checked out.
    expect(config.siteDir.replace(/\/$/, '')).toBe(new URL('../../dist', import.meta.url).pathname);
  });

  it('treats a variable set to the empty string as unset', () => {
    const blank = Object.fromEntries(Object.keys(NUMERIC).map((name) => [name, '']));
    const config = loadConfig({ ...base, ...blank, WHARF_HOST: '', WHARF_DB: '', WHARF_INSTANCE: '' });
    expect(config).toEqual(loadConfig(base));
  });
});

describe('loadConfig overrides', () => {
  it('reads fractional seconds, and every path and name it is given', () => {
    const config = loadConfig({
      ...base, WHARF_CHECK_TIMEOUT_S: '0.5', WHARF_MAX_LIFETIME_S: '7200', WHARF_HOST: '0.0.0.0',
      WHARF_DB: '/tmp/x.db', WHARF_SECRET_FILE: '/tmp/secret', WHARF_PODMAN_SOCKET: '/tmp/podman.sock', WHARF_SITE_DIR: '/srv/site',
    });
    expect(config).toMatchObject({
      checkTimeoutMs: 500, maxLifetimeMs: 7_200_000, host: '0.0.0.0', dbPath: '/tmp/x.db',
      secretFile: '/tmp/secret', podmanSocket: '/tmp/podman.sock', siteDir: '/srv/site', sandboxImage: base.WHARF_SANDBOX_IMAGE,
    });
  });

  it('accepts the smallest value each limit allows', () => {
    const config = loadConfig({ ...base, WHARF_PORT: '0', WHARF_POOL_SIZE: '0', WHARF_MAX_SANDBOXES: '1', WHARF_SANDBOX_MAX_PROCS: '64', WHARF_MAX_BODY_BYTES: '1' });
    expect(config).toMatchObject({ port: 0, poolSize: 0, maxSandboxes: 1, sandboxMaxProcesses: 64, maxBodyBytes: 1 });
  });
});

describe('loadConfig refusals', () => {
  it('names the variable and the value for every numeric setting it cannot read', () => {
    for (const name of Object.keys(NUMERIC)) {
      for (const bad of ['abc', '-5', 'NaN', 'Infinity', '12abc']) {
        expect(() => loadConfig({ ...base, [name]: bad }), `${name}=${bad}`).toThrow(new RegExp(`${name}.*"${bad}"`));
      }
    }
  });

  it('refuses a port no socket can listen on', () => {
    for (const bad of ['65536', '70000', '-1']) {
      expect(() => loadConfig({ ...base, WHARF_PORT: bad }), bad).toThrow(/WHARF_PORT/);
    }
    expect(loadConfig({ ...base, WHARF_PORT: '65535' }).port).toBe(65535);
  });

  it('refuses zero seconds for every timeout and interval', () => {
    for (const [name, { seconds }] of Object.entries(NUMERIC)) {
      if (seconds) expect(() => loadConfig({ ...base, [name]: '0' }), name).toThrow(new RegExp(name));
    }
  });
});

describe('readSecret', () => {
  const dir = mkdtempSync('/tmp/wharf-secret-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => { const path = join(dir, name); writeFileSync(path, text); return path; };

  it('returns the key without the surrounding whitespace an editor or echo leaves', () => {
    const key = 'k'.repeat(40);
    expect(readSecret(file('ok', `  ${key}\n\n`)).toString('utf8')).toBe(key);
  });

  it('refuses a key shorter than 32 characters once trimmed, naming the file', () => {
    const path = file('short', `${'k'.repeat(31)}\n${' '.repeat(10)}`);
    expect(() => readSecret(path)).toThrow(new RegExp(`${path}.*32`));
    expect(() => readSecret(file('empty', '\n'))).toThrow(/32/);
  });

  it('fails, naming the file, when there is no secret file', () => {
    const missing = join(dir, 'missing');
    expect(() => readSecret(missing)).toThrow(new RegExp(missing));
  });
});
