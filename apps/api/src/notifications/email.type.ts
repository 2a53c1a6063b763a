import { DeliveryStatus, EmailKind } from '@studentdesk/db';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, Node } from '../relay/relay.types.js';

registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where an outgoing message is.',
  valuesConfig: {
    PENDING: { description: 'Waiting to be sent (or kept in the outbox when no SMTP server is configured).' },
    SUCCEEDED: { description: 'Handed to the mail server.' },
    FAILED: { description: 'Gave up after repeated failures; see error.' },
  },
});

registerEnumType(EmailKind, {
  name: 'EmailKind',
  description: 'Why an email was written.',
  valuesConfig: {
    TRACKING_LINK: { description: 'A report made without signing in: the link to follow it.' },
    STAFF_REPLIED: { description: 'Staff answered the ticket.' },
    RESOLVED: { description: 'The ticket was resolved: how did we do? (with one-click rating links).' },
    RATING_REMINDER: { description: 'The one reminder to rate a resolved ticket.' },
    SLA_ESCALATION: { description: 'To the department’s managers and the assignee: a ticket missed a due time.' },
  },
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
