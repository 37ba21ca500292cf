// The issues `scan` reports, in the JSON shape the issue fixes (times as ISO 8601) and as a table.
import { relative, sep } from 'node:path';
import { ISSUE_STATE_LABELS, type Frame, type IssueState, type IssueSummary } from '../core/model';
import type { FrameMapper } from '../core/mapping';
import type { IngestStats } from '../sources/local/ingest-stats';

export interface ReportedIssue {
  id: string;
  service: string;
  errorKind: string;
  message: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  firstSeenVersion: string | null;
  lastSeenVersion: string | null;
  state: string;
  /** Not in the state file before this run. */
  new: boolean;
  topFrame: { file: string; line: number | null; function: string; workspacePath: string | null; workspaceLine: number | null } | null;
  /** Datadog only: who the issue is assigned to (null: nobody), and its page in Datadog. */
  assignee?: string | null;
  url?: string;
}

export function reportIssue(summary: IssueSummary, count: number, isNew: boolean, mapper: FrameMapper | undefined, workspace: string | undefined): ReportedIssue {
  return {
    id: summary.id,
    service: summary.service,
    errorKind: summary.errorKind,
    message: summary.message,
    count,
    firstSeen: new Date(summary.firstSeen).toISOString(),
    lastSeen: new Date(summary.lastSeen).toISOString(),
    firstSeenVersion: summary.firstSeenVersion ?? null,
    lastSeenVersion: summary.lastSeenVersion ?? null,
    state: summary.state,
    new: isNew,
    topFrame: summary.topFrame ? frameOut(summary.topFrame, mapper, workspace) : null,
  };
}

function frameOut(frame: Frame, mapper: FrameMapper | undefined, workspace: string | undefined): NonNullable<ReportedIssue['topFrame']> {
  const mapped = mapper ? mapper.mapFrames([frame])[0] : frame;
  const loc = mapped.location;
  return {
    file: frame.file,
    line: frame.line ?? null,
    function: frame.function,
    // Relative to --workspace so reports read the same on every machine and CI runner.
    workspacePath: loc ? (workspace ? relative(workspace, loc.path).split(sep).join('/') : loc.path) : null,
    workspaceLine: loc ? loc.line : null,
  };
}

export function statsOut(stats: IngestStats) {
  const problems = stats.perFile.filter((f) => f.lastProblem).map((f) => ({ file: f.file, malformed: f.malformed, skipped: f.skipped, lastProblem: f.lastProblem }));
  const { files, lines, records, joined, blank, errors, malformed, skipped } = stats;
  return { files, lines, records, joined, blank, errors, malformed, skipped, problems };
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? flat.slice(0, width - 1) + '…' : flat;
}

export function issueTable(issues: ReportedIssue[]): string {
  const withAssignee = issues.some((i) => i.assignee !== undefined);
  const rows = issues.map((i) => [
    String(i.count),
    // The state as Datadog names it (For Review, Reviewed...), NEW only for an issue new to this run.
    i.new ? 'NEW' : ISSUE_STATE_LABELS[i.state as IssueState] ?? i.state,
    clip(i.service, 20),
    clip(i.errorKind || '-', 32),
    clip(i.message, 60),
    i.topFrame ? clip(`${i.topFrame.workspacePath ?? i.topFrame.file}:${i.topFrame.workspaceLine ?? i.topFrame.line ?? '?'}`, 50) : '-',
    ...(withAssignee ? [clip(i.assignee ?? '-', 24)] : []),
    i.id,
  ]);
  const header = ['COUNT', 'STATE', 'SERVICE', 'KIND', 'MESSAGE', 'TOP FRAME', ...(withAssignee ? ['ASSIGNEE'] : []), 'ID'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
