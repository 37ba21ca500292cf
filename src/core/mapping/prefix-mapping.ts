// Explicit path mappings from settings ("/app/": "${workspaceFolder}/"), as Sentry's code
// mappings do: the longest matching prefix is tried first; the target must be an indexed file
// inside a workspace folder, whatever `..` the logged path holds.
import type { UnmappedReason } from '../model';
import { normalizeFsPath, normalizeLoggedPath, shorten } from './path-normalize';
import { isInside, type IndexedFile, type WorkspaceIndex } from './workspace-index';

export interface PrefixRule {
  /** The logged prefix, forward slashes. */
  from: string;
  /** Expanded target directories, normalized (several when ${workspaceFolder} is multi-root). */
  targets: string[];
  /** The setting as written, for explanations. */
  label: string;
}

export type PrefixResult =
  | { kind: 'hit'; file: IndexedFile; rule: PrefixRule }
  | { kind: 'miss'; reason: UnmappedReason };

/** Expands ${workspaceFolder} and ${workspaceFolder:name}; most specific (longest) prefix first. */
export function compilePrefixMappings(mappings: Record<string, string> | undefined, folders: string[]): PrefixRule[] {
  const rules: PrefixRule[] = [];
  for (const [from, to] of Object.entries(mappings ?? {})) {
    if (!from || typeof to !== 'string') continue;
    const targets = expandTarget(to, folders);
    if (targets.length === 0) continue;
    rules.push({ from: from.replace(/\\/g, '/'), targets, label: `"${from}" → "${to}"` });
  }
  return rules.sort((a, b) => b.from.length - a.from.length);
}

function expandTarget(to: string, folders: string[]): string[] {
  const named = /\$\{workspaceFolder:([^}]+)\}/.exec(to);
  if (named) {
    const folder = folders.find((f) => baseName(f) === named[1]);
    return folder ? [normalizeFsPath(to.replace(named[0], folder.replace(/\\/g, '/')))] : [];
  }
  if (to.includes('${workspaceFolder}')) {
    return folders.map((f) => normalizeFsPath(to.split('${workspaceFolder}').join(f.replace(/\\/g, '/'))));
  }
  return [normalizeFsPath(to)];
}

function baseName(folder: string): string {
  const parts = folder.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1];
}

/** Applies the first rule whose prefix matches and lands on an indexed file; undefined when no rule matches. */
export function applyPrefixMappings(rawFile: string, rules: PrefixRule[], index: WorkspaceIndex): PrefixResult | undefined {
  if (rules.length === 0) return undefined;
  const logged = rawFile.replace(/\\/g, '/');
  let firstMiss: UnmappedReason | undefined;
  for (const rule of rules) {
    const rest = matchPrefix(logged, rule.from);
    if (rest === undefined) continue;
    const tail = rest.replace(/^\/+/, '');
    const norm = normalizeLoggedPath(tail === '' ? '.' : tail);
    if (!norm.ok) {
      firstMiss ??= { code: norm.code, detail: `${norm.detail} (mapping ${rule.label})` };
      continue;
    }
    const hits: IndexedFile[] = [];
    let outside = true;
    for (const target of rule.targets) {
      const abs = `${target === '/' ? '' : target}/${norm.value.segments.join('/')}`;
      const folder = index.normalizedFolders.some((f) => isInside(abs, f));
      if (!folder) continue;
      outside = false;
      const file = index.lookup(abs);
      if (file) hits.push(file);
    }
    if (hits.length === 1) return { kind: 'hit', file: hits[0], rule };
    if (hits.length > 1) {
      firstMiss ??= {
        code: 'ambiguous',
        detail: `mapping ${rule.label} finds the file in several workspace folders`,
        candidates: hits.map((h) => index.pathOf(h)),
      };
      continue;
    }
    firstMiss ??= outside
      ? { code: 'outside-workspace', detail: `mapping ${rule.label} points outside the workspace folders` }
      : { code: 'no-file', detail: `mapping ${rule.label} gives "${shorten(norm.value.segments.join('/'))}", which is not a workspace file` };
  }
  return firstMiss ? { kind: 'miss', reason: firstMiss } : undefined;
}

function matchPrefix(logged: string, from: string): string | undefined {
  const drive = /^[a-zA-Z]:/.test(from);
  const a = drive ? logged.toLowerCase() : logged;
  const b = drive ? from.toLowerCase() : from;
  if (!a.startsWith(b)) return undefined;
  const rest = logged.slice(from.length);
  // "/app" must not match "/application/x": the prefix ends at a separator.
  if (!from.endsWith('/') && rest !== '' && !rest.startsWith('/')) return undefined;
  return rest;
}
