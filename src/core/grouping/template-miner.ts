// Log-template mining, applied after masking (normalize-rules.ts), within a scope (service + kind
// + frame). The partition it settles on depends only on the *set* of distinct masked texts seen,
// never on their order, so two machines reading the same logs in any order agree; a cluster is
// named by its settled template.
//
//  1. A masked text becomes canonical tokens: every token holding a placeholder is "<*>"
//     ("rhost=<ip>" -> "rhost=<*>", "(<host>)" -> "<*>"), an empty "()" / "[]" / '""' is "<*>"
//     (an empty value), and a run of "<*>" is one "<*>" (a list of ids of any length is one value:
//     the weakness of fixed token counts in Drain).
//  2. Texts with the same canonical tokens are one cluster. Texts of MIN_TOKENS or more tokens
//     that differ in one position only meet in that position's bucket (the text with that
//     position blanked out). A bucket merges its texts when one of them already holds "<*>" there
//     (another message proved the position variable) or when it holds VARIABLE_AT distinct values
//     (evidence in the spirit of Brain: a position with many values is a parameter; two or three
//     are usually different events, "VM Started" / "VM Stopped"). The first token is the
//     subject of the sentence ("billing-sync failed", "profile-sync failed"; Drain routes on it
//     too): it merges on a placeholder only, never on a count of values.
//  3. A cluster whose template covers another's (equal wherever it is not "<*>") absorbs it.
// Merging only ever adds "<*>", so these rules reach the same fixpoint in any order.
// Merges are recorded (`takeMerged`) so the caller can carry the old clusters' issues over.
// Cost is bounded: MAX_TOKENS tokens per text, MAX_TEXTS_PER_GROUP distinct texts per scope and
// length and MAX_TEXTS in all (beyond, a new text only joins an existing template that covers
// it), BUCKET_VALUES values per bucket.

import { PLACEHOLDER } from './normalize-rules';

export const WILDCARD = '<*>';
/** Distinct values one position must show before it counts as a parameter. */
export const VARIABLE_AT = 5;
/** Shorter texts merge only when their canonical tokens are equal: too little context. */
export const MIN_TOKENS = 4;
const MAX_TOKENS = 80;
const MAX_TEXTS_PER_GROUP = 2_000;
const MAX_TEXTS = 200_000;
const BUCKET_VALUES = 64;
/** Member texts persisted per cluster: enough to re-derive its variable positions. */
const PERSISTED_MEMBERS = 16;

export interface TemplateCluster {
  /** Canonical template: the settled identity of the cluster (tokens joined). */
  key: string;
  /** Canonical tokens of the template ("<*>" where members differ). */
  tokens: string[];
  /** Display tokens: the members' masked tokens where they agree, else "<*>". */
  surface: string[];
  /** `surface` joined, kept in step (read on every event). */
  template: string;
  size: number;
  generalized: boolean;
  /** Issue id of this cluster, cached by the Grouper; cleared when the template changes. */
  id?: string;
  members: TextNode[];
  group: LengthGroup;
  /** Set once this cluster was merged into another (a node past the bounds may still point here). */
  mergedInto?: TemplateCluster;
}

/** One distinct canonical text of a scope. `cluster` always points at its live cluster. */
export interface TextNode {
  text: string;
  tokens: string[];
  surface: string[];
  cluster: TemplateCluster;
}

interface Bucket {
  values: Map<string, TextNode>;
  /** Some value holds "<*>" ("<*>", "<*>,", "id=<*>"): the position is a parameter. */
  wild: boolean;
  merged: boolean;
}

interface LengthGroup {
  clusters: Set<TemplateCluster>;
  /** Distinct values a position needs before it is a parameter, in this group's scope. */
  variableAt: number;
  /** Signature hash -> the one text seen there, or a Bucket once a second one came. */
  buckets: Map<number, TextNode | Bucket>;
  texts: number;
}

