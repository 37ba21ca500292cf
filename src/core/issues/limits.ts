// Per-issue memory bounds. Every structure an issue holds is sized by these, whatever the volume.

export interface IssueLimits {
  /** Latest events kept as samples. */
  latestSamples: number;
  /** Uniform reservoir sample over all the issue's events. */
  reservoirSamples: number;
  /** Attribute paths tracked as facets; paths first seen after the cap are not tracked. */
  facetPaths: number;
  /** Values kept per facet (top-k sketch size). */
  facetTopK: number;
  /** Longest string kept in a stored sample (message, attribute values). */
  maxSampleString: number;
  /** Longest stack kept in a stored sample. */
  maxSampleStack: number;
  /** Attribute leaves kept per stored sample. */
  maxSampleAttributes: number;
  /** Longest facet value (longer values are cut). */
  maxFacetValue: number;
  /** Frames kept per exception of the representative error. */
  maxFrames: number;
}

export const DEFAULT_LIMITS: IssueLimits = {
  latestSamples: 5,
  reservoirSamples: 5,
  facetPaths: 50,
  facetTopK: 10,
  maxSampleString: 1024,
  maxSampleStack: 8192,
  maxSampleAttributes: 64,
  maxFacetValue: 120,
  maxFrames: 100,
};
