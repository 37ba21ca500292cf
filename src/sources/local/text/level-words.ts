// Level words as loggers print them, for the header patterns, and the status each one means.
import type { LogStatus } from '../../../core/model';
import { toStatus } from '../presets/levels';

export const LEVEL_WORDS = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|PANIC|DPANIC|ALERT|EMERG|EMERGENCY';

/** A printed level word's status (an unknown word reads as info). */
export function levelStatus(word: string): LogStatus {
  return toStatus(word) ?? 'info';
}
