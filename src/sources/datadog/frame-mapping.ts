// Puts Datadog's frames onto the workspace, as the local source does for its own: the lenses,
// hovers and the issue page only show frames that carry a location.
import { readFileSync, statSync } from 'node:fs';
import type { Frame, IssueSummary, ParsedError } from '../../core/model';
import { FrameMapper } from '../../core/mapping';
import { buildWorkspaceIndex, readGoModules } from '../local/workspace-files';

/** What a FrameMapper offers; tests and other hosts may pass their own. */
export interface FrameMapperLike {
  mapFrames(frames: Frame[]): Frame[];
  mapError(error: ParsedError): ParsedError;
}

const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
const MAX_CACHED = 20_000;

/** Indexes the folders (honouring .gitignore and dependency folders) and returns a mapper. */
export async function buildWorkspaceMapper(folders: string[], prefixMappings: Record<string, string> | undefined): Promise<FrameMapperLike> {
  const [index, goModules] = await Promise.all([buildWorkspaceIndex(folders), readGoModules(folders)]);
  const readFile = (absPath: string): string | undefined => {
    try {
      return statSync(absPath).size > MAX_SOURCE_BYTES ? undefined : readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  };
  return new FrameMapper(index, { prefixMappings, goModules }, readFile);
}

function frameKey(f: Frame | undefined): string {
  return f ? `${f.file}\u0001${f.line ?? ''}\u0001${f.function}` : '';
}

/** Maps each issue's frames once per distinct set of frames (lists are asked for often). */
export class SummaryMapping {
  private readonly cache = new Map<string, { key: string; topFrame?: Frame; inAppFrames?: Frame[] }>();

  constructor(private readonly mapper: FrameMapperLike | undefined) {}

  summary<T extends IssueSummary>(issue: T): T {
    if (!this.mapper || (!issue.topFrame && !issue.inAppFrames?.length)) return issue;
    const inApp = issue.inAppFrames ?? [];
    const key = `${frameKey(issue.topFrame)}\u0002${inApp.map(frameKey).join('\u0002')}`;
    let cached = this.cache.get(issue.id);
    if (!cached || cached.key !== key) {
      // One trace: mapped together so the frames' votes agree on the prefix.
      const frames = this.mapper.mapFrames(issue.topFrame ? [issue.topFrame, ...inApp] : inApp);
      const topFrame = issue.topFrame ? frames[0] : undefined;
      const inAppFrames = (issue.topFrame ? frames.slice(1) : frames).filter((f) => f.location);
      cached = { key, topFrame, inAppFrames };
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(issue.id, cached);
    }
    return { ...issue, topFrame: cached.topFrame, inAppFrames: cached.inAppFrames };
  }

  error(error: ParsedError): ParsedError {
    return this.mapper ? this.mapper.mapError(error) : error;
  }
}
