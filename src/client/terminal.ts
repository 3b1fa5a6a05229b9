// The learner's shell: xterm.js on a WebSocket to /ws/terminal.
//   server -> client: binary = terminal output; text = JSON control messages
//   client -> server: binary = keystrokes; text = JSON { type: 'resize' | 'new-sandbox' }
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { ensureSession, renewSession } from './api.ts';
import { pageData, s } from './page-data.ts';
import type { StringKey } from '../i18n/strings.ts';

type State = 'connecting' | 'starting' | 'ready' | 'reconnecting' | 'lost' | 'unavailable' | 'exited';
type Phase = 'claiming' | 'starting-engine' | 'ready';

type Control =
  | { type: 'status'; phase: Phase; message?: string }
  | { type: 'error'; code: string; message?: string }
  | { type: 'exit' };

declare global {
  interface Window {
    wharfTerminal?: Terminal;
  }
}

const PHASES: Record<Phase, { step: number; label: StringKey }> = {
  claiming: { step: 1, label: 'phaseClaiming' },
  'starting-engine': { step: 2, label: 'phaseStartingEngine' },
  ready: { step: 3, label: 'phaseReady' },
};
const STEPS = 3;
const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];

const root = document.querySelector<HTMLElement>('[data-terminal-root]');
const screen = root?.querySelector<HTMLElement>('[data-testid="terminal"]');

