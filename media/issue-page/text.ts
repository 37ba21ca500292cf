// Log text as the page shows it: ANSI escape sequences removed, other control characters and
// bidirectional overrides shown as visible markers (so a line cannot be visually reordered or
// hidden), and giant strings cut with a "show more" button. Only the shown part is processed.
import { button, el } from './dom';

// CSI (ESC [ or the one-byte C1 CSI), OSC (ESC ] … BEL or ESC \), and two-byte ESC sequences.
// eslint-disable-next-line no-control-regex
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;

const BIDI_NAMES: Record<number, string> = {
  0x061c: 'ALM',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
  0x200b: 'ZWSP',
  0xfeff: 'BOM',
};

// Characters needing a marker: C0 controls but tab and newline, DEL, C1, bidi and invisible ones.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export type Segment = { text: string } | { marker: string; title: string };

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

function markerFor(char: string): { marker: string; title: string } {
  const code = char.charCodeAt(0);
  const bidi = BIDI_NAMES[code];
  if (bidi) return { marker: `⟨${bidi}⟩`, title: `invisible or bidirectional control character U+${hex(code)} (${bidi})` };
  if (code === 0x0d) return { marker: '␍', title: 'carriage return U+000D' };
  if (code < 0x20) return { marker: String.fromCharCode(0x2400 + code), title: `control character U+${hex(code)}` };
  if (code === 0x7f) return { marker: '␡', title: 'control character U+007F' };
  return { marker: `⟨U+${hex(code)}⟩`, title: `control character U+${hex(code)}` };
}

/** Splits text into plain runs and visible markers for the characters that must not act. */
export function segments(text: string): Segment[] {
  const clean = stripAnsi(text).replace(/\r\n/g, '\n');
  const out: Segment[] = [];
  let last = 0;
  for (const match of clean.matchAll(SPECIAL)) {
    const index = match.index ?? 0;
    if (index > last) out.push({ text: clean.slice(last, index) });
    out.push(markerFor(match[0]));
    last = index + match[0].length;
  }
  if (last < clean.length) out.push({ text: clean.slice(last) });
  return out;
}

/** One-line plain text for attributes such as title: markers inlined, cut to `max`. */
export function plain(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return segments(cut)
    .map((segment) => ('text' in segment ? segment.text : segment.marker))
    .join('');
}

function appendSegments(parent: HTMLElement, text: string): void {
  for (const segment of segments(text)) {
    if ('text' in segment) parent.appendChild(document.createTextNode(segment.text));
    else parent.appendChild(el('span', { class: 'ctl', title: segment.title }, segment.marker));
  }
}

/**
 * A span with the text (sanitized) up to `max` characters; longer text gets a "show more"
 * button that reveals it in growing chunks, so a 1 MB message costs little until asked for.
 */
export function logText(text: string, max = 2000, tag: 'span' | 'div' | 'pre' = 'span', className = ''): HTMLElement {
  const node = el(tag, { class: `log-text ${className}`.trim() });
  const body = el('span');
  node.appendChild(body);
  let shown = 0;
  let chunk = max;
  const more = button('', () => reveal(), { class: 'link show-more' });
  const reveal = (): void => {
    // Never cut a surrogate pair in two.
    let end = Math.min(text.length, shown + chunk);
    if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end += 1;
    appendSegments(body, text.slice(shown, end));
    shown = end;
    chunk *= 4;
    if (shown < text.length) {
      more.textContent = `show more (${(text.length - shown).toLocaleString('en-US')} more characters)`;
      if (!more.isConnected) node.appendChild(more);
    } else if (more.isConnected) {
      more.remove();
    }
  };
  reveal();
  return node;
}

/** Sanitized text cut at `max` with an ellipsis and no button (for use inside buttons). */
export function shortText(text: string, max = 300, className = ''): HTMLElement {
  const node = el('span', { class: `log-text ${className}`.trim() });
  appendSegments(node, text.length > max ? `${text.slice(0, max)}…` : text);
  return node;
}
