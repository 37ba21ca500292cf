// Grouping: turns an error event (and its parsed stack) into a fingerprint and a stable issue id.
//
// Default strategy (version GROUPING_STRATEGY_VERSION), Datadog-compatible:
//   service + error kind + normalized message template + file and normalized function of the
//   top-most in-app frame (the top frame when none is in-app). Never line or column numbers.
//   A string `error.fingerprint` wins over everything, scoped to the service.
//   Chains: see chain.ts (root cause's kind and message, plus the outer kind, frame searched from
//   the root outward).
//   Messages are masked by ordered rules (normalize-rules.ts) and then mined into templates
//   (template-miner.ts) within their scope (service + kind + frame), so messages from the same
//   place that differ in one free-text word still form one issue.
// The id is FNV-1a 64 (hash.ts) of the parts joined by newlines.

import type { ErrorEvent, ParsedError } from '../model';
import { chainOf, groupingFrame } from './chain';
import { framePart, joinParts } from './fingerprint';
import { fnv1a64 } from './hash';
import { normalizeMessageDetailed } from './normalize-rules';
import { TemplateMiner, type PersistedCluster } from './template-miner';

export { normalizeMessage, normalizeMessageDetailed, NORMALIZE_RULES } from './normalize-rules';
export type { NormalizeRule, NormalizedMessage } from './normalize-rules';
export { fnv1a64 } from './hash';
export { chainOf, rootOf, groupingFrame, inAppFramesOf } from './chain';
export { normalizeFile, normalizeFunction } from './fingerprint';
export { TemplateMiner, SIMILARITY_THRESHOLD } from './template-miner';
export type { PersistedCluster } from './template-miner';

/** Bump when any rule change could move an event to another issue. */
export const GROUPING_STRATEGY_VERSION = 1;

export interface Fingerprint {
  id: string;
  parts: string[];
  messageTemplate: string;
  /** Human-readable account of which components contributed, like Sentry's grouping info. */
  why: string[];
}

const ID_CACHE_LIMIT = 50_000;

export class Grouper {
  private readonly miner = new TemplateMiner();
  // parts-key -> id: hashing is cheap, but most events repeat a known fingerprint.
  private readonly ids = new Map<string, string>();

  constructor() {}

  fingerprint(event: ErrorEvent, parsed: ParsedError | undefined): Fingerprint {
    const service = event.service || 'unknown';
    const why: string[] = [];
    const custom = (event.error as { fingerprint?: unknown } | undefined)?.fingerprint;
    const rawMessage = messageOf(event, parsed);

    if (typeof custom === 'string' && custom.trim() !== '') {
      const parts = [`service:${service}`, `fingerprint:${custom.trim()}`];
      why.push(`fingerprint: error.fingerprint "${custom.trim()}" set on the event wins over the stack and message`);
      why.push(`service: ${service} (a custom fingerprint is scoped to its service)`);
      const msg = normalizeMessageDetailed(rawMessage);
      return { id: this.idOf(parts), parts, messageTemplate: msg.text, why };
    }
    if (custom !== undefined && typeof custom !== 'string') {
      why.push('fingerprint: error.fingerprint ignored (not a string)');
    }

    const parts = [`service:${service}`];
    why.push(`service: ${service}`);

    const chain = parsed ? chainOf(parsed) : [];
    const root = chain[chain.length - 1];
    const outerKind = parsed?.kind || event.error?.kind || '';
    const rootKind = root?.kind || outerKind;
    const kind = rootKind && outerKind && rootKind !== outerKind ? `${outerKind}>${rootKind}` : rootKind;
    parts.push(`kind:${kind}`);
    if (chain.length > 1) {
      why.push(`kind: ${rootKind} (root cause of a ${chain.length}-exception chain)` + (kind !== rootKind ? `, wrapped by ${outerKind}` : ''));
    } else {
      why.push(kind ? `kind: ${kind}` : 'kind: none logged');
    }

    const gf = parsed ? groupingFrame(parsed) : undefined;
    let scope = `${service}\u0001${kind}`;
    if (gf) {
      const fp = framePart(gf.frame);
      parts.push(`frame:${fp}`);
      scope += `\u0001${fp}`;
      const where = gf.chainIndex === chain.length - 1 ? '' : ' of an outer exception (the root cause has none)';
      why.push(
        gf.how === 'in-app'
          ? `frame: ${fp.replace('|', ' in ')} (top-most in-app frame${where}); line and column ignored`
          : `frame: ${fp.replace('|', ' in ')} (no in-app frame: top frame of the stack); line and column ignored`,
      );
    } else {
      why.push(parsed ? 'frame: none (the stack has no frames)' : 'frame: none (no stack): grouped by message template');
    }

    const msg = normalizeMessageDetailed(rawMessage);
    const mined = this.miner.add(scope, msg.text);
    parts.push(`message:${mined.key}`);
    const rules = msg.rules.length ? `masked by rules ${msg.rules.join(', ')}` : 'no rule matched';
    why.push(
      `message: "${mined.template}" (${rules}` +
        (mined.generalized ? '; template mined from similar messages, varying words shown as <*>' : '') +
        (chain.length > 1 ? '; message of the root cause' : '') +
        ')',
    );
    return { id: this.idOf(parts), parts, messageTemplate: mined.template, why };
  }

  /** Template clusters, persisted with the state so ids of stack-less messages survive restarts. */
  templatesToPersisted(): PersistedCluster[] {
    return this.miner.toPersisted();
  }

  loadTemplates(clusters: PersistedCluster[]): number {
    return this.miner.load(clusters);
  }

  private idOf(parts: string[]): string {
    const key = joinParts(parts);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = fnv1a64(key);
      if (this.ids.size >= ID_CACHE_LIMIT) this.ids.clear();
      this.ids.set(key, id);
    }
    return id;
  }
}

/** The message grouped on: the root cause's, else error.message, else the log message. */
function messageOf(event: ErrorEvent, parsed: ParsedError | undefined): string {
  if (parsed) {
    const chain = chainOf(parsed);
    const root = chain[chain.length - 1];
    if (root.message) return root.message;
  }
  return event.error?.message || event.message || '';
}
