// Maps the frames of a trace onto workspace files and lines. Order of attempts for one frame:
// explicit prefix mappings, then (in-app frames only) an absolute path already in the workspace,
// the JVM package path, the Go module path, Python site-packages, and finally the longest unique
// path suffix. A library frame is mapped only when it is an installed copy of a workspace file. Frames left with several candidates are settled by the prefix pair that the
// trace's other frames agree on; otherwise they are reported as ambiguous, never guessed.
import type { Frame, ParsedError, ResolvedLocation, UnmappedReason } from '../model';
import { countLines, placeLine } from './drift';
import { sourceFunctionName } from './function-name';
import { goPackageDirs, goPackagePath, type GoModule } from './go';
import { isJvmFrame, jvmPackagePath } from './java';
import { findFunctions, type FunctionRange } from './outline';
import { normalizeFsPath, normalizeLoggedPath, shorten } from './path-normalize';
import { applyPrefixMappings, compilePrefixMappings, type PrefixRule } from './prefix-mapping';
import { sitePackagesTail } from './python';
import { installedSourceIn } from './installed-package';
import { pairOf, preferSharedPrefix, suffixCandidates, type PrefixPair, type SuffixResult } from './suffix-match';
import { isInside, type IndexedFile, type WorkspaceIndex } from './workspace-index';

export interface MappingOptions {
  prefixMappings?: Record<string, string>;
  goModules?: GoModule[];
}

type How = ResolvedLocation['how'];
type Attempt =
  /** `owned`: a library-looking frame the workspace holds the source of (an installed copy). */
  | { kind: 'hit'; file: IndexedFile; how: How; pair?: PrefixPair; owned?: boolean }
  /** Several candidates: the trace's votes may settle it (when `logged` is set), else ambiguous. */
  | { kind: 'choose'; candidates: IndexedFile[]; logged?: string[]; matched: number; how: How; detail: string }
  | { kind: 'miss'; reason: UnmappedReason };
type Votes = Map<string, { pair: PrefixPair; count: number }>;

const MAX_LISTED_CANDIDATES = 20;

export class FrameMapper {
  private readonly rules: PrefixRule[];
  private readonly goModules: GoModule[];
  private readonly outlines = new Map<string, { text: string; functions: FunctionRange[]; lines: number }>();

  constructor(
    private readonly index: WorkspaceIndex,
    options: MappingOptions,
    private readonly readFile?: (absPath: string) => string | undefined,
  ) {
    this.rules = compilePrefixMappings(options.prefixMappings, index.folders);
    this.goModules = (options.goModules ?? []).map((m) => ({ module: m.module, dir: normalizeFsPath(m.dir) }));
  }

