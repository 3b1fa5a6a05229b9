// Anonymous learners: a random 128-bit id in an HMAC-signed, httpOnly cookie.
// An id alone is worthless without the server's key, so ids cannot be guessed
// or swapped for another learner's.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const COOKIE_NAME = 'wharf_session';
const ID_PATTERN = /^[0-9a-f]{32}$/;

export class Sessions {
  private readonly key: Buffer;
  constructor(key: Buffer) {
    this.key = key;
  }

  newLearnerId(): string {
    return randomBytes(16).toString('hex');
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

  encode(learnerId: string): string {
    return `${learnerId}.${this.sign(learnerId)}`;
  }

  /** The learner id in a cookie value, or undefined when it is missing, malformed or forged. */
  decode(value: string | undefined): string | undefined {
    if (!value) return undefined;
    const [id, signature, ...rest] = value.split('.');
    if (rest.length > 0 || !id || !signature || !ID_PATTERN.test(id)) return undefined;
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }

  fromCookieHeader(header: string | undefined): string | undefined {
    for (const part of (header ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === COOKIE_NAME) return this.decode(value.join('='));
    }
    return undefined;
  }

  setCookieHeader(learnerId: string, secure: boolean): string {
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${60 * 60 * 24 * 365}`];
    if (secure) attributes.push('Secure');
    return `${COOKIE_NAME}=${this.encode(learnerId)}; ${attributes.join('; ')}`;
  }
}
