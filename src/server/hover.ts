// Hover markdown for a line holding issue frames: message, counts, dates, state and command links.
// Links use only our own commands; the extension trusts exactly those (ClientOptions.markdown).

import { ISSUE_STATE_LABELS, type IssueSummary, type TimeWindow } from '../core/model';
import { ClientCommands } from '../protocol/messages';
import { formatAgo, formatCount, truncate } from './format';

/** Markdown-escapes log text so a message can never become a link, image or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}\[\]()#+\-.!|<>~&]/g, (ch) => `\\${ch}`).replace(/[\r\n]+/g, ' ');
}

function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

export function hoverMarkdown(issues: IssueSummary[], window: TimeWindow, now: number): string {
  const blocks = issues.map((issue) => {
    const seen = `first seen ${formatAgo(issue.firstSeen, now)}${issue.firstSeenVersion ? ` (${escapeMarkdown(issue.firstSeenVersion)})` : ''}` +
      ` · last seen ${formatAgo(issue.lastSeen, now)}${issue.lastSeenVersion ? ` (${escapeMarkdown(issue.lastSeenVersion)})` : ''}`;
    const badges = [ISSUE_STATE_LABELS[issue.state] ?? issue.state, issue.isNew ? 'NEW' : '', issue.regression ? 'REGRESSED' : ''].filter(Boolean).join(' · ');
    const links = [
      commandLink('Open issue page', ClientCommands.openIssue, [issue.id]),
      commandLink('Resolve', ClientCommands.resolve, [issue.id]),
      commandLink('Ignore', ClientCommands.ignore, [issue.id]),
    ].join(' · ');
    return [
      `**${escapeMarkdown(issue.errorKind)}**: ${escapeMarkdown(truncate(issue.message, 300))}`,
      `${formatCount(issue.count)} errors (${window}) · ${formatCount(issue.totalCount)} in all · ${escapeMarkdown(issue.service)}`,
      `${seen} · ${badges}`,
      links,
    ].join('  \n');
  });
  return blocks.join('\n\n---\n\n');
}
