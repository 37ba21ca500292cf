// A correct subset of .gitignore semantics, so ignored paths never become mapping targets:
// comments, blank lines, `!` negation, trailing `/` (directories only), patterns with a `/`
// anchored to the .gitignore's directory, patterns without one matching at any depth, `**`.
// Not supported: the rule that a file cannot be re-included when its parent directory is
// excluded is met naturally because the walker never enters excluded directories.
import picomatch from 'picomatch';

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  match: (relPath: string) => boolean;
}

export interface IgnoreFile {
  /** Directory of the .gitignore, relative to the workspace folder ('' for the root). */
  base: string;
  rules: Rule[];
}

export function parseGitignore(text: string, base: string): IgnoreFile {
  const rules: Rule[] = [];
  for (let line of text.split(/\r?\n/)) {
    line = line.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (!line) continue;
    const anchored = line.includes('/');
    const glob = anchored ? line.replace(/^\/+/, '') : `**/${line}`;
    let match: (p: string) => boolean;
    try {
      match = picomatch(glob, { dot: true });
    } catch {
      continue;
    }
    rules.push({ negate, dirOnly, match });
  }
  return { base, rules };
}

/**
 * Whether a path (relative to the workspace folder, forward slashes) is ignored by the stack of
 * .gitignore files that apply to it, outermost first. The deepest file with a matching rule
 * decides, and within one file the last matching rule.
 */
export function isIgnored(relPath: string, isDir: boolean, files: IgnoreFile[]): boolean {
  for (let f = files.length - 1; f >= 0; f--) {
    const { base, rules } = files[f];
    if (base && relPath !== base && !relPath.startsWith(`${base}/`)) continue;
    const rel = base ? relPath.slice(base.length + 1) : relPath;
    if (!rel) continue;
    for (let r = rules.length - 1; r >= 0; r--) {
      const rule = rules[r];
      if (rule.dirOnly && !isDir) continue;
      if (rule.match(rel)) return !rule.negate;
    }
  }
  return false;
}

/** Dependency and version-control directories that are never mapping targets. */
export const SKIPPED_DIRECTORIES = new Set([
  '.git', '.hg', '.svn', '.jj', 'node_modules', 'bower_components', 'jspm_packages', 'vendor',
  '.venv', '__pycache__', 'site-packages', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.gradle',
]);
