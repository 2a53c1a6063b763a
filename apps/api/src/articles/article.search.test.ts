import { describe, expect, it } from 'vitest';
import { articleQuery } from './article.search.js';

describe('articleQuery', () => {
  it('matches any word typed, the unfinished last word as a prefix', () => {
    expect(articleQuery('cannot reset my passw')).toBe('cannot | reset | my | passw:*');
  });

  it('treats a finished last word as a whole word', () => {
    expect(articleQuery('wifi down ')).toBe('wifi | down');
  });

  it('keeps only letters and digits, so typed tsquery syntax cannot break the query', () => {
    expect(articleQuery("it's & broken | !(x) <-> 'y':*")).toBe('it | broken');
  });

  it('has nothing to search for in punctuation and single letters', () => {
    expect(articleQuery('?! a b')).toBeNull();
  });
});
