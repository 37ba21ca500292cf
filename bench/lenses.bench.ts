// Server-side CodeLens and hover cost: a file with 1,000 functions and 500 issues whose frames
// point into it. Measures outline + grouping + titles, as the server does per request, against a
// baseline of merely splitting the same text into lines (the least any lens provider must do).

import type { IssueSummary } from '../src/core/model';
import { findFunctions } from '../src/core/mapping/outline';
import { hoverMarkdown } from '../src/server/hover';
import { framesInFile, issuesByFunction, lensesFor } from '../src/server/lenses';
import { time, type Timing } from './stats';

const FILE = '/work/space/src/big.ts';

function bigFile(functions: number): string {
  const out: string[] = [];
  for (let i = 0; i < functions; i++) {
    out.push(`export async function handler${i}(input: Input): Promise<Output> {`);
    out.push(`  const value = await load(input.id, ${i});`);
    out.push(`  if (!value) throw new Error('missing ${i}');`);
    out.push(`  return transform(value);`);
    out.push(`}`, '');
  }
  return out.join('\n');
}

function issues(count: number, functions: number, now: number): IssueSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const fn = (i * 7) % functions;
    const frame = {
      file: '/app/src/big.ts', line: fn * 6 + 3, function: `handler${fn}`, inApp: true,
      location: { workspaceFolder: '/work/space', path: FILE, line: fn * 6 + 3, how: 'prefix-mapping' as const },
    };
    return {
      id: `issue${i}`, source: 'local' as const, service: 'svc', errorKind: 'Error', message: `missing <num> ${i}`,
      count: 10 + i, totalCount: 100 + i, firstSeen: now - 86_400_000, lastSeen: now - i * 1000, state: 'OPEN' as const,
      isNew: i % 10 === 0, topFrame: frame, inAppFrames: [frame],
    };
  });
}

export async function benchLenses(): Promise<{ lenses: Timing; hover: Timing; baseline: Timing; lensCount: number }> {
  const now = Date.now();
  const text = bigFile(1000);
  const list = issues(500, 1000, now);
  let lensCount = 0;
  const lenses = await time(30, () => {
    const groups = issuesByFunction(list, FILE, findFunctions(text, 'ts'));
    lensCount = lensesFor(groups, '24h', now, 3).length;
  });
  const hover = await time(30, () => {
    const line = 3 * 6 + 3;
    hoverMarkdown(list.filter((issue) => framesInFile(issue, FILE).some((frame) => frame.location?.line === line)), '24h', now);
  });
  const baseline = await time(30, () => text.split('\n').length);
  return { lenses, hover, baseline, lensCount };
}
