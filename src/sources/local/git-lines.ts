// Moves a logged line from the commit that ran (`git.commit.sha` on the event) to the working
// tree through `git diff -U0 <sha> -- <file>`, as a careful user would. git runs through
// execFile (no shell) with a timeout; any failure (no git, unknown commit, not a repository)
// gives undefined so the caller keeps its other placement.
import { execFile } from 'node:child_process';
import type { Frame } from '../../core/model';
import { mapLineThroughHunks, parseUnifiedHunks, type Hunk } from '../../core/mapping/git-hunks';

export interface GitLineOptions {
  /** Per git call; default 5 s. */
  timeoutMs?: number;
  /** The git executable; default 'git'. */
  git?: string;
}

const SHA = /^[0-9a-f]{4,64}$/i;

function run(args: string[], cwd: string, options: GitLineOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      options.git ?? 'git',
      args,
      { cwd, timeout: options.timeoutMs ?? 5000, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

/** The hunks between a commit and the working tree for one file; undefined when git cannot tell. */
export async function diffHunks(repoDir: string, sha: string, filePath: string, options: GitLineOptions = {}): Promise<Hunk[] | undefined> {
  if (!SHA.test(sha)) return undefined;
  const exists = await run(['cat-file', '-e', `${sha}^{commit}`], repoDir, options);
  if (exists === undefined) return undefined;
  const diff = await run(
    ['-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff', '--no-renames', '-U0', sha, '--', filePath],
    repoDir,
    options,
  );
  // A file that did not exist at that commit has no old lines to move.
  if (diff === undefined || /^--- \/dev\/null$/m.test(diff)) return undefined;
  return parseUnifiedHunks(diff);
}

/**
 * The working-tree line for `line` of `filePath` at commit `sha`, or undefined when git, the
 * repository or the commit is missing. Lines inside changed hunks go to the hunk's new start.
 */
export async function mapLineAtCommit(
  repoDir: string,
  sha: string,
  filePath: string,
  line: number,
  options: GitLineOptions = {},
): Promise<number | undefined> {
  const hunks = await diffHunks(repoDir, sha, filePath, options);
  return hunks === undefined ? undefined : mapLineThroughHunks(hunks, line).line;
}

/**
 * Re-places mapped frames of an event that carries `git.commit.sha`: every frame with a location
 * and a logged line gets the line git gives (lineHow 'git-diff'); others are returned unchanged.
 * One diff per file; `repoDir` is the workspace folder (any directory inside the repository).
 */
export async function placeFramesWithGit(frames: Frame[], sha: string, options: GitLineOptions = {}): Promise<Frame[]> {
  const diffs = new Map<string, Promise<Hunk[] | undefined>>();
  return Promise.all(
    frames.map(async (frame) => {
      const loc = frame.location;
      if (!loc || frame.line === undefined) return frame;
      let hunks = diffs.get(loc.path);
      if (!hunks) {
        hunks = diffHunks(loc.workspaceFolder, sha, loc.path, options);
        diffs.set(loc.path, hunks);
      }
      const h = await hunks;
      if (!h) return frame;
      const placed = mapLineThroughHunks(h, frame.line);
      return { ...frame, location: { ...loc, line: placed.line, lineHow: 'git-diff' as const } };
    }),
  );
}
