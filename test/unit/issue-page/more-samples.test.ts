// "Load more samples": the page's request is validated, the session pages the host for the
// panel's own issue and window, and posts the older samples for the page to append.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IssueDetails, Sample, TimeWindow } from '../../../src/core/model';
import { IssuePageSession, type IssuePanelHost } from '../../../src/extension/issue-page-session';
import { pageContextFor, validatePageMessage, type HostToPageMessage } from '../../../src/protocol/webview-messages';
import { datadogIssue, nodeIssue } from '../../fixtures/issue-page/issues';

type Page = { samples: Sample[]; done: boolean } | undefined;

function olderSamples(issue: IssueDetails, n: number, from: number, withOrigin = false): Sample[] {
  const template = issue.samples[0].event;
  return Array.from({ length: n }, (_, i) => ({
    kind: 'sampled' as const,
    event: {
      ...template,
      timestamp: template.timestamp - (from + i + 1) * 60_000,
      origin: withOrigin ? { file: '/logs/older.jsonl', line: from + i + 1 } : undefined,
    },
  }));
}

function harness(issue: IssueDetails, pages: (Page | Error)[] | undefined) {
  const calls: string[] = [];
  const posted: HostToPageMessage[] = [];
  const logs: string[] = [];
  const openedOrigins: unknown[] = [];
  let release: (() => void) | undefined;
  const gate = { hold: false };
  const host: IssuePanelHost = {
    async loadIssue(id: string, window: TimeWindow) {
      calls.push(`load ${id} ${window}`);
      return issue;
    },
    async setState() {},
    async openLocation() {},
    async openLogLine(origin) {
      openedOrigins.push(origin);
    },
    defaultWindow: () => '24h',
  };
  if (pages) {
    host.loadMoreSamples = async (id, window) => {
      calls.push(`more ${id} ${window}`);
      if (gate.hold) await new Promise<void>((done) => (release = done));
      const next = pages.shift();
      if (next instanceof Error) throw next;
      return next;
    };
  }
  const session = new IssuePageSession(
    issue.id,
    '24h',
    host,
    { postMessage: async (m) => (posted.push(m), true), setTitle: () => undefined, writeClipboard: async () => undefined },
    (level, message) => logs.push(`${level}: ${message}`),
    () => 1_000,
  );
  const more = () => posted.filter((m): m is Extract<HostToPageMessage, { type: 'moreSamples' }> => m.type === 'moreSamples');
  return { session, calls, posted, logs, more, gate, openedOrigins, release: () => release?.() };
}

describe('loadMoreSamples message validation', () => {
  const issue = datadogIssue();
  const context = pageContextFor(issue);

  it("accepts a request for the panel's own issue, keeping only type and id", () => {
    assert.deepEqual(validatePageMessage({ type: 'loadMoreSamples', id: issue.id, window: '30d', cursor: 'x' }, context), {
      ok: true,
      message: { type: 'loadMoreSamples', id: issue.id },
    });
  });

  it('refuses a request for another issue or without an id', () => {
    assert.equal(validatePageMessage({ type: 'loadMoreSamples', id: 'other' }, context).ok, false);
    assert.equal(validatePageMessage({ type: 'loadMoreSamples' }, context).ok, false);
  });
});

