// An installed copy of the user's package logs `.../site-packages/<pkg>/mod.py`; the workspace
// holds it as `src/<pkg>/mod.py` (src layout) or `<pkg>/mod.py` (flat layout).

const INSTALL_DIRS = new Set(['site-packages', 'dist-packages']);

/** The segments after the last site-packages/dist-packages directory, if the path has one. */
export function sitePackagesTail(segments: string[]): string[] | undefined {
  for (let i = segments.length - 2; i >= 0; i--) {
    if (INSTALL_DIRS.has(segments[i])) return segments.slice(i + 1);
  }
  return undefined;
}
