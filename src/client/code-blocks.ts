// "Copy" on every code block in the lesson, and "Run in terminal" on bash blocks.
// Blocks are Shiki's <pre class="astro-code" data-language="…"> inside .prose,
// plus solutions in the exercises panel (<pre data-language="bash" data-code-block>).
import { s } from './page-data.ts';

const FEEDBACK_MS = 1600;

function codeText(pre: HTMLPreElement): string {
  const code = pre.querySelector('code') ?? pre;
  return (code.textContent ?? '').trim().split(/\r\n|\r|\n/).join('\n');
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below (permissions, insecure context)
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  area.remove();
  return done;
}

/** Shows `text` on the button for a moment, then its own label again. */
function flash(button: HTMLButtonElement, text: string, kind: 'ok' | 'fail') {
  const label = button.querySelector<HTMLElement>('[data-label]')!;
  window.clearTimeout(Number(button.dataset.timer));
  label.textContent = text;
  button.dataset.feedback = kind;
  button.dataset.timer = String(
    window.setTimeout(() => {
      label.textContent = button.dataset.idleLabel ?? '';
      delete button.dataset.feedback;
    }, FEEDBACK_MS),
  );
}

function makeButton(kind: 'copy' | 'run', label: string, title: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `code-button code-button-${kind}`;
  button.dataset.codeAction = kind;
  button.dataset.idleLabel = label;
  button.title = title;
  const text = document.createElement('span');
  text.dataset.label = '';
  text.textContent = label;
  button.append(text);
  return button;
}

function enhance(pre: HTMLPreElement) {
  if (pre.closest('.code-block')) return;
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  const language = pre.dataset.language ?? '';
  if (language) wrapper.dataset.language = language;
  pre.replaceWith(wrapper);

  const toolbar = document.createElement('div');
  toolbar.className = 'code-toolbar';
  if (language && language !== 'plaintext') {
    const tag = document.createElement('span');
    tag.className = 'code-language';
    tag.textContent = language;
    toolbar.append(tag);
  }
  const buttons = document.createElement('div');
  buttons.className = 'code-buttons';
  toolbar.append(buttons);

  const copy = makeButton('copy', s('copy'), s('copyLabel'));
  copy.dataset.testid = 'copy-code';
  copy.addEventListener('click', async () => {
    const ok = await copyText(codeText(pre));
    flash(copy, ok ? s('copied') : s('copyFailed'), ok ? 'ok' : 'fail');
  });

  if (language === 'bash') {
    const run = makeButton('run', s('run'), s('runLabel'));
    run.dataset.testid = 'run-code';
    run.addEventListener('click', () => {
      const detail = { text: `${codeText(pre)}\r`, sent: false };
      document.dispatchEvent(new CustomEvent('wharf:run', { detail }));
      if (detail.sent) flash(run, s('runSent'), 'ok');
      else flash(run, s('terminalNotConnected'), 'fail');
    });
    buttons.append(run);
  }
  buttons.append(copy);
  wrapper.append(toolbar, pre);
}

for (const pre of document.querySelectorAll<HTMLPreElement>('.prose pre.astro-code, pre[data-code-block]')) enhance(pre);
