import { describe, expect, it } from 'vitest';
import { dateTimeInWords, fromSchool, resolvedEmail, trackingUrl } from './email.templates.js';

describe('email templates', () => {
  it('says a due time in words, in the department’s time zone', () => {
    expect(dateTimeInWords(new Date('2026-11-24T09:00:00Z'), 'Europe/Berlin')).toBe('Tuesday 24 November, 10:00');
  });

  it('links each score to the tracking page with that score chosen', () => {
    const email = resolvedEmail(
      'https://desk.test',
      { number: 7, title: 'Wi-Fi', contactName: 'Amara Okafor', firstResponseDueAt: null },
      'sdt_abc',
      'Router replaced.',
    );
    expect(email.subject).toBe('Resolved — how did we do? SD-7: Wi-Fi');
    expect(email.text).toMatch(/^Hello Amara,/);
    for (const score of [1, 2, 3, 4, 5]) expect(email.text).toContain(trackingUrl('https://desk.test', 'sdt_abc', score));
    expect(trackingUrl('https://desk.test', 'sdt_abc', 3)).toBe('https://desk.test/track/sdt_abc?rate=3');
  });

  it('carries the school’s name in the subject and the signature, once it has one', () => {
    const email = resolvedEmail(
      'https://desk.test',
      { number: 7, title: 'Wi-Fi', contactName: 'Amara', firstResponseDueAt: null },
      'sdt_abc',
      'Fixed.',
    );
    expect(fromSchool(email, undefined)).toEqual(email);
    const signed = fromSchool(email, 'Lakeside Academy');
    expect(signed.subject).toBe('[Lakeside Academy] Resolved — how did we do? SD-7: Wi-Fi');
    expect(signed.text).toMatch(/\n\n— The Lakeside Academy help desk$/);
    expect(signed.text).not.toContain('StudentDesk team');
  });
});
