// A throwaway copy of the demo workspace with freshly generated logs, for tests that need the
// whole slice: real source files, real log files, frames pointing at real lines.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateLogs } from '../../demo/generate-logs';

export const REPO = path.resolve(__dirname, '..', '..');
export const DEMO = path.join(REPO, 'demo', 'nightly-import');

export interface DemoCopy {
  folder: string;
  now: number;
  dispose(): void;
}

export async function demoWorkspace(now = Date.parse('2026-11-28T12:00:00Z')): Promise<DemoCopy> {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'errtrack-demo-')), 'nightly-import');
  cpSync(DEMO, folder, { recursive: true, filter: (source) => !source.includes(`${path.sep}logs`) });
  await generateLogs({ now: new Date(now), seed: 42, out: path.join(folder, 'logs') });
  return { folder, now, dispose: () => rmSync(path.dirname(folder), { recursive: true, force: true }) };
}

/** 0-based line of the first line of `file` that contains `text`. */
export function lineOf(fileText: string, text: string): number {
  const index = fileText.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" not found`);
  return index;
}
