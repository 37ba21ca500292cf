// The .vsix as a user installs it: `npm run package`, the archive unpacked as the editor
// unpacks it, and the extension-host suite (trusted folder, then Restricted Mode) run against
// that unpacked copy instead of the repository, so a file missing from the package fails here.
//   node scripts/test-vsix.mjs        (writes test-results/vsix-tests.json)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './editor/provision.mjs';
import { runExtensionTests } from '../test/e2e/run-extension-tests.mjs';

const VSIX = join(REPO_ROOT, 'dist', 'error-tracking-logs.vsix');
export const VSIX_REPORT = join(REPO_ROOT, 'test-results', 'vsix-tests.json');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

rmSync(VSIX, { force: true });
run('npm', ['run', 'package']);
const unpacked = mkdtempSync(join(tmpdir(), 'errtrack-vsix-'));
try {
  // A .vsix is a zip whose extension/ folder is what the editor installs.
  run('unzip', ['-q', VSIX, '-d', unpacked]);
  const extensionPath = join(unpacked, 'extension');
  // vsce stores the licence as LICENSE.txt and the changelog as changelog.md.
  const missing = ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/datadog.js', 'LICENSE.txt', 'changelog.md', 'media/icons/icon.png'].filter(
    (file) => !existsSync(join(extensionPath, file)),
  );
  const extra = ['dist/cli.js', 'src', 'test', 'node_modules'].filter((file) => existsSync(join(extensionPath, file)));
  if (missing.length || extra.length) {
    console.error(`the .vsix is wrong: missing ${missing.join(', ') || 'nothing'}; should not hold ${extra.join(', ') || 'anything more'}`);
    process.exitCode = 1;
  } else {
    const { exitCode } = await runExtensionTests({ extensionPath, reportFile: VSIX_REPORT });
    process.exitCode = exitCode;
  }
} finally {
  rmSync(unpacked, { recursive: true, force: true });
}
