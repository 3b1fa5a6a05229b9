import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const base = { WHARF_SANDBOX_IMAGE: 'localhost/wharf-sandbox:test' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      host: '127.0.0.1', port: 8080, poolSize: 2, maxSandboxes: 40, sandboxMaxProcesses: 4096,
      idleTimeoutMs: 30 * 60_000, maxLifetimeMs: 4 * 3600_000, checkTimeoutMs: 15_000,
      maxBodyBytes: 16 * 1024, maxWsFrameBytes: 64 * 1024, instance: 'site', dbPath: '/var/lib/wharf/wharf.db',
    });
    expect(config.allowedOrigins).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080']);
  });

  it('reads overrides, and derives the allowed origins from the port', () => {
    const config = loadConfig({ ...base, WHARF_PORT: '9000', WHARF_IDLE_TIMEOUT_S: '90', WHARF_POOL_SIZE: '0', WHARF_INSTANCE: 'test-1' });
    expect(config).toMatchObject({ port: 9000, idleTimeoutMs: 90_000, poolSize: 0, instance: 'test-1' });
    expect(config.allowedOrigins).toContain('http://localhost:9000');
    expect(loadConfig({ ...base, WHARF_ORIGINS: 'https://wharf.example, https://b.example' }).allowedOrigins)
      .toEqual(['https://wharf.example', 'https://b.example']);
  });

  it('names the variable and the value it cannot use', () => {
    expect(() => loadConfig({ ...base, WHARF_PORT: 'eighty' })).toThrow(/WHARF_PORT.*"eighty"/);
    expect(() => loadConfig({ ...base, WHARF_POOL_SIZE: '-1' })).toThrow(/WHARF_POOL_SIZE/);
    expect(() => loadConfig({ ...base, WHARF_POOL_SIZE: '1.5' })).toThrow(/WHARF_POOL_SIZE/);
    expect(() => loadConfig({ ...base, WHARF_MAX_SANDBOXES: '0' })).toThrow(/WHARF_MAX_SANDBOXES/);
    expect(() => loadConfig({ ...base, WHARF_SANDBOX_MAX_PROCS: '10' })).toThrow(/WHARF_SANDBOX_MAX_PROCS/);
    expect(() => loadConfig({ ...base, WHARF_IDLE_TIMEOUT_S: '0' })).toThrow(/WHARF_IDLE_TIMEOUT_S.*seconds/);
    expect(() => loadConfig({ ...base, WHARF_CHECK_TIMEOUT_S: 'soon' })).toThrow(/WHARF_CHECK_TIMEOUT_S/);
  });

  it('says how to get a sandbox image when none is configured', () => {
    expect(() => loadConfig({})).toThrow(/WHARF_SANDBOX_IMAGE.*install\.sh/);
  });
});
