import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const LOGS = path.join(REPO, 'test/fixtures/logs');
const MAIN = path.join(REPO, 'src/cli/main.ts');

export function cli(args: string[], options: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: options.cwd ?? REPO,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliProcess(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves with all stdout once `until` matches it (the test runner's own timeout bounds the wait). */
export function waitForOutput(stream: NodeJS.ReadableStream, until: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.setEncoding?.('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      if (until.test(text)) resolve(text);
    });
  });
}
