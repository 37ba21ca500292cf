import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plain, segments, stripAnsi } from '../../../media/issue-page/text';

describe('issue page text sanitizing', () => {
  it('removes ANSI colour codes and OSC hyperlinks', () => {
    assert.equal(stripAnsi('\u001b[31mred\u001b[0m \u001b]8;;javascript:alert(1)\u0007click\u001b]8;;\u0007 ok'), 'red click ok');
    assert.equal(stripAnsi('\u009b1;32mgreen'), 'green');
  });

  it('shows bidi overrides and isolates as visible markers', () => {
    const parts = segments('a\u202eb\u2066c\u2069');
    assert.deepEqual(
      parts.map((part) => ('text' in part ? part.text : part.marker)),
      ['a', '⟨RLO⟩', 'b', '⟨LRI⟩', 'c', '⟨PDI⟩'],
    );
  });

  it('shows other control characters as control pictures and keeps tabs and newlines', () => {
    assert.equal(plain('a\u0000b\u0007c\td\r\ne\u007f'), 'a␀b␇c\td\ne␡');
  });

  it('leaves ordinary text, emoji and right-to-left scripts alone', () => {
    assert.deepEqual(segments('héllo 👋 שלום'), [{ text: 'héllo 👋 שלום' }]);
  });

  it('cuts long text for attributes', () => {
    assert.equal(plain('x'.repeat(1000), 10), `${'x'.repeat(10)}…`);
  });
});
