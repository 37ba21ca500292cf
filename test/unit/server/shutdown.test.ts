// Closing the editor right after a decision: the client sends shutdown, then exit, and the
// process ends. The Resolve made just before must be in the state file when it has ended.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { demoWorkspace } from '../../support/demo-workspace';
import { NO_SERVER, startLsp } from './lsp-harness';

describe('language server shutdown', { skip: NO_SERVER }, () => {
  it('writes a Resolve made just before shutdown to the state file before the process exits', { timeout: 90_000 }, async () => {
    const demo = await demoWorkspace();
    const statePath = path.join(demo.folder, '..', 'storage', 'issue-state.json');
    try {
      const lsp = await startLsp({
        folder: demo.folder,
        settings: { local: { logFiles: ['logs/**/*.jsonl'] }, timeWindow: '24h' },
        env: { ERRTRACK_NOW: new Date(demo.now).toISOString(), XDG_CACHE_HOME: path.join(demo.folder, '..', 'cache') },
        initializationOptions: { statePath },
      });
      await lsp.status('ready');
      const issues = await lsp.rpc.sendRequest<{ id: string; state: string }[]>('errorTracking/listIssues', { window: '24h' });
      const open = issues.find((issue) => issue.state === 'OPEN');
      assert.ok(open, 'the demo logs have an open issue');
      await lsp.rpc.sendRequest('errorTracking/setState', { id: open.id, state: 'RESOLVED' });
      // No pause: the editor closing sends shutdown and exit at once.
      await lsp.close();
      const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { issues: { id: string; state: string }[] };
      assert.equal(saved.issues.find((issue) => issue.id === open.id)?.state, 'RESOLVED');
    } finally {
      demo.dispose();
    }
  });
});
