// "Now" for every window computation. ERRTRACK_NOW (ISO 8601) pins it for tests and recorded demos.

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => number {
  const pinned = env.ERRTRACK_NOW ? Date.parse(env.ERRTRACK_NOW) : NaN;
  return Number.isFinite(pinned) ? () => pinned : () => Date.now();
}
