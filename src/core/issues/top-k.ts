// Space-Saving top-k sketch (Metwally, Agrawal, El Abbadi 2005) in k preallocated slots.
// A value already held is incremented; a new value takes the slot of the smallest count and
// inherits that count (+1), recorded as its possible overestimate. Any value that occurs more
// than total/k times is guaranteed to be held. Linear scans over k (10..20) slots beat a Map in
// both memory and time at this size.
// High-cardinality paths (request ids...) would keep k ever-changing unique strings: once a
// sketch has seen 4k values and none repeats, it shrinks to SMALL_K slots to save memory.

const SMALL_K = 3;

export class TopK {
  private values: (string | undefined)[];
  /** counts[i] and, at counts[k + i], the overestimate of slot i. */
  private counts: number[];
  private used = 0;
  total = 0;

  constructor(private k: number) {
    this.values = new Array<string | undefined>(k).fill(undefined);
    this.counts = new Array<number>(2 * k).fill(0);
  }

  /** True once the sketch found no repeated values and shrank. */
  highCardinality = false;

  add(value: string, n = 1): void {
    this.total += n;
    const k = this.k;
    for (let i = 0; i < this.used; i++) {
      if (this.values[i] === value) {
        this.counts[i] += n;
        return;
      }
    }
    if (this.used < k) {
      this.values[this.used] = value;
      this.counts[this.used++] = n;
      return;
    }
    let min = 0;
    for (let j = 1; j < k; j++) if (this.counts[j] < this.counts[min]) min = j;
    this.values[min] = value;
    this.counts[k + min] = this.counts[min];
    this.counts[min] += n;
    if (k > SMALL_K && this.total >= 4 * k && this.maxCount() <= 2) this.shrink();
  }

  /** Held values, most frequent first; `count` may overestimate by at most `error`. */
  top(): { value: string; count: number; error: number }[] {
    const out: { value: string; count: number; error: number }[] = [];
    for (let i = 0; i < this.used; i++) out.push({ value: this.values[i]!, count: this.counts[i], error: this.counts[this.k + i] });
    return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  }

  private maxCount(): number {
    let max = 0;
    for (let i = 0; i < this.used; i++) if (this.counts[i] - this.counts[this.k + i] > max) max = this.counts[i] - this.counts[this.k + i];
    return max;
  }

  private shrink(): void {
    const keep = this.top().slice(0, SMALL_K);
    this.k = SMALL_K;
    this.values = keep.map((x) => x.value);
    this.counts = [...keep.map((x) => x.count), ...keep.map((x) => x.error)];
    this.used = keep.length;
    this.highCardinality = true;
  }
}
