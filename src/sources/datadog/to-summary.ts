// Datadog issue -> the IssueSummary every view shows.
import { ISSUE_STATES, type Frame, type IssueState, type IssueSummary, type ParsedError } from '../../core/model';
import type { IssueRecord } from './issue-record';
import { groupingFrame } from '../../core/grouping/chain';

export function toIssueState(value: string): IssueState {
  const upper = value.toUpperCase();
  // A state newer than this version reads as For Review: shown rather than hidden.
  return (ISSUE_STATES as readonly string[]).includes(upper) ? (upper as IssueState) : 'OPEN';
}

/** The top frame as the issue API gives it: file and function only, no line. */
export function issueFrame(issue: IssueRecord): Frame | undefined {
  if (!issue.filePath && !issue.functionName) return undefined;
  return { file: issue.filePath, function: issue.functionName, inApp: true };
}

/**
 * `count` is the events in the searched window (the search's total_count); the API has no
 * all-time count, so `totalCount` is the same number. `isNew`: still OPEN (no decision recorded)
 * and first seen inside the window, which is the closest the API allows to "new since you looked".
 */
export function toSummary(issue: IssueRecord, count: number | undefined, windowFrom: number): IssueSummary {
  const state = toIssueState(issue.state);
  const firstSeen = issue.firstSeen ?? issue.lastSeen ?? 0;
  const topFrame = issueFrame(issue);
  return {
    id: issue.id,
    source: 'datadog',
    service: issue.service,
    errorKind: issue.errorType || 'Error',
    message: issue.errorMessage,
    count: count ?? 0,
    totalCount: count ?? 0,
    firstSeen,
    lastSeen: issue.lastSeen ?? firstSeen,
    firstSeenVersion: issue.firstSeenVersion,
    lastSeenVersion: issue.lastSeenVersion,
    state,
    isNew: state === 'OPEN' && firstSeen >= windowFrom,
    regression: issue.regression
      ? { at: issue.regression.regressedAt, version: issue.regression.regressedAtVersion }
      : undefined,
    topFrame,
    inAppFrames: topFrame && topFrame.file ? [topFrame] : undefined,
    ...(issue.assignee ? { assignee: issue.assignee } : {}),
    ...(issue.teams ? { teams: issue.teams } : {}),
  };
}

function chain(error: ParsedError): ParsedError[] {
  const out: ParsedError[] = [];
  for (let e: ParsedError | undefined = error; e && out.length < 20; e = e.cause) out.push(e);
  return out;
}

function sameFile(logged: string, issueFile: string): boolean {
  if (!logged || !issueFile) return false;
  return logged === issueFile || logged.endsWith(`/${issueFile}`) || issueFile.endsWith(`/${logged}`);
}

/**
 * With a parsed stack from a sample: every in-app frame of the chain (for lenses), and the top
 * frame given a line by finding the issue's file/function in the stack.
 */
export function framesFromStack(
  issue: IssueRecord,
  parsed: ParsedError,
): { topFrame?: Frame; inAppFrames?: Frame[] } {
  const errors = chain(parsed);
  const frames = errors.flatMap((e) => e.frames);
  const inApp = frames.filter((f) => f.inApp);
  const wanted = issueFrame(issue);
  let topFrame: Frame | undefined;
  if (wanted) {
    topFrame =
      frames.find((f) => sameFile(f.file, wanted.file) && (!wanted.function || f.function === wanted.function || f.normalizedFunction === wanted.function)) ??
      frames.find((f) => sameFile(f.file, wanted.file)) ??
      (wanted.function ? frames.find((f) => f.function === wanted.function || f.normalizedFunction === wanted.function) : undefined) ??
      wanted;
  } else {
    // The frame grouping uses: innermost in-app, searched from the root cause outward.
    topFrame = groupingFrame(parsed)?.frame;
  }
  return { topFrame, inAppFrames: inApp.length > 0 ? inApp : topFrame && topFrame.file ? [topFrame] : undefined };
}
