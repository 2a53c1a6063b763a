import { describe, expect, it } from 'vitest';
import { tickedValues } from './forms.js';

describe('ticked checkboxes', () => {
  it('reads every ticked value of the group, and only that group', () => {
    const form = new FormData();
    form.append('scopes', 'TICKETS_READ');
    form.append('scopes', 'RATINGS_READ');
    form.append('events', 'TICKET_CREATED');
    expect(tickedValues(form, 'scopes', 'Choose one.')).toEqual(['TICKETS_READ', 'RATINGS_READ']);
  });

  it('refuses an empty group with the message the form shows', () => {
    expect(() => tickedValues(new FormData(), 'scopes', 'Choose at least one scope.')).toThrow('Choose at least one scope.');
  });
});
