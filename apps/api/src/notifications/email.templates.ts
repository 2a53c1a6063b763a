// What StudentDesk writes to students (and to staff: breaches, invitations, password resets), in plain words. Pure functions: the outbox stores their output.
import { EmailKind } from '@studentdesk/db';
import { formatTicketNumber } from '@studentdesk/domain';
import { toGlobalId } from '../relay/global-id.js';

export interface Email {
  kind: EmailKind;
  subject: string;
  text: string;
}

export interface TicketForEmail {
  number: number;
  title: string;
  contactName: string;
  firstResponseDueAt: Date | null;
}

/** The tracking page of one ticket; `rate` preselects a score on its rating form. */
export function trackingUrl(publicUrl: string, trackingCode: string, rate?: number): string {
  const url = `${publicUrl}/track/${encodeURIComponent(trackingCode)}`;
  return rate ? `${url}?rate=${rate}` : url;
}

/**
 * "Tuesday 25 November, 10:00" in the department's time zone. Emails name the day itself, not
 * "tomorrow" (dueInWords in @studentdesk/domain): they are read hours or days after being written.
 */
export function dateTimeInWords(due: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })
    .format(due)
    .replace(/ at /, ', ');
}

const SCORE_WORDS = ['', 'very dissatisfied', 'dissatisfied', 'neither', 'satisfied', 'very satisfied'];

function ratingLinks(publicUrl: string, trackingCode: string): string {
  return [5, 4, 3, 2, 1].map((score) => `  ${score} – ${SCORE_WORDS[score]}: ${trackingUrl(publicUrl, trackingCode, score)}`).join('\n');
}

const greeting = (ticket: Pick<TicketForEmail, 'contactName'>) => `Hello ${ticket.contactName.split(/\s+/)[0] || ticket.contactName},`;
const PRIVATE_LINK = 'Keep this link to yourself: anyone who has it can read and answer the ticket.';
const SIGNATURE = '— The StudentDesk team';

/** What students receive carries the school's name: in the subject, and signing it (before setup, StudentDesk's). */
export function fromSchool(email: Email, schoolName: string | undefined): Email {
  if (!schoolName || !email.text.endsWith(SIGNATURE)) return email;
  return {
    ...email,
    subject: `[${schoolName}] ${email.subject}`,
    text: `${email.text.slice(0, -SIGNATURE.length)}— The ${schoolName} help desk`,
  };
}

/**
 * The tracking link of a report made without signing in. Anyone can type any address into the
 * report form, so until an address is proved to be the reporter's this email carries nothing the
 * reporter wrote (no title, no name, no description): only our words, the ticket number and the
 * link. A stranger's inbox gets at worst a dull, capped notice (limits/guest-report-limits.ts),
 * never a message of the sender's choosing.
 */
export function trackingLinkEmail(
  publicUrl: string,
  ticket: Pick<TicketForEmail, 'number' | 'firstResponseDueAt'>,
  trackingCode: string,
  timeZone: string,
): Email {
  const number = formatTicketNumber(ticket.number);
  const promise = ticket.firstResponseDueAt ? `We aim to reply by ${dateTimeInWords(ticket.firstResponseDueAt, timeZone)}.\n\n` : '';
  return {
    kind: EmailKind.TRACKING_LINK,
    subject: `We received your report ${number}`,
    text: [
      'Hello,',
      `Thank you for telling us about a problem. Your ticket number is ${number}.`,
      `${promise}Follow it, answer us and rate our help here, without signing in:\n${trackingUrl(publicUrl, trackingCode)}`,
      PRIVATE_LINK,
      'If you did not report a problem to us, someone else typed your address: you can ignore this email.',
      SIGNATURE,
    ].join('\n\n'),
  };
}

/**
 * "Lost my link": a fresh tracking link for the ticket, to its contact address only. Like the guest
 * report's email it carries nothing anyone wrote (a stranger may have typed the address when
 * reporting), only the number and the link.
 */
