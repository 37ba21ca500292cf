// Events logged at another commit (`git.commit.sha`) have their mapped lines moved to the working
// tree through git (git-lines.ts), for the issue page; cached per issue, commit and mapped chain.
import type { IssueDetails, ParsedError } from '../../core/model';
import { placeFramesWithGit } from './git-lines';
import { getPath } from './presets/paths';

const MAX_ENTRIES = 1000;

/** The commit the issue's newest sample ran, when its log line says (`git.commit.sha`). */
export function commitOf(details: IssueDetails): string | undefined {
  for (let i = details.samples.length - 1; i >= 0; i--) {
    const sha = getPath(details.samples[i].event.attributes, 'git.commit.sha');
    if (typeof sha === 'string' && sha) return sha;
  }
  return undefined;
}

export class GitPlacementCache {
  private readonly cache = new Map<string, { from: ParsedError; to: ParsedError }>();

  async place(id: string, sha: string, error: ParsedError): Promise<ParsedError> {
    const key = `${id}\u0000${sha}`;
    const cached = this.cache.get(key);
    if (cached && cached.from === error) return cached.to;
    const chain: ParsedError[] = [];
    for (let e: ParsedError | undefined = error; e && chain.length < 100; e = e.cause) chain.push(e);
    const placed = await Promise.all(chain.map((e) => placeFramesWithGit(e.frames, sha).catch(() => e.frames)));
    let rebuilt: ParsedError | undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const { cause: _cause, ...rest } = chain[i];
      rebuilt = { ...rest, frames: placed[i], ...(rebuilt ? { cause: rebuilt } : {}) };
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { from: error, to: rebuilt! });
    return rebuilt!;
  }
}
