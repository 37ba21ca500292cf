import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventOrigin, IssueDetails, IssueState, ResolvedLocation, TimeWindow } from '../../../src/core/model';
import { IssuePageSession, panelTitle, type IssuePanelHost } from '../../../src/extension/issue-page-session';
import type { HostToPageMessage } from '../../../src/protocol/webview-messages';
import { datadogIssue, hostileIssue, nodeIssue } from '../../fixtures/issue-page/issues';

function harness(given: IssueDetails | null = nodeIssue()) {
  const issue = given ?? undefined;
  const calls: string[] = [];
  const posted: HostToPageMessage[] = [];
  const opened: { locations: ResolvedLocation[]; origins: EventOrigin[]; urls: string[]; clipboard: string[] } = {
    locations: [],
    origins: [],
    urls: [],
    clipboard: [],
  };
  let current = issue;
  const host: IssuePanelHost = {
    async loadIssue(id: string, window: TimeWindow) {
      calls.push(`load ${id} ${window}`);
      return current;
    },
    async setState(id: string, state: IssueState) {
      calls.push(`setState ${id} ${state}`);
      if (current) current = { ...current, state };
    },
    async openLocation(location) {
      opened.locations.push(location);
    },
    async openLogLine(origin) {
      opened.origins.push(origin);
    },
    async openExternal(url) {
      opened.urls.push(url);
    },
    defaultWindow: () => '24h',
  };
  const titles: string[] = [];
  const logs: string[] = [];
  const session = new IssuePageSession(
    issue?.id ?? 'missing',
    '24h',
    host,
    {
      postMessage: async (message) => (posted.push(message), true),
      setTitle: (title) => titles.push(title),
      writeClipboard: async (text) => void opened.clipboard.push(text),
    },
    (level, message) => logs.push(`${level}: ${message}`),
    () => 1_000,
  );
  return { session, calls, posted, opened, titles, logs };
}

describe('IssuePageSession', () => {
  it("loads and posts the issue when the page says it is ready, and sets the panel's title", async () => {
    const { session, calls, posted, titles } = harness();
    await session.handle({ type: 'ready' });
    assert.deepEqual(calls, ['load a1b2c3d4e5f60718 24h']);
    assert.deepEqual(posted.map((m) => m.type), ['loading', 'issue']);
    assert.equal(titles.at(-1), "TypeError: Cannot read properties of undefined (reading '<*>')");
    assert.equal(session.rendered, false);
    await session.handle({ type: 'rendered', id: 'a1b2c3d4e5f60718' });
    assert.equal(session.rendered, true);
  });

  it('re-loads with the window the page picked', async () => {
    const { session, calls } = harness();
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'setWindow', id: 'a1b2c3d4e5f60718', window: '7d' });
    assert.equal(calls.at(-1), 'load a1b2c3d4e5f60718 7d');
    assert.equal(session.window, '7d');
  });

  it('changes the state through the host, then re-loads', async () => {
    const { session, calls, posted } = harness();
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'setState', id: 'a1b2c3d4e5f60718', state: 'RESOLVED' });
    assert.deepEqual(calls.slice(1), ['setState a1b2c3d4e5f60718 RESOLVED', 'load a1b2c3d4e5f60718 24h']);
    const last = posted.at(-1);
    assert.ok(last?.type === 'issue' && last.issue.state === 'RESOLVED');
  });

  it('opens a frame location given to the page, and nothing before the page was given any', async () => {
    const { session, opened, logs } = harness();
    const location = nodeIssue().error!.frames[0].location!;
    await session.handle({ type: 'openLocation', id: 'a1b2c3d4e5f60718', location });
    assert.equal(opened.locations.length, 0, 'nothing loaded yet, so nothing may be opened');
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'openLocation', id: 'a1b2c3d4e5f60718', location });
    assert.deepEqual(opened.locations, [location]);
    assert.equal(logs.filter((line) => line.startsWith('warn')).length, 1);
  });

  it('opens the log line of a shown sample', async () => {
    const { session, opened } = harness();
    await session.handle({ type: 'ready' });
    const origin = nodeIssue().samples[0].event.origin!;
    await session.handle({ type: 'openLogLine', id: 'a1b2c3d4e5f60718', origin: { ...origin } });
    assert.deepEqual(opened.origins, [origin]);
  });

  it("opens the Datadog issue's own URL, never a URL from the page", async () => {
    const issue = datadogIssue();
    const { session, opened } = harness(issue);
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'openExternal', id: issue.id, url: 'https://evil.example' });
    assert.deepEqual(opened.urls, [issue.externalUrl]);
  });

  it('does not open a javascript: external URL even if the source gave one', async () => {
    const issue = hostileIssue();
    const { session, opened } = harness(issue);
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'openExternal', id: issue.id });
    assert.deepEqual(opened.urls, []);
  });

  it('copies through the host clipboard and confirms', async () => {
    const { session, opened, posted } = harness();
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'copyText', id: 'a1b2c3d4e5f60718', what: 'sample', text: '{"a":1}' });
    assert.deepEqual(opened.clipboard, ['{"a":1}']);
    assert.deepEqual(posted.at(-1), { type: 'notice', level: 'info', text: 'Sample copied as JSON' });
  });

  it('tells the page when the issue is not found in the window', async () => {
    const { session, posted } = harness(null);
    await session.handle({ type: 'ready' });
    assert.deepEqual(posted.at(-1), { type: 'notFound', id: 'missing', window: '24h' });
  });

  it('refreshes quietly in the background: no loading notice', async () => {
    const { session, posted } = harness();
    await session.load({ quiet: true });
    assert.deepEqual(posted.map((m) => m.type), ['issue']);
  });

  it('posts only the newest of two overlapping loads', async () => {
    const { session, posted } = harness();
    await Promise.all([session.load(), session.load()]);
    assert.equal(posted.filter((m) => m.type === 'issue').length, 1);
  });
});

describe('panelTitle', () => {
  it('is one short printable line even for hostile text', () => {
    const title = panelTitle({ errorKind: 'Error', message: '\u001b[31mred\u001b[0m\n\u202eevil' + 'x'.repeat(200) }, 'id');
    assert.ok(title.length <= 80);
    assert.doesNotMatch(title, /[\u0000-\u001f\u202e]/);
    assert.match(title, /^Error: red evil/);
  });
});
