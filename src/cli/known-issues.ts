// Known Datadog issue ids in the CLI's --state file, in the same versioned format the local scan
// writes (IssueStore.toPersisted), so one file serves both sources: Datadog ids are UUIDs and local
// ids are hashes, so they never collide; entries of the other source are kept untouched. Datadog
// keeps the issues' states itself: an entry here only records that the issue was seen. The file
// also keeps when the last Datadog run looked (`datadogLastRunAt`), which decides what is new.
import { GROUPING_STRATEGY_VERSION } from '../core/grouping';
import type { IssueSummary } from '../core/model';
import { STATE_FORMAT, STATE_FORMAT_VERSION, validatePersisted, type PersistedState } from '../core/issues/persisted';
import { loadStateFile, saveStateFile } from '../sources/local/state-file';
import { InputError } from './args';

export class KnownIssues {
  private constructor(
    private readonly path: string,
    private readonly state: PersistedState,
    private readonly ids: Set<string>,
  ) {}

  static async load(path: string, log: (message: string) => void): Promise<KnownIssues> {
    const { data, warning } = await loadStateFile(path);
    if (warning) log(`warning: ${warning}`);
    if (data === undefined) {
      const empty: PersistedState = {
        format: STATE_FORMAT,
        formatVersion: STATE_FORMAT_VERSION,
        strategyVersion: GROUPING_STRATEGY_VERSION,
        savedAt: 0,
        issues: [],
        templates: [],
        aliases: [],
      };
      return new KnownIssues(path, empty, new Set());
    }
    const checked = validatePersisted(data);
    if (!checked.ok) throw new InputError(`cannot use state file ${path}: ${checked.reason}`);
    // Keep the file's own object so fields this version does not know survive the rewrite.
    const state = data as PersistedState;
    return new KnownIssues(path, state, new Set(checked.state.issues.map((issue) => issue.id)));
  }

  /** When the last run that saved this file searched up to (epoch ms), if one did. */
  get lastRunAt(): number | undefined {
    const value = (this.state as PersistedState & { datadogLastRunAt?: unknown }).datadogLastRunAt;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  set lastRunAt(at: number) {
    (this.state as PersistedState & { datadogLastRunAt?: number }).datadogLastRunAt = at;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Records issues not known yet; true when any was added. */
  add(issues: IssueSummary[]): boolean {
    let added = false;
    for (const issue of issues) {
      if (this.ids.has(issue.id)) continue;
      this.ids.add(issue.id);
      this.state.issues.push({
        id: issue.id,
        parts: ['datadog', issue.service, issue.errorKind],
        state: issue.state,
        firstSeen: issue.firstSeen,
        ...(issue.firstSeenVersion ? { firstSeenVersion: issue.firstSeenVersion } : {}),
        isNew: false,
      });
      added = true;
    }
    return added;
  }

  async save(): Promise<void> {
    this.state.savedAt = Date.now();
    await saveStateFile(this.path, this.state);
  }
}
