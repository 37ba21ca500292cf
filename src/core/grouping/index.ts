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
//   place that differ in a parameter the rules cannot see (a user name) still form one issue.
// The id is FNV-1a 64 (hash.ts) of the parts joined by newlines; the message part is the
// cluster's settled template, so the id does not depend on which message came first. When a
// template generalizes, `renames` lists the ids it replaced (the store carries those issues over).

import type { ErrorEvent, ParsedError } from '../model';
import { chainOf, groupingFrame, rootOf, type GroupingFrame } from './chain';
import { framePart, joinParts } from './fingerprint';
import { fnv1a64 } from './hash';
import { normalizeMessageShared, type NormalizedMessage } from './normalize-rules';
import { canonicalTokens, TemplateMiner, VARIABLE_AT, type PersistedCluster, type TemplateCluster, type TextNode } from './template-miner';

export { normalizeMessage, normalizeMessageDetailed, normalizeMessageShared, NORMALIZE_RULES } from './normalize-rules';
export type { NormalizeRule, NormalizedMessage } from './normalize-rules';
export { fnv1a64 } from './hash';
export { chainOf, rootOf, groupingFrame, inAppFramesOf } from './chain';
export { normalizeFile, normalizeFunction } from './fingerprint';
export { TemplateMiner, VARIABLE_AT, MIN_TOKENS, canonicalTokens } from './template-miner';
export type { PersistedCluster } from './template-miner';

/** Bump when any rule change could move an event to another issue. */
export const GROUPING_STRATEGY_VERSION = 2;

export interface Fingerprint {
  id: string;
  parts: string[];
  messageTemplate: string;
  /** Human-readable account of which components contributed, like Sentry's grouping info. */
  why: string[];
}

/** Distinct values one position needs, among messages of one kind thrown at one frame. */
const THROW_SITE_VARIABLE_AT = 2;

const ID_CACHE_LIMIT = 50_000;

/** What `group` found for the event; `parts` and `why` are built only when asked for. */
export interface GroupResult {
  id: string;
  messageTemplate: string;
}

// Remembers which distinct text of the miner a normalized text is, per scope: a repeat of the
// same text from the same service, kind and frame is only counted, without tokenizing or
// matching. The node's cluster is read live (clusters merge as evidence comes). Texts are found
// through the shared normalization entry (no hashing of the text per event); entries of
// different digit skeletons that normalize alike share one TextMemos.
interface MinedMemo {
  service: string;
  kind: string;
  framePart: string | undefined;
  node: TextNode;
}
type TextMemos = Map<string, MinedMemo>;
/** Memos kept in all; past it they are dropped and rebuilt as events come (bounded memory). */
const MAX_MEMOS = 100_000;

export class Grouper {
  // Messages thrown at one place (same kind and top frame) that differ in one word differ in a
  // value ("template monthly is not defined" / "… weekly …"): two values are evidence enough
  // there. Stack-less messages need VARIABLE_AT, since "VM Started" / "VM Stopped" are two events.
  private readonly miner = new TemplateMiner((scope) => (scope.split('\u0001').length > 2 ? THROW_SITE_VARIABLE_AT : VARIABLE_AT));
  // parts-key -> id for custom fingerprints: hashing is cheap, but most events repeat a known one.
  private readonly ids = new Map<string, string>();
  private byEntry = new WeakMap<NormalizedMessage, TextMemos>();
  private byText = new Map<string, TextMemos>();
  private memoCount = 0;
  // What the last `group` call saw, for `lastParts` / `lastWhy` (one event at a time: no allocation).
  private lastService = '';
  private lastCustom: string | undefined;
  private lastBadCustom = false;
  private lastKind = '';
  private lastRootKind = '';
  private lastOuterKind = '';
  private lastChainLength = 0;
  private lastFrame: GroupingFrame | undefined;
  private lastFramePart: string | undefined;
  private lastLogger: string | undefined;
  private lastHasStack = false;
  private lastMessage: NormalizedMessage | undefined;
  private lastCluster: TemplateCluster | undefined;
  private lastGeneralized = false;
  private lastTemplate = '';

  constructor() {}

  fingerprint(event: ErrorEvent, parsed: ParsedError | undefined): Fingerprint {
    const { id, messageTemplate } = this.group(event, parsed);
    return { id, parts: this.lastParts(), messageTemplate, why: this.lastWhy() };
  }

