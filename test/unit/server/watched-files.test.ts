// The editor's `**/*` watcher reports every file, logs included. A followed log that grows is
// ingest, not a workspace change: it must not re-map every issue and refetch. A source file
// that changes still does (its lines may have moved).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { logFileMatcher } from '../../../src/server/log-file-filter';
import { demoWorkspace } from '../../support/demo-workspace';
import { NO_SERVER, startLsp } from './lsp-harness';

describe('which watched files are logs', () => {
  const ws = '/work/ws';
  it('reads the patterns as the local source does: globs, folders of logs, files, absolute paths', () => {
    const isLog = logFileMatcher(['**/*.jsonl', 'var/log', 'single.txt', '/srv/app.log'], [ws]);
    assert.equal(isLog(`${ws}/logs/2026-11-28.jsonl`), true);
    assert.equal(isLog(`${ws}/var/log/app/errors.log`), true);
    assert.equal(isLog(`${ws}/var/log/notes.md`), false, 'a folder means the log-looking files in it');
    assert.equal(isLog(`${ws}/single.txt`), true);
    assert.equal(isLog('/srv/app.log'), true);
    assert.equal(isLog(`${ws}/src/api/client.ts`), false);
  });
});

describe('watched-file events', { skip: NO_SERVER }, () => {
  it('a growing log file triggers no re-map, a changed source file does', { timeout: 90_000 }, async () => {
    const demo = await demoWorkspace();
    let changes = 0;
    const lsp = await startLsp({
      folder: demo.folder,
      settings: { local: { logFiles: ['logs/**/*.jsonl'] }, timeWindow: '24h' },
      env: { ERRTRACK_NOW: new Date(demo.now).toISOString(), XDG_CACHE_HOME: path.join(demo.folder, '..', 'cache') },
      beforeListen: (rpc) => rpc.onNotification('errorTracking/issuesChanged', () => void changes++),
    });
    try {
      await lsp.status('ready');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const settled = changes;
      const logUri = pathToFileURL(path.join(demo.folder, 'logs', 'nightly-import', 'x.jsonl')).href;
      await lsp.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: logUri, type: 2 }] });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(changes, settled, 'no change notification for a log file');
      const sourceUri = pathToFileURL(path.join(demo.folder, 'src', 'api', 'client.ts')).href;
      await lsp.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: sourceUri, type: 2 }] });
      const deadline = Date.now() + 5000;
      while (changes === settled && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(changes > settled, 'a source file change re-maps the issues');
    } finally {
      await lsp.close();
      demo.dispose();
    }
  });
});
