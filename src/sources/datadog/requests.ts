// The Datadog calls the source makes, with the exact bodies sent, and their answers read into the
// source's own shapes (tolerant of fields newer than the client).
import type { ErrorEvent, IssueState } from '../../core/model';
import type { DatadogClient } from './client';
import { DatadogRequestError } from './errors';
import { readIncludedIssues, readIssue, readOwnerNames, readSearchHit, unwrap, type IssueRecord, type SearchHit } from './issue-record';
import { logToEvent } from './to-event';
import { readTimeseries } from './to-histogram';

export interface SearchResult {
  hits: SearchHit[];
  issues: Map<string, IssueRecord>;
}

function asRecord(value: unknown): Record<string, unknown> {
  const raw = unwrap(value);
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** Where Datadog's Error Tracking finds issues: logs (the default here), APM traces, or RUM. */
export const TRACKS = ['logs', 'trace', 'rum'] as const;
export type Track = (typeof TRACKS)[number];

/** One search as sent: Datadog answers at most SEARCH_CAP results and has no pagination. */
export interface SearchSpec {
  query: string;
  from: number;
  to: number;
  /** Only issues in these states (Datadog's `states`). */
  states: readonly IssueState[];
  orderBy: 'TOTAL_COUNT' | 'FIRST_SEEN';
  track: Track;
}

export const SEARCH_CAP = 100;

export async function searchIssues(client: DatadogClient, spec: SearchSpec): Promise<SearchResult> {
  const { query, from, to, states, orderBy, track } = spec;
  const response = await client.errorTracking.searchIssues({
    body: {
      data: {
        type: 'search_request',
        attributes: { query, from, to, track, orderBy, states: [...states] },
      },
    },
    include: ['issue', 'issue.assignee', 'issue.team_owners'],
  });
  const root = asRecord(response);
  if (!Array.isArray(root.data)) throw new DatadogRequestError('malformed', 'the issue search answer has no data list');
  const hits = root.data.map(readSearchHit).filter((h): h is SearchHit => h !== undefined);
  return { hits, issues: readIncludedIssues(root.included) };
}

/** undefined when Datadog answers 404 (no such issue). */
export async function getIssue(client: DatadogClient, id: string): Promise<IssueRecord | undefined> {
  try {
    const response = await client.errorTracking.getIssue({ issueId: id, include: ['assignee', 'team_owners'] });
    const root = asRecord(response);
    const issue = readIssue(root.data, readOwnerNames(root.included));
    if (!issue) throw new DatadogRequestError('malformed', 'the issue answer has no issue');
    return issue;
  } catch (error) {
    if (error instanceof DatadogRequestError && error.status === 404) return undefined;
    throw error;
  }
}

export async function updateIssueState(client: DatadogClient, id: string, state: IssueState): Promise<IssueRecord | undefined> {
  const response = await client.errorTracking.updateIssueState({
    issueId: id,
    body: { data: { id, type: 'error_tracking_issue', attributes: { state } } },
  });
  const root = asRecord(response);
  return readIssue(root.data, readOwnerNames(root.included));
}

/** Assigns the issue to a Datadog user (by user id). */
export async function assignIssue(client: DatadogClient, id: string, userId: string): Promise<IssueRecord | undefined> {
  const response = await client.errorTracking.updateIssueAssignee({ issueId: id, body: { data: { id: userId, type: 'assignee' } } });
  const root = asRecord(response);
  return readIssue(root.data, readOwnerNames(root.included));
}

/** Removes the assignee (204, no body). */
export async function unassignIssue(client: DatadogClient, id: string): Promise<void> {
  await client.errorTracking.deleteIssueAssignee({ issueId: id });
}

/** The user the application key belongs to: who "assign to me" means. */
export async function currentUser(client: DatadogClient): Promise<{ id: string; name?: string }> {
  const root = asRecord(await client.users.getCurrentUser());
  const data = asRecord(root.data);
  if (typeof data.id !== 'string' || data.id === '') throw new DatadogRequestError('malformed', 'the current user answer has no user id');
  const a = asRecord(data.attributes);
  const name = [a.name, a.handle, a.email].find((v): v is string => typeof v === 'string' && v !== '');
  return name ? { id: data.id, name } : { id: data.id };
}

export interface LogsPage {
  events: ErrorEvent[];
  /** Entries that were not readable logs (counted, never silently dropped). */
  skipped: number;
  cursor?: string;
}

/** Newest first. */
export async function listLogs(
  client: DatadogClient,
  query: string,
  from: number,
  to: number,
  limit: number,
  cursor?: string,
): Promise<LogsPage> {
  const response = await client.logs.listLogs({
    body: {
      filter: { query, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      sort: '-timestamp',
      page: cursor ? { limit, cursor } : { limit },
    },
  });
  const root = asRecord(response);
  const data = Array.isArray(root.data) ? root.data : [];
  const events: ErrorEvent[] = [];
  let skipped = 0;
  for (const entry of data) {
    const event = logToEvent(entry);
    if (event) events.push(event);
    else skipped++;
  }
  const meta = asRecord(root.meta);
  const page = asRecord(meta.page);
  return { events, skipped, cursor: typeof page.after === 'string' ? page.after : undefined };
}

export async function countSeries(
  client: DatadogClient,
  query: string,
  from: number,
  to: number,
  interval: string,
): Promise<{ time: number; value: number }[]> {
  const response = await client.logs.aggregateLogs({
    body: {
      compute: [{ aggregation: 'count', type: 'timeseries', interval }],
      filter: { query, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    },
  });
  return readTimeseries(response);
}