  /**
   * The id and message template of the event, as `fingerprint` gives them, without building the
   * parts and the explanation: call `lastParts` / `lastWhy` right after for those. The result
   * object is reused by the next call.
   */
  group(event: ErrorEvent, parsed: ParsedError | undefined): GroupResult {
    const service = event.service || 'unknown';
    const custom = (event.error as { fingerprint?: unknown } | undefined)?.fingerprint;
    const rawMessage = messageOf(event, parsed);
    this.lastService = service;
    this.lastHasStack = parsed !== undefined;
    this.lastCluster = undefined;
    this.renames.length = 0;

    if (typeof custom === 'string' && custom.trim() !== '') {
      this.lastCustom = custom.trim();
      this.lastBadCustom = false;
      const msg = normalizeMessageShared(rawMessage);
      this.lastMessage = msg;
      this.lastTemplate = msg.text;
      return this.result(this.idOf([`service:${service}`, `fingerprint:${this.lastCustom}`]), msg.text);
    }
    this.lastCustom = undefined;
    this.lastBadCustom = custom !== undefined && typeof custom !== 'string';

    const outer = parsed;
    const root = parsed === undefined ? undefined : parsed.cause === undefined ? parsed : rootOf(parsed);
    const chainLength = parsed === undefined ? 0 : parsed.cause === undefined ? 1 : chainOf(parsed).length;
    const outerKind = outer?.kind || event.error?.kind || '';
    const rootKind = root?.kind || outerKind;
    const kind = rootKind && outerKind && rootKind !== outerKind ? `${outerKind}>${rootKind}` : rootKind;
    const gf = parsed ? groupingFrame(parsed) : undefined;
    const fp = gf ? framePart(gf.frame) : undefined;
    this.lastKind = kind;
    this.lastRootKind = rootKind;
    this.lastOuterKind = outerKind;
    this.lastChainLength = chainLength;
    this.lastFrame = gf;
    this.lastFramePart = fp;

    const msg = normalizeMessageShared(rawMessage);
    this.lastMessage = msg;
    const memos = this.memosOf(msg);
    // Stack events are told apart by their frame; stack-less ones by service and kind.
    // A record without a stack is told apart by the logger that wrote it too (org.acme.Job vs org.acme.Mailer).
    const logger = fp === undefined ? loggerOf(event) : undefined;
    this.lastLogger = logger;
    const scopeKind = logger === undefined ? kind : `${kind}\u0002${logger}`;
    const memoKey = fp ?? `${service}\u0001${scopeKind}`;
    const memo = memos.get(memoKey);
    let node: TextNode;
    if (memo !== undefined && memo.framePart === fp && memo.service === service && memo.kind === scopeKind) {
      node = memo.node;
    } else {
      const scope = fp === undefined ? `${service}\u0001${scopeKind}` : `${service}\u0001${kind}\u0001${fp}`;
      node = this.miner.addText(scope, fp === undefined ? msg.text : maskQuotedPhrases(msg.text));
      if (memo !== undefined) {
        memo.service = service;
        memo.kind = scopeKind;
        memo.framePart = fp;
        memo.node = node;
      } else {
        memos.set(memoKey, { service, kind: scopeKind, framePart: fp, node });
        this.memoCount++;
      }
    }
    const cluster = this.miner.clusterOf(node);
    cluster.size++;
    this.lastGeneralized = cluster.generalized;
    this.lastCluster = cluster;
    this.lastTemplate = cluster.template;
    // A cluster lives in one scope, so its id is cached until its template changes, unless a
    // separator inside the service, kind or frame could make two scopes read alike (then the id
    // is computed from the parts, and such clusters' merges rename nothing).
    let id = cluster.id;
    if (id === undefined || !this.scopeIsPlain()) {
      // Hashed directly: the id is kept on the cluster, so the parts-key cache would only hold copies.
      id = fnv1a64(joinParts(this.lastParts()));
      if (this.scopeIsPlain()) cluster.id = id;
    }
    // Clusters merged or generalized by this text: their issues are now this one.
    this.renames.length = 0;
    const merges = this.miner.takeMerged();
    for (const m of merges) for (const previous of m.previousIds) if (previous !== id && !this.renames.includes(previous)) this.renames.push(previous);
    return this.result(id, cluster.template);
  }

  /**
   * Ids of issues the last `group` call merged into its result: their template generalized or
   * joined this one (most calls: none). The array is reused by the next call.
   */
  readonly renames: string[] = [];

  /**
   * The id strategy 2 gives the fingerprint parts an older strategy saved (a state-file
   * migration): the message part is re-masked and canonicalized as today; every other part keeps
   * its meaning. The issue may later generalize on, and is then renamed like any other.
   */
  migrateParts(id: string, parts: readonly string[]): { id: string; parts: string[] } | undefined {
    // Only ids this engine made from these parts (not a Datadog id kept in the same file).
    if (!parts.some((p) => p.startsWith('message:')) || fnv1a64(joinParts(parts as string[])) !== id) return undefined;
    const next = parts.map((p) => (p.startsWith('message:') ? `message:${canonicalTokens(normalizeMessageShared(p.slice(8)).text).tokens.join(' ')}` : p));
    return { id: fnv1a64(joinParts(next)), parts: next };
  }

