// The mapping API: from a logged stack frame to a file and line of the workspace.
export { WorkspaceIndex, isInside, type IndexedFile } from './workspace-index';
export { FrameMapper, type MappingOptions } from './frame-mapper';
export { findFunctions, enclosingFunction, type FunctionRange } from './outline';
export { parseGoModulePath, goPackagePath, type GoModule } from './go';
export { normalizeLoggedPath, normalizeFsPath } from './path-normalize';
export { sourceFunctionName } from './function-name';
export { installedSourceIn, workspaceOwnsInstalled } from './installed-package';
export { placeLine, countLines } from './drift';
export { mapLineThroughHunks, parseUnifiedHunks, type Hunk } from './git-hunks';
