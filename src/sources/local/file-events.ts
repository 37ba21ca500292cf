// One input's lines → error events and counts: the one reader behind files, .gz, stdin and
// tailing. Lines are unwrapped from container log formats (records/container.ts), assembled
// into records per stream (records/record-assembler.ts), and each record becomes an error event
// or not (JSON: presets/json-lines.ts; text: records/text-event.ts). Every line is accounted for:
// lines = records + joined + blank + malformed (skipped, with the reason).
import type { ErrorEvent } from '../../core/model';
import { ContainerUnwrapper, type LogicalLine } from './records/container';
import { RecordAssembler, type TextRecord } from './records/record-assembler';
import { textRecordEvent, type ErrorEventRule } from './records/text-event';
import { JsonLineExtractor } from './presets/json-lines';
import type { FieldMapping } from './presets/map-event';
import type { PresetName } from './presets/specs';
import { DEFAULT_MAX_LINE_LENGTH, type LineSink } from './read/line-splitter';
import type { TimeContext } from './text/header-formats';

export interface FileStats {
  file: string;
  /** Physical lines read. */
  lines: number;
  /** Log records: JSON objects, text records (a header and the lines joined to it), crash reports. */
  records: number;
  /** Error events found. */
  errors: number;
  /** Lines joined into a multi-line record (traces, continued messages, split container lines). */
  joined: number;
  blank: number;
  /** Lines skipped as unreadable, whatever the reason. */
  malformed: number;
  /** Skipped lines by reason. */
  skipped: Record<string, number>;
  lastProblem?: string;
  /** Records by format ("json/pino", "text/log4j…", "crash/python", "container/docker"…). */
  formats: Record<string, number>;
}

export interface FileEventOptions {
  fieldMapping?: FieldMapping;
  fallbackTime: number;
  defaultService?: string;
  preset?: PresetName;
  /** Which error-level records are error events (errorTracking.local.errorEvents). */
  errorEvents?: ErrorEventRule;
  maxLineLength?: number;
}

export const DEFAULT_SERVICE = 'unknown';

export function emptyStats(file: string): FileStats {
  return { file, lines: 0, records: 0, errors: 0, joined: 0, blank: 0, malformed: 0, skipped: {}, formats: {} };
}

export class FileEventParser implements LineSink {
  readonly stats: FileStats;
  private readonly unwrapper: ContainerUnwrapper;
  private readonly streams = new Map<string, RecordAssembler>();
  private readonly json: JsonLineExtractor;
  private readonly time: TimeContext;
  private lastTime: number;
  private jsonPreset = '';
  private jsonFormat = '';

  constructor(
    readonly file: string,
    private readonly options: FileEventOptions,
    private readonly onEvent: (event: ErrorEvent) => void,
  ) {
    this.stats = emptyStats(file);
    this.lastTime = options.fallbackTime;
    const date = new Date(options.fallbackTime);
    this.time = { year: date.getUTCFullYear(), day: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) };
    this.json = new JsonLineExtractor(
      { fieldMapping: options.fieldMapping, fallbackTime: options.fallbackTime, defaultService: this.defaultService, rule: options.errorEvents ?? 'all' },
      options.preset,
    );
    this.unwrapper = new ContainerUnwrapper(
      (l) => this.logical(l),
      (lineNo, pieces, reason, problem) => {
        this.stats.joined += pieces - 1;
        this.skip(lineNo, reason, problem);
      },
      this.maxLength,
    );
  }

  private get defaultService(): string {
    return this.options.defaultService ?? DEFAULT_SERVICE;
  }

  private get maxLength(): number {
    return this.options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  line(text: string, lineNo: number): void {
    this.stats.lines++;
    this.unwrapper.line(text, lineNo);
  }

  malformed(lineNo: number, problem: string): void {
    this.stats.lines++;
    this.skip(lineNo, problem.startsWith('binary') ? 'binary data' : problem.startsWith('line longer') ? 'line too long' : 'unreadable', problem);
  }

  /** End of input (or the file went quiet): records still open are complete. */
  flush(): void {
    this.unwrapper.flush();
    for (const assembler of this.streams.values()) assembler.flush();
  }

  /** First line of a record still being read (its event comes later), if any. */
  get openSince(): number | undefined {
    let first = this.unwrapper.openSince;
    for (const a of this.streams.values()) {
      const since = a.openSince;
      if (since !== undefined && (first === undefined || since < first)) first = since;
    }
    return first;
  }

  private logical(l: LogicalLine): void {
    if (l.wrapper) this.count(`container/${l.wrapper}`);
    let assembler = this.streams.get(l.stream);
    if (!assembler) {
      assembler = new RecordAssembler(
        {
          json: (text, line) => this.jsonRecord(text, line),
          text: (r) => this.textRecord(r),
          skip: (lineNo, lines, reason, problem) => {
            for (let i = 0; i < lines; i++) this.skip(lineNo + i, reason, problem);
          },
        },
        this.stats,
        this.time,
      );
      this.streams.set(l.stream, assembler);
    }
    assembler.line(l);
  }

  private jsonRecord(text: string, l: LogicalLine): void {
    const result = this.json.handle(text);
    if ('problem' in result) return this.skip(l.lineNo, result.problem.startsWith('invalid JSON') ? 'invalid JSON' : 'not a JSON object', result.problem);
    this.stats.records++;
    const preset = this.json.presetName;
    if (preset !== this.jsonPreset) {
      this.jsonPreset = preset;
      this.jsonFormat = `json/${preset}`;
    }
    this.count(this.jsonFormat);
    for (const event of result.events) {
      if (l.stream && event.attributes['log.stream'] === undefined) event.attributes['log.stream'] = l.stream;
      this.lastTime = event.timestamp;
      this.deliver(event, l.lineNo);
    }
  }

  private textRecord(record: TextRecord): void {
    this.count(record.header ? `text/${record.header.format}` : record.crash ? `crash/${record.crash.runtime}` : record.trace ? `trace/${record.runtime}` : 'text/unformatted');
    const event = textRecordEvent(record, { defaultService: this.defaultService, lastTime: this.lastTime, rule: this.options.errorEvents ?? 'all' });
    const time = record.header?.timestamp ?? record.time;
    if (time !== undefined) this.lastTime = time;
    if (event) this.deliver(event, record.lineNo);
  }

  private skip(lineNo: number, reason: string, problem: string): void {
    this.stats.malformed++;
    this.stats.skipped[reason] = (this.stats.skipped[reason] ?? 0) + 1;
    this.stats.lastProblem = `line ${lineNo}: ${problem.length > 200 ? problem.slice(0, 200) + '…' : problem}`;
  }

  private count(format: string): void {
    this.stats.formats[format] = (this.stats.formats[format] ?? 0) + 1;
  }

  private deliver(event: ErrorEvent, line: number): void {
    event.origin = { file: this.file, line };
    this.stats.errors++;
    this.onEvent(event);
  }
}
