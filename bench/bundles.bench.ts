// Bundle sizes of the production build (minified, no source maps), built in a temporary copy of
// the sources so the repo's dist/ (which tests and other people use) is never replaced. The ratio
// that matters is extension vs Datadog bundle: the Datadog client is split off and loaded lazily.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const REPO = path.resolve(__dirname, '..');
export const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/datadog.js', 'media/dist/issue-page.js'];

export interface BundleSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundlesBenchResult {
  production: boolean;
  buildMs: number;
  sizes: BundleSize[];
}

/** Production build of the repo's sources in a temporary folder; dispose() removes it. */
export function productionBuild(): { dir: string; buildMs: number; dispose(): void } {
  const work = mkdtempSync(path.join(tmpdir(), 'errtrack-bundles-'));
  const dispose = () => rmSync(work, { recursive: true, force: true });
  try {
    for (const entry of ['src', 'media', 'esbuild.config.mjs', 'package.json', 'tsconfig.json']) {
      cpSync(path.join(REPO, entry), path.join(work, entry), {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}media${path.sep}dist`),
      });
    }
    symlinkSync(path.join(REPO, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    const started = performance.now();
    execFileSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: work, stdio: 'pipe' });
    return { dir: work, buildMs: Math.round(performance.now() - started), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

export function benchBundles(): BundlesBenchResult {
  const build = productionBuild();
  try {
    const sizes = BUNDLES.map((file) => {
      const abs = path.join(build.dir, file);
      return { file, bytes: statSync(abs).size, gzipBytes: gzipSync(readFileSync(abs)).length };
    });
    return { production: true, buildMs: build.buildMs, sizes };
  } finally {
    build.dispose();
  }
}
