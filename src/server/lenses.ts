// Which CodeLenses a file gets: one summary lens above each function holding in-app frames of
// open issues, plus one lens per issue when there are few. Pure: the server feeds it data.

import type { Frame, IssueSummary, TimeWindow } from '../core/model';
import { enclosingFunction, type FunctionRange } from '../core/mapping/outline';
import { ClientCommands } from '../protocol/messages';
import { formatAgo, formatCount, plural, truncate } from './format';

export interface LensSpec {
  /** 0-based line the lens sits above. */
  line: number;
  title: string;
  command: string;
  args: unknown[];
  tooltip?: string;
}

export interface FunctionIssues {
  /** 0-based line of the function start (or of the frame when no function encloses it). */
  line: number;
  functionName?: string;
  issues: IssueSummary[];
  /** 1-based frame lines in this function, for hovers and diagnostics. */
  frameLines: number[];
}

export function isOpen(issue: IssueSummary): boolean {
  return issue.state === 'OPEN' || issue.state === 'ACKNOWLEDGED';
}

/** Frames of an issue that point into the given file. */
export function framesInFile(issue: IssueSummary, filePath: string): Frame[] {
  const frames = issue.inAppFrames ?? (issue.topFrame ? [issue.topFrame] : []);
  return frames.filter((frame) => frame.location?.path === filePath);
}

/** Groups the open issues touching a file by the function that encloses their frames. */
export function issuesByFunction(issues: IssueSummary[], filePath: string, functions: FunctionRange[]): FunctionIssues[] {
  const groups = new Map<number, FunctionIssues>();
  for (const issue of issues) {
    if (!isOpen(issue)) continue;
    for (const frame of framesInFile(issue, filePath)) {
      const frameLine = frame.location!.line;
      const fn = enclosingFunction(functions, frameLine);
      const line = (fn ? fn.startLine : frameLine) - 1;
      let group = groups.get(line);
      if (!group) {
        group = { line, functionName: fn?.name, issues: [], frameLines: [] };
        groups.set(line, group);
      }
      if (!group.issues.includes(issue)) group.issues.push(issue);
      if (!group.frameLines.includes(frameLine)) group.frameLines.push(frameLine);
    }
  }
  return [...groups.values()].sort((a, b) => a.line - b.line);
}

export function summaryTitle(issues: IssueSummary[], window: TimeWindow, now: number): string {
  const errors = issues.reduce((sum, issue) => sum + issue.count, 0);
  const last = Math.max(...issues.map((issue) => issue.lastSeen));
  const fresh = issues.filter((issue) => issue.isNew || issue.regression).length;
  const parts = [`⚠ ${plural(issues.length, 'issue')}`, `${plural(errors, 'error')} (${window})`, `last ${formatAgo(last, now)}`];
  if (fresh > 0) parts.push(`${fresh} new`);
  return parts.join(' · ');
}

export function issueTitle(issue: IssueSummary): string {
  const marker = issue.regression ? 'regressed · ' : issue.isNew ? 'new · ' : '';
  return `${marker}${truncate(`${issue.errorKind}: ${issue.message}`, 80)} (${formatCount(issue.count)})`;
}

export function lensesFor(groups: FunctionIssues[], window: TimeWindow, now: number, maxPerIssue: number): LensSpec[] {
  const lenses: LensSpec[] = [];
  for (const group of groups) {
    const byCount = [...group.issues].sort((a, b) => b.count - a.count);
    lenses.push({
      line: group.line,
      title: summaryTitle(byCount, window, now),
      command: byCount.length === 1 ? ClientCommands.openIssue : ClientCommands.showIssues,
      args: byCount.length === 1 ? [byCount[0].id] : [byCount.map((issue) => issue.id)],
      tooltip: group.functionName ? `Issues with frames in ${group.functionName}` : undefined,
    });
    if (byCount.length <= maxPerIssue) {
      for (const issue of byCount) {
        lenses.push({ line: group.line, title: issueTitle(issue), command: ClientCommands.openIssue, args: [issue.id] });
      }
    }
  }
  return lenses;
}
