// Activation cost: the time to `require` the production extension bundle (with a stub `vscode`
// module, calling nothing) in a fresh Node process, against requiring the Datadog bundle, which
// is what loading the Datadog client eagerly would add. Each sample is a new process (cold module
// cache); the two are interleaved so both see the same machine load.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { productionBuild } from './bundles.bench';
import { summarize, type Timing } from './stats';

// Runs in the child: any property of the stub is the stub, so top-level `class X extends
// vscode.TreeItem` or `new vscode.ThemeIcon()` work. The stub is also its own prototype: esbuild's
// ESM interop copies a module onto Object.create(prototype), and unknown names must fall through.
const CHILD = `
const Module = require('node:module');
const stub = new Proxy(function () {}, {
  get: (_t, key) => (key === Symbol.toPrimitive ? () => 'vscode' : key === 'then' || key === '__esModule' ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
  getPrototypeOf: () => stub,
});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const started = performance.now();
require(process.argv[1]);
process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
`;

export interface ActivationBenchResult {
  extension: Timing;
  datadog: Timing;
}

function requireMs(file: string): number {
  const out = execFileSync(process.execPath, ['-e', CHILD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as { ms: number }).ms;
}

export function benchActivation(options: { runs?: number } = {}): ActivationBenchResult {
  const runs = options.runs ?? 10;
  const build = productionBuild();
  try {
    const extension = path.join(build.dir, 'dist', 'extension.js');
    const datadog = path.join(build.dir, 'dist', 'datadog.js');
    requireMs(extension); // warm the page cache for both
    requireMs(datadog);
    const e: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < runs; i++) {
      e.push(requireMs(extension));
      d.push(requireMs(datadog));
    }
    return { extension: summarize(e), datadog: summarize(d) };
  } finally {
    build.dispose();
  }
}
