// A stand-in for Datadog's Error Tracking that behaves as the API documents, not canned answers:
// issues with event times, states, assignees; the search honours `query` (service:, -service:,
// env:, *), `states`, `from`/`to` (only issues with events inside, counted inside), `order_by`
// (TOTAL_COUNT, FIRST_SEEN newest first) and answers at most 100 results, with no pagination;
// GET an issue, PUT its state, PUT/DELETE its assignee, GET the current user. Faults can be queued
// in front of the search. Answers are in the recorded snake_case JSON:API shapes.
import type { CannedResponse, FakeDatadog, RecordedRequest } from './fake-datadog';

export const SEARCH_ROUTE = 'POST /api/v2/error-tracking/issues/search';
const STATES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'IGNORED', 'EXCLUDED'];
const ORDERS = ['TOTAL_COUNT', 'FIRST_SEEN', 'IMPACTED_SESSIONS', 'PRIORITY'];
export const CAP = 100;

export interface FakeIssue {
  id: string;
  service: string;
  env?: string;
  errorType: string;
  errorMessage: string;
  filePath?: string;
  functionName?: string;
  state: string;
  /** Event times (ms): first_seen / last_seen and the windowed total_count come from them. */
  events: number[];
  regressedAt?: number;
  assigneeId?: string;
  teamIds?: string[];
  /** When Datadog first saw it, if before the first event kept in `events`. */
  firstSeen?: number;
  /** Other attributes sent as they are (versions, languages...), under the modelled ones. */
  attributes?: Record<string, unknown>;
}

const firstSeenOf = (issue: FakeIssue) => issue.firstSeen ?? Math.min(...issue.events);

export interface FakeUser {
  id: string;
  name: string;
  email: string;
  handle: string;
}

function bad(detail: string): CannedResponse {
  return { status: 400, body: { errors: [{ status: '400', title: 'Bad Request', detail }] } };
}

/** Splits a search query into terms, keeping quoted values and parenthesised groups whole. */
function terms(query: string): string[] {
  return query.match(/-?[\w.@-]+:(?:"(?:[^"\\]|\\.)*"|\([^)]*\)|\S+)|\S+/g) ?? [];
}

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

function matches(issue: FakeIssue, query: string): boolean {
  for (const term of terms(query)) {
    if (term === '*' || term === 'AND') continue;
    const negated = term.startsWith('-');
    const [key, ...rest] = (negated ? term.slice(1) : term).split(':');
    const value = unquote(rest.join(':'));
    let hit: boolean;
    if (key === 'service') hit = glob(value, issue.service);
    else if (key === 'env') hit = glob(value, issue.env ?? 'prod');
    else continue; // other facets are not modelled: they match everything
    if (hit === negated) return false;
  }
  return true;
}

export class FakeErrorTracking {
  readonly issues = new Map<string, FakeIssue>();
  readonly users = new Map<string, FakeUser>();
  readonly teams = new Map<string, { id: string; name: string; handle: string }>();
  currentUserId = 'a7c1e2f0-0000-4000-8000-000000000001';
  /** Answers given to the next searches before the model answers (429, 500, hang...). */
  readonly searchFaults: CannedResponse[] = [];

  constructor() {
    this.users.set(this.currentUserId, { id: this.currentUserId, name: 'Dana Ops', email: 'dana@example.com', handle: 'dana@example.com' });
  }

  add(...issues: FakeIssue[]): this {
    for (const issue of issues) this.issues.set(issue.id, issue);
    return this;
  }

  /**
   * Routes the server's Error Tracking paths to this model (other routes keep working). `guard`
   * answers instead when it returns something (a 403 for wrong keys); `logs: false` leaves the
   * logs search to the caller (by default it finds no logs, as for issues whose logs expired).
   */
  install(server: FakeDatadog, options: { guard?: (request: RecordedRequest) => CannedResponse | undefined; logs?: boolean } = {}): this {
    const guarded = (answer: (request: RecordedRequest) => CannedResponse | undefined) => (request: RecordedRequest) =>
      options.guard?.(request) ?? answer(request);
    server.on(SEARCH_ROUTE, guarded((request) => this.searchFaults.shift() ?? this.search(request)) as (request: RecordedRequest) => CannedResponse);
    server.on('GET /api/v2/current_user', guarded(() => ({ body: { data: this.userJson(this.currentUserId) } })) as (request: RecordedRequest) => CannedResponse);
    if (options.logs !== false) server.on('POST /api/v2/logs/events/search', { body: { data: [], meta: { status: 'done' } } });
    server.fallback = guarded((request) => this.issueRoute(request));
    return this;
  }

