// Go frames name their package by import path (`github.com/acme/etl/pkg/fetch.(*Client).Get`);
// the go.mod module path that prefixes it says which workspace directory holds the package.

export interface GoModule {
  /** Module path from go.mod, e.g. github.com/acme/etl. */
  module: string;
  /** Absolute directory that holds go.mod. */
  dir: string;
}

/** The import path of a Go function name: everything up to the first `.` after the last `/`. */
export function goPackagePath(fn: string): string | undefined {
  const name = fn.trim();
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  if (slash < 0 || dot < 0) return undefined;
  return name.slice(0, dot);
}

/** The module path declared by a go.mod text, if any. */
export function parseGoModulePath(goMod: string): string | undefined {
  for (const line of goMod.split(/\r?\n/)) {
    const m = /^\s*module\s+("?)([^\s"]+)\1\s*(?:\/\/.*)?$/.exec(line);
    if (m) return m[2];
  }
  return undefined;
}

/**
 * Directories (relative segments appended to a module dir) where the package may live, longest
 * module path first; several when nested modules or several roots declare matching paths.
 */
export function goPackageDirs(pkg: string, modules: GoModule[]): { dir: string; rel: string[] }[] {
  const matching = modules
    .filter((m) => pkg === m.module || pkg.startsWith(`${m.module}/`))
    .sort((a, b) => b.module.length - a.module.length);
  if (matching.length === 0) return [];
  const longest = matching[0].module.length;
  return matching
    .filter((m) => m.module.length === longest)
    .map((m) => ({ dir: m.dir, rel: pkg.slice(m.module.length).split('/').filter(Boolean) }));
}
