// The attribute tree of a sample. Objects and arrays are <details> whose children are built only
// when first opened, a page of rows at a time, so 10,000 attributes cost one page of DOM.
import type { JsonValue } from '../../src/core/model';
import { button, el } from './dom';
import { count } from './format';
import { logText, shortText } from './text';

export const TREE_PAGE = 100;

type Entry = [string, JsonValue];

function entriesOf(value: JsonValue): Entry[] {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (value !== null && typeof value === 'object') return Object.entries(value);
  return [];
}

function leaf(value: Exclude<JsonValue, object> | JsonValue[] | { [key: string]: JsonValue }): HTMLElement {
  if (value === null) return el('span', { class: 'v-null' }, 'null');
  if (typeof value === 'string') return el('span', { class: 'v-string' }, logText(value, 300));
  if (typeof value === 'number') return el('span', { class: 'v-number' }, String(value));
  if (typeof value === 'boolean') return el('span', { class: 'v-boolean' }, String(value));
  return el('span', { class: 'muted' }, Array.isArray(value) ? '[]' : '{}');
}

function row(key: string, value: JsonValue): HTMLElement {
  const size = entriesOf(value).length;
  if (size === 0) return el('li', { class: 'attr' }, shortText(key, 200, 'k'), ': ', leaf(value));
  const details = el(
    'details',
    { class: 'attr branch' },
    el('summary', {}, shortText(key, 200, 'k'), el('span', { class: 'muted' }, Array.isArray(value) ? ` [${count(size)}]` : ` {${count(size)}}`)),
  );
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) details.appendChild(attributeList(entriesOf(value)));
  });
  return el('li', {}, details);
}

/** A list of rows, the first page now and the rest behind a "show more" button. */
export function attributeList(entries: Entry[]): HTMLElement {
  const list = el('ul', { class: 'attrs' });
  let shown = 0;
  const more = button('', () => page(), { class: 'link show-more' });
  const moreRow = el('li', { class: 'more' }, more);
  const page = (): void => {
    moreRow.remove();
    const end = Math.min(entries.length, shown + TREE_PAGE);
    for (let i = shown; i < end; i += 1) list.appendChild(row(entries[i][0], entries[i][1]));
    shown = end;
    if (shown < entries.length) {
      more.textContent = `show ${count(Math.min(TREE_PAGE, entries.length - shown))} more (${count(entries.length - shown)} left)`;
      list.appendChild(moreRow);
    }
  };
  page();
  return list;
}

export function attributeTree(value: { [key: string]: JsonValue }): HTMLElement {
  return attributeList(Object.entries(value));
}
