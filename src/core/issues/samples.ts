// Samples of one issue: the first event, the latest N (a ring) and a uniform reservoir sample
// (Vitter's algorithm R) over all its events. The reservoir's random choices come from a small
// PRNG seeded by the issue id, so a replay of the same log gives the same samples.
// An event is serialized only when it is kept (the latest ring keeps each one for a while).

import type { ErrorEvent, Sample } from '../model';
import { compactEvent, expandEvent, type CompactEvent, type CompactLimits } from './compact-event';

const MAX_SHARED_STACKS = 4;

export class SampleSet {
  private first: CompactEvent | undefined;
  private readonly latest: (CompactEvent | undefined)[];
  private latestNext = 0;
  private readonly reservoir: CompactEvent[] = [];
  private seen = 0;
  private rng: number;
  private readonly stacks: string[] = [];

  constructor(
    seed: string,
    private readonly latestSize: number,
    private readonly reservoirSize: number,
    private readonly limits: CompactLimits,
  ) {
    this.latest = new Array(latestSize).fill(undefined);
    let h = 2166136261;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
    this.rng = h >>> 0 || 1;
  }

  add(event: ErrorEvent): void {
    this.seen++;
    // Serialized at most once, and only if some slot keeps it (no closures: this runs per event).
    let compact: CompactEvent | undefined;
    if (!this.first) compact = this.first = this.compact(event);
    if (this.latestSize > 0) {
      this.latest[this.latestNext] = compact ??= this.compact(event);
      this.latestNext = (this.latestNext + 1) % this.latestSize;
    }
    if (this.reservoir.length < this.reservoirSize) this.reservoir.push(compact ?? this.compact(event));
    else if (this.reservoirSize > 0) {
      const j = this.random() % this.seen;
      if (j < this.reservoirSize) this.reservoir[j] = compact ?? this.compact(event);
    }
  }

  /**
   * Takes another set's samples in (two issues merged): the earlier first event, the newest of
   * both latest rings, and a reservoir drawn from both in proportion to the events each saw.
   */
  absorb(other: SampleSet): void {
    if (other.first && (!this.first || timestampOf(other.first) < timestampOf(this.first))) this.first = other.first;
    const latest = [...this.latest, ...other.latest].filter((c): c is CompactEvent => c !== undefined).sort((a, b) => timestampOf(b) - timestampOf(a)).slice(0, this.latestSize);
    this.latest.fill(undefined);
    // Oldest first into the ring, so list() (newest first) reads them in order.
    for (let i = 0; i < latest.length; i++) this.latest[i] = latest[latest.length - 1 - i];
    this.latestNext = latest.length % Math.max(1, this.latestSize);
    const pool = [...this.reservoir.map((c) => ({ c, from: this.seen })), ...other.reservoir.map((c) => ({ c, from: other.seen }))];
    const total = this.seen + other.seen;
    this.reservoir.length = 0;
    while (pool.length > 0 && this.reservoir.length < this.reservoirSize) {
      // Each kept event stands for seen / reservoir events of its side: draw by that weight.
      let weight = 0;
      for (const p of pool) weight += p.from;
      let r = (this.random() / 4294967296) * weight;
      let at = 0;
      while (at < pool.length - 1 && (r -= pool[at].from) >= 0) at++;
      this.reservoir.push(pool[at].c);
      pool.splice(at, 1);
    }
    this.seen = total;
  }

  private compact(event: ErrorEvent): CompactEvent {
    return compactEvent(event, this.limits, this);
  }

  /** First, then latest (newest first), then the reservoir; an event kept twice is listed once. */
  list(): Sample[] {
    const out: Sample[] = [];
    const listed = new Set<CompactEvent>();
    const push = (kind: Sample['kind'], c: CompactEvent | undefined): void => {
      if (!c || listed.has(c)) return;
      listed.add(c);
      out.push({ kind, event: expandEvent(c) });
    };
    push('first', this.first);
    for (let i = 1; i <= this.latestSize; i++) push('latest', this.latest[(this.latestNext - i + this.latestSize) % this.latestSize]);
    const sampled = this.reservoir.slice().sort((a, b) => timestampOf(a) - timestampOf(b));
    for (const c of sampled) push('sampled', c);
    return out;
  }

  /** Stacks are mostly identical within an issue: keep one copy of the first few distinct ones. */
  share(stack: string): string {
    for (const s of this.stacks) if (s === stack) return s;
    if (this.stacks.length < MAX_SHARED_STACKS) this.stacks.push(stack);
    return stack;
  }

  private random(): number {
    // xorshift32
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng;
  }
}

function timestampOf(c: CompactEvent): number {
  const m = /"timestamp":(-?\d+(?:\.\d+)?)/.exec(c.json);
  return m ? Number(m[1]) : 0;
}