  search(request: RecordedRequest): CannedResponse {
    const a = (request.body as { data?: { attributes?: Record<string, unknown> } })?.data?.attributes;
    if (!a || typeof a.query !== 'string' || typeof a.from !== 'number' || typeof a.to !== 'number') return bad('invalid search request');
    const from = a.from;
    const to = a.to;
    if (from >= to) return bad('"from" must be before "to"');
    const states = a.states === undefined ? STATES : a.states;
    if (!Array.isArray(states) || states.some((s) => !STATES.includes(String(s)))) return bad(`invalid json value for IssueState: ${JSON.stringify(states)}`);
    const order = a.order_by ?? 'TOTAL_COUNT';
    if (!ORDERS.includes(String(order))) return bad(`invalid order_by ${JSON.stringify(order)}`);
    const found = [...this.issues.values()]
      .filter((issue) => states.includes(issue.state) && matches(issue, a.query as string))
      .map((issue) => ({ issue, count: issue.events.filter((t) => t >= from && t < to).length }))
      .filter(({ count }) => count > 0);
    if (order === 'FIRST_SEEN') found.sort((x, y) => firstSeenOf(y.issue) - firstSeenOf(x.issue));
    else found.sort((x, y) => y.count - x.count || (x.issue.id < y.issue.id ? -1 : 1));
    const page = found.slice(0, CAP);
    const include = (request.query.get('include') ?? '').split(',');
    const included: unknown[] = page.map(({ issue }) => this.issueJson(issue));
    if (include.includes('issue.assignee')) {
      const assignees = new Set(page.map(({ issue }) => issue.assigneeId).filter((id): id is string => !!id));
      for (const id of assignees) included.push(this.userJson(id));
    }
    if (include.includes('issue.team_owners')) {
      const teams = new Set(page.flatMap(({ issue }) => issue.teamIds ?? []));
      for (const id of teams) {
        const team = this.teams.get(id);
        if (team) included.push({ id, type: 'team', attributes: { name: team.name, handle: team.handle } });
      }
    }
    return {
      body: {
        data: page.map(({ issue, count }) => ({
          id: issue.id,
          type: 'error_tracking_search_result',
          attributes: { impacted_users: 0, total_count: count },
          relationships: { issue: { data: { id: issue.id, type: 'issue' } } },
        })),
        included,
      },
    };
  }

  /** The recorded issue shape. */
  issueJson(issue: FakeIssue): unknown {
    const relationships: Record<string, unknown> = {};
    if (issue.assigneeId) relationships.assignee = { data: { id: issue.assigneeId, type: 'user' } };
    if (issue.teamIds?.length) relationships.team_owners = { data: issue.teamIds.map((id) => ({ id, type: 'team' })) };
    return {
      id: issue.id,
      type: 'issue',
      attributes: {
        ...issue.attributes,
        error_message: issue.errorMessage,
        error_type: issue.errorType,
        file_path: issue.filePath ?? '',
        first_seen: firstSeenOf(issue),
        first_seen_version: issue.attributes?.first_seen_version ?? '',
        function_name: issue.functionName ?? '',
        is_crash: false,
        languages: issue.attributes?.languages ?? ['TYPESCRIPT'],
        last_seen: Math.max(...issue.events),
        last_seen_version: issue.attributes?.last_seen_version ?? '',
        platform: 'BACKEND',
        service: issue.service,
        state: issue.state,
        ...(issue.regressedAt !== undefined ? { regression: { ...(issue.attributes?.regression as object | undefined), regressed_at: issue.regressedAt } } : {}),
      },
      relationships,
    };
  }

  private userJson(id: string): unknown {
    const user = this.users.get(id);
    return { id, type: 'user', attributes: user ? { name: user.name, email: user.email, handle: user.handle } : { name: '', email: '', handle: '' } };
  }

  private issueRoute(request: RecordedRequest): CannedResponse | undefined {
    const m = /^\/api\/v2\/error-tracking\/issues\/([^/]+)(\/state|\/assignee)?$/.exec(request.path);
    if (!m) return undefined;
    const issue = this.issues.get(decodeURIComponent(m[1]));
    if (!issue) return { status: 404, body: { errors: [{ status: '404', title: 'Not Found', detail: 'issue not found' }] } };
    const withIncluded = () => {
      const included = issue.assigneeId ? [this.userJson(issue.assigneeId)] : [];
      return { body: { data: this.issueJson(issue), included } };
    };
    if (request.method === 'GET' && !m[2]) return withIncluded();
    if (request.method === 'PUT' && m[2] === '/state') {
      const state = (request.body as { data?: { attributes?: { state?: string } } })?.data?.attributes?.state;
      if (!state || !STATES.includes(state)) return bad(`invalid json value for IssueState: "${state}"`);
      issue.state = state;
      return withIncluded();
    }
    if (request.method === 'PUT' && m[2] === '/assignee') {
      const userId = (request.body as { data?: { id?: string; type?: string } })?.data;
      if (!userId?.id || userId.type !== 'assignee') return bad('invalid assignee');
      issue.assigneeId = userId.id;
      return withIncluded();
    }
    if (request.method === 'DELETE' && m[2] === '/assignee') {
      issue.assigneeId = undefined;
      return { status: 204, body: '' };
    }
    return undefined;
  }
}

/**
 * `count` issues over `services` services, each with `events(i)` events spread over the last
 * `spanMs` before `now` (busiest first), first seen `ageMs(i)` ago. Ids are UUID-shaped.
 */
export function manyIssues(
  count: number,
  now: number,
  options: { services?: string[]; events?: (i: number) => number; spanMs?: number; ageMs?: (i: number) => number; state?: (i: number) => string } = {},
): FakeIssue[] {
  const services = options.services ?? ['billing-api', 'nightly-import', 'enrich-worker', 'mailer', 'search-indexer'];
  const span = options.spanMs ?? 20 * 3_600_000;
  const out: FakeIssue[] = [];
  for (let i = 0; i < count; i++) {
    const n = options.events?.(i) ?? Math.max(1, 500 - i * 2);
    const age = options.ageMs?.(i) ?? 3 * 86_400_000;
    const events = [now - age];
    for (let e = 1; e < n; e++) events.push(now - span + Math.floor((e * span) / n));
    out.push({
      id: `0000${i.toString(16).padStart(4, '0')}-5b1e-11f1-9d2a-da7ad0900000`,
      service: services[i % services.length],
      errorType: `Error${i}`,
      errorMessage: `failure number ${i}`,
      filePath: `/app/src/module${i}.ts`,
      functionName: `handler${i}`,
      state: options.state?.(i) ?? (i % 4 === 3 ? 'ACKNOWLEDGED' : 'OPEN'),
      events,
    });
  }
  return out;
}
