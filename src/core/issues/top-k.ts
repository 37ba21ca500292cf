// Space-Saving top-k sketch (Metwally, Agrawal, El Abbadi 2005) in parallel arrays of k slots.
// A value already held is incremented; a new value takes the slot of the smallest count and
// inherits that count (+1), recorded as its possible overestimate. Any value that occurs more
// than total/k times is guaranteed to be held. Linear scans over k (10..20) slots beat a Map in
// both memory and time at this size.

export class TopK {
  private readonly values: string[] = [];
  private readonly counts: number[] = [];
  private readonly errors: number[] = [];
  total = 0;

  constructor(readonly k: number) {}

  add(value: string, n = 1): void {
    this.total += n;
    const i = this.values.indexOf(value);
    if (i >= 0) {
      this.counts[i] += n;
      return;
    }
    if (this.values.length < this.k) {
      this.values.push(value);
      this.counts.push(n);
      this.errors.push(0);
      return;
    }
    let min = 0;
    for (let j = 1; j < this.counts.length; j++) if (this.counts[j] < this.counts[min]) min = j;
    this.values[min] = value;
    this.errors[min] = this.counts[min];
    this.counts[min] += n;
  }

  /** Held values, most frequent first; `count` may overestimate by at most `error`. */
  top(): { value: string; count: number; error: number }[] {
    return this.values
      .map((value, i) => ({ value, count: this.counts[i], error: this.errors[i] }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  }
}
