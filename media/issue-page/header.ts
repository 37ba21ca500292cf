// The issue's header: kind, message template, state and its actions, counts, first/last seen,
// the regression badge, service and env, and the Datadog links.
import { ISSUE_STATE_LABELS, type IssueDetails, type IssueState, type TimeWindow } from '../../src/core/model';
import { button, el } from './dom';
import { ago, count, dateTime, WINDOW_LABELS } from './format';
import { logText, plain } from './text';

export interface HeaderActions {
  setState(state: IssueState): void;
  openExternal(): void;
  copyQuery(): void;
}

const ACTIONS: Record<IssueState, { label: string; state: IssueState }[]> = {
  OPEN: [
    { label: 'Resolve', state: 'RESOLVED' },
    { label: 'Acknowledge', state: 'ACKNOWLEDGED' },
    { label: 'Ignore', state: 'IGNORED' },
  ],
  ACKNOWLEDGED: [
    { label: 'Resolve', state: 'RESOLVED' },
    { label: 'Ignore', state: 'IGNORED' },
    { label: 'Reopen', state: 'OPEN' },
  ],
  RESOLVED: [
    { label: 'Reopen', state: 'OPEN' },
    { label: 'Ignore', state: 'IGNORED' },
  ],
  IGNORED: [{ label: 'Reopen', state: 'OPEN' }],
  EXCLUDED: [{ label: 'Reopen', state: 'OPEN' }],
};

const STATE_LABELS = ISSUE_STATE_LABELS;

function seen(label: string, at: number, version: string | undefined, now: number): HTMLElement {
  return el(
    'div',
    { class: 'stat' },
    el('dt', {}, label),
    el(
      'dd',
      { title: dateTime(at) },
      ago(at, now),
      el('span', { class: 'muted' }, ` · ${dateTime(at)}`),
      version ? el('span', { class: 'version' }, logText(version, 80)) : null,
    ),
  );
}

function stat(label: string, ...value: (Node | string)[]): HTMLElement {
  return el('div', { class: 'stat' }, el('dt', {}, label), el('dd', {}, ...value));
}

export function renderHeader(issue: IssueDetails, window: TimeWindow, now: number, actions: HeaderActions): HTMLElement {
  const badges = el(
    'div',
    { class: 'badges' },
    el('span', { class: `badge state state-${issue.state.toLowerCase()}`, attrs: { 'data-testid': 'state' } }, STATE_LABELS[issue.state] ?? issue.state),
    issue.isNew ? el('span', { class: 'badge new' }, 'New') : null,
    issue.regression
      ? el(
          'span',
          {
            class: 'badge regressed',
            attrs: { 'data-testid': 'regressed' },
            title: plain(
              `Regressed ${dateTime(issue.regression.at)}${issue.regression.version ? ` in ${issue.regression.version}` : ''}` +
                (issue.regression.resolvedInVersion ? ` (had been resolved in ${issue.regression.resolvedInVersion})` : ''),
            ),
          },
          'Regressed',
        )
      : null,
    el('span', { class: 'badge source' }, issue.source === 'datadog' ? 'Datadog' : 'Local logs'),
  );

  const stateButtons = el(
    'div',
    { class: 'actions', attrs: { role: 'group', 'aria-label': 'Change state' } },
    ...(ACTIONS[issue.state] ?? []).map(({ label, state }, index) =>
      button(label, () => actions.setState(state), { class: index === 0 ? 'primary' : 'secondary', attrs: { 'data-state': state } }),
    ),
    issue.source === 'datadog' && issue.externalUrl ? button('Open in Datadog', () => actions.openExternal(), { class: 'secondary' }) : null,
    issue.source === 'datadog' && issue.query ? button('Copy query', () => actions.copyQuery(), { class: 'secondary', title: plain(issue.query) }) : null,
  );

  const regression = issue.regression
    ? stat(
        'Regressed',
        `${ago(issue.regression.at, now)} · ${dateTime(issue.regression.at)}`,
        issue.regression.version ? el('span', { class: 'version' }, logText(issue.regression.version, 80)) : '',
        issue.regression.resolvedInVersion
          ? el('span', { class: 'muted' }, ' resolved in ', logText(issue.regression.resolvedInVersion, 80))
          : '',
      )
    : null;

  const stats = el(
    'dl',
    { class: 'stats' },
    stat(`Events, ${WINDOW_LABELS[window] ?? window}`, el('strong', { attrs: { 'data-testid': 'count' } }, count(issue.count))),
    stat('All time', count(issue.totalCount)),
    seen('First seen', issue.firstSeen, issue.firstSeenVersion, now),
    seen('Last seen', issue.lastSeen, issue.lastSeenVersion, now),
    regression,
    stat('Service', logText(issue.service, 200)),
    issue.env ? stat('Env', logText(issue.env, 200)) : null,
  );

  const why = issue.fingerprint.length
    ? el(
        'details',
        { class: 'fingerprint' },
        el('summary', {}, 'Grouped by'),
        el('ul', {}, ...issue.fingerprint.slice(0, 20).map((part) => el('li', {}, logText(part, 300)))),
      )
    : null;

  return el(
    'header',
    { class: 'issue-header' },
    badges,
    el('h1', { class: 'kind', attrs: { 'data-testid': 'kind' } }, logText(issue.errorKind, 300)),
    el('p', { class: 'message', attrs: { 'data-testid': 'message' } }, logText(issue.message, 600)),
    stateButtons,
    stats,
    why,
  );
}
