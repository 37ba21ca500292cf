// Turns a path as a runtime logged it into clean forward-slash segments, or says why it cannot.
// Pure string work: URLs (webpack://, file://, http://, Dart's package:), Windows drives and backslashes, query
// strings, `.` and `..`. A path whose `..` climbs above its own start is refused, never clamped,
// so hostile input cannot be steered onto another file.

export interface LoggedPath {
  /** Non-empty segments, `.`/`..` resolved. */
  segments: string[];
  /** True when the logged path was rooted (`/x`, `C:\x`, `file:///x`). */
  absolute: boolean;
  /** Lower-cased drive letter with colon (`c:`) for Windows paths. */
  drive?: string;
}

export type NormalizeResult =
  | { ok: true; value: LoggedPath }
  | { ok: false; code: 'no-path' | 'outside-workspace'; detail: string };

export const MAX_PATH_LENGTH = 4096;

export function normalizeLoggedPath(raw: string): NormalizeResult {
  if (!raw || !raw.trim()) return { ok: false, code: 'no-path', detail: 'the frame has no file path' };
  if (raw.length > MAX_PATH_LENGTH) {
    return { ok: false, code: 'no-path', detail: `the file path is longer than ${MAX_PATH_LENGTH} characters` };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    return { ok: false, code: 'no-path', detail: 'the file path contains control characters' };
  }
  let p = raw.trim();
  let absolute = false;
  let fromUrl = false;
  const webpack = /^webpack(?:-internal)?:\/\/[^/]*\//i.exec(p);
  if (webpack) {
    // webpack:///./src/x.ts, webpack://app-name/./src/x.ts: relative to the build's context.
    p = p.slice(webpack[0].length);
    fromUrl = true;
  } else if (/^file:\/\//i.test(p)) {
    p = p.replace(/^file:\/\/(?:localhost)?/i, '');
    p = safeDecode(p);
    if (/^\/[a-zA-Z]:[/\\]/.test(p)) p = p.slice(1); // file:///C:/x
    fromUrl = true;
  } else if (/^package:[a-z_][a-z0-9_]*\//i.test(p)) {
    // Dart's package:app/src/x.dart is the file src/x.dart of package app's lib/ directory.
    p = 'lib/' + p.slice(p.indexOf('/') + 1);
    fromUrl = true;
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    // http(s)://host/static/js/main.js: the host means nothing locally, keep the path relative.
    p = p.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    p = safeDecode(p).replace(/^\/+/, '');
    fromUrl = true;
  }
  if (fromUrl || /\?/.test(p)) p = p.replace(/[?#].*$/, '');
  p = p.replace(/\\/g, '/');
  let drive: string | undefined;
  const d = /^([a-zA-Z]):(\/|$)/.exec(p);
  if (d) {
    drive = `${d[1].toLowerCase()}:`;
    p = p.slice(2);
    absolute = true;
  } else if (p.startsWith('/')) {
    absolute = true;
  }
  const segments: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (segments.length === 0) {
        return { ok: false, code: 'outside-workspace', detail: `"${shorten(raw)}" climbs above its root with ".."` };
      }
      segments.pop();
      continue;
    }
    segments.push(seg);
  }
  if (segments.length === 0) return { ok: false, code: 'no-path', detail: `"${shorten(raw)}" names no file` };
  return { ok: true, value: { segments, absolute, drive } };
}

/** Forward slashes, no trailing slash, `.`/`..` resolved lexically; for workspace folder paths. */
export function normalizeFsPath(p: string): string {
  const slashed = p.replace(/\\/g, '/');
  const m = /^([a-zA-Z]):/.exec(slashed);
  const head = m ? `${m[1].toUpperCase()}:` : '';
  const rest = m ? slashed.slice(2) : slashed;
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `${head}/${out.join('/')}`;
}

export function shorten(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
