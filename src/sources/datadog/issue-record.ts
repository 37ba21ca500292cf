// Reads an issue out of what the Datadog client deserialized. The client returns typed objects
// (camelCase) when every enum is known, and an UnparsedObject holding the raw snake_case JSON when
// Datadog sends a value newer than the client (a new state, platform or language): both are read.
import type { IssueOwner } from '../../core/model';

export interface IssueRecord {
  id: string;
  errorType: string;
  errorMessage: string;
  filePath: string;
  functionName: string;
  firstSeen?: number;
  lastSeen?: number;
  firstSeenVersion?: string;
  lastSeenVersion?: string;
  service: string;
  state: string;
  isCrash?: boolean;
  languages: string[];
  platform?: string;
  regression?: { regressedAt: number; regressedAtVersion?: string; resolvedAt?: number };
  /** relationships.assignee, named from `included` users when the answer carried them. */
  assignee?: IssueOwner;
  /** relationships.team_owners, named from `included` teams. */
  teams?: IssueOwner[];
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Datadog sends "" for unknown fields; those become undefined. */
function optStr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function time(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'string' && value !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** Picks a field by its camelCase (typed object) or snake_case (raw JSON) name. */
function field(attributes: Obj, camel: string): unknown {
  if (camel in attributes) return attributes[camel];
  return attributes[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

/** Unwraps the client's UnparsedObject (`{ _data }`) to the raw JSON it holds. */
export function unwrap(value: unknown): unknown {
  return isObj(value) && '_data' in value && isObj(value._data) ? value._data : value;
}

/** Users and teams of an answer's `included`, by id, with the best name Datadog gave. */
export type OwnerNames = Map<string, string | undefined>;

export function readOwnerNames(included: unknown): OwnerNames {
  const names: OwnerNames = new Map();
  if (!Array.isArray(included)) return names;
  for (const item of included) {
    const raw = unwrap(item);
    if (!isObj(raw) || typeof raw.id !== 'string' || (raw.type !== 'user' && raw.type !== 'team')) continue;
    const a = isObj(raw.attributes) ? raw.attributes : {};
    names.set(raw.id, optStr(a.name) ?? optStr(a.handle) ?? optStr(a.email));
  }
  return names;
}

function owner(reference: unknown, names: OwnerNames): IssueOwner | undefined {
  const ref = unwrap(reference);
  if (!isObj(ref) || typeof ref.id !== 'string' || ref.id === '') return undefined;
  const name = names.get(ref.id);
  return name ? { id: ref.id, name } : { id: ref.id };
}

function readOwners(relationships: unknown, names: OwnerNames): Pick<IssueRecord, 'assignee' | 'teams'> {
  const r = unwrap(relationships);
  if (!isObj(r)) return {};
  const assigneeRel = unwrap(r.assignee);
  const assignee = isObj(assigneeRel) ? owner(assigneeRel.data, names) : undefined;
  const teamsRel = unwrap(field(r, 'teamOwners'));
  const teamRefs = isObj(teamsRel) && Array.isArray(teamsRel.data) ? teamsRel.data : [];
  const teams = teamRefs.map((ref) => owner(ref, names)).filter((t): t is IssueOwner => t !== undefined);
  return { ...(assignee ? { assignee } : {}), ...(teams.length > 0 ? { teams } : {}) };
}

export function readIssue(value: unknown, names: OwnerNames = new Map()): IssueRecord | undefined {
  const issue = unwrap(value);
  if (!isObj(issue) || typeof issue.id !== 'string' || !isObj(issue.attributes)) return undefined;
  const a = issue.attributes;
  const rawRegression = field(a, 'regression');
  let regression: IssueRecord['regression'];
  if (isObj(rawRegression)) {
    const regressedAt = time(field(rawRegression, 'regressedAt'));
    if (regressedAt !== undefined) {
      regression = {
        regressedAt,
        regressedAtVersion: optStr(field(rawRegression, 'regressedAtVersion')),
        resolvedAt: time(field(rawRegression, 'resolvedAt')),
      };
    }
  }
  const languages = field(a, 'languages');
  return {
    id: issue.id,
    errorType: str(field(a, 'errorType')),
    errorMessage: str(field(a, 'errorMessage')),
    filePath: str(field(a, 'filePath')),
    functionName: str(field(a, 'functionName')),
    firstSeen: time(field(a, 'firstSeen')),
    lastSeen: time(field(a, 'lastSeen')),
    firstSeenVersion: optStr(field(a, 'firstSeenVersion')),
    lastSeenVersion: optStr(field(a, 'lastSeenVersion')),
    service: str(field(a, 'service')),
    state: str(field(a, 'state')),
    isCrash: typeof field(a, 'isCrash') === 'boolean' ? (field(a, 'isCrash') as boolean) : undefined,
    languages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string') : [],
    platform: optStr(field(a, 'platform')),
    regression,
    ...readOwners(issue.relationships, names),
  };
}

/** One search result: the issue id and its event count in the searched window. */
export interface SearchHit {
  issueId: string;
  totalCount?: number;
}

export function readSearchHit(value: unknown): SearchHit | undefined {
  const hit = unwrap(value);
  if (!isObj(hit)) return undefined;
  const relationships = isObj(hit.relationships) ? hit.relationships : {};
  const issueRel = isObj(relationships.issue) && isObj(relationships.issue.data) ? relationships.issue.data : undefined;
  const issueId = typeof issueRel?.id === 'string' ? issueRel.id : typeof hit.id === 'string' ? hit.id : undefined;
  if (!issueId) return undefined;
  const attributes = isObj(hit.attributes) ? hit.attributes : {};
  const count = field(attributes, 'totalCount');
  return { issueId, totalCount: typeof count === 'number' && Number.isFinite(count) ? count : undefined };
}

/** The issues a search answer carries in `included` (`include=issue`), by id. */
export function readIncludedIssues(included: unknown): Map<string, IssueRecord> {
  const issues = new Map<string, IssueRecord>();
  if (!Array.isArray(included)) return issues;
  const names = readOwnerNames(included);
  for (const item of included) {
    const raw = unwrap(item);
    if (!isObj(raw) || raw.type !== 'issue') continue;
    const issue = readIssue(raw, names);
    if (issue) issues.set(issue.id, issue);
  }
  return issues;
}
