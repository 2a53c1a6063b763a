import { describe, expect, it } from 'vitest';
import { businessHoursText } from './business-hours';

describe('businessHoursText', () => {
  it('joins runs of three days or more, and says the whole week and day in words', () => {
    expect(businessHoursText({ days: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00' })).toBe('Mon–Fri, 09:00–17:00');
    expect(businessHoursText({ days: [1, 2, 3, 4, 6], opensAt: '08:30', closesAt: '20:00' })).toBe('Mon–Thu, Sat, 08:30–20:00');
    expect(businessHoursText({ days: [1, 2, 6, 7], opensAt: '10:00', closesAt: '14:00' })).toBe('Mon, Tue, Sat, Sun, 10:00–14:00');
    expect(businessHoursText({ days: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00' })).toBe('Every day, around the clock');
  });
});
