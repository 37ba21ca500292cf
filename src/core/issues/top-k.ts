// Space-Saving top-k sketches (Metwally, Agrawal, El Abbadi 2005) in k preallocated slots.
// A value already held is incremented; a new value takes the slot of the smallest count and
// inherits that count (+1), recorded as its possible overestimate. Any value that occurs more
// than total/k times is guaranteed to be held. Linear scans over k (10..20) slots beat a Map in
// both memory and time at this size.
// High-cardinality paths (request ids...) would keep k ever-changing unique strings: once a
// sketch has seen 4k values and none repeats, it shrinks to SMALL_K slots to save memory.
//
// Layout: an issue holds a dozen sketches (one per facet path) and every event updates each of
// them, while thousands of issues keep them out of the CPU cache; so a SketchTable keeps all of
// its sketches in two flat arrays, and each slot keeps a small hash of its value beside its
// count: an update reads one short run of numbers and compares a string only when hashes match.
//   nums, per sketch: total, used, k, highCardinality, hash[K], count[K], error[K]  (K = initial k)
//   values, per sketch: value[K]

const SMALL_K = 3;
const TOTAL = 0;
const USED = 1;
const K = 2;
const HIGH = 3;
const HEADER = 4;

/** 30-bit FNV-1a of the UTF-16 code units: a small integer, so `nums` stays unboxed. */
function hashOf(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  return h & 0x3fffffff;
}

export interface TopValue {
  value: string;
  count: number;
  error: number;
}

interface EmptySketch {
  nums: number[];
  values: (string | undefined)[];
}

// One empty sketch per capacity, shared by every table (packed arrays, so concatenations are too).
const EMPTY = new Map<number, EmptySketch>();

function emptySketch(capacity: number): EmptySketch {
  let e = EMPTY.get(capacity);
  if (!e) {
    e = {
      nums: Array.from({ length: HEADER + 3 * capacity }, (_, i) => (i === K ? capacity : 0)),
      values: Array.from({ length: capacity }, () => undefined),
    };
    EMPTY.set(capacity, e);
  }
  return e;
}

export class SketchTable {
  private nums: number[] = [];
  private values: (string | undefined)[] = [];
  private readonly stride: number;
  private readonly empty: EmptySketch;
  private sketches = 0;

  constructor(private readonly capacity: number) {
    this.stride = HEADER + 3 * capacity;
    this.empty = emptySketch(capacity);
  }

  get size(): number {
    return this.sketches;
  }

  /** A new empty sketch; returns its index. */
  addSketch(): number {
    // Concatenation gives arrays of exactly the needed length (push would leave up to half of
    // them as growth room, in every issue).
    this.nums = this.nums.concat(this.empty.nums);
    this.values = this.values.concat(this.empty.values);
    return this.sketches++;
  }

  total(sketch: number): number {
    return this.nums[sketch * this.stride + TOTAL];
  }

  /** Counts `n` events in the total whose values are not held (a merged sketch's remainder). */
  addUncounted(sketch: number, n: number): void {
    if (n > 0) this.nums[sketch * this.stride + TOTAL] += n;
  }

  highCardinality(sketch: number): boolean {
    return this.nums[sketch * this.stride + HIGH] === 1;
  }

  add(sketch: number, value: string, n = 1): void {
    const nums = this.nums;
    const base = sketch * this.stride;
    const cap = this.capacity;
    const hashes = base + HEADER;
    const counts = hashes + cap;
    const errors = counts + cap;
    const vals = sketch * cap;
    nums[base + TOTAL] += n;
    const used = nums[base + USED];
    const h = hashOf(value);
    for (let i = 0; i < used; i++) {
      if (nums[hashes + i] === h && this.values[vals + i] === value) {
        nums[counts + i] += n;
        return;
      }
    }
    const k = nums[base + K];
    if (used < k) {
      this.values[vals + used] = value;
      nums[hashes + used] = h;
      nums[counts + used] = n;
      nums[base + USED] = used + 1;
      return;
    }
    let min = 0;
    for (let j = 1; j < k; j++) if (nums[counts + j] < nums[counts + min]) min = j;
    this.values[vals + min] = value;
    nums[hashes + min] = h;
    nums[errors + min] = nums[counts + min];
    nums[counts + min] += n;
    if (k > SMALL_K && nums[base + TOTAL] >= 4 * k && this.maxCount(sketch) <= 2) this.shrink(sketch);
  }

  /** Held values, most frequent first; `count` may overestimate by at most `error`. */
  top(sketch: number): TopValue[] {
    const base = sketch * this.stride;
    const cap = this.capacity;
    const out: TopValue[] = [];
    for (let i = 0; i < this.nums[base + USED]; i++) {
      out.push({ value: this.values[sketch * cap + i]!, count: this.nums[base + HEADER + cap + i], error: this.nums[base + HEADER + 2 * cap + i] });
    }
    return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  }

  private maxCount(sketch: number): number {
    const base = sketch * this.stride;
    const counts = base + HEADER + this.capacity;
    const errors = counts + this.capacity;
    let max = 0;
    for (let i = 0; i < this.nums[base + USED]; i++) if (this.nums[counts + i] - this.nums[errors + i] > max) max = this.nums[counts + i] - this.nums[errors + i];
    return max;
  }

  /** Keeps the SMALL_K most frequent values, in that order, and uses only SMALL_K slots from now on. */
  private shrink(sketch: number): void {
    const keep = this.top(sketch).slice(0, SMALL_K);
    const base = sketch * this.stride;
    const cap = this.capacity;
    for (let i = 0; i < cap; i++) {
      const x = keep[i];
      this.values[sketch * cap + i] = x?.value;
      this.nums[base + HEADER + i] = x ? hashOf(x.value) : 0;
      this.nums[base + HEADER + cap + i] = x ? x.count : 0;
      this.nums[base + HEADER + 2 * cap + i] = x ? x.error : 0;
    }
    this.nums[base + USED] = keep.length;
    this.nums[base + K] = SMALL_K;
    this.nums[base + HIGH] = 1;
  }
}

/** One sketch on its own. */
export class TopK {
  private readonly table: SketchTable;

  constructor(k: number) {
    this.table = new SketchTable(k);
    this.table.addSketch();
  }

  get total(): number {
    return this.table.total(0);
  }

  /** True once the sketch found no repeated values and shrank. */
  get highCardinality(): boolean {
    return this.table.highCardinality(0);
  }

  add(value: string, n = 1): void {
    this.table.add(0, value, n);
  }

  /** Held values, most frequent first; `count` may overestimate by at most `error`. */
  top(): TopValue[] {
    return this.table.top(0);
  }
}
