// The user's own package installed into an environment (a container's
// `/usr/local/lib/python3.11/site-packages/enrich/job.py`, a venv's dist-packages) is the user's
// code when the workspace holds that file, uniquely, as `src/enrich/job.py` or `enrich/job.py`.
// The whole installed tail must match and include the package directory: a single-file module
// (`site-packages/six.py`) or a tail shared by two workspace files is left a library frame.
import { normalizeLoggedPath } from './path-normalize';
import { sitePackagesTail } from './python';
import type { IndexedFile, WorkspaceIndex } from './workspace-index';

const MEMO_LIMIT = 5000;

/** The workspace file an installed package path is a copy of, when exactly one is. */
export function installedSourceIn(index: WorkspaceIndex, loggedFile: string): IndexedFile | undefined {
  if (!loggedFile.includes('-packages')) return undefined; // cheap reject: most frames are not installed paths
  const norm = normalizeLoggedPath(loggedFile);
  if (!norm.ok) return undefined;
  const tail = sitePackagesTail(norm.value.segments);
  if (!tail || tail.length < 2) return undefined;
  const found = index.longestSuffix(tail, tail.length, 2);
  return found.total === 1 ? found.files[0] : undefined;
}

/**
 * A predicate for in-app decisions at parse time (InAppRules.workspaceOwns): true for installed
 * paths whose source the workspace holds. Remembers its answers; make a new one when the index
 * changes.
 */
export function workspaceOwnsInstalled(index: WorkspaceIndex): (loggedFile: string) => boolean {
  const memo = new Map<string, boolean>();
  return (loggedFile) => {
    let owned = memo.get(loggedFile);
    if (owned === undefined) {
      owned = installedSourceIn(index, loggedFile) !== undefined;
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(loggedFile, owned);
    }
    return owned;
  };
}
