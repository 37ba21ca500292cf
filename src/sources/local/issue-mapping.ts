// Maps the store's unmapped frames onto the workspace at query time, once per issue and
// representative stack: lists are asked for often, the representative rarely changes.
import type { Frame, IssueDetails, IssueSummary, ParsedError } from '../../core/model';
import type { FrameMapper } from '../../core/mapping';

const MAX_ENTRIES = 20_000;

function frameKey(f: Frame | undefined): string {
  return f ? `${f.file}\u0001${f.line ?? ''}\u0001${f.function}` : '';
}

export class IssueMappingCache {
  private readonly summaries = new Map<string, { key: string; topFrame?: Frame; inAppFrames?: Frame[] }>();
  private readonly errors = new Map<string, { key: string; error: ParsedError }>();

  constructor(private mapper: FrameMapper | undefined) {}

  /** A new mapper (workspace re-indexed): every cached mapping is stale. */
  setMapper(mapper: FrameMapper | undefined): void {
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
