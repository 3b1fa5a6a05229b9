// Complements session.test.ts: any single-character change to a cookie is
// refused, a restart with the same key keeps learners signed in, and the
// cookie reaches every path that needs it.
import { describe, expect, it } from 'vitest';
import { COOKIE_NAME, Sessions } from './session.ts';

const KEY = 'k'.repeat(48);
const sessions = new Sessions(Buffer.from(KEY));

describe('Sessions against tampering', () => {
  it('refuses the value after any one character of it is changed', () => {
    const id = sessions.newLearnerId();
    const good = sessions.encode(id);
    expect(sessions.decode(good)).toBe(id);
    for (let i = 0; i < good.length; i++) {
      const replacement = good[i] === 'a' ? 'b' : 'a';
      const tampered = good.slice(0, i) + replacement + good.slice(i + 1);
      expect(sessions.decode(tampered), `changed at ${i}`).toBeUndefined();
    }
  });

  it('refuses ids that are not 32 lowercase hex digits, even when correctly signed', () => {
    const hex = sessions.newLearnerId();
    for (const id of [hex.toUpperCase(), hex.slice(1), `${hex}0`, `${hex.slice(1)}g`, 'admin', `${hex.slice(2)}..`]) {
      expect(sessions.decode(sessions.encode(id)), id).toBeUndefined();
    }
  });

  it('refuses an id with an empty or doubled separator around the signature', () => {
    const good = sessions.encode(sessions.newLearnerId());
    const [id, signature] = good.split('.');
    for (const bad of [`${id}.`, `.${signature}`, `${id}..${signature}`, `${id}${signature}`, ' '.repeat(good.length)]) {
      expect(sessions.decode(bad), bad).toBeUndefined();
    }
  });

  it('still accepts a cookie signed before a restart, when the key is the same', () => {
    const id = sessions.newLearnerId();
    const restarted = new Sessions(Buffer.from(KEY));
    expect(restarted.decode(sessions.encode(id))).toBe(id);
  });

  it('refuses a cookie once the key is rotated, even to a key differing in one byte', () => {
    const id = sessions.newLearnerId();
    const rotated = new Sessions(Buffer.from(`${KEY.slice(0, -1)}j`));
    expect(rotated.decode(sessions.encode(id))).toBeUndefined();
  });
});

describe('Sessions cookie header', () => {
  it('ignores cookies whose name only resembles the session cookie', () => {
    const value = sessions.encode(sessions.newLearnerId());
    for (const header of [`x${COOKIE_NAME}=${value}`, `${COOKIE_NAME}_old=${value}`, `${COOKIE_NAME.toUpperCase()}=${value}`]) {
      expect(sessions.fromCookieHeader(header), header).toBeUndefined();
    }
  });

  it('finds the session cookie however the browser spaces the header', () => {
    const id = sessions.newLearnerId();
    expect(sessions.fromCookieHeader(`a=1;${COOKIE_NAME}=${sessions.encode(id)};b=2`)).toBe(id);
    expect(sessions.fromCookieHeader(`  ${COOKIE_NAME}=${sessions.encode(id)}  `)).toBe(id);
  });

  it('sets a cookie for the whole site (API and terminal socket) that outlives the browser session', () => {
    const header = sessions.setCookieHeader(sessions.newLearnerId(), false);
    const attributes = header.split(';').slice(1).map((a) => a.trim());
    expect(attributes).toContain('Path=/');
    const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))?.slice('Max-Age='.length));
    expect(maxAge).toBeGreaterThan(24 * 60 * 60);
  });
});
