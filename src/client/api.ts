// The back end's JSON API, same origin. A session cookie (httpOnly) is made by
// POST /api/session; a 401 renews it once and retries.
import { s } from './page-data.ts';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(message: string, code: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

let session: Promise<void> | undefined;

async function createSession(): Promise<void> {
  const response = await send('POST', '/api/session');
  if (!response.ok) throw await errorOf(response);
}

/** Resolves once the session cookie is set (made once per page). */
export function ensureSession(): Promise<void> {
  session ??= createSession().catch((error: unknown) => {
    session = undefined; // let a later call try again
    throw error;
  });
  return session;
}

/** Makes a new session (after a 401). */
export function renewSession(): Promise<void> {
  session = undefined;
  return ensureSession();
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(s('networkError'), 'network', 0);
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const json = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const message = typeof json.error?.message === 'string' && json.error.message ? json.error.message : s('unexpectedResponse');
    const code = typeof json.error?.code === 'string' ? json.error.code : `http-${response.status}`;
    return new ApiError(message, code, response.status);
  } catch {
    return new ApiError(s('unexpectedResponse'), `http-${response.status}`, response.status);
  }
}

/** Calls the API and returns its JSON; throws ApiError with a message to show. */
export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  await ensureSession().catch(() => undefined); // a failed session shows up as a 401 below
  let response = await send(method, path, body);
  if (response.status === 401) {
    await renewSession().catch(() => undefined);
    response = await send(method, path, body);
  }
  if (!response.ok) throw await errorOf(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(s('unexpectedResponse'), 'bad-json', response.status);
  }
}
