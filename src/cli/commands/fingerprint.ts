// errtrack fingerprint: a log-pipeline processor. Log lines in (any format the scanner reads:
// JSON Lines, plain text, container logs), the same lines out in the same order. Lines are read
// by the same reader as `scan`, so they get the same events and ids; each error record's first
// line gains its issue id: JSON objects get "issue":{"id"} spliced before the closing brace (the
// rest of the line stays byte for byte as it came), text lines get " issue.id=<id>" appended.
// A line is written once the record it belongs to is complete (the next record began, or input
// ended), so a trace is held back only until its end.
import { StringDecoder } from 'node:string_decoder';
import type { JsonObject } from '../../core/model';
import { IssueStore } from '../../core/issues';
import { FileEventParser } from '../../sources/local/file-events';
import { EventIngestor } from '../../sources/local/ingest';
import { binaryProblem, DEFAULT_MAX_LINE_LENGTH } from '../../sources/local/read/line-splitter';
import { looksLikeJsonObject } from '../../sources/local/records/record-assembler';
import { loadStateFile } from '../../sources/local/state-file';
import { errorEventsFlag, InputError, parse, parsePairs, UsageError } from '../args';
import type { CommandIO } from './io';

const IDLE_FLUSH_MS = 1000;

export async function fingerprintCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv, { field: { type: 'string', multiple: true }, state: { type: 'string' }, 'error-events': { type: 'string' }, service: { type: 'string' } });
  if (values.help) return io.help('fingerprint');
  if (positionals.length > 0) throw new UsageError('fingerprint reads stdin and takes no PATH');
  const errorEvents = errorEventsFlag(values['error-events']);
  const store = new IssueStore({ source: 'local' });
  if (values.state) {
    const { data, warning } = await loadStateFile(values.state);
    if (warning) io.err(`warning: ${warning}\n`);
    if (data !== undefined) {
      const loaded = store.loadPersisted(data);
      if (!loaded.ok) throw new InputError(`cannot use state file ${values.state}: ${loaded.reason}`);
    }
  }
  const ingestor = new EventIngestor(store);
  const ids = new Map<number, string[]>();
  const parser = new FileEventParser('<stdin>', { fieldMapping: parsePairs(values.field, '--field'), fallbackTime: Date.now(), errorEvents, defaultService: values.service }, (event) => {
    const line = event.origin!.line;
    const id = ingestor.ingest(event);
    ids.set(line, [...(ids.get(line) ?? []), id]);
  });

  // Lines read but not yet written: their record may still be open.
  let held: { text: string; lineNo: number }[] = [];
  let lineNo = 0;
  const write = (upTo: number) => {
    let n = 0;
    const out: string[] = [];
    for (; n < held.length && held[n].lineNo < upTo; n++) {
      const { text, lineNo: no } = held[n];
      const tagged = ids.get(no);
      ids.delete(no);
      out.push(tagged ? withIssueId(text, tagged) : text);
    }
    if (n === 0) return;
    held = held.slice(n);
    io.out(out.join('\n') + '\n');
  };
  const read = (raw: string) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    lineNo++;
    held.push({ text: raw, lineNo });
    const problem = text.length > DEFAULT_MAX_LINE_LENGTH ? `line longer than ${DEFAULT_MAX_LINE_LENGTH} characters skipped` : binaryProblem(text);
    if (problem) parser.malformed(lineNo, problem);
    else parser.line(text, lineNo);
  };

  // When input pauses (tail -f), the record being read is taken as complete and written out.
  let idle: NodeJS.Timeout | undefined;
  const quiet = () => {
    parser.flush();
    write(Infinity);
  };
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of io.stdin as AsyncIterable<Buffer>) {
    if (idle) clearTimeout(idle);
    const lines = (carry + decoder.write(chunk)).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) read(line);
    write(parser.openSince ?? Infinity);
    if (held.length > 0 && carry === '') idle = setTimeout(quiet, IDLE_FLUSH_MS).unref();
    await io.drain();
  }
  if (idle) clearTimeout(idle);
  const rest = carry + decoder.end();
  if (rest !== '') read(rest);
  parser.flush();
  const last = held.pop();
  write(Infinity);
  if (last) {
    const tagged = ids.get(last.lineNo);
    io.out((tagged ? withIssueId(last.text, tagged) : last.text) + (rest === '' ? '\n' : ''));
  }
  return 0;
}

/** Adds the issue id (and "ids" when one line held several errors, as OTLP lines can) to an error record's first line. */
export function withIssueId(line: string, ids: string[]): string {
  if (!looksLikeJsonObject(line)) return `${line} issue.id=${ids[0]}`;
  const issue: JsonObject = ids.length > 1 ? { id: ids[0], ids } : { id: ids[0] };
  const end = line.lastIndexOf('}');
  let obj: JsonObject;
  try {
    obj = JSON.parse(line) as JsonObject;
  } catch {
    return `${line} issue.id=${ids[0]}`;
  }
  if (obj.issue === undefined && end > 0) {
    const body = line.slice(0, end).trimEnd();
    const empty = body.endsWith('{');
    return `${body}${empty ? '' : ','}"issue":${JSON.stringify(issue)}${line.slice(end)}`;
  }
  // An "issue" attribute already there: merge into it (the line is re-serialised).
  const existing = obj.issue;
  obj.issue = existing && typeof existing === 'object' && !Array.isArray(existing) ? { ...existing, ...issue } : issue;
  return JSON.stringify(obj);
}
