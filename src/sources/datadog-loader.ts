// Loads the Datadog source on demand. The Datadog client is several megabytes, so the bundles
// (dist/server.js, dist/cli.js) do not include it: it sits beside them as dist/datadog.js and is
// required only when the Datadog source is chosen. Only types are imported statically here, so
// esbuild never pulls the client into the bundle that imports this module.
import * as path from 'node:path';
import { existsSync } from 'node:fs';

export type DatadogModule = typeof import('./datadog/index');

export function loadDatadogModule(): DatadogModule {
  const bundled = path.join(__dirname, 'datadog.js');
  // Under esbuild this file is inlined into a bundle in dist/, beside datadog.js; under tsx
  // (tests, development) __dirname is src/sources and the TypeScript source is required instead.
  const modulePath = existsSync(bundled) ? bundled : path.join(__dirname, 'datadog', 'index');
  return require(modulePath) as DatadogModule;
}
