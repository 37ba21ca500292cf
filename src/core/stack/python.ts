// Python tracebacks: "most recent call last" blocks, chained with "direct cause" / "during
// handling" separators, and 3.11+ exception groups drawn with `|` and `+-` gutters.
import type { Frame, ParsedError } from '../model';
import { MAX_LINE, clip, indentOf, makeFrame, newError, splitKindMessage } from './util';

const DIRECT_CAUSE = 'The above exception was the direct cause of the following exception:';
const DURING_HANDLING = 'During handling of the above exception, another exception occurred:';

function parseFrameLine(line: string): Frame | undefined {
  // `File "path", line 12, in func`
  const t = line.trimStart();
  if (!t.startsWith('File "')) return undefined;
  const m = /^File "(.*)", line (\d+)(?:, in (.*))?$/.exec(t.trimEnd());
  if (!m) return undefined;
  return makeFrame('python', { file: m[1], line: Number(m[2]), function: m[3] ?? '' });
}

function isTracebackHeader(t: string): boolean {
  return t.startsWith('Traceback (most recent call last)') || t.startsWith('Exception Group Traceback (most recent call last)');
}

interface Block {
  error: ParsedError;
  /** frames as printed (outermost first) */
  printed: Frame[];
}

/** Collects an exception group drawn with gutters starting at `start`; returns its lines and end. */
function collectGroup(lines: string[], start: number, col: number): { own: string[]; members: string[][]; end: number } {
  const own: string[] = ['Traceback (most recent call last):'];
  const members: string[][] = [];
  let i = start + 1;
  const sub = col + 2;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.length > MAX_LINE) continue;
    if (l.trim() === '') break;
    const ind = indentOf(l);
    if (ind < col) break;
    const c = l[ind];
    if (ind === col && c === '|') {
      own.push(l.slice(col + 2));
    } else if (ind === col && c === '+') {
      // `+-+---- 1 ----` opens the members of this group
      if (l.startsWith('+-+', ind)) members.push([]);
      else break;
    } else if (ind === sub && c === '+') {
      // `+---- 2 ----` starts the next member, `+--------` closes the list
      if (/^\+-+ \d+ -+$/.test(l.slice(ind).trim()) || l.slice(ind).includes('and ')) members.push([]);
    } else if (ind >= sub && members.length > 0) {
      // member content: `| text` at sub, deeper gutters belong to nested groups
      const rel = l.slice(sub);
      members[members.length - 1].push(rel.startsWith('| ') ? rel.slice(2) : rel.startsWith('|') ? rel.slice(1) : rel);
    } else if (ind > col && members.length === 0) {
      own.push(l.slice(col + 2));
    } else {
      break;
    }
  }
  return { own, members: members.filter((m) => m.length > 0), end: i };
}

export function parsePython(lines: string[], depth = 0): ParsedError | undefined {
  const blocks: Block[] = [];
  const links: ('cause' | 'context' | undefined)[] = [];
  let current: Block | undefined;
  let pendingLink: 'cause' | 'context' | undefined;
  let messageOpen = false;

  const finishMessageLine = (block: Block, text: string) => {
    if (block.error.kind === '' && block.error.message === '') {
      const km = splitKindMessage(text.trim());
      if (km) {
        block.error.kind = km.kind;
        block.error.message = clip(km.message);
      } else block.error.message = clip(text.trim());
    } else {
      block.error.message = clip(block.error.message + '\n' + text);
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.length > MAX_LINE) continue;
    const ind = indentOf(raw);
    const t = raw.slice(ind).trimEnd();
    // Exception group: `+ Exception Group Traceback` (or `| ` when nested in a member)
    if ((t.startsWith('+ Exception Group Traceback') || t.startsWith('| Exception Group Traceback')) && depth < 20) {
      const group = collectGroup(lines, i, ind);
      const own = parsePython(group.own, depth + 1);
      const err = own ?? newError('python', 'ExceptionGroup');
      err.related = group.members.map((m) => parsePython(m, depth + 1)).filter((e): e is ParsedError => !!e);
      if (err.related.length === 0) delete err.related;
      current = { error: err, printed: [] };
      blocks.push(current);
      links.push(pendingLink);
      pendingLink = undefined;
      messageOpen = false;
      i = group.end - 1;
      continue;
    }
    if (isTracebackHeader(t)) {
      current = { error: newError('python'), printed: [] };
      blocks.push(current);
      links.push(pendingLink);
      pendingLink = undefined;
      messageOpen = false;
      continue;
    }
    if (t === DIRECT_CAUSE) {
      pendingLink = 'cause';
      messageOpen = false;
      continue;
    }
    if (t === DURING_HANDLING) {
      pendingLink = 'context';
      messageOpen = false;
      continue;
    }
    if (!current) continue;
    if (t.startsWith('File "')) {
      const frame = parseFrameLine(t);
      if (frame && !messageOpen) {
        current.printed.push(frame);
        continue;
      }
    }
    if (t === '') {
      if (messageOpen) messageOpen = false;
      continue;
    }
    if (ind === 0 && !messageOpen && current.error.kind === '' && current.error.message === '') {
      finishMessageLine(current, t);
      messageOpen = true;
      continue;
    }
    if (messageOpen && !t.startsWith('File "')) {
      finishMessageLine(current, raw.trimEnd());
      continue;
    }
    // Anything else inside a block is source code, ^^^ markers or `...<9 lines>...`.
  }

  if (blocks.length === 0) return undefined;
  for (const b of blocks) {
    // Printed outermost-first; the model wants the innermost first.
    for (let k = b.printed.length - 1; k >= 0; k--) b.error.frames.push(b.printed[k]);
  }
  // The last block is the exception that propagated; earlier ones are its cause / context.
  for (let k = blocks.length - 1; k > 0; k--) blocks[k].error.cause = blocks[k - 1].error;
  return blocks[blocks.length - 1].error;
}
