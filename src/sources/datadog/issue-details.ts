// What the issue page shows for a Datadog issue: the issue, its newest logs as samples, their
// count series as the histogram (indexed logs, which Datadog may count fewer of than Error
// Tracking's totals), facets over the samples; and the further pages of samples.
import type { IssueDetails, IssueSummary, Sample, TimeWindow } from '../../core/model';
import type { DatadogClient } from './client';
import { computeFacets } from './facets';
import type { IssueLogs } from './issue-logs';
import { bucketFor, issueLogsQuery, windowRange } from './queries';
import * as api from './requests';
import { toHistogram } from './to-histogram';
import { toSummary } from './to-summary';

type Request = <T>(run: () => Promise<T>) => Promise<T>;

export interface SampleCursor {
  query: string;
  from: number;
  to: number;
  cursor?: string;
}

export interface DetailsDeps {
  client: DatadogClient;
  request: Request;
  logs: IssueLogs;
  sampleLimit: number;
  /** The issue as the current list shows it (its window count), when listed. */
  listed(id: string): IssueSummary | undefined;
  /** Adds parsed frames and workspace mapping. */
  finish(summary: IssueSummary): IssueSummary;
  mapError: (error: NonNullable<IssueDetails['error']>) => NonNullable<IssueDetails['error']>;
  externalUrl(id: string): string;
}

export async function loadIssueDetails(
  deps: DetailsDeps,
  id: string,
  window: TimeWindow,
  now: number,
): Promise<{ details: IssueDetails; cursor: SampleCursor } | undefined> {
  const { client, request, logs } = deps;
  const { from, to } = windowRange(window, now);
  // The issue, its logs and its counts by @issue.id are asked for at once (one round trip
  // instead of three); only when no log carries the id are logs and counts asked again.
  const bucket = bucketFor(window);
  const byId = issueLogsQuery(id);
  const [issueResult, logsResult, countsResult] = await Promise.allSettled([
    request(() => api.getIssue(client, id)),
    request(() => api.listLogs(client, byId, from, to, deps.sampleLimit)),
    request(() => api.countSeries(client, byId, from, to, bucket.interval)),
  ]);
  if (issueResult.status === 'rejected') throw issueResult.reason;
  const record = issueResult.value;
  if (!record) return undefined;
  if (logsResult.status === 'rejected') throw logsResult.reason;
  if (countsResult.status === 'rejected') throw countsResult.reason;
  const listed = deps.listed(id);
  const summary = toSummary(record, listed?.count, from);

  let page = logsResult.value;
  let points = countsResult.value;
  let logsQuery = byId;
  if (page.events.length === 0) {
    const found = await logs.find(record, from, to, deps.sampleLimit, page);
    if (found.logsQuery !== byId) {
      page = found.page;
      logsQuery = found.logsQuery;
      points = await request(() => api.countSeries(client, logsQuery, from, to, bucket.interval));
    }
  }
  const samples: Sample[] = page.events.map((event, index) => ({ kind: index === 0 ? 'latest' : 'sampled', event }));
  const histogram = toHistogram(points, from, to, bucket.ms);
  const windowCount = points.reduce((sum, p) => sum + p.value, 0);
  const error = logs.parse(record, samples);
  if (error) logs.remember(record, error);
  const withFrames = deps.finish({ ...summary, count: listed?.count ?? windowCount, totalCount: listed?.totalCount ?? windowCount });
  return {
    details: {
      ...withFrames,
      fingerprint: [record.service, record.errorType, record.filePath, record.functionName].filter((p) => p !== ''),
      error: error ? deps.mapError(error) : undefined,
      histogram,
      histogramCounts: 'indexed-logs',
      samples,
      facets: computeFacets(page.events),
      externalUrl: deps.externalUrl(id),
      query: logsQuery,
      // Datadog hands a cursor only when older logs remain.
      canLoadMoreSamples: Boolean(page.cursor),
    },
    cursor: { query: logsQuery, from, to, cursor: page.cursor },
  };
}

/** The next page after `position`, or the first one when there is none yet. */
export async function loadMoreSamples(
  deps: DetailsDeps,
  id: string,
  window: TimeWindow,
  now: number,
  position: SampleCursor | undefined,
): Promise<{ samples: Sample[]; done: boolean; cursor?: SampleCursor }> {
  const { client, request, logs } = deps;
  if (position && !position.cursor) return { samples: [], done: true };
  let page: api.LogsPage;
  let cursor: SampleCursor;
  if (position) {
    page = await request(() => api.listLogs(client, position.query, position.from, position.to, deps.sampleLimit, position.cursor));
    cursor = { ...position, cursor: page.cursor };
  } else {
    const record = await request(() => api.getIssue(client, id));
    if (!record) return { samples: [], done: true };
    const { from, to } = windowRange(window, now);
    const found = await logs.find(record, from, to, deps.sampleLimit);
    page = found.page;
    cursor = { query: found.logsQuery, from, to, cursor: page.cursor };
  }
  const first = !position;
  return {
    samples: page.events.map((event, index) => ({ kind: first && index === 0 ? 'latest' : 'sampled', event })),
    done: !page.cursor || page.events.length === 0,
    cursor,
  };
}
