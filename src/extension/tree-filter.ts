// What the Issues tree shows: the user's text, state, service and env filters, in one pure
// function so the rules are tested without an editor.

import type { IssueState, IssueSummary } from '../core/model';

export interface TreeFilter {
  /** Lower-case text matched against kind, message, service and env. */
  text: string;
  /** Empty: open and acknowledged (or every state when showResolved). */
  states: IssueState[];
  services: string[];
  envs: string[];
}

export const NO_FILTER: TreeFilter = { text: '', states: [], services: [], envs: [] };

export function isFiltered(filter: TreeFilter): boolean {
  return Boolean(filter.text) || filter.states.length + filter.services.length + filter.envs.length > 0;
}

export function applyFilter(issues: IssueSummary[], filter: TreeFilter, showResolved: boolean): IssueSummary[] {
  return issues.filter((issue) => {
    if (filter.states.length > 0 ? !filter.states.includes(issue.state) : !showResolved && issue.state !== 'OPEN' && issue.state !== 'ACKNOWLEDGED') return false;
    if (filter.services.length > 0 && !filter.services.includes(issue.service)) return false;
    if (filter.envs.length > 0 && !filter.envs.includes(issue.env ?? '')) return false;
    return !filter.text || `${issue.errorKind} ${issue.message} ${issue.service} ${issue.env ?? ''}`.toLowerCase().includes(filter.text);
  });
}
