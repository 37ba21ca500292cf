// The stack: each exception of the chain, outermost first, then what caused it. Frames are listed
// innermost first (where the error was raised). In-app frames are highlighted and, when mapped,
// open the workspace file; runs of library frames are folded behind a toggle; unmapped frames say why.
import type { Frame, ParsedError, ResolvedLocation } from '../../src/core/model';
import { button, el } from './dom';
import { plural } from './format';
import { logText, plain, shortText } from './text';

function relativePath(location: ResolvedLocation): string {
  const folder = location.workspaceFolder.replace(/[\\/]+$/, '');
  const path = location.path;
  return path.startsWith(folder) && /[\\/]/.test(path.charAt(folder.length)) ? path.slice(folder.length + 1) : path;
}

export interface StackActions {
  openLocation(location: ResolvedLocation): void;
}

/** Which folded library runs are open, by "exception index:first frame index"; kept across refreshes. */
export type OpenRuns = Set<string>;

const MAX_FRAMES = 500;
const MAX_CHAIN = 20;

function position(frame: Frame): string {
  if (!frame.file) return frame.native ? 'native code' : 'unknown file';
  const line = frame.line !== undefined ? `:${frame.line}` : '';
  const column = frame.line !== undefined && frame.column !== undefined ? `:${frame.column}` : '';
  return `${frame.file}${line}${column}`;
}

function frameRow(frame: Frame, actions: StackActions): HTMLElement {
  const fn = frame.function || '<anonymous>';
  const where = `${position(frame)}${frame.module ? ` (${frame.module})` : ''}`;
  const location = frame.location;
  let target: HTMLElement;
  if (location) {
    const text = `${location.path}:${location.line}`;
    const link = el(
      'button',
      {
        class: 'frame-link',
        title: plain(`Open ${text} (found by ${location.how}${location.lineHow ? `, line ${location.lineHow}` : ''})`, 800),
        onClick: () => actions.openLocation(location),
      },
      shortText(fn, 300, 'fn'),
      shortText(where, 500, 'where'),
      el('span', { class: 'mapped-to' }, shortText(`→ ${relativePath(location)}:${location.line}`, 500)),
    );
    link.type = 'button';
    target = link;
  } else {
    target = el('span', { class: 'frame-text' }, shortText(fn, 300, 'fn'), shortText(where, 500, 'where'));
  }
  const why = !location && frame.inApp ? (frame.unmapped ? frame.unmapped.detail : 'not mapped to a workspace file') : undefined;
  return el(
    'li',
    {
      class: `frame ${frame.inApp ? 'in-app' : 'library'}${location ? ' mapped' : ''}`,
      // Library frames are not opened; their reason stays available on hover.
      title: !frame.inApp && frame.unmapped ? plain(frame.unmapped.detail, 300) : undefined,
    },
    target,
    why ? el('div', { class: 'unmapped muted' }, 'not mapped: ', logText(why, 500)) : null,
  );
}

function renderFrames(error: ParsedError, keyPrefix: string, actions: StackActions, openRuns: OpenRuns): HTMLElement {
  const list = el('ol', { class: 'frames' });
  const frames = error.frames.slice(0, MAX_FRAMES);
  let index = 0;
  while (index < frames.length) {
    if (frames[index].inApp) {
      list.appendChild(frameRow(frames[index], actions));
      index += 1;
      continue;
    }
    const runStart = index;
    while (index < frames.length && !frames[index].inApp) index += 1;
    const run = frames.slice(runStart, index);
    const key = `${keyPrefix}:${runStart}`;
    const group = foldable(el('li', { class: 'library-run' }), el('ol', { class: 'frames' }), key, openRuns, () => plural(run.length, 'library frame'), (inner) => {
      for (const frame of run) inner.appendChild(frameRow(frame, actions));
    });
    list.appendChild(group);
  }
  if (error.frames.length > MAX_FRAMES) list.appendChild(el('li', { class: 'muted' }, `… ${plural(error.frames.length - MAX_FRAMES, 'more frame')} not shown`));
  return list;
}

const MAX_RELATED = 50;

/** One exception with its frames, then what caused it, then (folded) what was printed with it. */
function renderChain(error: ParsedError, keyPrefix: string, actions: StackActions, openRuns: OpenRuns, depth: number): HTMLElement[] {
  const blocks: HTMLElement[] = [];
  let chainIndex = 0;
  for (let current: ParsedError | undefined = error; current && chainIndex < MAX_CHAIN; current = current.cause, chainIndex += 1) {
    const key = `${keyPrefix}${chainIndex}`;
    const block = el(
      'div',
      { class: 'exception' },
      chainIndex > 0 ? el('div', { class: 'caused-by muted' }, 'Caused by') : null,
      el('div', { class: 'exception-title' }, el('strong', {}, logText(current.kind || 'Error', 300)), ': ', logText(current.message, 2000)),
      current.frames.length ? renderFrames(current, key, actions, openRuns) : el('p', { class: 'muted' }, 'No frames were logged.'),
    );
    const related = current.related ?? [];
    if (related.length > 0 && depth < 3) block.appendChild(renderRelated(related, `${key}r`, actions, openRuns, depth));
    blocks.push(block);
  }
  return blocks;
}

/** Suppressed exceptions, exception-group members, other goroutines: folded, built when opened. */
function renderRelated(related: ParsedError[], key: string, actions: StackActions, openRuns: OpenRuns, depth: number): HTMLElement {
  const label = () => `${plural(related.length, 'other exception or thread', 'other exceptions or threads')} printed with it`;
  return foldable(el('div', { class: 'related' }), el('div', { class: 'related-list' }), key, openRuns, label, (inner) => {
    related.slice(0, MAX_RELATED).forEach((error, index) => inner.append(...renderChain(error, `${key}${index}.`, actions, openRuns, depth + 1)));
    if (related.length > MAX_RELATED) inner.appendChild(el('p', { class: 'muted' }, `… ${plural(related.length - MAX_RELATED, 'more')} not shown`));
  });
}

/**
 * A toggle that shows or hides `inner`, remembering the choice in openRuns under `key` across
 * re-renders; the content is built only when first opened (stacks can be huge).
 */
function foldable(box: HTMLElement, inner: HTMLElement, key: string, openRuns: OpenRuns, label: () => string, build: (inner: HTMLElement) => void): HTMLElement {
  const toggle = button('', () => {
    if (openRuns.has(key)) openRuns.delete(key);
    else openRuns.add(key);
    draw();
  }, { class: 'link run-toggle' });
  const draw = (): void => {
    const open = openRuns.has(key);
    toggle.textContent = `${open ? '▾' : '▸'} ${label()}`;
    toggle.setAttribute('aria-expanded', String(open));
    if (open && inner.childElementCount === 0) build(inner);
    inner.hidden = !open;
  };
  box.append(toggle, inner);
  draw();
  return box;
}

export function renderStack(error: ParsedError | undefined, actions: StackActions, openRuns: OpenRuns): HTMLElement {
  const section = el('section', { class: 'stack', attrs: { 'data-testid': 'stack', 'aria-label': 'Stack trace' } }, el('h2', {}, 'Stack trace'));
  if (!error) {
    section.appendChild(el('p', { class: 'muted' }, 'No stack trace was logged for this issue.'));
    return section;
  }
  section.appendChild(el('p', { class: 'muted hint' }, 'Most recent call first. In-app frames are highlighted; click a mapped one to open it.'));
  section.append(...renderChain(error, '', actions, openRuns, 0));
  return section;
}
