import { DeliveryStatus } from '@studentdesk/db';
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

@ObjectType({ implements: Node, description: 'An email StudentDesk sent or will send to a student.' })
export class EmailMessage extends Node {
  @Field(() => String, { description: 'Why it was written: TRACKING_LINK, STAFF_REPLIED, RESOLVED or RATING_REMINDER.' })
  kind!: string;

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
