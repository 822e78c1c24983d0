import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlight } from './highlight.js';

describe('highlight', () => {
  it('marks every occurrence of every word, case-insensitively', () => {
    assert.deepEqual(highlight('shop.public.Orders_orders', 'ORD pub'), [
      { text: 'shop.', match: false },
      { text: 'pub', match: true },
      { text: 'lic.', match: false },
      { text: 'Ord', match: true },
      { text: 'ers_', match: false },
      { text: 'ord', match: true },
      { text: 'ers', match: false },
    ]);
  });
  it('returns the text unmarked for an empty query, nothing for empty text', () => {
    assert.deepEqual(highlight('abc', '  '), [{ text: 'abc', match: false }]);
    assert.deepEqual(highlight('', 'a'), []);
  });
});
