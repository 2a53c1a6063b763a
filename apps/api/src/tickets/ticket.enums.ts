import { Priority, TicketChannel } from '@studentdesk/db';
import { TICKET_STATUS_MEANINGS, TICKET_STATUSES, TicketStatus } from '@studentdesk/domain';
import { registerEnumType } from 'type-graphql';

// The states and their meanings come from the shared status machine.
registerEnumType(TicketStatus, {
  name: 'TicketStatus',
  description: 'Where a ticket is in its life: NEW → OPEN → WAITING_ON_STUDENT → RESOLVED → CLOSED, and reopen.',
  valuesConfig: Object.fromEntries(TICKET_STATUSES.map((status) => [status, { description: TICKET_STATUS_MEANINGS[status] }])),
});

registerEnumType(Priority, {
  name: 'Priority',
  description: 'How urgent a ticket is; decides its SLA targets.',
  valuesConfig: {
    LOW: { description: 'Can wait; no one is blocked.' },
    NORMAL: { description: 'The usual case.' },
    HIGH: { description: 'Blocks a student from studying or paying.' },
    URGENT: { description: 'Blocks many students, or one at a deadline; the clock runs around the clock.' },
  },
});

registerEnumType(TicketChannel, {
  name: 'TicketChannel',
  description: 'How a ticket reached the desk.',
  valuesConfig: {
    PORTAL: { description: 'A signed-in student, in the portal.' },
    GUEST: { description: 'The portal, without signing in (e.g. a student who cannot log in).' },
    CONSOLE: { description: 'Staff, on behalf of a student.' },
    API: { description: "One of the school's other systems, through the API." },
    EMAIL: { description: 'An email to the desk.' },
  },
});

export { Priority, TicketChannel, TicketStatus };
