// Python tracebacks: "most recent call last" blocks, chained with "direct cause" / "during
// handling" separators, and 3.11+ exception groups drawn with `|` gutters and `+-+` member lists.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, makeFrame, newError, splitKindMessage } from './util';

const DIRECT_CAUSE = 'The above exception was the direct cause of the following exception:';
const DURING_HANDLING = 'During handling of the above exception, another exception occurred:';
const MAX_DEPTH = 16;

function parseFrameLine(t: string): Frame | undefined {
  // `File "path", line 12, in func`
  const m = /^File "(.*)", line (\d+)(?:, in (.*))?$/.exec(t);
  if (!m) return undefined;
  return makeFrame('python', { file: m[1], line: Number(m[2]), function: m[3] ?? '' });
}

interface Block {
  error: ParsedError;
  /** frames as printed (outermost first) */
  printed: Frame[];
  messageOpen: boolean;
}

/**
 * Collects the members of an exception group whose `+-+---- 1 ----` line is at lines[start],
 * column c. Member lines are returned with the first c+2 columns removed, so each member starts
 * with its own `|` gutter at column 0.
 */
function collectMembers(lines: string[], start: number, c: number): { members: string[][]; end: number } {
  const members: string[][] = [[]];
  let j = start + 1;
  for (; j < lines.length; j++) {
    const r = lines[j];
    if (r.length > MAX_LINE) continue;
    if (r.trim() === '') break;
    const ri = indentOf(r);
    if (ri < c + 2) break;
    if (ri === c + 2 && r[ri] === '+') {
      const s = r.slice(ri).trim();
      if (/^\+-+ (?:\d+|\.\.\.) -+$/.test(s)) {
        members.push([]);
        continue;
      }
      if (/^\+-+$/.test(s)) {
        j++;
        break;
      }
    }
    members[members.length - 1].push(r.slice(c + 2));
  }
  return { members: members.filter((m) => m.length > 0), end: j };
}

/**
 * @param gutter column of a `|` gutter to strip from lines (exception-group members), or -1
 */
export function parsePython(lines: string[], gutter = -1, depth = 0): ParsedError | undefined {
  const blocks: Block[] = [];
  let current: Block | undefined;

  const addMessage = (block: Block, text: string) => {
    const e = block.error;
    if (e.kind === '' && e.message === '') {
      const km = splitKindMessage(text.trim());
      if (km) {
        e.kind = km.kind;
        e.message = km.message;
      } else e.message = text.trim();
    } else if (e.message.length < 16384) {
      e.message = e.message + '\n' + text;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i];
    if (raw.length > MAX_LINE) continue;
    if (gutter >= 0 && raw.length > gutter && raw[gutter] === '|' && indentOf(raw) === gutter) {
      raw = raw.slice(gutter + 2);
    }
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    if (t.startsWith('+ Exception Group Traceback') || t.startsWith('Exception Group Traceback') ||
        t.startsWith('Traceback (most recent call last)')) {
      if (t.startsWith('+ ')) gutter = ind; // its own lines carry a `|` at this column
      current = { error: newError('python'), printed: [], messageOpen: false };
      blocks.push(current);
      continue;
    }
    if (t.startsWith('+-+') && current && depth < MAX_DEPTH) {
      const { members, end } = collectMembers(lines, i, ind);
      const parsed = members.map((m) => parsePython(m, 0, depth + 1)).filter((e): e is ParsedError => !!e);
      if (parsed.length > 0) current.error.related = [...(current.error.related ?? []), ...parsed];
      current.messageOpen = false;
      i = end - 1;
      continue;
    }
    if (t === DIRECT_CAUSE || t === DURING_HANDLING) {
      if (current) current.messageOpen = false;
      continue;
    }
    if (!current) continue;
    if (t === '') {
      current.messageOpen = false;
      continue;
    }
    if (t.startsWith('File "') && !current.messageOpen) {
      const frame = parseFrameLine(t);
      if (frame) {
        current.printed.push(frame);
        continue;
      }
    }
    if (ind === 0 && !current.messageOpen && current.error.kind === '' && current.error.message === '') {
      addMessage(current, t);
      current.messageOpen = true;
      continue;
    }
    if (current.messageOpen) {
      addMessage(current, raw.trimEnd());
      continue;
    }
    // Anything else inside a block is source code, ^^^ markers or `...<9 lines>...`.
  }

  if (blocks.length === 0) return undefined;
  for (const b of blocks) {
    b.error.message = clip(b.error.message);
    // Printed outermost-first; the model wants the innermost first.
    for (let k = b.printed.length - 1; k >= 0; k--) b.error.frames.push(b.printed[k]);
  }
  // The last block is the exception that propagated; earlier ones are its cause / context.
  for (let k = blocks.length - 1; k > 0; k--) blocks[k].error.cause = blocks[k - 1].error;
  return blocks[blocks.length - 1].error;
}
