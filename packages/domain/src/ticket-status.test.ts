import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isResolved,
  mayAddMessage,
  moveBetween,
  nextStatuses,
  RESOLVED_STATUSES,
  STATUS_CHANGE_MOVES,
  statusAfterMessage,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  UNRESOLVED_STATUSES,
} from './ticket-status.js';

describe('the ticket status machine', () => {
  it('lets staff open a new ticket, put it on hold for the student, or resolve it straight away', () => {
    expect(nextStatuses('NEW', 'staff')).toEqual(['OPEN', 'WAITING_ON_STUDENT', 'RESOLVED']);
    expect(nextStatuses('NEW', 'reporter')).toEqual([]);
  });

  it('lets the student end a wait and reopen a resolved or closed ticket, and nothing else', () => {
    expect(canTransition('WAITING_ON_STUDENT', 'OPEN', 'reporter')).toBe(true);
    expect(canTransition('RESOLVED', 'OPEN', 'reporter')).toBe(true);
    expect(canTransition('CLOSED', 'OPEN', 'reporter')).toBe(true);
    expect(canTransition('OPEN', 'RESOLVED', 'reporter')).toBe(false);
    expect(canTransition('RESOLVED', 'CLOSED', 'reporter')).toBe(false);
  });

  it('never skips resolution on the way to closed, and never stays put', () => {
    expect(canTransition('OPEN', 'CLOSED')).toBe(false);
    expect(canTransition('NEW', 'CLOSED')).toBe(false);
    for (const status of TICKET_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('names each move, so resolving and reopening go through the forms that record why', () => {
    expect(moveBetween('OPEN', 'RESOLVED')).toBe('resolve');
    expect(moveBetween('CLOSED', 'OPEN')).toBe('reopen');
    expect(moveBetween('RESOLVED', 'CLOSED')).toBe('close');
    expect(moveBetween('OPEN', 'NEW')).toBeNull();
    expect(nextStatuses('OPEN', 'staff', STATUS_CHANGE_MOVES)).toEqual(['WAITING_ON_STUDENT']);
    expect(nextStatuses('WAITING_ON_STUDENT', 'staff', STATUS_CHANGE_MOVES)).toEqual(['OPEN']);
    expect(nextStatuses('RESOLVED', 'staff', STATUS_CHANGE_MOVES)).toEqual(['CLOSED']);
  });

  it('splits every status into unresolved or resolved, and every move starts and ends on a known status', () => {
    expect([...UNRESOLVED_STATUSES, ...RESOLVED_STATUSES].sort()).toEqual([...TICKET_STATUSES].sort());
    expect(TICKET_STATUSES.filter(isResolved)).toEqual(RESOLVED_STATUSES);
    for (const { from, to } of TICKET_TRANSITIONS) expect([from, to].every((status) => TICKET_STATUSES.includes(status))).toBe(true);
  });

  it('opens a ticket when staff first answer it or when the student answers a question, never on a note', () => {
    expect(statusAfterMessage('NEW', 'staff', false)).toBe('OPEN');
    expect(statusAfterMessage('NEW', 'staff', true)).toBeNull();
    expect(statusAfterMessage('WAITING_ON_STUDENT', 'reporter', false)).toBe('OPEN');
    expect(statusAfterMessage('WAITING_ON_STUDENT', 'staff', false)).toBeNull();
    expect(statusAfterMessage('OPEN', 'reporter', false)).toBeNull();
  });

  it('takes no message on a closed ticket, and none from the student on a resolved one', () => {
    expect(mayAddMessage('CLOSED', 'staff')).toBe(false);
    expect(mayAddMessage('RESOLVED', 'staff')).toBe(true);
    expect(mayAddMessage('RESOLVED', 'reporter')).toBe(false);
    expect(mayAddMessage('WAITING_ON_STUDENT', 'reporter')).toBe(true);
  });
});
