import { describe, expect, it } from 'vitest';
import { insertMention, mentionBeingTyped, mentionToken, splitMentions } from './mentions';

describe('mentions', () => {
  it('splits a body into text and mentions', () => {
    const body = `Hi ${mentionToken('Priya Patel', 'VXNlcjox')}, can you look? cc ${mentionToken('Sam', 'VXNlcjoy')}`;
    expect(splitMentions(body)).toEqual([
      { text: 'Hi ' },
      { mention: 'Priya Patel', userId: 'VXNlcjox' },
      { text: ', can you look? cc ' },
      { mention: 'Sam', userId: 'VXNlcjoy' },
    ]);
    expect(splitMentions('No mentions, just an @ sign.')).toEqual([{ text: 'No mentions, just an @ sign.' }]);
  });

  it('finds the mention being typed before the caret, not an email address', () => {
    expect(mentionBeingTyped('Ask @pri', 8)).toEqual({ start: 4, query: 'pri' });
    expect(mentionBeingTyped('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionBeingTyped('mail sam@school.edu', 19)).toBeNull();
    expect(mentionBeingTyped('Ask @pri now', 12)).toBeNull();
  });

  it('replaces what was typed with the token and puts the caret after it', () => {
    expect(insertMention('Ask @pri about it', 4, 8, 'Priya Patel', 'VXNlcjox')).toEqual({
      text: 'Ask @[Priya Patel](mention:VXNlcjox)  about it',
      caret: 37,
    });
  });
});
