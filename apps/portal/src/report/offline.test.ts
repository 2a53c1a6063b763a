import { describe, expect, it } from 'vitest';
import { keepsWaiting, loadCategories, saveCategories, whenSendPressed } from './offline.js';

describe('a report sent offline', () => {
  it('waits for the connection instead of failing when Send is pressed offline', () => {
    expect(whenSendPressed(false)).toBe('wait');
    expect(whenSendPressed(true)).toBe('send');
  });

  it('keeps waiting only when nothing reached the desk; an answer is the student’s to act on', () => {
    expect(keepsWaiting('unreachable')).toBe(true);
    for (const answered of ['refused', 'rate-limited', 'still-busy', 'cancelled'] as const)
      expect(keepsWaiting(answered), answered).toBe(false);
  });
});

describe('the categories kept for offline use', () => {
  const category = {
    id: 'c1',
    name: 'Wi-Fi & network',
    description: null,
    department: { id: 'd1', name: 'IT' },
  };

  it('come back as the desk sent them', () => {
    saveCategories([category]);
    expect(loadCategories()).toEqual([category]);
  });

  it('are none when never read or damaged', () => {
    localStorage.removeItem('studentdesk.report-categories');
    expect(loadCategories()).toEqual([]);
    localStorage.setItem('studentdesk.report-categories', '{not json');
    expect(loadCategories()).toEqual([]);
    localStorage.setItem('studentdesk.report-categories', '{"id":"c1"}');
    expect(loadCategories()).toEqual([]);
  });
});
