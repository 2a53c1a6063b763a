import { Priority, TicketChannel } from '@studentdesk/db';
import { TICKET_STATUS_MEANINGS, TicketStatus } from '@studentdesk/domain';
import { describeEnum } from '../schema-enum.js';

// The states and their meanings come from the shared status machine.
describeEnum(
  TicketStatus,
  'TicketStatus',
  'Where a ticket is in its life: NEW → OPEN → WAITING_ON_STUDENT → RESOLVED → CLOSED, and reopen.',
  TICKET_STATUS_MEANINGS,
);

describeEnum(Priority, 'Priority', 'How urgent a ticket is; decides its SLA targets.', {
  LOW: 'Can wait; no one is blocked.',
  NORMAL: 'The usual case.',
  HIGH: 'Blocks a student from studying or paying.',
  URGENT: 'Blocks many students, or one at a deadline; the clock runs around the clock.',
});

describeEnum(TicketChannel, 'TicketChannel', 'How a ticket reached the desk.', {
  PORTAL: 'A signed-in student, in the portal.',
  GUEST: 'The portal, without signing in (e.g. a student who cannot log in).',
  CONSOLE: 'Staff, on behalf of a student.',
  API: "One of the school's other systems, through the API.",
  EMAIL: 'An email to the desk.',
});

export { Priority, TicketChannel, TicketStatus };
