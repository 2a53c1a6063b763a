export {
  canTransition,
  isResolved,
  mayAddMessage,
  moveBetween,
  nextStatuses,
  RESOLVED_STATUSES,
  STATUS_CHANGE_MOVES,
  statusAfterMessage,
  TICKET_STATUS_LABELS,
  TICKET_STATUS_MEANINGS,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  TicketStatus,
  UNRESOLVED_STATUSES,
  type TicketActor,
  type TicketMove,
} from './ticket-status.js';
export { formatTicketNumber, parseTicketNumber } from './ticket-number.js';
export { SSO_PROBLEM_MESSAGES, SSO_PROBLEMS, ssoProblemMessage, type SsoProblem } from './sign-in-problems.js';
