// Puts issues' frames onto the workspace at query time, for every source: the lenses, hovers and
// the issue page only show frames that carry a location. Mapped once per issue and set of frames:
// lists are asked for often, an issue's representative stack rarely changes.
import { readFileSync, statSync } from 'node:fs';
import type { Frame, IssueDetails, IssueSummary, ParsedError } from '../core/model';
import { FrameMapper, type WorkspaceIndex } from '../core/mapping';
import { buildWorkspaceIndex, readGoModules } from './local/workspace-files';

/** What a FrameMapper offers; tests and other hosts may pass their own. */
export interface FrameMapperLike {
  mapFrames(frames: Frame[]): Frame[];
  mapError(error: ParsedError): ParsedError;
}

/** Source files larger than this are not read for line placement. */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

function readSource(absPath: string): string | undefined {
  try {
    return statSync(absPath).size > MAX_SOURCE_BYTES ? undefined : readFileSync(absPath, 'utf8');
  } catch {
    return undefined;
  }
}

/** Indexes the folders (honouring .gitignore and dependency folders) and returns a mapper over them. */
export async function buildWorkspaceMapper(
  folders: string[],
  prefixMappings: Record<string, string> | undefined,
): Promise<{ mapper: FrameMapper; index: WorkspaceIndex }> {
  const [index, goModules] = await Promise.all([buildWorkspaceIndex(folders), readGoModules(folders)]);
  return { mapper: new FrameMapper(index, { prefixMappings, goModules }, readSource), index };
}

const MAX_ENTRIES = 20_000;

function frameKey(f: Frame | undefined): string {
  return f ? `${f.file}\u0001${f.line ?? ''}\u0001${f.function}` : '';
}

export class IssueMappingCache {
  private readonly summaries = new Map<string, { key: string; topFrame?: Frame; inAppFrames?: Frame[] }>();
  private readonly errors = new Map<string, { key: string; error: ParsedError }>();

  constructor(private mapper: FrameMapperLike | undefined) {}

  /** A new mapper (workspace re-indexed): every cached mapping is stale. */
  setMapper(mapper: FrameMapperLike | undefined): void {
    this.mapper = mapper;
    this.summaries.clear();
    this.errors.clear();
  }

  summary<T extends IssueSummary>(issue: T): T {
    const mapper = this.mapper;
    if (!mapper || (!issue.topFrame && !issue.inAppFrames?.length)) return issue;
    const inApp = issue.inAppFrames ?? [];
    const key = frameKey(issue.topFrame) + '\u0002' + inApp.map(frameKey).join('\u0002');
    let cached = this.summaries.get(issue.id);
    if (!cached || cached.key !== key) {
      // The top frame is mapped together with the in-app frames: they come from one trace.
      const frames = mapper.mapFrames(issue.topFrame ? [issue.topFrame, ...inApp] : inApp);
      const topFrame = issue.topFrame ? frames[0] : undefined;
      const inAppFrames = (issue.topFrame ? frames.slice(1) : frames).filter((f) => f.location);
      cached = { key, topFrame, inAppFrames };
      if (this.summaries.size >= MAX_ENTRIES) this.summaries.clear();
      this.summaries.set(issue.id, cached);
    }
    return { ...issue, topFrame: cached.topFrame, inAppFrames: cached.inAppFrames };
  }

  /** A parsed error outside any issue (e.g. a sample's own stack). */
  error(error: ParsedError): ParsedError {
    return this.mapper ? this.mapper.mapError(error) : error;
  }

  details(issue: IssueDetails): IssueDetails {
    const mapped = this.summary(issue);
    const mapper = this.mapper;
    if (!mapper || !issue.error) return mapped;
    const key = chainKey(issue.error);
    let cached = this.errors.get(issue.id);
    if (!cached || cached.key !== key) {
      cached = { key, error: mapper.mapError(issue.error) };
      if (this.errors.size >= MAX_ENTRIES) this.errors.clear();
      this.errors.set(issue.id, cached);
    }
    return { ...mapped, error: cached.error };
  }
}

function chainKey(error: ParsedError): string {
  const parts: string[] = [];
  for (let e: ParsedError | undefined = error; e && parts.length < 100; e = e.cause) parts.push(e.kind, e.frames.map(frameKey).join('\u0002'));
  return parts.join('\u0003');
}