export function lostLinkEmail(publicUrl: string, ticket: Pick<TicketForEmail, 'number'>, trackingCode: string): Email {
  const number = formatTicketNumber(ticket.number);
  return {
    kind: EmailKind.TICKET_LINK,
    subject: `Your link to ${number}`,
    text: [
      'Hello,',
      `Someone, hopefully you, asked for the link to ticket ${number}. Follow it, answer us and rate our help here, without signing in:\n${trackingUrl(publicUrl, trackingCode)}`,
      PRIVATE_LINK,
      'Links you had before keep working. If you did not ask for this, you can ignore this email.',
      SIGNATURE,
    ].join('\n\n'),
  };
}

/** An incident someone followed (a "me too", or the status page) is over. Staff wrote every word of it. */
export function incidentResolvedEmail(publicUrl: string, incident: { title: string }, resolution: string): Email {
  return {
    kind: EmailKind.INCIDENT_RESOLVED,
    subject: `Resolved: ${incident.title}`,
    text: [
      'Hello,',
      `The problem you asked us to tell you about is resolved: ${incident.title}.`,
      resolution,
      `If it still affects you, tell us here:\n${publicUrl}/report`,
      'You get this email once, because you said the problem affected you or asked to hear when it ended.',
      SIGNATURE,
    ].join('\n\n'),
  };
}

export function staffRepliedEmail(
  publicUrl: string,
  ticket: TicketForEmail,
  trackingCode: string,
  authorName: string,
  body: string,
): Email {
  const number = formatTicketNumber(ticket.number);
  return {
    kind: EmailKind.STAFF_REPLIED,
    subject: `${authorName} replied to ${number}: ${ticket.title}`,
    text: [
      greeting(ticket),
      `${authorName} replied to your ticket ${number}:`,
      body,
      `Answer or follow the ticket here:\n${trackingUrl(publicUrl, trackingCode)}`,
      PRIVATE_LINK,
      SIGNATURE,
    ].join('\n\n'),
  };
}

export function resolvedEmail(publicUrl: string, ticket: TicketForEmail, trackingCode: string, resolution: string): Email {
  const number = formatTicketNumber(ticket.number);
  return {
    kind: EmailKind.RESOLVED,
    subject: `Resolved — how did we do? ${number}: ${ticket.title}`,
    text: [
      greeting(ticket),
      `We have marked your ticket ${number} as resolved:`,
      resolution,
      `How did we do? One click to rate us:\n${ratingLinks(publicUrl, trackingCode)}`,
      `Not solved after all? Reopen it from the same page and tell us why:\n${trackingUrl(publicUrl, trackingCode)}`,
      SIGNATURE,
    ].join('\n\n'),
  };
}

export function ratingReminderEmail(publicUrl: string, ticket: TicketForEmail, trackingCode: string): Email {
  const number = formatTicketNumber(ticket.number);
  return {
    kind: EmailKind.RATING_REMINDER,
    subject: `A moment to rate our help? ${number}: ${ticket.title}`,
    text: [
      greeting(ticket),
      `Two days ago we resolved your ticket ${number}, "${ticket.title}". Your rating tells us what to keep and what to change; it takes one click:`,
      ratingLinks(publicUrl, trackingCode),
      'This is the only reminder we will send.',
      SIGNATURE,
    ].join('\n\n'),
  };
}

/** Two reports of one problem became one: where the conversation continues. Sent once, for the duplicate's reporter. */
export function ticketsMergedEmail(
  publicUrl: string,
  duplicate: Pick<TicketForEmail, 'number' | 'title' | 'contactName'>,
  kept: Pick<TicketForEmail, 'number' | 'title'>,
  trackingCode: string,
): Email {
  const duplicateNumber = formatTicketNumber(duplicate.number);
  const keptNumber = formatTicketNumber(kept.number);
  return {
    kind: EmailKind.TICKETS_MERGED,
    subject: `${duplicateNumber} is now part of ${keptNumber}: ${kept.title}`,
    text: [
      greeting(duplicate),
      `Your reports ${duplicateNumber} ("${duplicate.title}") and ${keptNumber} ("${kept.title}") are about the same problem, so we have made them one. Everything you wrote is kept, in ${keptNumber}.`,
      `Follow and answer it here:\n${trackingUrl(publicUrl, trackingCode)}`,
      PRIVATE_LINK,
      SIGNATURE,
    ].join('\n\n'),
  };
}

