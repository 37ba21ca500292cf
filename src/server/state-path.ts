// Where the local source keeps the user's decisions when the editor gives no storage folder
// (other LSP editors, the CLI without --state): a per-workspace file in the user's cache folder.

import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

export function cacheStatePath(folders: string[], env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const key = createHash('sha1').update([...folders].sort().join('\n')).digest('hex').slice(0, 16);
  return path.join(base, 'errtrack', `state-${key}.json`);
}
