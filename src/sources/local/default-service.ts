// The service of records that name none (plain-text logs, crash output): the program the file
// is named for, as a person reads a log's path — "/var/log/billing/app-2026-11-28.log.gz" is
// billing's, "logs/publisher.log" is the publisher's. Rotation suffixes and dates are not names.
import { basename, dirname } from 'node:path';

const GENERIC = new Set(['', 'log', 'logs', 'var', 'tmp', 'output', 'out', 'stdout', 'stderr', 'current', 'latest', 'error', 'errors', 'console', 'container', 'containers', 'pods', 'production', 'development', 'staging', 'test']); // Rails names its logs after the environment

export function defaultServiceFor(file: string): string {
  const name = stem(basename(file));
  if (!GENERIC.has(name.toLowerCase())) return name;
  // Up the folders past generic ones: /srv/shop/log/production.log is the shop's.
  let dir = dirname(file);
  for (let up = 0; up < 3; up++) {
    const folder = basename(dir);
    if (folder === '' || folder.startsWith('.') || dirname(dir) === dir) break;
    if (!GENERIC.has(folder.toLowerCase())) return folder;
    dir = dirname(dir);
  }
  return 'unknown';
}

/** "app-2026-11-28.log.1.gz" -> "app"; "2026-11-28.jsonl" -> "". */
function stem(name: string): string {
  let s = name.replace(/(\.(gz|log|jsonl|ndjson|json|txt|out|err|\d+))+$/i, '');
  s = s.replace(/[-_.]?\d{4}-?\d\d-?\d\d(?:[T_-]?\d\d(?:-?\d\d)*)?$/, '').replace(/[-_.]\d+$/, '');
  return /^\d*$/.test(s) ? '' : s;
}