  /** Parts of the last `group` call's fingerprint. */
  lastParts(): string[] {
    if (this.lastCustom !== undefined) return [`service:${this.lastService}`, `fingerprint:${this.lastCustom}`];
    const parts = [`service:${this.lastService}`, `kind:${this.lastKind}`];
    if (this.lastLogger !== undefined) parts.push(`logger:${this.lastLogger}`);
    if (this.lastFramePart !== undefined) parts.push(`frame:${this.lastFramePart}`);
    parts.push(`message:${this.lastCluster!.key}`);
    return parts;
  }

  /** Explanation of the last `group` call's fingerprint, like Sentry's grouping info. */
  lastWhy(): string[] {
    const why: string[] = [];
    const service = this.lastService;
    if (this.lastCustom !== undefined) {
      why.push(`fingerprint: error.fingerprint "${this.lastCustom}" set on the event wins over the stack and message`);
      why.push(`service: ${service} (a custom fingerprint is scoped to its service)`);
      return why;
    }
    if (this.lastBadCustom) why.push('fingerprint: error.fingerprint ignored (not a string)');
    why.push(`service: ${service}`);
    const { lastKind: kind, lastRootKind: rootKind, lastOuterKind: outerKind, lastChainLength: chainLength } = this;
    if (chainLength > 1) {
      why.push(`kind: ${rootKind} (root cause of a ${chainLength}-exception chain)` + (kind !== rootKind ? `, wrapped by ${outerKind}` : ''));
    } else {
      why.push(kind ? `kind: ${kind}` : 'kind: none logged');
      if (this.lastLogger !== undefined) why.push(`logger: ${this.lastLogger} (records without a stack are grouped per logger)`);
    }
    const gf = this.lastFrame;
    const fp = this.lastFramePart;
    if (gf && fp !== undefined) {
      const where = gf.chainIndex === chainLength - 1 ? '' : ' of an outer exception (the root cause has none)';
      why.push(
        gf.how === 'in-app'
          ? `frame: ${fp.replace('|', ' in ')} (top-most in-app frame${where}); line and column ignored`
          : `frame: ${fp.replace('|', ' in ')} (no in-app frame: top frame of the stack); line and column ignored`,
      );
    } else {
      why.push(this.lastHasStack ? 'frame: none (the stack has no frames)' : 'frame: none (no stack): grouped by message template');
    }
    const msg = this.lastMessage!;
    const rules = msg.rules.length ? `masked by rules ${msg.rules.join(', ')}` : 'no rule matched';
    why.push(
      `message: "${this.lastTemplate}" (${rules}` +
        (this.lastGeneralized ? '; template mined from similar messages, varying words shown as <*>' : '') +
        (chainLength > 1 ? '; message of the root cause' : '') +
        ')',
    );
    return why;
  }

  /** Template clusters, persisted with the state so ids of stack-less messages survive restarts. */
  templatesToPersisted(): PersistedCluster[] {
    return this.miner.toPersisted();
  }

  loadTemplates(clusters: PersistedCluster[]): number {
    return this.miner.load(clusters);
  }

  private readonly last: GroupResult = { id: '', messageTemplate: '' };

  private memosOf(msg: NormalizedMessage): TextMemos {
    let memos = this.byEntry.get(msg);
    if (memos === undefined) {
      if (this.memoCount >= MAX_MEMOS) {
        this.byEntry = new WeakMap();
        this.byText = new Map();
        this.memoCount = 0;
      }
      memos = this.byText.get(msg.text);
      if (memos === undefined) this.byText.set(msg.text, (memos = new Map()));
      this.byEntry.set(msg, memos);
    }
    return memos;
  }

  private result(id: string, messageTemplate: string): GroupResult {
    this.last.id = id;
    this.last.messageTemplate = messageTemplate;
    return this.last;
  }

  private scopeIsPlain(): boolean {
    return !this.lastService.includes('\u0001') && !this.lastKind.includes('\u0001') && !(this.lastLogger?.includes('\u0002') ?? false) && !(this.lastFramePart?.includes('\u0001') ?? false);
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
    const root = parsed.cause === undefined ? parsed : rootOf(parsed);
    if (root.message) return root.message;
  }
  return event.error?.message || event.message || '';
}

/** At a throw site a quoted phrase is a value too ('invalid sku "bad sku"'), not only a quoted word. */
function maskQuotedPhrases(text: string): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  return text.replace(/(?<![\w>])"[^"<>\n]{1,400}"(?![\w<])|(?<![\w>])'[^'<>\n]{1,400}'(?![\w<])/g, '<quoted>');
}

/** The logger of a record (Datadog's logger.name, flat or nested), for grouping stack-less records. */
function loggerOf(event: ErrorEvent): string | undefined {
  const attrs = event.attributes;
  const flat = attrs['logger.name'];
  const nested = attrs.logger && typeof attrs.logger === 'object' && !Array.isArray(attrs.logger) ? attrs.logger.name : undefined;
  const name = typeof flat === 'string' ? flat : typeof nested === 'string' ? nested : undefined;
  return name ? name : undefined;
}

