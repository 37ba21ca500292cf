import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageContextFor, parsePageState, validatePageMessage } from '../../../src/protocol/webview-messages';
import { datadogIssue, javaIssue, nodeIssue, pythonChainIssue, WORKSPACE } from '../../fixtures/issue-page/issues';

const issue = nodeIssue();
const context = pageContextFor(issue);
const mappedLocation = issue.error!.frames[0].location!;

describe('validatePageMessage', () => {
  it('accepts ready without an id', () => {
    assert.deepEqual(validatePageMessage({ type: 'ready' }, context), { ok: true, message: { type: 'ready' } });
  });

  it('refuses non-objects, missing and unknown types', () => {
    for (const raw of [null, 'ready', 42, [], {}, { type: 7 }, { type: 'eval', id: issue.id }, { type: '__proto__', id: issue.id }]) {
      assert.equal(validatePageMessage(raw, context).ok, false, JSON.stringify(raw));
    }
  });

  it("refuses a message whose id is not the panel's issue", () => {
    const result = validatePageMessage({ type: 'setState', id: 'other-issue', state: 'RESOLVED' }, context);
    assert.equal(result.ok, false);
  });

  it('accepts every issue state and refuses others', () => {
    for (const state of ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'IGNORED']) {
      assert.deepEqual(validatePageMessage({ type: 'setState', id: issue.id, state }, context), {
        ok: true,
        message: { type: 'setState', id: issue.id, state },
      });
    }
    for (const state of ['resolved', 'DELETED', '', 1, undefined]) {
      assert.equal(validatePageMessage({ type: 'setState', id: issue.id, state }, context).ok, false, String(state));
    }
  });

  it('accepts only the known time windows', () => {
    assert.equal(validatePageMessage({ type: 'setWindow', id: issue.id, window: '7d' }, context).ok, true);
    assert.equal(validatePageMessage({ type: 'setWindow', id: issue.id, window: '1y' }, context).ok, false);
  });

  it('opens a location only when the page was given it, and hands back the known object', () => {
    const result = validatePageMessage({ type: 'openLocation', id: issue.id, location: { ...mappedLocation } }, context);
    assert.equal(result.ok, true);
    assert.ok(result.ok && result.message.type === 'openLocation' && result.message.location === mappedLocation);
  });

  it('refuses a location the page was not given, even inside the workspace', () => {
    for (const location of [
      { ...mappedLocation, line: mappedLocation.line + 1 },
      { ...mappedLocation, path: '/etc/passwd' },
      { ...mappedLocation, path: `${WORKSPACE}/src/secret.ts` },
      { path: mappedLocation.path },
      'src/main.ts',
    ]) {
      assert.equal(validatePageMessage({ type: 'openLocation', id: issue.id, location }, context).ok, false, JSON.stringify(location));
    }
  });

  it('refuses to open a location of an unmapped frame', () => {
    const unmapped = issue.error!.frames.find((frame) => frame.inApp && !frame.location)!;
    const location = { workspaceFolder: WORKSPACE, path: unmapped.file, line: unmapped.line, how: 'exact' };
    assert.equal(validatePageMessage({ type: 'openLocation', id: issue.id, location }, context).ok, false);
  });

  it('opens log lines only of the samples shown', () => {
    const origin = issue.samples[3].event.origin!;
    const ok = validatePageMessage({ type: 'openLogLine', id: issue.id, origin: { file: origin.file, line: origin.line } }, context);
    assert.ok(ok.ok && ok.message.type === 'openLogLine' && ok.message.origin === origin);
    assert.equal(validatePageMessage({ type: 'openLogLine', id: issue.id, origin: { file: '/etc/shadow', line: 1 } }, context).ok, false);
    assert.equal(validatePageMessage({ type: 'openLogLine', id: issue.id, origin: { file: origin.file, line: origin.line + 1 } }, context).ok, false);
  });

  it('checks copy requests: kind of text and size', () => {
    assert.equal(validatePageMessage({ type: 'copyText', id: issue.id, what: 'sample', text: '{}' }, context).ok, true);
    assert.equal(validatePageMessage({ type: 'copyText', id: issue.id, what: 'file', text: '{}' }, context).ok, false);
    assert.equal(validatePageMessage({ type: 'copyText', id: issue.id, what: 'query', text: 42 }, context).ok, false);
  });

  it('never takes a URL from the page for openExternal', () => {
    const result = validatePageMessage({ type: 'openExternal', id: issue.id, url: 'javascript:alert(1)' }, context);
    assert.deepEqual(result, { ok: true, message: { type: 'openExternal', id: issue.id } });
  });
});

describe('pageContextFor', () => {
  it('collects the mapped locations of every exception of a chain', () => {
    const chain = pythonChainIssue();
    const paths = pageContextFor(chain).locations.map((location) => `${location.path}:${location.line}`);
    assert.deepEqual(paths.sort(), [`${WORKSPACE}/importer/transform.py:88`, `${WORKSPACE}/importer/transform.py:93`]);
  });

  it('collects locations of causes and of exceptions printed with the error (suppressed)', () => {
    const lines = pageContextFor(javaIssue()).locations.map((location) => location.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [54, 77, 120]);
  });

  it('has no origins for a Datadog issue', () => {
    assert.deepEqual(pageContextFor(datadogIssue()).origins, []);
  });
});

describe('parsePageState', () => {
  it('reads a saved state and drops an unknown window', () => {
    assert.deepEqual(parsePageState({ issueId: 'abc', window: '7d' }), { issueId: 'abc', window: '7d' });
    assert.deepEqual(parsePageState({ issueId: 'abc', window: 'forever' }), { issueId: 'abc', window: undefined });
  });

  it('refuses states without an issue id', () => {
    for (const raw of [undefined, null, {}, { issueId: '' }, { issueId: 5 }, 'abc']) assert.equal(parsePageState(raw), undefined);
  });
});
