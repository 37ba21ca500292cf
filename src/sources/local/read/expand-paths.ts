// Turns files, directories and globs (absolute, or relative to each base folder) into the list
// of log files to read. Directories mean every log-looking file below them.
import fg from 'fast-glob';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

export const LOG_FILE_GLOB = '**/*.{jsonl,ndjson,log,json,txt,clef,jsonl.gz,ndjson.gz,log.gz,json.gz,txt.gz}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

export interface ExpandResult {
  files: string[];
  /** Patterns or paths that matched nothing, with why. */
  missing: { pattern: string; reason: string }[];
}

export async function expandPaths(patterns: string[], baseFolders: string[]): Promise<ExpandResult> {
  const files = new Set<string>();
  const missing: ExpandResult['missing'] = [];
  const bases = baseFolders.length > 0 ? baseFolders : [process.cwd()];
  for (const pattern of patterns) {
    const before = files.size;
    const targets = isAbsolute(pattern) ? [pattern] : bases.map((base) => join(base, pattern));
    let reason = 'no such file or directory';
    for (const target of targets) {
      const info = await stat(target).catch((err: NodeJS.ErrnoException) => {
        if (err.code && err.code !== 'ENOENT') reason = `${err.code}: ${err.message}`;
        return undefined;
      });
      if (info?.isFile()) files.add(resolve(target));
      else if (info?.isDirectory()) {
        for (const f of await glob(LOG_FILE_GLOB, target)) files.add(f);
      } else if (fg.isDynamicPattern(pattern)) {
        const cwd = isAbsolute(pattern) ? '/' : target.slice(0, target.length - pattern.length);
        const rel = isAbsolute(pattern) ? pattern.slice(1) : pattern;
        for (const f of await glob(rel, cwd)) files.add(f);
        reason = 'the glob matched no file';
      }
    }
    if (files.size === before) missing.push({ pattern, reason });
  }
  return { files: [...files].sort(), missing };
}

async function glob(pattern: string, cwd: string): Promise<string[]> {
  return fg(pattern, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: IGNORE, suppressErrors: true });
}