/** Written by an automation rule (apps/api/src/automation/): its subject and words, with the ticket's link. */
export function automationEmail(publicUrl: string, ticket: TicketForEmail, trackingCode: string, subject: string, body: string): Email {
  const number = formatTicketNumber(ticket.number);
  return {
    kind: EmailKind.AUTOMATION,
    subject: `${subject} (${number}: ${ticket.title})`,
    text: [
      greeting(ticket),
      body,
      `Answer or follow the ticket here:\n${trackingUrl(publicUrl, trackingCode)}`,
      PRIVATE_LINK,
      SIGNATURE,
    ].join('\n\n'),
  };
}

const MISSED_TARGET = { FIRST_RESPONSE: 'a first answer', RESOLUTION: 'a resolution' } as const;

/** A ticket in the staff console. */
export const consoleTicketUrl = (publicUrl: string, ticketId: string) =>
  `${publicUrl}/console/tickets/${encodeURIComponent(toGlobalId('Ticket', ticketId))}`;

/** To the department's managers and the assignee: a ticket missed a due time. */
export function slaEscalationEmail(
  publicUrl: string,
  ticket: TicketForEmail & { id: string },
  breaches: Array<{ target: keyof typeof MISSED_TARGET; dueAt: Date }>,
  department: { name: string; timeZone: string },
  assigneeName: string | null,
): Email {
  const number = formatTicketNumber(ticket.number);
  return {
    kind: EmailKind.SLA_ESCALATION,
    subject: `SLA breached: ${number} ${ticket.title}`,
    text: [
      `${number}, "${ticket.title}" from ${ticket.contactName}, missed its due time in ${department.name}:`,
      breaches
        .map((breach) => `  - ${MISSED_TARGET[breach.target]} was due ${dateTimeInWords(breach.dueAt, department.timeZone)}`)
        .join('\n'),
      assigneeName ? `It is assigned to ${assigneeName}.` : 'Nobody is assigned to it yet.',
      `Open it in the console:\n${consoleTicketUrl(publicUrl, ticket.id)}`,
      '— StudentDesk',
    ].join('\n\n'),
  };
}

/** A department's week in numbers, as the managers' dashboards define them (insights/metrics.ts). */
export interface WeeklyFigures {
  reported: number;
  csat: number | null;
  ratings: number;
  expectationMet: number | null;
  perceptionGap: number | null;
  firstResponseAttainment: number | null;
  resolutionAttainment: number | null;
  openNow: number;
  breachedNow: number;
}

const percentOrNone = (share: number | null) => (share === null ? 'no data' : `${(share * 100).toFixed(1)} %`);

/** To a manager when their desk opens after a week: the department's numbers for it, and a link to the dashboards. */
export function managerWeeklyEmail(
  publicUrl: string,
  manager: { name: string },
  department: { name: string },
  week: { from: Date; to: Date },
  figures: WeeklyFigures,
): Email {
  const day = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long' }).format(at);
  const lastDay = new Date(week.to.getTime() - 86_400_000);
  const gap =
    figures.perceptionGap === null ? 'no predictions' : `${figures.perceptionGap > 0 ? '+' : ''}${figures.perceptionGap.toFixed(2)}`;
  return {
    kind: EmailKind.MANAGER_WEEKLY,
    subject: `${department.name}: your week of ${day(week.from)} in numbers`,
    text: [
      `Hello ${manager.name.split(/\s+/)[0] || manager.name},`,
      `${department.name} from Monday ${day(week.from)} to Sunday ${day(lastDay)} (UTC):`,
      [
        `  Tickets reported: ${figures.reported}`,
        `  CSAT: ${percentOrNone(figures.csat)} of ${figures.ratings} rating${figures.ratings === 1 ? '' : 's'}`,
        `  Expectation met or exceeded: ${percentOrNone(figures.expectationMet)}`,
        `  Perception gap (predicted − rated): ${gap}`,
        `  First answers on time: ${percentOrNone(figures.firstResponseAttainment)}`,
        `  Resolutions on time: ${percentOrNone(figures.resolutionAttainment)}`,
      ].join('\n'),
      `Right now: ${figures.openNow} unresolved, ${figures.breachedNow} of them past a due time.`,
      `The dashboards, with every chart and its table:\n${publicUrl}/console/insights`,
      '— StudentDesk',
    ].join('\n\n'),
  };
}

