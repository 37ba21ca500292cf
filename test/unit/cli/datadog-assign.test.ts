// errtrack assign / unassign against the stand-in Error Tracking model, and the one overall
// --timeout of a Datadog command, with its progress lines on stderr.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { FakeDatadog } from '../datadog/fake-datadog';
import { FakeErrorTracking, manyIssues } from '../datadog/fake-issues';
import { NOW, NOW_ISO, SEARCH, assertNoKeys, keysEnv, run } from './datadog-harness';

const server = new FakeDatadog();
before(() => server.start());
after(() => server.stop());
beforeEach(() => server.reset());

test('assign gives the issue to the key owner, unassign removes it, each with its Datadog link', async () => {
  const datadog = new FakeErrorTracking().install(server);
  const [issue] = manyIssues(1, NOW);
  datadog.add(issue);
  const assigned = await run(['assign', issue.id], keysEnv(server));
  assert.equal(assigned.status, 0, assigned.stderr);
  assert.equal(assigned.stdout, `${issue.id} assigned to Dana Ops (${datadog.currentUserId}) · https://app.datadoghq.com/error-tracking?issueId=${issue.id}\n`);
  assert.equal(datadog.issues.get(issue.id)?.assigneeId, datadog.currentUserId);
  const table = await run(['scan', '--source', 'datadog', '--now', NOW_ISO], keysEnv(server));
  assert.match(table.stdout, new RegExp(`Dana Ops\\s+${issue.id}$`, 'm'), 'the scan shows the assignee');

  const unassigned = await run(['unassign', issue.id], keysEnv(server));
  assert.equal(unassigned.status, 0, unassigned.stderr);
  assert.match(unassigned.stdout, /unassigned/);
  assert.equal(datadog.issues.get(issue.id)?.assigneeId, undefined);
  assertNoKeys(assigned.stdout + assigned.stderr + unassigned.stdout + unassigned.stderr);
});

test('assign: a 403 names error_tracking_write (exit 1); no id is a usage error (exit 2)', async () => {
  const datadog = new FakeErrorTracking().install(server);
  const [issue] = manyIssues(1, NOW);
  datadog.add(issue);
  server.on(`PUT /api/v2/error-tracking/issues/${issue.id}/assignee`, { status: 403, body: { errors: ['Forbidden'] } });
  const denied = await run(['assign', issue.id, '--user', 'someone'], keysEnv(server));
  assert.equal(denied.status, 1);
  assert.match(denied.stderr, /Could not assign the Datadog issue: Datadog refused it \(403\)\. The application key needs the error_tracking_write permission/);
  assert.equal((await run(['assign'], keysEnv(server))).status, 2);
});

test('a hung Datadog: progress on stderr while waiting, then one truthful message at the overall limit', async () => {
  server.on(SEARCH, { hang: true });
  const started = performance.now();
  const r = await run(['scan', '--source', 'datadog', '--now', NOW_ISO, '--timeout', '6s'], keysEnv(server));
  const took = performance.now() - started;
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^waiting for Datadog… 5 s \(gives up after 6 s; --timeout changes it\)$/m);
  assert.match(r.stderr, /^errtrack: Datadog \(http:\/\/127\.0\.0\.1:\d+\): Datadog did not answer within 6 s, the limit for this command$/m);
  assert.ok(took < 8000, `gave up at the limit (${Math.round(took)} ms)`);
  assert.equal(server.sent(SEARCH).length, 1, 'no retry that could not finish in time');
});
