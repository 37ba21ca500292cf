// The service of records that name none (plain-text logs, crash output): the program the file
// is named for, as a person reads a log's path — "/var/log/billing/app-2026-11-28.log.gz" is
// billing's, "logs/publisher.log" is the publisher's. Rotation suffixes and dates are not names.
import { basename, dirname } from 'node:path';

const GENERIC = new Set(['', 'log', 'logs', 'var', 'tmp', 'output', 'out', 'stdout', 'stderr', 'current', 'latest', 'error', 'errors', 'console', 'container', 'containers', 'pods']);

export function defaultServiceFor(file: string): string {
  const name = stem(basename(file));
  if (!GENERIC.has(name.toLowerCase())) return name;
  const dir = basename(dirname(file));
  return GENERIC.has(dir.toLowerCase()) || /^\.|^[/\\]?$/.test(dir) ? 'unknown' : dir;
}

/** "app-2026-11-28.log.1.gz" -> "app"; "2026-11-28.jsonl" -> "". */
function stem(name: string): string {
  let s = name.replace(/(\.(gz|log|jsonl|ndjson|json|txt|out|err|\d+))+$/i, '');
  s = s.replace(/[-_.]?\d{4}-?\d\d-?\d\d(?:[T_-]?\d\d(?:-?\d\d)*)?$/, '').replace(/[-_.]\d+$/, '');
  return /^\d*$/.test(s) ? '' : s;
}
