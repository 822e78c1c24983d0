import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editErrorMessage, parseList } from './edit-errors.js';

describe('editErrorMessage', () => {
  it('says who may edit when the token lacks the steward role', () => {
    assert.equal(
      editErrorMessage({ code: 'FORBIDDEN', message: 'forbidden: requires the steward role' }, 'postgres://db'),
      'Only a steward of postgres://db can change this; your token has no steward role there.',
    );
  });
  it('passes input problems on without the code prefix', () => {
    assert.equal(
      editErrorMessage({ code: 'BAD_USER_INPUT', message: 'bad input: level must be 1 to 5' }, 'n'),
      'Not saved: level must be 1 to 5.',
    );
  });
  it('names unknown failures as not saved', () => {
    assert.match(editErrorMessage({ code: 'INTERNAL_SERVER_ERROR', message: 'boom' }, 'n'), /^Not saved: boom/);
  });
});

describe('parseList', () => {
  it('splits on commas and new lines, trims and drops blanks and repeats', () => {
    assert.deepEqual(parseList(' pii, finance\n\nfinance ,, gold '), ['pii', 'finance', 'gold']);
    assert.deepEqual(parseList('   '), []);
  });
});