export interface MinedTemplate {
  key: string;
  template: string;
  /** True when the template already generalized some positions to "<*>". */
  generalized: boolean;
}

export interface PersistedCluster {
  scope: string;
  key: string;
  template: string;
  /** Canonical member texts (a bounded few), so a restart re-derives the same template. */
  members?: string[];
}

/** What a merge replaced: the ids the absorbed or generalized clusters had. */
export interface MergeRecord {
  into: TemplateCluster;
  previousIds: string[];
}

export class TemplateMiner {
  private readonly nodes = new Map<string, TextNode>();
  private readonly groups = new Map<string, LengthGroup>();
  private clusterCount = 0;
  private merged: MergeRecord[] = [];

  /** `variableAt` may depend on the scope (the grouper asks less evidence where a throw site already tells issues apart). */
  constructor(private readonly variableAt: number | ((scope: string) => number) = VARIABLE_AT) {}


  get size(): number {
    return this.clusterCount;
  }

  /** `masked` is already normalized by the rules. */
  add(scope: string, masked: string): MinedTemplate {
    const c = this.clusterOf(this.addText(scope, masked));
    c.size++;
    return { key: c.key, template: c.template, generalized: c.generalized };
  }

  /**
   * The node of the text in its scope, created (and merged with its kin) when new. Counting is
   * the caller's: a node's cluster may change later, so memoize the node, not the cluster.
   */
  addText(scope: string, masked: string): TextNode {
    const { tokens, surface } = canonicalTokens(masked);
    const text = tokens.join(' ');
    const nodeKey = `${scope}\u0000${text}`;
    const known = this.nodes.get(nodeKey);
    if (known !== undefined) {
      // Same canonical text, other masked text ("<id>" vs "<id> <id>"): shown as "<*>" there.
      const c = this.clusterOf(known);
      let changed = false;
      for (let i = 0; i < surface.length; i++) {
        if (surface[i] !== known.surface[i] && c.surface[i] !== WILDCARD) {
          c.surface[i] = WILDCARD;
          changed = true;
        }
      }
      if (changed) c.template = c.surface.join(' ');
      return known;
    }
    const groupKey = `${scope}\u0000${tokens.length}`;
    let group = this.groups.get(groupKey);
    if (group === undefined) {
      const variableAt = typeof this.variableAt === 'number' ? this.variableAt : this.variableAt(scope);
      this.groups.set(groupKey, (group = { clusters: new Set(), variableAt, buckets: new Map(), texts: 0 }));
    }
    const cluster: TemplateCluster = { key: text, tokens: tokens.slice(), surface: surface.slice(), template: surface.join(' '), size: 0, generalized: false, members: [], group };
    const node: TextNode = { text, tokens, surface, cluster };
    cluster.members.push(node);
    if (group.texts >= MAX_TEXTS_PER_GROUP || this.nodes.size >= MAX_TEXTS) {
      // Full: the text joins a template that covers it, else stands alone, unremembered (the
      // caller's memo keeps it while it repeats). Only past this bound does order matter.
      if (tokens.length >= MIN_TOKENS) for (const c of group.clusters) if (covers(c.tokens, tokens)) return { text, tokens, surface, cluster: c };
      return node;
    }
    group.texts++;
    this.nodes.set(nodeKey, node);
    group.clusters.add(cluster);
    this.clusterCount++;
    if (tokens.length >= MIN_TOKENS) {
      this.bucketize(group, node);
      this.absorbCovered(node);
    }
    return node;
  }

  /** The live cluster of a node (a node kept past the bounds is not moved by merges). */
  clusterOf(node: TextNode): TemplateCluster {
    let c = node.cluster;
    while (c.mergedInto !== undefined) c = c.mergedInto;
    node.cluster = c;
    return c;
  }

  /** Merges recorded since the last call (the caller renames the issues they held). */
  takeMerged(): MergeRecord[] {
    if (this.merged.length === 0) return NO_MERGES;
    const out = this.merged;
    this.merged = [];
    return out;
  }

