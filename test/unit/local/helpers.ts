import * as path from 'node:path';
import type { ErrorEvent } from '../../../src/core/model';
import { scanFile } from '../../../src/sources/local/scan-file';
import type { FileStats } from '../../../src/sources/local/file-events';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/logs');

export async function eventsOf(name: string, options: { fieldMapping?: Record<string, string> } = {}): Promise<{ events: ErrorEvent[]; stats: FileStats }> {
  const events: ErrorEvent[] = [];
  const cursor = await scanFile(path.join(FIXTURES, name), { flushPartial: true, ...options }, (e) => events.push(e));
  return { events, stats: cursor.parser.stats };
}

/** The JSON preset the reader chose for the file's records. */
export function presetOf(stats: FileStats): string | undefined {
  const json = Object.keys(stats.formats).find((f) => f.startsWith('json/'));
  return json?.slice('json/'.length);
}
