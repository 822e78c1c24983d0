import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeLucene, toLuceneQuery } from './lucene-query.js';

test('each word matches exactly, as a prefix or fuzzily, and all words are required', () => {
  assert.equal(toLuceneQuery('ordr'), '(ordr^4 OR ordr*^2 OR ordr~ OR *ordr*)');
  assert.equal(
    toLuceneQuery('Daily Orders'),
    '(daily^4 OR daily*^2 OR daily~ OR *daily*) AND (orders^4 OR orders*^2 OR orders~ OR *orders*)',
  );
});

test('separators in identifiers split words the way the index analyzer does', () => {
  assert.equal(
    toLuceneQuery('public.orders'),
    '(public^4 OR public*^2 OR public~ OR *public*) AND (orders^4 OR orders*^2 OR orders~ OR *orders*)',
  );
});

test('short words get no fuzzy part and query syntax in user text is escaped', () => {
  assert.equal(toLuceneQuery('id'), '(id^4 OR id*^2 OR *id*)');
  assert.equal(escapeLucene('a+b(c)*"d"~e?f:g\\h'), 'a\\+b\\(c\\)\\*\\"d\\"\\~e\\?f\\:g\\\\h');
  assert.equal(toLuceneQuery('x* OR y'), '(x\\*^4 OR x\\**^2 OR *x\\**) AND (y^4 OR y*^2 OR *y*)');
});

test('nothing searchable gives null', () => {
  assert.equal(toLuceneQuery('  ... '), null);
  assert.equal(toLuceneQuery('AND'), null);
});
