import { describe, expect, it } from 'vitest';
import { contrastWithWhite, firstAdminProblems, isTimeZone, LOGO_DATA_URL_MAX_BYTES, schoolSettingsProblems } from './school.js';

const fields = (problems: Array<{ field: string }>) => problems.map((problem) => problem.field);
const valid = { schoolName: 'Northfield College', timeZone: 'Europe/Amsterdam' };

describe('school settings', () => {
  it('accepts a name and an IANA time zone, with optional logo and colours', () => {
    expect(schoolSettingsProblems(valid)).toEqual([]);
    expect(
      schoolSettingsProblems({ ...valid, logo: 'data:image/webp;base64,UklGRg==', primaryColor: '#1d4ed8', accentColor: '#0f766e' }),
    ).toEqual([]);
    expect(schoolSettingsProblems({ ...valid, logo: 'data:image/png;base64,iVBORw0KGgo=' })).toEqual([]);
  });

  it('names every bad field', () => {
    expect(
      fields(
        schoolSettingsProblems({
          schoolName: ' ',
          timeZone: 'Mars/Olympus',
          logo: 'http://x.edu/a.png',
          primaryColor: 'blue',
          accentColor: '#ffff00',
        }),
      ),
    ).toEqual(['schoolName', 'timeZone', 'logo', 'primaryColor', 'accentColor']);
  });

  it('knows time zones from the runtime, not offsets or made-up names', () => {
    expect(['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'].every(isTimeZone)).toBe(true);
    expect(['', '+01:00', 'Europe/Nowhere', ' Europe/Paris'].some(isTimeZone)).toBe(false);
  });

  it('refuses colours too light for white text, with the ratio in the message', () => {
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21);
    const [problem] = schoolSettingsProblems({ ...valid, primaryColor: '#60a5fa' });
    expect(problem?.message).toMatch(/contrast 2\.\d:1/);
  });

  it('caps an uploaded logo and takes only raster images', () => {
    const big = `data:image/png;base64,${'A'.repeat(((LOGO_DATA_URL_MAX_BYTES + 3) * 4) / 3)}`;
    expect(fields(schoolSettingsProblems({ ...valid, logo: big }))).toEqual(['logo']);
    expect(fields(schoolSettingsProblems({ ...valid, logo: 'data:image/svg+xml;base64,PHN2Zz4=' }))).toEqual(['logo']);
    // An address elsewhere would load from another host, which the pages' CSP refuses.
    expect(fields(schoolSettingsProblems({ ...valid, logo: 'https://northfield.edu/logo.png' }))).toEqual(['logo']);
  });
});

describe('the first admin', () => {
  it('needs a name, an email address and a password of 12 characters or more', () => {
    expect(firstAdminProblems({ adminName: 'Ada', adminEmail: 'ada@northfield.edu', adminPassword: 'correct horse battery' })).toEqual([]);
    expect(fields(firstAdminProblems({ adminName: '', adminEmail: 'ada@', adminPassword: 'short' }))).toEqual([
      'adminName',
      'adminEmail',
      'adminPassword',
    ]);
    expect(fields(firstAdminProblems({ adminName: 'Ada', adminEmail: 'ada@x.edu', adminPassword: 'aaaaaaaaaaaaaaaa' }))).toEqual([
      'adminPassword',
    ]);
  });
});
