// Tells the log files the local source reads from the rest of the workspace, with the same
// meaning expandPaths gives the errorTracking.local.logFiles patterns (a file, a folder of logs,
// or a glob; relative to each workspace folder or absolute). A followed log that grows is
// ingest, which the follower handles: it must not count as a workspace change (a re-map of
// every issue and a refetch each time a line is appended).

import * as path from 'node:path';
import picomatch from 'picomatch';
import { LOG_FILE_GLOB } from '../sources/local/read/expand-paths';

const isGlob = (pattern: string) => picomatch.scan(pattern).isGlob;

export function logFileMatcher(patterns: string[], folders: string[]): (file: string) => boolean {
  const looksLikeLog = picomatch(LOG_FILE_GLOB, { dot: false });
  const tests: ((file: string) => boolean)[] = [];
  for (const pattern of patterns) {
    const targets = path.isAbsolute(pattern) ? [pattern] : folders.map((folder) => path.join(folder, pattern));
    for (const target of targets) {
      if (isGlob(pattern)) {
        const matches = picomatch(target, { dot: false });
        tests.push((file) => matches(file));
      } else {
        tests.push((file) => file === target || (file.startsWith(target + path.sep) && looksLikeLog(path.relative(target, file))));
      }
    }
  }
  return (file) => tests.some((test) => test(file));
}
