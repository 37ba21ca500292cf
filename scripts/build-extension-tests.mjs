// Bundles the extension-host test suite: test/extension/index.ts (mocha's run()) and every
// test/extension/*.test.ts, each to out/test/<name>.js, and the Restricted Mode suite
// test/extension/untrusted/*.test.ts to out/test/untrusted/ (run in an untrusted folder). `vscode` is provided by the editor and
// mocha is loaded from node_modules at run time (it does not bundle cleanly).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = 'test/extension';
const entryPoints = { index: join(dir, 'index.ts') };
for (const name of readdirSync(dir).filter((n) => n.endsWith('.test.ts')).sort()) {
  entryPoints[basename(name, '.ts')] = join(dir, name);
}

for (const name of readdirSync(join(dir, 'untrusted')).filter((n) => n.endsWith('.test.ts')).sort()) {
  entryPoints[`untrusted/${basename(name, '.ts')}`] = join(dir, 'untrusted', name);
}

rmSync('out/test', { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: 'out/test',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${Object.keys(entryPoints).length} extension test bundle(s) into out/test/`);
