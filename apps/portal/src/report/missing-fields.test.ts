import { describe, expect, it } from 'vitest';
import { newDraft } from './draft.js';
import { missingFields } from './missing-fields.js';

describe('missingFields', () => {
  it('names every empty required field at once, the contact fields only for a guest', () => {
    const empty = newDraft();
    expect(missingFields(empty, false)).toEqual({
      categoryId: 'report.categoryMissing',
      title: 'report.titleMissing',
      description: 'report.descriptionMissing',
    });
    expect(Object.keys(missingFields(empty, true))).toEqual(['categoryId', 'title', 'description', 'contactName', 'contactEmail']);
  });

  it('counts blanks as empty and a filled draft as complete', () => {
    const filled = {
      ...newDraft(),
      categoryId: 'c1',
      title: 'Locked out',
      description: '   ',
      contactName: 'Lena',
      contactEmail: 'l@x.test',
    };
    expect(missingFields(filled, true)).toEqual({ description: 'report.descriptionMissing' });
    expect(missingFields({ ...filled, description: 'Too many attempts.' }, true)).toEqual({});
  });
});
