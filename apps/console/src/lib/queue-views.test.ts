import { TicketStatus } from '@studentdesk/domain';
import { describe, expect, it } from 'vitest';
import { isQueueView, viewFilter } from './queue-views.js';

const viewer = { id: 'VXNlcjox', department: { id: 'RGVwYXJ0bWVudDox', name: 'IT' } };
const open = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.WAITING_ON_STUDENT];

describe('queue views', () => {
  it('turns each view into the API’s ticket filter, unresolved tickets only', () => {
    const now = Date.parse('2026-03-02T12:00:30Z');
    expect(viewFilter('mine', viewer, now)).toEqual({ status: open, assigneeId: viewer.id });
    expect(viewFilter('unassigned', viewer, now)).toEqual({ status: open, unassigned: true });
    expect(viewFilter('department', viewer, now)).toEqual({ status: open, departmentId: viewer.department.id });
    expect(viewFilter('breaching', viewer, now)).toEqual({
      status: open,
      breached: false,
      resolutionDueBefore: '2026-03-02T14:00:00.000Z',
    });
    expect(viewFilter('breached', viewer, now)).toEqual({ status: open, breached: true });
    expect(viewFilter('open', viewer, now)).toEqual({ status: open });
  });

  it('knows its views by name', () => {
    expect(isQueueView('breached')).toBe(true);
    expect(isQueueView('everything')).toBe(false);
  });
});
