// The vertical splitter between the lesson and the terminal: drag it, or focus it
// and use the arrow keys (Shift for bigger steps), Home/End; double-click resets.
// The share of the left pane is kept in localStorage and set as --split (percent).
const STORAGE_KEY = 'wharf.split';
const DEFAULT = 50;
const MIN = 25;
const MAX = 75;
const STEP = 2;
const BIG_STEP = 10;

const layout = document.querySelector<HTMLElement>('[data-split-layout]');
const splitter = layout?.querySelector<HTMLElement>('[data-splitter]');

const clamp = (value: number) => Math.min(MAX, Math.max(MIN, value));

if (layout && splitter) {
  const stored = Number(localStorage.getItem(STORAGE_KEY));
  let split = Number.isFinite(stored) && stored > 0 ? clamp(stored) : DEFAULT;

  const apply = (value: number, save: boolean) => {
    split = clamp(Math.round(value * 10) / 10);
    layout.style.setProperty('--split', `${split}%`);
    splitter.setAttribute('aria-valuenow', String(Math.round(split)));
    if (save) {
      try {
        localStorage.setItem(STORAGE_KEY, String(split));
      } catch {
        // private mode: the split just is not remembered
      }
    }
  };
  apply(split, false);

  splitter.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    splitter.setPointerCapture(event.pointerId);
    layout.dataset.dragging = 'true';
    const rect = layout.getBoundingClientRect();
    const move = (moveEvent: PointerEvent) => apply(((moveEvent.clientX - rect.left) / rect.width) * 100, false);
    const stop = () => {
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', stop);
      splitter.removeEventListener('pointercancel', stop);
      delete layout.dataset.dragging;
      apply(split, true);
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', stop);
    splitter.addEventListener('pointercancel', stop);
  });

  splitter.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    let next: number | undefined;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') next = split - step;
    else if (event.key === 'ArrowRight' || event.key === 'ArrowUp') next = split + step;
    else if (event.key === 'Home') next = MIN;
    else if (event.key === 'End') next = MAX;
    else if (event.key === 'Enter') next = DEFAULT;
    if (next === undefined) return;
    event.preventDefault();
    apply(next, true);
  });

  splitter.addEventListener('dblclick', () => apply(DEFAULT, true));
}
