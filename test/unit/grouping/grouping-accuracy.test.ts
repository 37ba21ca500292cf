import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupingAccuracy } from '../../../bench/grouping-accuracy';
import { labelledMessages } from '../../../bench/loghub-csv';
import { benchGrouping } from '../../../bench/grouping.bench';

test('GA counts a message correct only when its predicted group is exactly its true group', () => {
  // Truth: A A A B B C. Predicted: A's together (correct), B split (both wrong), C alone (correct).
  const s = groupingAccuracy(['x', 'x', 'x', 'y', 'z', 'w'], ['A', 'A', 'A', 'B', 'B', 'C']);
  assert.equal(s.correct, 4);
  assert.equal(s.ga, 4 / 6);
  // Merging B and C into one group makes all three wrong.
  assert.equal(groupingAccuracy(['x', 'x', 'x', 'y', 'y', 'y'], ['A', 'A', 'A', 'B', 'B', 'C']).correct, 3);
  assert.equal(groupingAccuracy([], []).ga, 1);
  assert.throws(() => groupingAccuracy(['x'], []), /1 predictions for 0 labels/);
});

test('Loghub structured CSV rows are read with quoted commas, doubled quotes and the header order', () => {
  const csv = 'LineId,Content,EventId,EventTemplate\r\n1,"a, b ""c""",E1,"a, b <*>"\r\n2,plain,E2,plain\r\n';
  assert.deepEqual(labelledMessages(csv, 'x.csv'), [
    { content: 'a, b "c"', eventId: 'E1' },
    { content: 'plain', eventId: 'E2' },
  ]);
  assert.throws(() => labelledMessages('LineId,Text\n1,a\n', 'y.csv'), /y\.csv: no Content or EventId column/);
  assert.throws(() => labelledMessages('Content,EventId\na,E1,extra\n', 'z.csv'), /z\.csv: row 2 has 3 fields/);
});

test('the grouping bench says why it skips when there is no Loghub folder', () => {
  assert.match((benchGrouping(undefined) as { skipped: string }).skipped, /ERRTRACK_LOGHUB_DIR or pass --loghub/);
  assert.match((benchGrouping('/nonexistent/loghub') as { skipped: string }).skipped, /does not exist/);
});
