// issue.new / issue.regressed from successive polls, as the local engine announces them.
//
// The first successful poll is the baseline and announces nothing (otherwise connecting would
// announce every existing issue). After it:
// - an issue id never seen before whose first_seen is after the baseline (minus a slack for
//   Datadog's ingestion delay) is NEW; an unseen id with an old first_seen is only an issue that
//   was quiet or outside the top results, and is not announced;
// - an issue whose `regression.regressed_at` is newer than what was last seen (and after the
//   baseline) is REGRESSED.
// Ids stay known for the source's life, so an issue leaving the window and coming back is silent.
import type { IssueEvent, IssueState, IssueSummary } from '../../core/model';

/** Issues someone chose not to hear about (or a rule excluded) are never announced. */
const SILENT: readonly IssueState[] = ['IGNORED', 'EXCLUDED'];

export const NEW_SLACK_MS = 15 * 60_000;

export class ChangeDetector {
  private baselineAt: number | undefined;
  private readonly known = new Map<string, number | undefined>(); // id -> regressedAt last seen

  get hasBaseline(): boolean {
    return this.baselineAt !== undefined;
  }

  /** Feeds one poll's issues; returns the events to announce. */
  observe(issues: IssueSummary[], pollAt: number): IssueEvent[] {
    if (this.baselineAt === undefined) {
      this.baselineAt = pollAt;
      for (const issue of issues) this.known.set(issue.id, issue.regression?.at);
      return [];
    }
    const since = this.baselineAt - NEW_SLACK_MS;
    const events: IssueEvent[] = [];
    for (const issue of issues) {
      const regressedAt = issue.regression?.at;
      if (!this.known.has(issue.id)) {
        this.known.set(issue.id, regressedAt);
        if (SILENT.includes(issue.state)) continue;
        if (issue.firstSeen >= since) events.push({ kind: 'issue.new', issue });
        else if (regressedAt !== undefined && regressedAt >= since) events.push({ kind: 'issue.regressed', issue });
        continue;
      }
      const before = this.known.get(issue.id);
      if (regressedAt !== undefined && regressedAt !== before) {
        this.known.set(issue.id, regressedAt);
        if (regressedAt >= since && (before === undefined || regressedAt > before) && !SILENT.includes(issue.state)) {
          events.push({ kind: 'issue.regressed', issue });
        }
      }
    }
    return events;
  }
}