  toPersisted(): PersistedCluster[] {
    const out: PersistedCluster[] = [];
    for (const [groupKey, group] of this.groups) {
      const scope = groupKey.slice(0, groupKey.lastIndexOf('\u0000'));
      for (const c of group.clusters) {
        const p: PersistedCluster = { scope, key: c.key, template: c.template };
        if (c.members.length > 1) p.members = c.members.slice(0, PERSISTED_MEMBERS).map((m) => m.text);
        out.push(p);
      }
    }
    return out;
  }

  /** Restores clusters (their members, then their display template); returns how many. */
  load(clusters: PersistedCluster[]): number {
    let loaded = 0;
    for (const p of clusters) {
      const texts = [p.key, ...(p.members ?? [])];
      let node: TextNode | undefined;
      for (const t of texts) {
        const n = this.addText(p.scope, t);
        if (node !== undefined && n.cluster !== node.cluster && n.tokens.length === node.tokens.length) this.union(node.cluster, n.cluster);
        node = n;
      }
      if (node === undefined) continue;
      const c = node.cluster;
      const surface = p.template.split(' ');
      if (surface.length === c.tokens.length) {
        c.surface = surface.map((s, i) => (c.tokens[i] === WILDCARD && !PLACEHOLDER.test(s) ? WILDCARD : s));
        c.template = c.surface.join(' ');
      }
      loaded++;
    }
    this.merged = [];
    return loaded;
  }

  private bucketize(group: LengthGroup, node: TextNode): void {
    const tokens = node.tokens;
    const signatures = blankedSignatures(tokens);
    for (let i = 0; i < tokens.length; i++) {
      const value = tokens[i];
      const wild = value.includes(WILDCARD);
      const seen = group.buckets.get(signatures[i]);
      if (seen === undefined) {
        group.buckets.set(signatures[i], node); // most positions of most texts: one text, no object
        continue;
      }
      let bucket: Bucket;
      if ('values' in seen) bucket = seen;
      else {
        bucket = { values: new Map([[seen.tokens[i], seen]]), wild: seen.tokens[i].includes(WILDCARD), merged: false };
        group.buckets.set(signatures[i], bucket);
      }
      if (bucket.values.size < BUCKET_VALUES) bucket.values.set(value, node);
      bucket.wild ||= wild;
      if (bucket.merged) {
        this.union(this.clusterOf(node), this.clusterOf(bucket.values.values().next().value!));
      } else if (bucket.wild || (i > 0 && bucket.values.size >= group.variableAt)) {
        bucket.merged = true;
        for (const other of bucket.values.values()) this.union(this.clusterOf(node), this.clusterOf(other));
      }
    }
  }

  /** Rule 3, to a fixpoint: the node's cluster absorbs the clusters its template covers, and joins one covering it. */
  private absorbCovered(node: TextNode): void {
    for (let changed = true; changed; ) {
      changed = false;
      const c = node.cluster;
      for (const other of c.group.clusters) {
        if (other === c) continue;
        if (covers(c.tokens, other.tokens) || covers(other.tokens, c.tokens)) {
          this.union(c, other);
          changed = true;
          break;
        }
      }
    }
  }