describe('IssuePageSession: load more samples', () => {
  it("pages the host for the panel's issue and window and posts each page, done on the last", async () => {
    const issue = datadogIssue();
    const first = olderSamples(issue, 3, 0);
    const second = olderSamples(issue, 2, 3);
    const { session, calls, more } = harness(issue, [
      { samples: first, done: false },
      { samples: second, done: true },
    ]);
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'setWindow', id: issue.id, window: '7d' });
    await session.handle({ type: 'loadMoreSamples', id: issue.id });
    await session.handle({ type: 'loadMoreSamples', id: issue.id });
    assert.deepEqual(calls.filter((c) => c.startsWith('more')), [`more ${issue.id} 7d`, `more ${issue.id} 7d`]);
    assert.deepEqual(more(), [
      { type: 'moreSamples', id: issue.id, window: '7d', samples: first, done: false },
      { type: 'moreSamples', id: issue.id, window: '7d', samples: second, done: true },
    ]);
  });

  it('says done when the source cannot page (no host method, or the host answers nothing)', async () => {
    const issue = nodeIssue();
    for (const pages of [undefined, [undefined]]) {
      const { session, more, logs } = harness(issue, pages);
      await session.handle({ type: 'ready' });
      await session.handle({ type: 'loadMoreSamples', id: issue.id });
      assert.deepEqual(more(), [{ type: 'moreSamples', id: issue.id, window: '24h', samples: [], done: true }]);
      if (!pages) assert.ok(logs.some((line) => line.startsWith('warn') && /cannot load more samples/.test(line)));
    }
  });

  it('treats an empty page as the end even when the source did not say so', async () => {
    const issue = datadogIssue();
    const { session, more } = harness(issue, [{ samples: [], done: false }]);
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'loadMoreSamples', id: issue.id });
    assert.equal(more()[0].done, true);
  });

  it('reports a failure without ending the list, so the page can try again', async () => {
    const issue = datadogIssue();
    const { session, more, logs } = harness(issue, [new Error('Datadog answered 500'), { samples: olderSamples(issue, 1, 0), done: true }]);
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'loadMoreSamples', id: issue.id });
    assert.deepEqual(more()[0], {
      type: 'moreSamples',
      id: issue.id,
      window: '24h',
      samples: [],
      done: false,
      error: 'Could not load more samples: Datadog answered 500',
    });
    assert.ok(logs.some((line) => line.startsWith('error')));
    await session.handle({ type: 'loadMoreSamples', id: issue.id });
    assert.equal(more()[1].samples.length, 1);
  });

  it('asks the host once while a request is in flight', async () => {
    const issue = datadogIssue();
    const { session, calls, more, gate, release } = harness(issue, [{ samples: olderSamples(issue, 2, 0), done: false }]);
    await session.handle({ type: 'ready' });
    gate.hold = true;
    const a = session.handle({ type: 'loadMoreSamples', id: issue.id });
    const b = session.handle({ type: 'loadMoreSamples', id: issue.id });
    await new Promise((done) => setImmediate(done));
    release();
    await Promise.all([a, b]);
    assert.equal(calls.filter((c) => c.startsWith('more')).length, 1);
    assert.equal(more().length, 1);
  });

  it('drops a page that arrives after the issue was loaded again (its samples start over)', async () => {
    const issue = datadogIssue();
    const { session, more, gate, release } = harness(issue, [{ samples: olderSamples(issue, 2, 0), done: false }]);
    await session.handle({ type: 'ready' });
    gate.hold = true;
    const pending = session.handle({ type: 'loadMoreSamples', id: issue.id });
    await new Promise((done) => setImmediate(done));
    await session.load({ quiet: true });
    release();
    await pending;
    assert.deepEqual(more(), []);
  });

  it('lets the page open the log lines of appended samples', async () => {
    const issue = nodeIssue();
    const appended = olderSamples(issue, 1, 0, true);
    const { session, openedOrigins, logs } = harness(issue, [{ samples: appended, done: true }]);
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'openLogLine', id: issue.id, origin: { file: '/logs/older.jsonl', line: 1 } });
    assert.deepEqual(openedOrigins, [], 'not shown yet, so not openable');
    await session.handle({ type: 'loadMoreSamples', id: issue.id });
    await session.handle({ type: 'openLogLine', id: issue.id, origin: { file: '/logs/older.jsonl', line: 1 } });
    assert.deepEqual(openedOrigins, [appended[0].event.origin]);
    assert.equal(logs.filter((line) => line.startsWith('warn')).length, 1);
  });
});
