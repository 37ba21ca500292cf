// The parts a fingerprint is made of, and the normalization of the frame part.
// Parts are "name:value" strings so a persisted fingerprint reads on its own.

import type { Frame } from '../model';

/** File as grouped: forward slashes, no URL query or fragment, no line/column suffix, release
 *  directories and bundle hashes masked so a redeploy to /app/releases/20261129/ is the same file. */
export function normalizeFile(file: string): string {
  let f = file.replace(/\\/g, '/');
  f = f.replace(/[?#].*$/, '');
  f = f.replace(/(?::\d+){1,2}$/, '');
  f = f.replace(/(^|[/._-])[0-9a-f]{8,}(?=[/._-]|$)/gi, '$1<hash>');
  f = f.replace(/(^|\/)\d+(?=\/)/g, '$1<num>');
  return f;
}

/** Function as grouped: the parser's normalized name, else the logged one minus obvious noise
 *  (anonymous-function counters, Java lambda numbers, Go closure suffixes, addresses). */
export function normalizeFunction(frame: Frame): string {
  if (frame.normalizedFunction !== undefined) return frame.normalizedFunction;
  return frame.function
    .replace(/\$\$Lambda\$\d+\/0x[0-9a-f]+/gi, '$$Lambda')
    .replace(/lambda\$(\w+)\$\d+/g, 'lambda$$$1')
    .replace(/\.func\d+(?:\.\d+)*/g, '.func')
    .replace(/0x[0-9a-f]+/gi, '')
    .trim();
}

// Parsed stacks are cached upstream, so the same Frame objects recur across events.
const FRAME_PARTS = new WeakMap<Frame, string>();

export function framePart(frame: Frame): string {
  let part = FRAME_PARTS.get(frame);
  if (part === undefined) {
    part = computeFramePart(frame);
    FRAME_PARTS.set(frame, part);
  }
  return part;
}

function computeFramePart(frame: Frame): string {
  const file = normalizeFile(frame.file);
  const fn = normalizeFunction(frame);
  // The module (Java class, Python module...) tells apart same-named files in different packages.
  const mod = frame.module && !fn.startsWith(frame.module) ? `${frame.module}.` : '';
  return `${file}|${mod}${fn}`;
}

export function joinParts(parts: string[]): string {
  return parts.join('\n');
}
