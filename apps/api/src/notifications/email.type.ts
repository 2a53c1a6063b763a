import { DeliveryStatus, EmailKind } from '@studentdesk/db';
import { Field, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';

describeEnum(DeliveryStatus, 'DeliveryStatus', 'Where an outgoing message is.', {
  PENDING: 'Waiting to be sent (or kept in the outbox when no SMTP server is configured).',
  SUCCEEDED: 'Handed to the mail server.',
  FAILED: 'Gave up after repeated failures; see error.',
});

describeEnum(EmailKind, 'EmailKind', 'Why an email was written.', {
  TRACKING_LINK: 'A report made without signing in: the link to follow it.',
  STAFF_REPLIED: 'Staff answered the ticket.',
  RESOLVED: 'The ticket was resolved: how did we do? (with one-click rating links).',
  RATING_REMINDER: 'The one reminder to rate a resolved ticket.',
  SLA_ESCALATION: 'To the department’s managers and the assignee: a ticket missed a due time.',
  PASSWORD_RESET: 'A “forgot password” link, valid 30 minutes, usable once.',
  STAFF_INVITATION: 'An admin invited someone to join as staff: the link to accept, valid 7 days, usable once.',
  TICKETS_MERGED: 'Two reports of the same problem were merged: the link to the ticket that stays.',
  MANAGER_WEEKLY: 'To each manager, when the desk opens after a week: their department’s numbers for it.',
  AUTOMATION: 'Written by an automation rule (a reminder, say), with the ticket’s link.',
  STAFF_NOTIFICATIONS:
    'To a staff member: their notifications of the last few minutes (assigned, student replied, SLA about to breach, mentioned), with links to the tickets.',
  INCIDENT_RESOLVED: 'An incident the person followed (“me too”, or the status page) was resolved: what was done.',
  TICKET_LINK:
    'A reporter who lost the tracking link asked for it again (requestTicketLink): a fresh one, to the address they reported with.',
});

@ObjectType({ implements: Node, description: 'An email StudentDesk sent or will send to a student.' })
export class EmailMessage extends Node {
  @Field(() => EmailKind, { description: 'Why it was written.' })
  kind!: EmailKind;

  @Field(() => String, { description: 'The recipient’s address.' })
  toAddress!: string;

  @Field(() => String, { description: 'Subject line.' })
  subject!: string;

  @Field(() => String, { description: 'The plain-text body, links included.' })
  text!: string;

  @Field(() => DeliveryStatus, { description: 'Sent, waiting, or given up.' })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'How many times sending was tried.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'The mail server’s last error, if any.' })
  error!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the mail server accepted it.' })
  sentAt!: Date | null;

  @Field(() => Date, { description: 'When it was written.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of the outbox, newest first.' })
export class EmailMessageConnection extends ConnectionOf(EmailMessage, 'EmailMessage', 'email', 'emails') {}
