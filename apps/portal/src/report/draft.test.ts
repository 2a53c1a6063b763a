import { describe, expect, it } from 'vitest';
import { discardDraft, loadDraft, saveDraft } from './draft.js';

describe('report drafts', () => {
  it('come back after a reload with the same idempotency key', () => {
    const draft = { ...loadDraft('guest'), title: 'Wi-Fi drops' };
    saveDraft('guest', draft);
    expect(loadDraft('guest')).toEqual(draft);
    expect(draft.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it('are kept apart per student, and a sent draft starts afresh with a new key', () => {
    const mine = { ...loadDraft('user:1'), title: 'Mine' };
    saveDraft('user:1', mine);
    expect(loadDraft('user:2').title).toBe('');
    discardDraft('user:1');
    const next = loadDraft('user:1');
    expect(next.title).toBe('');
    expect(next.idempotencyKey).not.toBe(mine.idempotencyKey);
  });

  it('survive damage by starting afresh', () => {
    localStorage.setItem('studentdesk.report-draft.guest', '{not json');
    expect(loadDraft('guest').title).toBe('');
  });
});
