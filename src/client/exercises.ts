// The exercises panel: progress, Check and Set up buttons, verdicts.
// The HTML (titles, tasks, solutions) is rendered at build time; this only talks
// to the API and updates the state of what is already there.
import { api, ApiError, ensureSession } from './api.ts';
import { pageData, s } from './page-data.ts';

interface Progress {
  lesson: string;
  exercises: { id: string; passed: boolean; passedAt?: string | null }[];
}

type CheckReply =
  | { verdict: 'pass'; message: string; passedAt?: string }
  | { verdict: 'fail'; hint: string }
  | { verdict: 'error'; message: string };

interface SetupReply {
  ok: boolean;
  message: string;
}

const panel = document.querySelector<HTMLElement>('[data-exercises]');

if (panel) {
  const lessonId = panel.dataset.lesson ?? pageData().lessonId ?? '';
  const base = `/api/lessons/${encodeURIComponent(lessonId)}`;
  const items = [...panel.querySelectorAll<HTMLElement>('[data-exercise-id]')];
  const progress = panel.querySelector<HTMLElement>('[data-testid="progress"]');
  const progressBar = panel.querySelector<HTMLElement>('[data-progress-bar]');
  const dateFormat = new Intl.DateTimeFormat(pageData().locale, { dateStyle: 'medium', timeStyle: 'short' });

  const updateSummary = () => {
    const done = items.filter((item) => item.dataset.passed === 'true').length;
    if (progress) progress.textContent = s('progressSummary', { done, total: items.length });
    if (progressBar) progressBar.style.setProperty('--done', String(items.length ? done / items.length : 0));
    panel.dataset.complete = String(done === items.length && items.length > 0);
  };

  const markPassed = (item: HTMLElement, passedAt?: string | null) => {
    item.dataset.passed = 'true';
    const badge = item.querySelector<HTMLElement>('[data-passed-badge]');
    const time = badge?.querySelector('time');
    if (!badge || !time) return;
    const date = passedAt ? new Date(passedAt) : new Date();
    const valid = !Number.isNaN(date.getTime());
    time.dateTime = valid ? date.toISOString() : '';
    time.textContent = s('passedOn', { date: valid ? dateFormat.format(date) : '' }).trim();
    badge.hidden = false;
  };

  const showVerdict = (item: HTMLElement, kind: 'pass' | 'fail' | 'error' | null, message: string, setup?: 'ok' | 'error') => {
    const verdict = item.querySelector<HTMLElement>('[data-verdict-area]');
    if (!verdict) return;
    if (kind) verdict.dataset.verdict = kind;
    else delete verdict.dataset.verdict;
    if (setup) verdict.dataset.setup = setup;
    else delete verdict.dataset.setup;
    verdict.textContent = message;
    verdict.hidden = message === '';
  };

  /** Runs `action` with the exercise's buttons disabled and `button` showing `busyLabel`. */
  const busy = async (item: HTMLElement, button: HTMLButtonElement, busyLabel: string, action: () => Promise<void>) => {
    const buttons = [...item.querySelectorAll<HTMLButtonElement>('button[data-action]')];
    const label = button.querySelector<HTMLElement>('[data-label]') ?? button;
    const idle = label.textContent ?? '';
    for (const other of buttons) other.disabled = true;
    button.setAttribute('aria-busy', 'true');
    item.dataset.busy = 'true';
    label.textContent = busyLabel;
    try {
      await action();
    } finally {
      label.textContent = idle;
      button.removeAttribute('aria-busy');
      delete item.dataset.busy;
      for (const other of buttons) other.disabled = false;
    }
  };

  const check = (item: HTMLElement, button: HTMLButtonElement) =>
    busy(item, button, s('checking'), async () => {
      const id = item.dataset.exerciseId ?? '';
      try {
        const reply = await api<CheckReply>('POST', `${base}/exercises/${encodeURIComponent(id)}/check`, { lang: pageData().lang });
        if (reply.verdict === 'pass') {
          markPassed(item, reply.passedAt);
          updateSummary();
          showVerdict(item, 'pass', reply.message);
        } else if (reply.verdict === 'fail') {
          showVerdict(item, 'fail', reply.hint);
        } else if (reply.verdict === 'error') {
          showVerdict(item, 'error', reply.message || s('unexpectedResponse'));
        } else {
          showVerdict(item, 'error', s('unexpectedResponse'));
        }
      } catch (error) {
        showVerdict(item, 'error', error instanceof ApiError ? error.message : s('unexpectedResponse'));
      }
    });

  const setup = (item: HTMLElement, button: HTMLButtonElement) =>
    busy(item, button, s('settingUp'), async () => {
      const id = item.dataset.exerciseId ?? '';
      try {
        const reply = await api<SetupReply>('POST', `${base}/exercises/${encodeURIComponent(id)}/setup`, { lang: pageData().lang });
        const message = typeof reply.message === 'string' && reply.message ? reply.message : s('unexpectedResponse');
        showVerdict(item, reply.ok ? null : 'error', message, reply.ok ? 'ok' : 'error');
      } catch (error) {
        showVerdict(item, 'error', error instanceof ApiError ? error.message : s('unexpectedResponse'), 'error');
      }
    });

  panel.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]');
    const item = button?.closest<HTMLElement>('[data-exercise-id]');
    if (!button || !item || button.disabled) return;
    if (button.dataset.action === 'check') void check(item, button);
    else if (button.dataset.action === 'setup') void setup(item, button);
  });

  const loadProgress = async () => {
    try {
      const reply = await api<Progress>('GET', `${base}/progress`);
      for (const entry of reply.exercises ?? []) {
        const item = items.find((candidate) => candidate.dataset.exerciseId === entry.id);
        if (item && entry.passed) markPassed(item, entry.passedAt);
      }
      updateSummary();
      delete panel.dataset.progressError;
    } catch (error) {
      panel.dataset.progressError = error instanceof ApiError ? error.code : 'unknown';
      updateSummary();
    }
  };

  updateSummary();
  void ensureSession()
    .catch(() => undefined)
    .then(loadProgress);
}
