import { describe, expect, it } from 'vitest';
import { COOKIE_NAME, Sessions } from './session.ts';

const sessions = new Sessions(Buffer.from('a'.repeat(64)));

describe('Sessions', () => {
  it('reads back the learner id it signed, from a Cookie header among others', () => {
    const id = sessions.newLearnerId();
    const header = `theme=dark; ${COOKIE_NAME}=${sessions.encode(id)}; other=1`;
    expect(sessions.fromCookieHeader(header)).toBe(id);
  });

  it('gives every learner a different 128-bit id', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => sessions.newLearnerId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('rejects a value signed with another key (a forged cookie)', () => {
    const other = new Sessions(Buffer.from('b'.repeat(64)));
    expect(sessions.decode(other.encode(other.newLearnerId()))).toBeUndefined();
  });

  it("rejects another learner's id carrying this learner's signature", () => {
    const mine = sessions.encode(sessions.newLearnerId());
    const theirs = sessions.newLearnerId();
    expect(sessions.decode(`${theirs}.${mine.split('.')[1]}`)).toBeUndefined();
  });

  it('rejects missing, truncated, malformed and padded values', () => {
    const good = sessions.encode(sessions.newLearnerId());
    for (const bad of [undefined, '', good.slice(0, -1), good.split('.')[0], `${good}.x`, `X${good.slice(1)}`, good.toUpperCase(), '../../etc.passwd']) {
      expect(sessions.decode(bad)).toBeUndefined();
    }
    expect(sessions.fromCookieHeader(undefined)).toBeUndefined();
    expect(sessions.fromCookieHeader('unrelated=1')).toBeUndefined();
  });

  it('sets an httpOnly, SameSite cookie, Secure only behind TLS', () => {
    const id = sessions.newLearnerId();
    const plain = sessions.setCookieHeader(id, false);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);
    expect(sessions.setCookieHeader(id, true)).toMatch(/; Secure/);
    expect(sessions.fromCookieHeader(plain.split(';')[0])).toBe(id);
  });
});
