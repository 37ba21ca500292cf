// Turns the JSON lines of one file into error events: detects the file's preset from its first
// lines, then skips JSON.parse for lines the prefilter proves cannot be errors.
import type { ErrorEvent, JsonObject } from '../../../core/model';
import { scorePreset } from './detect';
import { toErrorEvent, type MapContext } from './map-event';
import { flattenRecord, otlpRecords } from './otel';
import { looksLikeJsonObject, StatusPrefilter } from './prefilter';
import { SPECS, type PresetName } from './specs';

const DETECT_LINES = 20;
const CONFIDENT = 6;

export type JsonLineResult = { events: ErrorEvent[] } | { problem: string };
const NONE: JsonLineResult = { events: [] };

export class JsonLineExtractor {
  private preset: PresetName;
  private bestScore = 0;
  private seen = 0;
  private prefilter?: StatusPrefilter;

  constructor(private readonly ctx: MapContext, forcedPreset?: PresetName) {
    this.preset = forcedPreset ?? 'datadog';
    if (forcedPreset) this.bestScore = Infinity;
  }

  get presetName(): PresetName {
    return this.preset;
  }

  handle(line: string): JsonLineResult {
    const detecting = this.bestScore < CONFIDENT && this.seen < DETECT_LINES;
    if (!detecting) {
      this.prefilter ??= new StatusPrefilter(SPECS[this.preset], this.ctx.fieldMapping?.status);
      if (!this.prefilter.mayBeError(line)) return looksLikeJsonObject(line) ? NONE : { problem: 'not a JSON object' };
    }
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      return { problem: `invalid JSON: ${(err as Error).message}` };
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return { problem: 'not a JSON object' };
    const record = obj as JsonObject;
    if (detecting) {
      this.seen++;
      const { preset, score } = scorePreset(record);
      if (score > this.bestScore) {
        this.bestScore = score;
        this.preset = preset;
      }
    }
    if (Array.isArray(record.resourceLogs)) {
      const events: ErrorEvent[] = [];
      for (const r of otlpRecords(record)) {
        const ev = toErrorEvent(r, SPECS.otel, this.ctx);
        if (ev) events.push(ev);
      }
      return { events };
    }
    const flat = this.preset === 'otel' ? flattenRecord(record) : record;
    const ev = toErrorEvent(flat, SPECS[this.preset], this.ctx);
    return ev ? { events: [ev] } : NONE;
  }
}
