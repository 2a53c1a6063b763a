// The ticket status machine, the one definition the API enforces and both web apps read: the
// states, the moves between them, who may make each, and what each state is called.

/** Every status, in the order a ticket lives through them. */
export const TICKET_STATUSES = ['NEW', 'OPEN', 'WAITING_ON_STUDENT', 'RESOLVED', 'CLOSED'] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The statuses by name, for code that means one of them (`TicketStatus.OPEN`). */
export const TicketStatus: { readonly [Status in TicketStatus]: Status } = {
  NEW: 'NEW',
  OPEN: 'OPEN',
  WAITING_ON_STUDENT: 'WAITING_ON_STUDENT',
  RESOLVED: 'RESOLVED',
  CLOSED: 'CLOSED',
};

/** What each status means, as the API's schema describes it. */
export const TICKET_STATUS_MEANINGS: Readonly<Record<TicketStatus, string>> = {
  NEW: 'Reported; nobody has picked it up yet.',
  OPEN: 'Someone is working on it.',
  WAITING_ON_STUDENT: 'Staff asked the student something and wait for the answer.',
  RESOLVED: 'Staff consider it solved; the student can rate it or reopen it.',
  CLOSED: 'Finished for good; only a reopen brings it back.',
};

/** Still to be solved: the queue's tickets, the ones SLA clocks run for. */
export const UNRESOLVED_STATUSES: readonly TicketStatus[] = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.WAITING_ON_STUDENT];

/** Finished for the student: they may rate it, and a reply needs a reopen first. */
export const RESOLVED_STATUSES: readonly TicketStatus[] = [TicketStatus.RESOLVED, TicketStatus.CLOSED];

export function isResolved(status: TicketStatus): boolean {
  return RESOLVED_STATUSES.includes(status);
}

/**
 * Who changes a ticket's status: `staff` working it (its department's staff, its assignee, an
 * admin) or its `reporter` (the student who reported it, or whoever holds its tracking code).
 * API keys read tickets and report problems; they move no ticket.
 */
export type TicketActor = 'staff' | 'reporter';

/**
 * How a move is made through the API. `resolve` and `reopen` have mutations of their own because
 * they record something (the resolution, the reason); the others are a plain status change.
 */
export type TicketMove = 'pickUp' | 'waitOnStudent' | 'answer' | 'resolve' | 'close' | 'reopen';

interface Transition {
  from: TicketStatus;
  to: TicketStatus;
  move: TicketMove;
  by: readonly TicketActor[];
}

const staff: readonly TicketActor[] = ['staff'];
const either: readonly TicketActor[] = ['staff', 'reporter'];

/** Every allowed move. Anything not listed (skipping resolution on the way to closed, say) is refused. */
export const TICKET_TRANSITIONS: readonly Transition[] = [
  { from: TicketStatus.NEW, to: TicketStatus.OPEN, move: 'pickUp', by: staff },
  { from: TicketStatus.NEW, to: TicketStatus.WAITING_ON_STUDENT, move: 'waitOnStudent', by: staff },
  { from: TicketStatus.NEW, to: TicketStatus.RESOLVED, move: 'resolve', by: staff },
  { from: TicketStatus.OPEN, to: TicketStatus.WAITING_ON_STUDENT, move: 'waitOnStudent', by: staff },
  { from: TicketStatus.OPEN, to: TicketStatus.RESOLVED, move: 'resolve', by: staff },
  // The student's answer ends the wait; staff may end it too.
  { from: TicketStatus.WAITING_ON_STUDENT, to: TicketStatus.OPEN, move: 'answer', by: either },
  { from: TicketStatus.WAITING_ON_STUDENT, to: TicketStatus.RESOLVED, move: 'resolve', by: staff },
  { from: TicketStatus.RESOLVED, to: TicketStatus.CLOSED, move: 'close', by: staff },
  { from: TicketStatus.RESOLVED, to: TicketStatus.OPEN, move: 'reopen', by: either },
  { from: TicketStatus.CLOSED, to: TicketStatus.OPEN, move: 'reopen', by: either },
];

function transition(from: TicketStatus, to: TicketStatus): Transition | undefined {
  return TICKET_TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === to);
}

/** Whether the machine allows `from` → `to`, for `by` when given, else for anyone. */
export function canTransition(from: TicketStatus, to: TicketStatus, by?: TicketActor): boolean {
  const allowed = transition(from, to);
  return allowed !== undefined && (by === undefined || allowed.by.includes(by));
}

/** The move `from` → `to` is (null when the machine does not allow it). */
export function moveBetween(from: TicketStatus, to: TicketStatus): TicketMove | null {
  return transition(from, to)?.move ?? null;
}

/** Where `by` may take a ticket from `from`, in the machine's order; `moves` keeps only those moves. */
export function nextStatuses(from: TicketStatus, by: TicketActor, moves?: readonly TicketMove[]): TicketStatus[] {
  return TICKET_TRANSITIONS.filter(
    (candidate) => candidate.from === from && candidate.by.includes(by) && (moves === undefined || moves.includes(candidate.move)),
  ).map((candidate) => candidate.to);
}

/** The moves a plain status change makes (a status menu); resolving and reopening have their own forms. */
export const STATUS_CHANGE_MOVES: readonly TicketMove[] = ['pickUp', 'waitOnStudent', 'answer', 'close'];

/**
 * What a public message does to the status: staff answering a new ticket have picked it up, a
 * student answering ends the wait for them. Internal notes change nothing. Null: it stays.
 */
export function statusAfterMessage(status: TicketStatus, by: TicketActor, internal: boolean): TicketStatus | null {
  if (internal) return null;
  if (by === 'staff' && status === TicketStatus.NEW) return TicketStatus.OPEN;
  if (by === 'reporter' && status === TicketStatus.WAITING_ON_STUDENT) return TicketStatus.OPEN;
  return null;
}

/** Whether `by` may write on the ticket as it stands: never once closed; a reporter reopens a resolved one first. */
export function mayAddMessage(status: TicketStatus, by: TicketActor): boolean {
  if (status === TicketStatus.CLOSED) return false;
  return by === 'staff' || status !== TicketStatus.RESOLVED;
}

/** What each status is called, for students (the portal) and for staff (the console and the API's messages). */
export const TICKET_STATUS_LABELS: Readonly<Record<'student' | 'staff', Readonly<Record<TicketStatus, string>>>> = {
  student: {
    NEW: 'Received',
    OPEN: 'Being worked on',
    WAITING_ON_STUDENT: 'Waiting for your answer',
    RESOLVED: 'Resolved',
    CLOSED: 'Closed',
  },
  staff: {
    NEW: 'New',
    OPEN: 'Open',
    WAITING_ON_STUDENT: 'Waiting on student',
    RESOLVED: 'Resolved',
    CLOSED: 'Closed',
  },
};

/** The longest message (reply, note, resolution) a ticket takes, in characters: the API refuses more, the apps count to it. */
export const MESSAGE_MAX = 10_000;

/** A report's title and description, in characters: the API refuses more, the portal counts to them. */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;

/** The longest ticket search, in characters: the API refuses more, the console's box stops there. */
export const SEARCH_QUERY_MAX = 200;
