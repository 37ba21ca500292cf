// Facets of one issue: for each attribute path (bounded), the most frequent values (top-k).
// Attributes are flattened to dotted paths ("usr.id", "job.name"); arrays of scalars count each
// element; standard attributes (service, env, version, host, status) are facets too.

import type { ErrorEvent, Facet, JsonValue } from '../model';
import { SketchTable } from './top-k';

const MAX_DEPTH = 4;
const MAX_ARRAY = 10;
// Attributes that hold the error itself or free text: faceting them only costs memory.
// The standard attributes are counted from the event's own fields (add), so when a source keeps
// them in `attributes` too they must not be counted twice.
const SKIP = new Set(['message', 'error', 'error.stack', 'error.message', 'stack', 'msg', 'timestamp', '@timestamp', 'time', 'ts',
  'service', 'env', 'version', 'host', 'status']);

// Dotted paths are built for every attribute of every event: reuse one string per (prefix, key)
// so ingest neither allocates nor rehashes them. Bounded; cleared when full.
const PATH_CACHE = new Map<string, Map<string, string>>();
const PATH_CACHE_LIMIT = 5000;

function childPath(prefix: string, key: string): string {
  let children = PATH_CACHE.get(prefix);
  if (!children) {
    if (PATH_CACHE.size >= PATH_CACHE_LIMIT) PATH_CACHE.clear();
    PATH_CACHE.set(prefix, (children = new Map()));
  }
  let path = children.get(key);
  if (path === undefined) {
    if (children.size >= PATH_CACHE_LIMIT) children.clear();
    path = prefix ? `${prefix}.${key}` : key;
    children.set(key, path);
  }
  return path;
}

export class FacetSet {
  /** Facet path -> its sketch in `sketches` (paths in first-seen order). */
  private readonly paths = new Map<string, number>();
  private readonly sketches: SketchTable;
  /** Values not counted because their path came after the path cap was reached. */
  droppedPaths = 0;

  constructor(
    private readonly maxPaths: number,
    k: number,
    private readonly maxValue: number,
  ) {
    this.sketches = new SketchTable(k);
  }

  add(event: ErrorEvent): void {
    this.addValue('service', event.service);
    if (event.env !== undefined) this.addValue('env', event.env);
    if (event.version !== undefined) this.addValue('version', event.version);
    if (event.host !== undefined) this.addValue('host', event.host);
    this.addValue('status', event.status);
    this.walk('', event.attributes, 0);
  }

  /** Adds another set's facet values and totals (two issues merged); sketches stay approximate. */
  absorb(other: FacetSet): void {
    for (const [path, sketch] of other.paths) {
      let mine = this.paths.get(path);
      if (mine === undefined) {
        if (this.paths.size >= this.maxPaths) {
          this.droppedPaths++;
          continue;
        }
        mine = this.sketches.addSketch();
        this.paths.set(path, mine);
      }
      let held = 0;
      for (const { value, count } of other.sketches.top(sketch)) {
        this.sketches.add(mine, value, count);
        held += count;
      }
      this.sketches.addUncounted(mine, other.sketches.total(sketch) - held);
    }
    this.droppedPaths += other.droppedPaths;
  }

  list(): Facet[] {
    const out: Facet[] = [];
    for (const [path, sketch] of this.paths) {
      out.push({ path, total: this.sketches.total(sketch), values: this.sketches.top(sketch).map(({ value, count }) => ({ value, count })) });
    }
    return out.sort((a, b) => b.total - a.total || (a.path < b.path ? -1 : 1));
  }

  private walk(prefix: string, value: JsonValue, depth: number): void {
    if (value === null || typeof value !== 'object') {
      if (prefix) this.addValue(prefix, value === null ? 'null' : String(value));
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && i < MAX_ARRAY; i++) {
        const v = value[i];
        if (v === null || typeof v !== 'object') this.addValue(prefix, v === null ? 'null' : String(v));
      }
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const key in value) {
      const path = childPath(prefix, key);
      if (SKIP.has(path)) continue;
      this.walk(path, value[key], depth + 1);
    }
  }

  private addValue(path: string, value: string): void {
    let sketch = this.paths.get(path);
    if (sketch === undefined) {
      if (this.paths.size >= this.maxPaths) {
        this.droppedPaths++;
        return;
      }
      sketch = this.sketches.addSketch();
      this.paths.set(path, sketch);
    }
    this.sketches.add(sketch, value.length > this.maxValue ? value.slice(0, this.maxValue) + '…' : value);
  }
}
