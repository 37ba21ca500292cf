// errtrack fingerprint: a log-pipeline processor. JSON Lines in, the same lines out in the same
// order; error events gain "issue":{"id"} by splicing it before the closing brace, so the rest
// of the line stays byte for byte as it came.
import { StringDecoder } from 'node:string_decoder';
import type { JsonObject } from '../../core/model';
import { IssueStore } from '../../core/issues';
import { EventIngestor } from '../../sources/local/ingest';
import { JsonLineExtractor } from '../../sources/local/presets/json-lines';
import { loadStateFile } from '../../sources/local/state-file';
import { InputError, parse, parsePairs, UsageError } from '../args';
import type { CommandIO } from './io';

export async function fingerprintCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv, { field: { type: 'string', multiple: true }, state: { type: 'string' } });
  if (values.help) return io.help('fingerprint');
  if (positionals.length > 0) throw new UsageError('fingerprint reads stdin and takes no PATH');
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
  const extractor = new JsonLineExtractor({ fieldMapping: parsePairs(values.field, '--field'), fallbackTime: Date.now(), defaultService: 'unknown' });

  const decoder = new StringDecoder('utf8');
  let carry = '';
  const processLine = (line: string): string => {
    if (line.trim() === '') return line;
    const result = extractor.handle(line.endsWith('\r') ? line.slice(0, -1) : line);
    if ('problem' in result || result.events.length === 0) return line;
    const ids = result.events.map((e) => ingestor.ingest(e));
    return withIssueId(line, ids);
  };
  for await (const chunk of io.stdin as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    if (lines.length === 0) continue;
    io.out(lines.map(processLine).join('\n') + '\n');
    await io.drain();
  }
  const rest = carry + decoder.end();
  if (rest !== '') io.out(processLine(rest));
  return 0;
}

/** Adds "issue":{"id"} (and "ids" when one OTLP line held several errors) to a JSON object line. */
export function withIssueId(line: string, ids: string[]): string {
  const issue: JsonObject = ids.length > 1 ? { id: ids[0], ids } : { id: ids[0] };
  const end = line.lastIndexOf('}');
  const obj = JSON.parse(line) as JsonObject;
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
