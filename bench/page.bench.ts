// The issue page's time to first render (postMessage of the issue to the page's 'rendered' reply,
// measured inside the page) for an issue with 50 samples of 200 attributes each, in headless
// Chromium through the browser-test harness (real HTML shell, CSP and bundle). Baseline: the same
// page rendering an ordinary issue (the Node fixture, 12 small samples), interleaved.

import type { IssueDetails } from '../src/core/model';
import { chromiumMissing, launch, openIssuePage, timeToRender } from '../test/e2e-webview/harness';
import { bigIssue, NOW, nodeIssue } from '../test/fixtures/issue-page/issues';
import { summarize, type Timing } from './stats';

export interface PageBenchResult {
  big: Timing;
  small: Timing;
  samples: number;
  attributes: number;
}

export { chromiumMissing };

export async function benchPage(options: { runs?: number } = {}): Promise<PageBenchResult> {
  const runs = options.runs ?? 10;
  const browser = await launch();
  try {
    const target = await openIssuePage(browser);
    const big = bigIssue(50, 200);
    const small = nodeIssue();
    // A new id makes the page start over, as for a newly opened issue.
    const render = (issue: IssueDetails, id: string) => timeToRender(target, { type: 'issue', issue: { ...issue, id }, window: '24h', now: NOW });
    await render(small, 'warm-small');
    await render(big, 'warm-big');
    const b: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < runs; i++) {
      b.push(await render(big, `big-${i}`));
      s.push(await render(small, `small-${i}`));
    }
    await target.close();
    return { big: summarize(b), small: summarize(s), samples: big.samples.length, attributes: 200 };
  } finally {
    await browser.close();
  }
}
