// One file's lines → error events and counts. The first non-empty line decides the format:
// JSON Lines (with a preset) or plain text with joined stack traces. Bad lines are counted with
// the last problem seen, and never stop the rest of the file.
import type { ErrorEvent } from '../../core/model';
import { PlainTextJoiner } from './plain/plain-joiner';
import { JsonLineExtractor } from './presets/json-lines';
import type { FieldMapping } from './presets/map-event';
import type { PresetName } from './presets/specs';
import type { LineSink } from './read/line-splitter';

export interface FileStats {
  file: string;
  lines: number;
  /** Log records read (JSON objects, or plain-text records). */
  events: number;
  /** Error events found. */
  errors: number;
  malformed: number;
  lastProblem?: string;
  format?: 'json' | 'text';
  preset?: PresetName;
}

export interface FileEventOptions {
  fieldMapping?: FieldMapping;
  fallbackTime: number;
  defaultService?: string;
  preset?: PresetName;
}

export const DEFAULT_SERVICE = 'unknown';

export class FileEventParser implements LineSink {
  readonly stats: FileStats;
  private json?: JsonLineExtractor;
  private plain?: PlainTextJoiner;

  constructor(
    readonly file: string,
    private readonly options: FileEventOptions,
    private readonly onEvent: (event: ErrorEvent) => void,
  ) {
    this.stats = { file, lines: 0, events: 0, errors: 0, malformed: 0 };
  }

  line(text: string, lineNo: number): void {
    this.stats.lines++;
    if (!this.json && !this.plain) {
      const trimmed = text.trimStart();
      if (trimmed === '') return;
      this.choose(trimmed.charCodeAt(0) === 123 /* { */);
    }
    if (this.json) {
      if (text.length === 0 || text.trim() === '') return;
      const result = this.json.handle(text);
      if ('problem' in result) return this.malformed(lineNo, result.problem, false);
      this.stats.events++;
      for (const event of result.events) this.deliver(event, lineNo);
      if (this.stats.preset !== this.json.presetName) this.stats.preset = this.json.presetName;
    } else {
      this.plain!.line(text, lineNo);
      this.stats.events = this.plain!.records;
    }
  }

  malformed(lineNo: number, problem: string, counted = true): void {
    if (counted) this.stats.lines++;
    this.stats.malformed++;
    this.stats.lastProblem = `line ${lineNo}: ${problem.length > 200 ? problem.slice(0, 200) + '…' : problem}`;
  }

  /** End of file (or the file went quiet): an open plain-text record is complete. */
  flush(): void {
    this.plain?.flush();
  }

  private choose(json: boolean): void {
    const ctx = {
      fieldMapping: this.options.fieldMapping,
      fallbackTime: this.options.fallbackTime,
      defaultService: this.options.defaultService ?? DEFAULT_SERVICE,
    };
    this.stats.format = json ? 'json' : 'text';
    if (json) this.json = new JsonLineExtractor(ctx, this.options.preset);
    else this.plain = new PlainTextJoiner(ctx, (event, line) => this.deliver(event, line));
  }

  private deliver(event: ErrorEvent, line: number): void {
    event.origin = { file: this.file, line };
    this.stats.errors++;
    this.onEvent(event);
  }
}
