// The issue lists a Datadog source keeps, one per query and window (or exact range): each
// gathered past the 100-per-search cap, with what may be missing, kept as the last good data
// while Datadog fails, and changed in place when the user changes an issue.
import type { IssueSummary } from '../../core/model';
import type { IssueRecord } from './issue-record';
import { shortfallText, type GatheredIssues } from './issue-search';
import { toSummary } from './to-summary';

export interface ListEntry {
  issues: IssueSummary[];
  records: Map<string, IssueRecord>;
  fetchedAt: number;
  /** Set when a poll or refresh saw changes: the next listIssues fetches again. */
  invalid: boolean;
  /** What may be missing from this list, or undefined when it is complete. */
  shortfall?: string;
  /** For messages: "last 24h", "last 2h", an ISO range. */
  label: string;
}

const MAX_CACHED_LISTS = 8;

export class IssueLists {
  private readonly lists = new Map<string, ListEntry>();
  private readonly fetches = new Map<string, Promise<{ entry: ListEntry; searches: number }>>();

  constructor(
    private readonly gather: (from: number, to: number, viewQuery: string | undefined) => Promise<GatheredIssues>,
    private readonly clock: () => number,
    private readonly log: (level: 'warn', message: string) => void,
  ) {}

  get(key: string): ListEntry | undefined {
    return this.lists.get(key);
  }

  get size(): number {
    return this.lists.size;
  }

  entries(): IterableIterator<[string, ListEntry]> {
    return this.lists.entries();
  }

  /** One gathering per key at a time; concurrent callers share it (and see 0 searches of their own). */
  fetch(key: string, from: number, to: number, viewQuery: string | undefined, label: string): Promise<{ entry: ListEntry; searches: number }> {
    const running = this.fetches.get(key);
    if (running) return running.then(({ entry }) => ({ entry, searches: 0 }));
    const fetching = (async () => {
      const gathered = await this.gather(from, to, viewQuery);
      if (gathered.withoutIssue > 0) this.log('warn', `${gathered.withoutIssue} Datadog search results came without their issue and were skipped`);
      const records = new Map<string, IssueRecord>();
      const issues: IssueSummary[] = [];
      for (const [id, { record, count }] of gathered.issues) {
        records.set(id, record);
        issues.push(toSummary(record, count, from));
      }
      issues.sort((a, b) => b.count - a.count);
      const entry: ListEntry = { issues, records, fetchedAt: this.clock(), invalid: false, shortfall: shortfallText(gathered), label };
      if (entry.shortfall) this.log('warn', `Datadog, ${label}: ${entry.shortfall}`);
      this.lists.delete(key);
      this.lists.set(key, entry);
      while (this.lists.size > MAX_CACHED_LISTS) this.lists.delete(this.lists.keys().next().value as string);
      return { entry, searches: gathered.searches };
    })().finally(() => this.fetches.delete(key));
    this.fetches.set(key, fetching);
    return fetching;
  }

  /** Marks every list but `except` to be fetched again by the next view that asks. */
  invalidateOthers(except: string): void {
    for (const [key, entry] of this.lists) if (key !== except) entry.invalid = true;
  }

  /** Applies a change the user made (state, assignee) to the issue in every list. */
  update(id: string, change: (issue: IssueSummary) => IssueSummary): void {
    for (const entry of this.lists.values()) entry.issues = entry.issues.map((issue) => (issue.id === id ? change(issue) : issue));
  }

  /** The most recent list that may lack issues, said with its window. */
  partial(): string | undefined {
    const incomplete = [...this.lists.values()].filter((entry) => entry.shortfall).sort((a, b) => b.fetchedAt - a.fetchedAt)[0];
    return incomplete ? `${incomplete.label}: ${incomplete.shortfall}` : undefined;
  }
}