if (root && screen) {
  const status = root.querySelector<HTMLElement>('[data-testid="sandbox-status"]')!;
  const statusLabel = status.querySelector<HTMLElement>('[data-status-label]')!;
  const statusDetail = status.querySelector<HTMLElement>('[data-status-detail]')!;
  const statusSteps = status.querySelector<HTMLElement>('[data-status-steps]')!;
  const resetButton = status.querySelector<HTMLButtonElement>('[data-reset-sandbox]')!;
  const notice = root.querySelector<HTMLElement>('[data-terminal-notice]')!;
  const noticeText = notice.querySelector<HTMLElement>('[data-notice-text]')!;
  const noticeButton = notice.querySelector<HTMLButtonElement>('[data-notice-action]')!;

  const css = getComputedStyle(root);
  const term = new Terminal({
    cursorBlink: true,
    fontSize: 14,
    lineHeight: 1.15,
    fontFamily: css.getPropertyValue('--terminal-font').trim() || 'monospace',
    scrollback: 5000,
    allowProposedApi: false,
    theme: {
      background: '#0f1720',
      foreground: '#dbe4ee',
      cursor: '#7cc4ff',
      cursorAccent: '#0f1720',
      selectionBackground: '#2f4a66',
      black: '#1b2530',
      brightBlack: '#5c6b7a',
      blue: '#5aa9ff',
      brightBlue: '#8cc4ff',
      cyan: '#4cc9d6',
      brightCyan: '#7fe3ec',
      green: '#5fd38d',
      brightGreen: '#8be6ae',
      magenta: '#c792ea',
      brightMagenta: '#dcb6f5',
      red: '#ff6b6b',
      brightRed: '#ff9a9a',
      white: '#dbe4ee',
      brightWhite: '#ffffff',
      yellow: '#f2c94c',
      brightYellow: '#f7dc85',
    },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(screen);
  window.wharfTerminal = term;

  const encoder = new TextEncoder();
  const lang = pageData().lang;
  let socket: WebSocket | undefined;
  let state: State = 'connecting';
  let attempt = 0; // reconnection attempts since the last healthy connection
  let reconnectTimer: number | undefined;
  let everConnected = false; // a reconnection writes "— reconnected —"
  let renewedForUnauthorized = false;
  let lastSize = '';

  const setState = (next: State) => {
    state = next;
    screen.dataset.state = next;
    root.dataset.state = next;
    resetButton.disabled = next !== 'ready' && next !== 'starting';
  };

  const showStatus = (label: string, detail = '', step = 0) => {
    statusLabel.textContent = label;
    statusDetail.textContent = detail;
    statusDetail.hidden = detail === '';
    statusSteps.hidden = step === 0;
    if (step) {
      statusSteps.textContent = `${step}/${STEPS}`;
      statusSteps.title = s('stepOf', { n: step, total: STEPS });
      statusSteps.setAttribute('aria-label', statusSteps.title);
      status.style.setProperty('--step', String(step / STEPS));
    }
    status.dataset.busy = String(state === 'connecting' || state === 'starting' || state === 'reconnecting');
  };

  let noticeAction: (() => void) | undefined;
  const showNotice = (text: string, actionLabel: string, action: () => void) => {
    noticeText.textContent = text;
    noticeButton.textContent = actionLabel;
    noticeAction = action;
    notice.hidden = false;
    noticeButton.focus();
  };
  const hideNotice = () => {
    notice.hidden = true;
    noticeAction = undefined;
  };
  noticeButton.addEventListener('click', () => noticeAction?.());

  const sendControl = (message: object) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  const sendResize = (force = false) => {
    const size = `${term.cols}x${term.rows}`;
    if (!force && size === lastSize) return;
    if (socket?.readyState !== WebSocket.OPEN) return;
    lastSize = size;
    sendControl({ type: 'resize', cols: term.cols, rows: term.rows });
  };

  const refit = () => {
    if (screen.clientWidth === 0 || screen.clientHeight === 0) return;
    try {
      fit.fit();
    } catch {
      return; // not measurable yet
    }
    sendResize();
  };
  let fitFrame = 0;
  const scheduleFit = () => {
    cancelAnimationFrame(fitFrame);
    fitFrame = requestAnimationFrame(refit);
  };
  new ResizeObserver(scheduleFit).observe(screen);
  window.addEventListener('resize', scheduleFit);
  void document.fonts?.ready.then(scheduleFit);
  refit();

  const sendInput = (data: string | Uint8Array<ArrayBuffer>): boolean => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(typeof data === 'string' ? encoder.encode(data) : data);
    return true;
  };
  term.onData((data) => void sendInput(data));
  term.onBinary((data) => {
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i) & 0xff;
    sendInput(bytes);
  });

  /** The shell is talking: whatever state we were in, we are connected now. */
  const healthy = () => {
    attempt = 0;
    renewedForUnauthorized = false;
  };

  const onControl = (message: Control) => {
    switch (message.type) {
      case 'status': {
        const phase = PHASES[message.phase];
        if (!phase) return;
        healthy();
        hideNotice();
        if (message.phase === 'ready') {
          setState('ready');
          showStatus(s('phaseReady'), '', STEPS);
          scheduleFit();
        } else {
          setState('starting');
          showStatus(s(phase.label), message.message ?? '', phase.step);
        }
        return;
      }
      case 'error': {
        const text = message.message || s('unavailableFallback');
        if (message.code === 'sandbox-lost') {
          setState('lost');
          showStatus(s('sandboxLost'));
          showNotice(s('sandboxLost'), s('startFreshSandbox'), () => connect({ fresh: true }));
        } else if (message.code === 'unauthorized') {
          // The session cookie is gone or stale: make a new one, once, and try again.
          if (!renewedForUnauthorized) {
            renewedForUnauthorized = true;
            setState('connecting');
            showStatus(s('connecting'));
            closeQuietly();
            void renewSession()
              .catch(() => undefined)
              .then(() => connect());
          } else {
            setState('unavailable');
            showStatus(text);
            showNotice(message.message || s('sessionExpired'), s('retry'), () => location.reload());
          }
        } else {
          // 'unavailable', 'capacity' and anything new: say so and offer to retry.
          setState('unavailable');
          showStatus(text);
          showNotice(text, s('retry'), () => connect());
        }
        closeQuietly();
        return;
      }
      case 'exit': {
        setState('exited');
        showStatus(s('shellExited'));
        showNotice(s('shellExited'), s('startNewShell'), () => connect());
        closeQuietly();
        return;
      }
    }
  };

  /** Closes the socket without triggering an automatic reconnection. */
  const closeQuietly = () => {
    const current = socket;
    socket = undefined;
    if (current && current.readyState <= WebSocket.OPEN) current.close(1000);
  };

  const scheduleReconnect = () => {
    window.clearTimeout(reconnectTimer);
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
    attempt++;
    setState('reconnecting');
    showStatus(s('reconnecting'));
    reconnectTimer = window.setTimeout(() => connect({ reconnecting: true }), delay);
  };

  function connect(options: { fresh?: boolean; reconnecting?: boolean } = {}) {
    window.clearTimeout(reconnectTimer);
    closeQuietly();
    hideNotice();
    if (!options.reconnecting) {
      attempt = 0;
      setState('connecting');
      showStatus(s('connecting'));
    }
    const params = new URLSearchParams({ lang });
    if (options.fresh) params.set('fresh', '1');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/terminal?${params}`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    ws.binaryType = 'arraybuffer';
    socket = ws;

    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      if (everConnected && options.reconnecting) term.write(`\r\n\x1b[2m${s('reconnected')}\x1b[0m\r\n`);
      everConnected = true;
      if (options.fresh) ws.send(JSON.stringify({ type: 'new-sandbox' }));
      try {
        fit.fit();
      } catch {
        // not measurable yet: the ResizeObserver sends the size later
      }
      sendResize(true);
    });

    ws.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
      if (socket !== ws) return;
      if (typeof event.data === 'string') {
        let message: Control;
        try {
          message = JSON.parse(event.data) as Control;
        } catch {
          return;
        }
        if (message && typeof message === 'object') onControl(message);
        return;
      }
      term.write(new Uint8Array(event.data));
      if (state !== 'ready' && state !== 'starting') {
        // Output without a status message (e.g. back on a running sandbox): the shell is there.
        healthy();
        setState('ready');
        showStatus(s('phaseReady'), '', STEPS);
      }
    });

    ws.addEventListener('close', () => {
      if (socket !== ws) return; // closed on purpose, or replaced
      socket = undefined;
      scheduleReconnect();
    });
  }

  resetButton.addEventListener('click', () => {
    if (!window.confirm(s('resetSandboxConfirm'))) return;
    if (socket?.readyState === WebSocket.OPEN) {
      setState('starting');
      showStatus(s('phaseClaiming'), '', 1);
      sendControl({ type: 'new-sandbox' });
    } else {
      connect({ fresh: true });
    }
    term.focus();
  });

  // "Run in terminal" buttons (code-blocks.ts) hand their commands over with this event.
  document.addEventListener('wharf:run', (event) => {
    const detail = (event as CustomEvent<{ text: string; sent: boolean }>).detail;
    if (!detail || state !== 'ready') return;
    detail.sent = sendInput(detail.text);
    if (detail.sent) term.focus();
  });

  setState('connecting');
  showStatus(s('connecting'));
  void ensureSession()
    .catch(() => undefined) // the socket then reports 'unauthorized'
    .then(() => connect());
}
