// The persisted shape of what the user decided, versioned. Pure: the state file module writes it.
// Only decisions and identity are kept (states, resolution time and version, first seen, whether
// the user has looked, the fingerprint parts behind each id, the template clusters and the
// grouping strategy version, and the aliases of issues merged into others); counts and samples are
// rebuilt from the logs. Files without aliases (strategy 1) read as having none.

import { ISSUE_STATES, type IssueState, type Regression } from '../model';
import type { PersistedCluster } from '../grouping/template-miner';

export const STATE_FORMAT = 'errtrack-issue-state';
export const STATE_FORMAT_VERSION = 1;

export interface PersistedIssue {
  id: string;
  parts: string[];
  state: IssueState;
  firstSeen: number;
  firstSeenVersion?: string;
  resolvedAt?: number;
  resolvedInVersion?: string;
  regression?: Regression;
  /** False once the user has looked at it. */
  isNew: boolean;
  /** Grouping strategy that produced `parts`, when not the file's current one. */
  strategyVersion?: number;
}

export interface PersistedState {
  format: typeof STATE_FORMAT;
  formatVersion: number;
  strategyVersion: number;
  savedAt: number;
  issues: PersistedIssue[];
  templates: PersistedCluster[];
  /** Issues merged into another when their template generalized (strategy 2 on). */
  aliases: PersistedAlias[];
}

export interface PersistedAlias {
  from: string;
  to: string;
}

export type Validated = { ok: true; state: PersistedState } | { ok: false; reason: string };

/** Checks the shape strictly enough that a foreign or damaged file is refused, not half-read. */
export function validatePersisted(data: unknown): Validated {
  if (!isObject(data)) return { ok: false, reason: 'not a JSON object' };
  if (data.format !== STATE_FORMAT) return { ok: false, reason: `not an issue state file (format is ${JSON.stringify(data.format)})` };
  if (typeof data.formatVersion !== 'number') return { ok: false, reason: 'formatVersion missing' };
  if (data.formatVersion > STATE_FORMAT_VERSION) {
    return { ok: false, reason: `written by a newer version of the extension (format ${data.formatVersion}, this one reads ${STATE_FORMAT_VERSION})` };
  }
  if (typeof data.strategyVersion !== 'number') return { ok: false, reason: 'strategyVersion missing' };
  if (!Array.isArray(data.issues)) return { ok: false, reason: 'issues is not a list' };
  const issues: PersistedIssue[] = [];
  for (let i = 0; i < data.issues.length; i++) {
    const problem = issueProblem(data.issues[i]);
    if (problem) return { ok: false, reason: `issue #${i}: ${problem}` };
    issues.push(data.issues[i] as PersistedIssue);
  }
  const templates: PersistedCluster[] = [];
  if (data.templates !== undefined) {
    if (!Array.isArray(data.templates)) return { ok: false, reason: 'templates is not a list' };
    for (const t of data.templates) {
      if (!isObject(t) || typeof t.scope !== 'string' || typeof t.key !== 'string' || typeof t.template !== 'string') {
        return { ok: false, reason: 'a template entry is malformed' };
      }
      if (t.members !== undefined && (!Array.isArray(t.members) || !t.members.every((m) => typeof m === 'string'))) return { ok: false, reason: 'a template entry has malformed members' };
      templates.push({ scope: t.scope, key: t.key, template: t.template, ...(t.members !== undefined ? { members: t.members as string[] } : {}) });
    }
  }
  const aliases: PersistedAlias[] = [];
  if (data.aliases !== undefined) {
    if (!Array.isArray(data.aliases)) return { ok: false, reason: 'aliases is not a list' };
    for (const a of data.aliases) {
      if (!isObject(a) || typeof a.from !== 'string' || typeof a.to !== 'string') return { ok: false, reason: 'an alias entry is malformed' };
      aliases.push({ from: a.from, to: a.to });
    }
  }
  return {
    ok: true,
    state: {
      format: STATE_FORMAT,
      formatVersion: data.formatVersion,
      strategyVersion: data.strategyVersion,
      savedAt: typeof data.savedAt === 'number' ? data.savedAt : 0,
      issues,
      templates,
      aliases,
    },
  };
}

function issueProblem(x: unknown): string | undefined {
  if (!isObject(x)) return 'not an object';
  if (typeof x.id !== 'string' || x.id === '') return 'id missing';
  if (!Array.isArray(x.parts) || !x.parts.every((p) => typeof p === 'string')) return 'parts missing';
  if (!(ISSUE_STATES as readonly unknown[]).includes(x.state)) return `unknown state ${JSON.stringify(x.state)}`;
  if (typeof x.firstSeen !== 'number') return 'firstSeen missing';
  if (x.resolvedAt !== undefined && typeof x.resolvedAt !== 'number') return 'resolvedAt is not a number';
  if (x.resolvedInVersion !== undefined && typeof x.resolvedInVersion !== 'string') return 'resolvedInVersion is not a string';
  if (x.firstSeenVersion !== undefined && typeof x.firstSeenVersion !== 'string') return 'firstSeenVersion is not a string';
  if (typeof x.isNew !== 'boolean') return 'isNew missing';
  if (x.strategyVersion !== undefined && typeof x.strategyVersion !== 'number') return 'strategyVersion is not a number';
  if (x.regression !== undefined && (!isObject(x.regression) || typeof x.regression.at !== 'number')) return 'regression is malformed';
  return undefined;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
