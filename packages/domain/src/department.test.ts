import { describe, expect, it } from 'vitest';
import { categoryProblems, departmentProblems, formatClockTime, parseClockTime, slugify } from './department.js';

const fields = (problems: Array<{ field: string }>) => problems.map((problem) => problem.field);
const hours = { days: [1, 2, 3, 4, 5], opensAt: '08:30', closesAt: '17:00' };

describe('department settings', () => {
  it('accepts a name, a slug, an IANA zone and working hours; fields left out are not checked', () => {
    expect(departmentProblems({ name: 'Library', slug: 'library', timeZone: 'Europe/Amsterdam', businessHours: hours })).toEqual([]);
    expect(departmentProblems({ businessHours: { days: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00' } })).toEqual([]);
    expect(departmentProblems({})).toEqual([]);
  });

  it('names every bad field', () => {
    expect(
      fields(
        departmentProblems({
          name: ' ',
          slug: 'Library!',
          timeZone: 'Mars/Olympus',
          businessHours: { days: [0, 8], opensAt: '9am', closesAt: '25:00' },
        }),
      ),
    ).toEqual(['name', 'slug', 'timeZone', 'businessHours.days', 'businessHours.opensAt', 'businessHours.closesAt']);
    expect(fields(departmentProblems({ name: 'x'.repeat(81) }))).toEqual(['name']);
    expect(fields(departmentProblems({ name: '📚'.repeat(80) }))).toEqual([]);
    expect(fields(departmentProblems({ businessHours: { ...hours, days: [] } }))).toEqual(['businessHours.days']);
    expect(fields(departmentProblems({ businessHours: { ...hours, days: [1, 1] } }))).toEqual(['businessHours.days']);
    expect(departmentProblems({ businessHours: { ...hours, opensAt: '17:00', closesAt: '09:00' } })).toEqual([
      { field: 'businessHours.closesAt', message: 'The closing time must be after the opening time.' },
    ]);
    expect(fields(departmentProblems({ businessHours: { ...hours, opensAt: '12:00', closesAt: '12:00' } }))).toEqual([
      'businessHours.closesAt',
    ]);
  });

  it('reads and writes clock times, and derives slugs from names', () => {
    expect([parseClockTime('00:00'), parseClockTime('09:05'), parseClockTime('24:00'), parseClockTime('24:01')]).toEqual([
      0,
      545,
      1440,
      undefined,
    ]);
    expect(formatClockTime(545)).toBe('09:05');
    expect(formatClockTime(1440)).toBe('24:00');
    expect(slugify('Library & Archives')).toBe('library-archives');
    expect(slugify('Études supérieures')).toBe('etudes-superieures');
    expect(slugify('图书馆')).toBe('department');
  });
});

describe('category settings', () => {
  it('checks the name and the description’s length', () => {
    expect(categoryProblems({ name: 'Printing', description: 'Printers and copiers.' })).toEqual([]);
    expect(fields(categoryProblems({ name: '', description: 'x'.repeat(301) }))).toEqual(['name', 'description']);
  });
});
