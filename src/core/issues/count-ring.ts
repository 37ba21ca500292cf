// A fixed-size ring of counters over consecutive time units (minutes, hours or days), relative to
// the newest unit seen. Sparse (two small arrays) while few units hold events, dense (a typed
// array) once that is cheaper: a quiet issue costs a few bytes, a busy one a fixed few KB.
// Units older than `size` before the newest are dropped (a coarser ring still holds them).

export class CountRing {
  newest = Number.NEGATIVE_INFINITY;
  private keys: number[] | undefined = [];
  private counts: number[] | undefined = [];
  private dense: Uint16Array | Uint32Array | undefined;
  /** Smallest sparse key (a lower bound): advancing skips the expiry scan while it is still held. */
  private minKey = Number.POSITIVE_INFINITY;

  constructor(readonly size: number) {}

  /** Oldest unit still held. */
  get oldest(): number {
    return this.newest - this.size + 1;
  }

  add(unit: number, n = 1): boolean {
    if (unit > this.newest) this.advance(unit);
    if (unit < this.oldest) return false;
    if (this.dense) {
      const slot = this.slot(unit);
      const next = this.dense[slot] + n;
      if (next > 0xffff && this.dense instanceof Uint16Array) this.dense = Uint32Array.from(this.dense);
      this.dense[slot] = Math.min(next, 0xffffffff);
      return true;
    }
    const keys = this.keys!;
    const counts = this.counts!;
    for (let i = keys.length - 1; i >= 0; i--) {
      if (keys[i] === unit) {
        counts[i] += n;
        return true;
      }
    }
    keys.push(unit);
    counts.push(n);
    if (unit < this.minKey) this.minKey = unit;
    // 16 bytes per sparse entry against 2 per dense slot; densify a little early (fewer reallocations).
    if (keys.length > this.size / 16) this.densify();
    return true;
  }

  /** Calls `visit` for every unit in [from, to) holding a count. */
  forEach(from: number, to: number, visit: (unit: number, count: number) => void): void {
    const lo = Math.max(from, this.oldest);
    const hi = Math.min(to, this.newest + 1);
    if (lo >= hi) return;
    if (this.dense) {
      for (let u = lo; u < hi; u++) {
        const c = this.dense[this.slot(u)];
        if (c) visit(u, c);
      }
      return;
    }
    const keys = this.keys!;
    for (let i = 0; i < keys.length; i++) if (keys[i] >= lo && keys[i] < hi) visit(keys[i], this.counts![i]);
  }

  sum(from: number, to: number): number {
    let total = 0;
    this.forEach(from, to, (_u, c) => (total += c));
    return total;
  }

  private slot(unit: number): number {
    return ((unit % this.size) + this.size) % this.size;
  }

  private advance(unit: number): void {
    const previous = this.newest;
    this.newest = unit;
    if (this.dense) {
      const clear = Math.min(unit - previous, this.size);
      for (let i = 1; i <= clear; i++) this.dense[this.slot(previous + i)] = 0;
      return;
    }
    const keys = this.keys!;
    const oldest = this.oldest;
    if (keys.length > 0 && this.minKey < oldest) {
      // Keys are not sorted (events arrive out of order), so drop the expired ones by a scan.
      const counts = this.counts!;
      let w = 0;
      let min = Number.POSITIVE_INFINITY;
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] >= oldest) {
          if (keys[i] < min) min = keys[i];
          keys[w] = keys[i];
          counts[w++] = counts[i];
        }
      }
      keys.length = w;
      counts.length = w;
      this.minKey = min;
    }
  }

  private densify(): void {
    const dense = new Uint16Array(this.size);
    let big: Uint32Array | undefined;
    const keys = this.keys!;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] < this.oldest) continue;
      const c = this.counts![i];
      if (c > 0xffff && !big) big = new Uint32Array(this.size);
      (big ?? dense)[this.slot(keys[i])] = c;
    }
    if (big) for (let i = 0; i < this.size; i++) big[i] ||= dense[i];
    this.dense = big ?? dense;
    this.keys = undefined;
    this.counts = undefined;
  }
}
