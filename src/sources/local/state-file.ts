// The issue-state file: small versioned JSON written atomically, read defensively.
//  - save: write `<name>.tmp-<pid>-<n>` in the same directory, fsync it, rename it over the file
//    (atomic on POSIX and on NTFS for same-volume renames), then fsync the directory where the
//    platform allows. A crash at any point leaves either the old file or the new one, whole.
//  - load: a missing file is a first run (no warning). An unreadable, corrupt or foreign file is
//    moved aside to `<name>.corrupt-<timestamp>` and reported in `warning`, never thrown and never
//    silently dropped. Left-over temp files from an interrupted save are ignored (and removed
//    once older than a minute).
// The whole shape is checked here with the store's own validator, so a file the store would refuse
// (e.g. written by a newer extension) is set aside too rather than overwritten by the next save.

import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { STATE_FORMAT, validatePersisted } from '../../core/issues/persisted';

/** Temp files younger than this may belong to a save in flight in another process. */
const STALE_TEMP_MS = 60_000;

let counter = 0;

export async function saveStateFile(path: string, data: unknown): Promise<void> {
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true });
  const tmp = join(dir, `${basename(path)}.tmp-${process.pid}-${++counter}`);
  const text = JSON.stringify(data, null, 1) + '\n';
  const handle = await fs.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

export async function loadStateFile(path: string): Promise<{ data?: unknown; warning?: string }> {
  await removeStaleTemps(path);
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { warning: `Could not read the issue state file ${path}: ${(err as Error).message}. Decisions were not loaded.` };
  }
  let data: unknown;
  let problem: string | undefined;
  try {
    data = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) problem = 'it is not a JSON object';
    else if ((data as { format?: unknown }).format !== STATE_FORMAT) problem = 'it is not an Error Tracking issue state file';
    else {
      const v = validatePersisted(data);
      if (!v.ok) problem = `it is damaged or unreadable by this version: ${v.reason}`;
    }
  } catch (err) {
    problem = `it is not valid JSON (${(err as Error).message})`;
  }
  if (!problem) return { data };
  const aside = await moveAside(path);
  return {
    warning: aside
      ? `The issue state file ${path} could not be used because ${problem}. It was moved to ${aside}; issue states start afresh.`
      : `The issue state file ${path} could not be used because ${problem}, and could not be moved aside; it was left in place.`,
  };
}

/** Moves a file the caller found unusable (e.g. rejected by the store) aside; returns the new path. */
export async function moveAside(path: string): Promise<string | undefined> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let i = 1; i < 100; i++) {
    try {
      await fs.access(target);
      target = `${path}.corrupt-${stamp}-${i}`;
    } catch {
      break;
    }
  }
  try {
    await fs.rename(path, target);
    return target;
  } catch {
    return undefined;
  }
}

async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = await fs.readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    // A temp of this very process, or a recent one of another, may belong to a save in flight.
    if (name.startsWith(`${prefix}${process.pid}-`)) continue;
    const full = join(dirname(path), name);
    const age = await fs.stat(full).then((st) => Date.now() - st.mtimeMs, () => 0);
    if (age > STALE_TEMP_MS) await fs.rm(full, { force: true }).catch(() => undefined);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: some file systems refuse fsync on directories.
  }
}
