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
  // scope -> "length firstToken" -> clusters
  private readonly leaves = new Map<string, TemplateCluster[]>();
  private clusterCount = 0;

  constructor(private readonly threshold = SIMILARITY_THRESHOLD) {}

  get size(): number {
    return this.clusterCount;
  }

  /** `masked` is already normalized by the rules. */
  add(scope: string, masked: string): MinedTemplate {
    const tokens = tokenize(masked);
    const leafKey = leafKeyOf(scope, tokens);
    let leaf = this.leaves.get(leafKey);
    if (!leaf) {
      leaf = [];
      this.leaves.set(leafKey, leaf);
    }
    const best = bestMatch(leaf, tokens, this.threshold);
    if (best) {
      for (let i = 0; i < tokens.length; i++) if (best.tokens[i] !== tokens[i]) best.tokens[i] = WILDCARD;
      best.size++;
      return view(best);
    }
    const cluster: TemplateCluster = { key: tokens.join(' '), tokens: tokens.slice(), size: 1 };
    if (leaf.length >= MAX_CLUSTERS_PER_LEAF) {
      // A full leaf drops its smallest cluster (Drain3 uses an LRU for the same reason).
      let smallest = 0;
      for (let i = 1; i < leaf.length; i++) if (leaf[i].size < leaf[smallest].size) smallest = i;
      leaf.splice(smallest, 1);
      this.clusterCount--;
    }
    leaf.push(cluster);
    this.clusterCount++;
    return view(cluster);
  }

  toPersisted(): PersistedCluster[] {
    const out: PersistedCluster[] = [];
    for (const [leafKey, clusters] of this.leaves) {
      const scope = leafKey.slice(0, leafKey.indexOf('\u0000'));
      for (const c of clusters) out.push({ scope, key: c.key, template: c.tokens.join(' ') });
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
      if (!leaf) this.leaves.set(leafKey, (leaf = []));
      if (leaf.some((c) => c.key === p.key) || leaf.length >= MAX_CLUSTERS_PER_LEAF) continue;
      leaf.push({ key: p.key, tokens, size: 1 });
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

function view(c: TemplateCluster): MinedTemplate {
  const template = c.tokens.join(' ');
  return { key: c.key, template, generalized: c.tokens.includes(WILDCARD) };
}
