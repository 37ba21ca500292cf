// Log-template mining in the spirit of Drain (He et al., ICWS 2017), applied after masking:
//  1. the message is masked by the normalization rules (numbers, ids, ... become placeholders);
//  2. it is split into tokens and routed down a fixed-depth tree: scope (service + kind + frame),
//     then token count, then the first token (tokens holding a placeholder go to a "<*>" branch);
//  3. in that leaf, the most similar template wins if the share of positions with equal tokens
//     reaches the threshold; differing positions become "<*>". Otherwise a new cluster starts.
// A cluster keeps the key it was born with, so its issue id never changes as its template
// generalizes; the persisted state carries the clusters so ids survive restarts.
// Cost per message is bounded: a leaf holds at most MAX_CLUSTERS_PER_LEAF templates and
// messages are cut to MAX_TOKENS tokens before the tree sees them.

import { PLACEHOLDER } from './normalize-rules';

export const WILDCARD = '<*>';
export const SIMILARITY_THRESHOLD = 0.6;
const MAX_TOKENS = 80;
const MAX_CLUSTERS_PER_LEAF = 64;

export interface TemplateCluster {
  /** Stable key: the masked message that created the cluster. */
  key: string;
  tokens: string[];
  size: number;
  /** `tokens` joined, kept in step with them (read on every event). */
  template: string;
  generalized: boolean;
  /** Issue id of this cluster, cached by the Grouper (a cluster lives in one scope). */
  id?: string;
}

/** One leaf of the tree; `version` changes whenever its clusters or their tokens change. */
export interface TemplateLeaf {
  clusters: TemplateCluster[];
  version: number;
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
}

export class TemplateMiner {
  // scope + length + first token -> leaf
  private readonly leaves = new Map<string, TemplateLeaf>();
  private clusterCount = 0;
  /** The leaf the last `addCluster` went to (for callers that memoize by leaf version). */
  lastLeaf: TemplateLeaf | undefined;

  constructor(private readonly threshold = SIMILARITY_THRESHOLD) {}

  get size(): number {
    return this.clusterCount;
  }

  /** `masked` is already normalized by the rules. */
  add(scope: string, masked: string): MinedTemplate {
    const c = this.addCluster(scope, masked);
    return { key: c.key, template: c.template, generalized: c.generalized };
  }

  /**
   * As `add`, returning the live cluster (read-only for callers). Adding the same masked text to
   * a leaf whose `version` did not change since gives the same cluster and changes nothing but
   * its size, so a caller may memoize on (text, scope, leaf, version) and just count.
   */
  addCluster(scope: string, masked: string): TemplateCluster {
    const tokens = tokenize(masked);
    const leafKey = leafKeyOf(scope, tokens);
    let leaf = this.leaves.get(leafKey);
    if (!leaf) {
      leaf = { clusters: [], version: 0 };
      this.leaves.set(leafKey, leaf);
    }
    this.lastLeaf = leaf;
    const clusters = leaf.clusters;
    const best = bestMatch(clusters, tokens, this.threshold);
    if (best) {
      let changed = false;
      for (let i = 0; i < tokens.length; i++) {
        if (best.tokens[i] !== tokens[i] && best.tokens[i] !== WILDCARD) {
          best.tokens[i] = WILDCARD;
          changed = true;
        }
      }
      if (changed) {
        best.template = best.tokens.join(' ');
        best.generalized = true;
        leaf.version++;
      }
      best.size++;
      return best;
    }
    const key = tokens.join(' ');
    const cluster: TemplateCluster = { key, tokens, size: 1, template: key, generalized: tokens.includes(WILDCARD) };
    if (clusters.length >= MAX_CLUSTERS_PER_LEAF) {
      // A full leaf drops its smallest cluster (Drain3 uses an LRU for the same reason).
      let smallest = 0;
      for (let i = 1; i < clusters.length; i++) if (clusters[i].size < clusters[smallest].size) smallest = i;
      clusters.splice(smallest, 1);
      this.clusterCount--;
    }
    clusters.push(cluster);
    leaf.version++;
    this.clusterCount++;
    return cluster;
  }

  toPersisted(): PersistedCluster[] {
    const out: PersistedCluster[] = [];
    for (const [leafKey, leaf] of this.leaves) {
      const scope = leafKey.slice(0, leafKey.indexOf('\u0000'));
      for (const c of leaf.clusters) out.push({ scope, key: c.key, template: c.template });
    }
    return out;
  }

  /** Restores clusters; a template that no longer tokenizes to its key's length is skipped. */
  load(clusters: PersistedCluster[]): number {
    let loaded = 0;
    for (const p of clusters) {
      const keyTokens = tokenize(p.key);
      const tokens = tokenize(p.template);
      if (tokens.length !== keyTokens.length) continue;
      const leafKey = leafKeyOf(p.scope, keyTokens);
      let leaf = this.leaves.get(leafKey);
      if (!leaf) this.leaves.set(leafKey, (leaf = { clusters: [], version: 0 }));
      if (leaf.clusters.some((c) => c.key === p.key) || leaf.clusters.length >= MAX_CLUSTERS_PER_LEAF) continue;
      leaf.clusters.push({ key: p.key, tokens, size: 1, template: tokens.join(' '), generalized: tokens.includes(WILDCARD) });
      leaf.version++;
      this.clusterCount++;
      loaded++;
    }
    return loaded;
  }
}

export function tokenize(masked: string): string[] {
  const tokens = masked.split(' ').filter((t) => t.length > 0);
  return tokens.length > MAX_TOKENS ? tokens.slice(0, MAX_TOKENS) : tokens;
}

function leafKeyOf(scope: string, tokens: string[]): string {
  const first = tokens.length === 0 ? '' : PLACEHOLDER.test(tokens[0]) ? WILDCARD : tokens[0];
  return `${scope}\u0000${tokens.length}\u0000${first}`;
}

// Drain's simSeq: equal tokens over length; "<*>" positions do not count as equal, so a template
// does not attract ever more messages just because it generalized.
function bestMatch(leaf: TemplateCluster[], tokens: string[], threshold: number): TemplateCluster | undefined {
  let best: TemplateCluster | undefined;
  let bestSim = -1;
  let bestWild = -1;
  for (const c of leaf) {
    let same = 0;
    let wild = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (c.tokens[i] === WILDCARD) wild++;
      else if (c.tokens[i] === tokens[i]) same++;
    }
    const sim = tokens.length === 0 ? 1 : same / tokens.length;
    if (sim > bestSim || (sim === bestSim && wild > bestWild)) {
      best = c;
      bestSim = sim;
      bestWild = wild;
    }
  }
  if (!best) return undefined;
  // Two-token messages merge only when identical: "connection refused" is not "connection reset".
  if (tokens.length <= 2) return bestSim === 1 ? best : undefined;
  return bestSim >= threshold ? best : undefined;
}
