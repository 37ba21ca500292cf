// Reads the real Datadog answers recorded by the Datadog client's maintainers (HAR files under
// ../shared/fixtures/datadog-recorded, never copied into this repository).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CannedResponse } from './fake-datadog';

export const RECORDINGS_DIR = path.resolve(__dirname, '../../../../shared/fixtures/datadog-recorded');
export const recordingsPresent = existsSync(RECORDINGS_DIR);
export const RECORDINGS_ABSENT =
  'the shared fixtures are absent (../shared/fixtures/datadog-recorded): skipping the tests that replay recorded Datadog answers';

export interface HarEntry {
  method: string;
  /** Path without the host, e.g. /api/v2/error-tracking/issues/search */
  path: string;
  requestBody: unknown;
  response: CannedResponse & { status: number; body: string };
}

/** The entries of the scenario whose folder name starts with `prefix` (inside `group`). */
export function readScenario(group: 'Error-Tracking' | 'Logs', prefix: string): HarEntry[] {
  const groupDir = readdirSync(RECORDINGS_DIR).find((d) => d.startsWith(`${group}_`));
  if (!groupDir) throw new Error(`no ${group} recordings in ${RECORDINGS_DIR}`);
  const scenario = readdirSync(path.join(RECORDINGS_DIR, groupDir)).find((d) => d.startsWith(prefix));
  if (!scenario) throw new Error(`no recording named ${prefix}…`);
  const har = JSON.parse(readFileSync(path.join(RECORDINGS_DIR, groupDir, scenario, 'recording.har'), 'utf8')) as {
    log: { entries: { request: { method: string; url: string; postData?: { text?: string } }; response: { status: number; headers: { name: string; value: string }[]; content: { text?: string } } }[] };
  };
  return har.log.entries.map((e) => ({
    method: e.request.method,
    path: new URL(e.request.url).pathname,
    requestBody: e.request.postData?.text ? JSON.parse(e.request.postData.text) : undefined,
    response: {
      status: e.response.status,
      headers: Object.fromEntries(e.response.headers.map((h) => [h.name, h.value])),
      body: e.response.content.text ?? '',
    },
  }));
}

/** The recorded answer to `METHOD /path` in a scenario (the nth when it repeats). */
export function recorded(group: 'Error-Tracking' | 'Logs', prefix: string, route: string, nth = 0): HarEntry {
  const [method, pathPattern] = route.split(' ');
  const matches = readScenario(group, prefix).filter(
    (e) => e.method === method && (pathPattern.endsWith('*') ? e.path.startsWith(pathPattern.slice(0, -1)) : e.path === pathPattern),
  );
  if (!matches[nth]) throw new Error(`no ${route} in ${prefix}`);
  return matches[nth];
}
