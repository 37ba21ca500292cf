// The issue engine's public surface.
export { IssueStore, DEFAULT_LIMITS } from './store';
export type { IssueStoreOptions, IssueLimits, LoadResult } from './store';
export { compareVersions, isRegression } from './regression';
export { IssueHistogram, WINDOW_MS, BUCKET_MS } from './histogram';
export { TopK } from './top-k';
export { STATE_FORMAT, STATE_FORMAT_VERSION, validatePersisted } from './persisted';
export type { PersistedIssue, PersistedState } from './persisted';
