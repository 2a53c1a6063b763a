import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition } from './ticket.status.js';

describe('ticket status machine', () => {
  it('lets a new ticket be opened, put on hold for the student, or resolved straight away', () => {
    expect(canTransition('NEW', 'OPEN')).toBe(true);
    expect(canTransition('NEW', 'WAITING_ON_STUDENT')).toBe(true);
    expect(canTransition('NEW', 'RESOLVED')).toBe(true);
  });

  it('reopens resolved and closed tickets', () => {
    expect(canTransition('RESOLVED', 'OPEN')).toBe(true);
    expect(canTransition('CLOSED', 'OPEN')).toBe(true);
  });

  it('never skips resolution on the way to closed', () => {
    expect(canTransition('OPEN', 'CLOSED')).toBe(false);
    expect(canTransition('NEW', 'CLOSED')).toBe(false);
  });

  it('rejects resolving twice with a BAD_USER_INPUT error in plain words', () => {
    expect(() => assertTransition('RESOLVED', 'RESOLVED')).toThrowError(/A resolved ticket cannot become resolved/);
    try {
      assertTransition('CLOSED', 'WAITING_ON_STUDENT');
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
    expect.assertions(2);
  });
});
