// Why the Issues tree is empty, for its welcome view (the `errorTracking.empty` context key): each
// reason has its own text in the manifest's viewsWelcome. Pure, so the rules are unit-tested.

import type { SourceStatus } from '../protocol/messages';
import type { ServerState } from './client';

export type EmptyReason =
  | 'untrusted'
  | 'server-stopped'
  | 'reading'
  | 'loading'
  | 'read-error'
  | 'filtered'
  | 'all-resolved'
  | NonNullable<SourceStatus['empty']>;

export interface EmptyInput {
  trusted: boolean;
  serverState: ServerState;
  status: SourceStatus;
  /** Issues the source listed in the window, and those the tree shows after its filters. */
  listed: number;
  shown: number;
  /** The user's own filter (text, state, service, env) is set. */
  filtered: boolean;
}

/** undefined: the tree shows issues (or is still starting up, when no text is better than a wrong one). */
export function emptyReason(input: EmptyInput): EmptyReason | undefined {
  if (!input.trusted) return 'untrusted';
  if (input.serverState === 'stopped') return 'server-stopped';
  if (input.shown > 0) return undefined;
  const { status } = input;
  if (status.state === 'starting' || status.state === 'scanning') return status.source === 'datadog' ? 'loading' : 'reading';
  if (status.empty && status.empty !== 'no-errors') return status.empty;
  if (status.state === 'error') return 'read-error';
  if (input.listed > 0) return input.filtered ? 'filtered' : 'all-resolved';
  return 'no-errors';
}