/** A "forgot password" link; it says how long it works, and what to do when the request was not theirs. */
export function passwordResetEmail(link: string, validMinutes: number): Email {
  return {
    kind: EmailKind.PASSWORD_RESET,
    subject: 'Reset your StudentDesk password',
    text: [
      'Hello,',
      `Someone, hopefully you, asked to reset the password of your StudentDesk account. Choose a new one here within ${validMinutes} minutes; the link works once:\n${link}`,
      'Setting a new password signs your account out everywhere else.',
      'If you did not ask for this, ignore this email: your password stays as it is.',
      SIGNATURE,
    ].join('\n\n'),
  };
}

/** An admin invited someone to join the desk as staff. */
export function staffInvitationEmail(
  link: string,
  invitation: { name: string; roleName: string; departmentName: string; inviterName: string | null; expiresAt: Date },
): Email {
  const who = invitation.inviterName ?? 'An administrator';
  return {
    kind: EmailKind.STAFF_INVITATION,
    subject: `You are invited to the ${invitation.departmentName} help desk on StudentDesk`,
    text: [
      `Hello ${invitation.name.split(/\s+/)[0] || invitation.name},`,
      `${who} invited you to work tickets of ${invitation.departmentName} as ${invitation.roleName}.`,
      `Choose your password and sign in here (the link works once, until ${dateTimeInWords(invitation.expiresAt, 'UTC')} UTC):\n${link}`,
      'If you did not expect this, you can ignore this email.',
      SIGNATURE,
    ].join('\n\n'),
  };
}

export interface StaffNoticeForEmail {
  kind: 'ASSIGNED_TO_ME' | 'STUDENT_REPLIED' | 'SLA_ABOUT_TO_BREACH' | 'MENTIONED';
  ticket: { id: string; number: number; title: string };
  actorName: string | null;
  slaTarget: string | null;
  dueAt: Date | null;
}

function staffNoticeLine(notice: StaffNoticeForEmail): string {
  const ticket = `${formatTicketNumber(notice.ticket.number)} "${notice.ticket.title}"`;
  switch (notice.kind) {
    case 'ASSIGNED_TO_ME':
      return `${notice.actorName ?? 'Someone'} assigned ${ticket} to you.`;
    case 'STUDENT_REPLIED':
      return `${notice.actorName ?? 'The student'} replied on ${ticket}.`;
    case 'MENTIONED':
      return `${notice.actorName ?? 'A colleague'} mentioned you in an internal note on ${ticket}.`;
    case 'SLA_ABOUT_TO_BREACH': {
      const target = MISSED_TARGET[notice.slaTarget as keyof typeof MISSED_TARGET] ?? 'an answer';
      return `${ticket} needs ${target} by ${notice.dueAt ? `${dateTimeInWords(notice.dueAt, 'UTC')} UTC` : 'soon'}.`;
    }
  }
}

/** One email for what a staff member was notified of in the last few minutes (their digest), oldest first. */
export function staffNotificationsEmail(publicUrl: string, recipientName: string, notices: readonly StaffNoticeForEmail[]): Email {
  const first = notices[0]!;
  return {
    kind: EmailKind.STAFF_NOTIFICATIONS,
    subject: notices.length === 1 ? staffNoticeLine(first) : `${notices.length} updates on your tickets`,
    text: [
      `Hello ${recipientName.split(/\s+/)[0] || recipientName},`,
      ...notices.map((notice) => `${staffNoticeLine(notice)}\n${consoleTicketUrl(publicUrl, notice.ticket.id)}`),
      'Choose what you hear about, and how, under Notification settings in the console.',
      '— StudentDesk',
    ].join('\n\n'),
  };
}