  /** Merges two clusters of one group; the larger one lives on with the merged template. */
  private union(a: TemplateCluster, b: TemplateCluster): TemplateCluster {
    if (a === b) return a;
    const [keep, gone] = a.members.length >= b.members.length ? [a, b] : [b, a];
    const previousIds: string[] = [];
    if (keep.id !== undefined) previousIds.push(keep.id);
    if (gone.id !== undefined) previousIds.push(gone.id);
    let changed = false;
    for (let i = 0; i < keep.tokens.length; i++) {
      if (keep.tokens[i] !== gone.tokens[i] && keep.tokens[i] !== WILDCARD) {
        keep.tokens[i] = WILDCARD;
        changed = true;
      }
      if (keep.surface[i] !== gone.surface[i] && keep.surface[i] !== WILDCARD) keep.surface[i] = WILDCARD;
    }
    for (const m of gone.members) {
      m.cluster = keep;
      keep.members.push(m);
    }
    keep.size += gone.size;
    gone.members = [];
    gone.mergedInto = keep;
    keep.group.clusters.delete(gone);
    this.clusterCount--;
    if (changed) keep.key = keep.tokens.join(' ');
    keep.template = keep.surface.join(' ');
    keep.generalized = true;
    keep.id = undefined;
    this.merged.push({ into: keep, previousIds });
    return keep;
  }
}

const NO_MERGES: MergeRecord[] = [];

/**
 * For each position, a 53-bit hash of the tokens with that position blanked out (and its index):
 * texts differing only there share it. Numbers, not strings: an index entry per token of every
 * distinct text must stay small. Two independent 32-bit hashes, so a false share is ~2^-53.
 */
function blankedSignatures(tokens: string[]): number[] {
  const n = tokens.length;
  const a = new Array<number>(n + 1);
  const b = new Array<number>(n + 1);
  a[0] = 0x811c9dc5;
  b[0] = 0x9747b28c;
  for (let i = 0; i < n; i++) [a[i + 1], b[i + 1]] = mix(a[i], b[i], tokens[i]);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let x = Math.imul(a[i] ^ (i + 1), 16777619);
    let y = Math.imul(b[i] ^ (i + 1), 0x5bd1e995);
    for (let j = i + 1; j < n; j++) [x, y] = mix(x, y, tokens[j]);
    out[i] = (x >>> 0) * 2097152 + ((y >>> 0) >>> 11);
  }
  return out;
}

function mix(x: number, y: number, token: string): [number, number] {
  for (let k = 0; k < token.length; k++) {
    const c = token.charCodeAt(k);
    x = Math.imul(x ^ c, 16777619);
    y = Math.imul(y ^ c, 0x5bd1e995);
    y ^= y >>> 15;
  }
  // A separator, so "a b" and "ab" differ.
  return [Math.imul(x ^ 0x20, 16777619), Math.imul(y ^ 0x1f, 0x5bd1e995) ^ (y >>> 13)];
}

/** True when template `a` matches every text `b` matches: equal wherever `a` is not "<*>". */
function covers(a: string[], b: string[]): boolean {
  let wild = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== WILDCARD) return false;
    wild = true;
  }
  return wild;
}

const TOKEN_RUN = /[^\s,;:()[\]{}="'|]+/g;
const EMPTY_VALUE = /^(?:\(\)|\[\]|\{\}|""|'')$/;
const BRACKETED_WILDCARD = /[([{]<\*>[)\]}]/g;

/** Canonical tokens of a masked text, each with the masked text it stands for (step 1 above). */
export function canonicalTokens(masked: string): { tokens: string[]; surface: string[] } {
  const tokens: string[] = [];
  const surface: string[] = [];
  for (const raw of masked.split(' ')) {
    if (raw === '') continue;
    let canon = raw;
    if (raw.includes('<')) {
      canon = raw.replace(TOKEN_RUN, (run) => (PLACEHOLDER.test(run) ? WILDCARD : run));
      if (canon.includes('<*>')) canon = canon.replace(BRACKETED_WILDCARD, WILDCARD);
    } else if (EMPTY_VALUE.test(raw)) canon = WILDCARD;
    const last = tokens.length - 1;
    if (canon === WILDCARD && last >= 0 && tokens[last] === WILDCARD) {
      surface[last] += ` ${raw}`;
      continue;
    }
    if (tokens.length === MAX_TOKENS) break;
    tokens.push(canon);
    surface.push(raw);
  }
  return { tokens, surface };
}

export function tokenize(masked: string): string[] {
  return canonicalTokens(masked).tokens;
}
