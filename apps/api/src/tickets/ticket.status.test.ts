import { TicketStatus as StoredTicketStatus } from '@studentdesk/db';
import { TICKET_STATUSES } from '@studentdesk/domain';
import { describe, expect, it } from 'vitest';
import { assertTransition } from './ticket.status.js';

describe('ticket status machine in the API', () => {
  it('stores exactly the statuses of the shared machine', () => {
    expect(Object.values(StoredTicketStatus).sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it('rejects resolving twice with a BAD_USER_INPUT error in plain words', () => {
    expect(() => assertTransition('RESOLVED', 'RESOLVED')).toThrowError(/A resolved ticket cannot become resolved/);
    expect(() => assertTransition('CLOSED', 'WAITING_ON_STUDENT')).toThrowError(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('refuses a move the machine allows only to staff when the reporter makes it', () => {
    expect(() => assertTransition('OPEN', 'RESOLVED', 'staff')).not.toThrow();
    expect(() => assertTransition('OPEN', 'RESOLVED', 'reporter')).toThrowError(/An? open ticket cannot become resolved/);
  });
});
