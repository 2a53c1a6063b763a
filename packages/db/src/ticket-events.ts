// The vocabulary of TicketEvent.type: every change to a ticket writes one of these.
export const TicketEventType = {
  CREATED: 'CREATED',
  STATUS_CHANGED: 'STATUS_CHANGED',
  ASSIGNED: 'ASSIGNED',
  PRIORITY_CHANGED: 'PRIORITY_CHANGED',
  CATEGORY_CHANGED: 'CATEGORY_CHANGED',
  REPLIED: 'REPLIED',
  NOTE_ADDED: 'NOTE_ADDED',
  RESOLVED: 'RESOLVED',
  REOPENED: 'REOPENED',
  RATED: 'RATED',
  INCIDENT_LINKED: 'INCIDENT_LINKED',
  SLA_BREACHED: 'SLA_BREACHED',
} as const;

export type TicketEventType = (typeof TicketEventType)[keyof typeof TicketEventType];
