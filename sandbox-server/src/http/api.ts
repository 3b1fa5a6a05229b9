// The JSON API: session, progress, set-up and check. Every call but the session
// one needs a valid signed cookie.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getExercise, getLesson } from '../../../lessons/index.ts';
import type { Lang, SandboxAccess } from '../../../lessons/types.ts';
import type { Config } from '../config.ts';
import { runCheck, runSetup, timedAccess } from '../grading/grader.ts';
import { message, parseLang } from '../messages.ts';
import type { SandboxProvider } from '../provider/types.ts';
import type { SandboxManager } from '../sandboxes/manager.ts';
import type { Sessions } from '../session/session.ts';
import type { Store } from '../store/store.ts';
import { HttpError, readJson, sendError, sendJson } from './respond.ts';

export interface Services {
  config: Config;
  store: Store;
  sessions: Sessions;
  provider: SandboxProvider;
  manager: SandboxManager;
}

function langOf(req: IncomingMessage, body?: Record<string, unknown>): Lang {
  return parseLang(body?.lang ?? new URL(req.url ?? '/', 'http://x').searchParams.get('lang') ?? req.headers['accept-language']);
}

export function learnerOf(services: Services, req: IncomingMessage): string | undefined {
  const id = services.sessions.fromCookieHeader(req.headers.cookie);
  return id && services.store.hasLearner(id) ? id : undefined;
}

/** A path segment decoded; one with broken percent-encoding stays as sent, which names no lesson or exercise. */
function decodeSegment(raw: string): string {
  try { return decodeURIComponent(raw); } catch { return raw; }
}

function sandboxAccess(services: Services, containerId: string): SandboxAccess {
  return timedAccess((argv, options) => services.provider.run(containerId, argv, { timeoutMs: options?.timeoutMs ?? services.config.checkTimeoutMs, stdin: options?.stdin }), services.config.checkTimeoutMs);
}

/** Returns false when the path is not an API path. */
export async function handleApi(services: Services, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith('/api/')) return false;
  let lang = langOf(req);
  try {
    const method = req.method ?? 'GET';
    const expect = (wanted: string) => {
      if (method !== wanted) throw new HttpError(405, 'method-not-allowed', message('methodNotAllowed', lang));
    };
    const body = async () => {
      const parsed = await readJson(req, services.config.maxBodyBytes, message('tooLarge', lang), message('badRequest', lang));
      lang = langOf(req, parsed);
      return parsed;
    };

    if (path === '/api/health') {
      expect('GET');
      sendJson(res, 200, { ok: true, sandboxes: services.manager.counts });
      return true;
    }

    if (path === '/api/session') {
      expect('POST');
      await body();
      const existing = learnerOf(services, req);
      if (existing) {
        sendJson(res, 200, { ok: true });
      } else {
        const id = services.sessions.newLearnerId();
        services.store.addLearner(id);
        const secure = req.headers['x-forwarded-proto'] === 'https';
        sendJson(res, 200, { ok: true }, { 'set-cookie': services.sessions.setCookieHeader(id, secure) });
      }
      return true;
    }

    const learner = learnerOf(services, req);
    const match = path.match(/^\/api\/lessons\/([^/]+)\/(progress|exercises\/([^/]+)\/(check|setup))$/);
    if (!match) throw new HttpError(404, 'not-found', message('notFound', lang));
    if (!learner) throw new HttpError(401, 'unauthorized', message('unauthorized', lang));
    const lessonId = decodeSegment(match[1]!);
    const lesson = getLesson(lessonId);
    if (!lesson) throw new HttpError(404, 'unknown-lesson', message('unknownLesson', lang));

    if (match[2] === 'progress') {
      expect('GET');
      const passed = new Map(services.store.progressOf(learner, lessonId).map((p) => [p.exerciseId, p.passedAt]));
      sendJson(res, 200, {
        lesson: lessonId,
        exercises: lesson.exercises.map((e) => {
          const at = passed.get(e.id);
          return { id: e.id, passed: at !== undefined, passedAt: at === undefined ? null : new Date(at).toISOString() };
        }),
      });
      return true;
    }

    expect('POST');
    await body();
    const exerciseId = decodeSegment(match[3]!);
    const exercise = getExercise(lessonId, exerciseId);
    if (!exercise) throw new HttpError(404, 'unknown-exercise', message('unknownExercise', lang));
    const containerId = await services.manager.currentSandbox(learner);
    if (!containerId) {
      sendJson(res, 200, match[4] === 'check' ? { verdict: 'error', message: message('noSandbox', lang) } : { ok: false, message: message('noSandbox', lang) });
      return true;
    }
    services.manager.touch(learner);
    const sandbox = sandboxAccess(services, containerId);

    if (match[4] === 'setup') {
      if (!exercise.setup) {
        sendJson(res, 200, { ok: true, message: message('noSetup', lang) });
        return true;
      }
      try {
        const values = await runSetup(exercise, sandbox, services.config.checkTimeoutMs);
        services.store.saveSetupValues(learner, lessonId, exerciseId, containerId, values);
        sendJson(res, 200, { ok: true, message: message('setupDone', lang) });
      } catch (err) {
        console.error(`set-up ${lessonId}/${exerciseId} failed:`, err);
        sendJson(res, 200, { ok: false, message: message('setupFailed', lang) });
      }
      return true;
    }

    const recorded = services.store.setupValues(learner, lessonId, exerciseId, containerId);
    const result = await runCheck(exercise, { sandbox, recorded }, lang, services.config.checkTimeoutMs);
    if (result.verdict === 'pass') {
      const passedAt = services.store.recordPass(learner, lessonId, exerciseId);
      sendJson(res, 200, { verdict: 'pass', message: result.message, passedAt: new Date(passedAt).toISOString() });
    } else if (result.verdict === 'fail') {
      sendJson(res, 200, { verdict: 'fail', hint: result.hint });
    } else {
      sendJson(res, 200, { verdict: 'error', message: result.message, reason: result.reason });
    }
    return true;
  } catch (err) {
    if (err instanceof HttpError) {
      sendError(res, err);
    } else {
      console.error(`${req.method} ${path} failed:`, err);
      sendError(res, new HttpError(503, 'unavailable', message('unavailable', lang)));
    }
    return true;
  }
}
