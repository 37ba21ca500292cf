// A bounded map with approximate LRU eviction in O(1): two generations. Hits in the older one are
// moved to the current one; when the current one is full it becomes the older one and the
// previous older one is dropped. At most 2 × limit entries; a hot key never falls out, unlike a
// map that is cleared when full (which makes every key miss at once).

export class BoundedCache<K, V> {
  private current = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    let v = this.current.get(key);
    if (v !== undefined) return v;
    v = this.older.get(key);
    if (v !== undefined) {
      this.older.delete(key);
      this.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.limit) {
      this.older = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  get size(): number {
    return this.current.size + this.older.size;
  }
}