  /** A copy of the chain with every frame given a location or an unmapped reason. */
  mapError(error: ParsedError): ParsedError {
    const chain: ParsedError[] = [];
    for (let e: ParsedError | undefined = error; e && chain.length < 100; e = e.cause) chain.push(e);
    const mapped = this.mapLists(chain.map((e) => e.frames));
    let rebuilt: ParsedError | undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const { cause: _cause, ...rest } = chain[i];
      rebuilt = { ...rest, frames: mapped[i], ...(rebuilt ? { cause: rebuilt } : {}) };
    }
    return rebuilt as ParsedError;
  }

  /** Copies of the frames (one trace) with a location or an unmapped reason each. */
  mapFrames(frames: Frame[]): Frame[] {
    return this.mapLists([frames])[0];
  }

  private mapLists(lists: Frame[][]): Frame[][] {
    const attempts = lists.map((frames) => frames.map((f) => this.attempt(f)));
    const votes: Votes = new Map();
    for (const list of attempts) {
      for (const a of list) {
        if (a.kind !== 'hit' || !a.pair) continue;
        const v = votes.get(a.pair.key);
        if (v) v.count++;
        else votes.set(a.pair.key, { pair: a.pair, count: 1 });
      }
    }
    return lists.map((frames, i) => frames.map((frame, j) => this.finish(frame, attempts[i][j], votes)));
  }

  private attempt(frame: Frame): Attempt {
    const raw = frame.file ?? '';
    const prefix = applyPrefixMappings(raw, this.rules, this.index);
    if (prefix?.kind === 'hit') return { kind: 'hit', file: prefix.file, how: 'prefix-mapping' };
    if (!frame.inApp) {
      if (prefix?.kind === 'miss' && prefix.reason.code === 'outside-workspace') return prefix;
      const owned = installedSourceIn(this.index, raw);
      if (owned) return { kind: 'hit', file: owned, how: 'suffix', owned: true };
      return { kind: 'miss', reason: { code: 'library', detail: 'not in-app code (a dependency or the runtime); a path mapping can map it' } };
    }
    const found = this.automatic(frame, raw);
    if (found.kind === 'miss' && found.reason.code === 'no-file' && prefix?.kind === 'miss') return prefix;
    return found;
  }

  private automatic(frame: Frame, raw: string): Attempt {
    const norm = normalizeLoggedPath(raw);
    if (!norm.ok) return { kind: 'miss', reason: { code: norm.code, detail: norm.detail } };
    const { segments, absolute, drive } = norm.value;
    // Windows paths: the file system ignored case, so the logged case may differ from the disk's.
    const foldCase = drive !== undefined || raw.includes('\\');
    if (absolute) {
      const abs = `${drive ? drive.toUpperCase() : ''}/${segments.join('/')}`;
      if (this.index.normalizedFolders.some((f) => isInside(abs, f))) {
        const file = this.index.lookup(abs);
        if (file) return { kind: 'hit', file, how: 'exact' };
        return miss('no-file', `${shorten(raw)} is inside the workspace but is not an indexed file (deleted, renamed or ignored)`);
      }
    }
    if (isJvmFrame(frame)) {
      const pkgPath = jvmPackagePath(frame);
      if (pkgPath) {
        const found = this.fromCandidates(suffixCandidates(this.index, pkgPath, pkgPath.length, MAX_LISTED_CANDIDATES, foldCase), 'package', pkgPath);
        if (found) return found;
      }
    }
    if (/\.go$/.test(segments[segments.length - 1]) && this.goModules.length > 0) {
      const found = this.fromGoModule(frame, segments);
      if (found) return found;
    }
    const tail = sitePackagesTail(segments);
    if (tail) {
      const found = this.fromCandidates(suffixCandidates(this.index, tail, tail.length, MAX_LISTED_CANDIDATES, foldCase), 'suffix', tail);
      return found ?? miss('no-file', `no workspace file ends with ${shorten(tail.join('/'))} (installed package path)`);
    }
    const found = this.fromCandidates(suffixCandidates(this.index, segments, 1, MAX_LISTED_CANDIDATES, foldCase), 'suffix', segments);
    return found ?? miss('no-file', `no workspace file is named ${shorten(segments[segments.length - 1])}`);
  }

  private fromGoModule(frame: Frame, segments: string[]): Attempt | undefined {
    const pkg = goPackagePath(frame.function) ?? (frame.module?.includes('/') ? frame.module : undefined);
    if (!pkg) return undefined;
    const base = segments[segments.length - 1];
    const hits: IndexedFile[] = [];
    for (const d of goPackageDirs(pkg, this.goModules)) {
      const file = this.index.lookup(`${d.dir === '/' ? '' : d.dir}/${[...d.rel, base].join('/')}`);
      if (file) hits.push(file);
    }
    if (hits.length === 0) return undefined;
    if (hits.length === 1) return { kind: 'hit', file: hits[0], how: 'go-module' };
    return { kind: 'choose', candidates: hits, matched: 0, how: 'go-module', detail: `several Go modules declare the package ${pkg}` };
  }

  private fromCandidates(found: SuffixResult, how: How, logged: string[]): Attempt | undefined {
    if (found.total === 0) return undefined;
    if (found.total === 1) return { kind: 'hit', file: found.files[0], how, pair: pairOf(found.files[0], logged, found.matched) };
    const suffix = logged.slice(logged.length - found.matched).join('/');
    const detail = `${found.total} workspace files end with ${shorten(suffix)}`;
    return { kind: 'choose', candidates: found.files, logged, matched: found.matched, how, detail };
  }

  private finish(frame: Frame, attempt: Attempt, votes: Votes): Frame {
    const { location: _l, unmapped: _u, ...copy } = frame;
    let resolved: { file: IndexedFile; how: How } | undefined;
    if (attempt.kind === 'hit') resolved = attempt;
    else if (attempt.kind === 'choose') {
      const chosen = attempt.logged ? preferSharedPrefix(this.index, attempt.logged, attempt.matched, votes) : undefined;
      if (chosen) resolved = { file: chosen, how: attempt.how };
      else {
        const candidates = attempt.candidates.map((c) => this.index.pathOf(c)).sort().slice(0, MAX_LISTED_CANDIDATES);
        return { ...copy, unmapped: { code: 'ambiguous', detail: attempt.detail, candidates } };
      }
    } else return { ...copy, unmapped: attempt.reason };
    // The user's own package, installed: in-app, as grouping judged it when it knew the workspace.
    if (attempt.kind === 'hit' && attempt.owned) copy.inApp = true;
    return { ...copy, location: this.locate(frame, resolved.file, resolved.how) };
  }

  private locate(frame: Frame, file: IndexedFile, how: How): ResolvedLocation {
    const path = this.index.pathOf(file);
    const location: ResolvedLocation = { workspaceFolder: this.index.folders[file.folder], path, line: frame.line ?? 1, how };
    if (frame.column !== undefined) location.column = frame.column;
    const outline = this.outline(path);
    if (!outline) {
      if (frame.line !== undefined) location.lineHow = 'as-logged';
      return location;
    }
    const name = sourceFunctionName(frame);
    if (frame.line === undefined) {
      const fn = name ? outline.functions.find((f) => f.name === name) : undefined;
      if (fn) {
        location.line = fn.startLine;
        location.lineHow = 'function-offset';
      }
      return location;
    }
    const placed = placeLine(outline.functions, outline.lines, frame.line, name);
    location.line = placed.line;
    location.lineHow = placed.lineHow;
    if (placed.lineHow === 'function-offset') delete location.column;
    return location;
  }

  private outline(path: string): { functions: FunctionRange[]; lines: number } | undefined {
    if (!this.readFile) return undefined;
    let text: string | undefined;
    try {
      text = this.readFile(path);
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    const cached = this.outlines.get(path);
    if (cached && cached.text === text) return cached;
    const ext = /\.([^./\\]+)$/.exec(path)?.[1] ?? '';
    const entry = { text, functions: findFunctions(text, ext), lines: countLines(text) };
    if (this.outlines.size > 500) this.outlines.clear();
    this.outlines.set(path, entry);
    return entry;
  }
}

function miss(code: 'no-file', detail: string): Attempt {
  return { kind: 'miss', reason: { code, detail } };
}
