// Texts the extension shows; the counting and time rules are the server's (one definition).
export { formatAgo, formatCount, plural, truncate } from '../server/format';

import type { IssueSummary } from '../core/model';
import { truncate } from '../server/format';

export function issueLabel(issue: IssueSummary): string {
  return truncate(`${issue.errorKind}: ${issue.message}`, 120);
}
