import { InboundEmailSource, InboundEmailStatus } from '@studentdesk/db';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';

describeEnum(InboundEmailStatus, 'InboundEmailStatus', 'What became of an email sent to a department’s address.', {
  ACCEPTED: 'It became a ticket or a reply on one.',
  HELD: 'Kept for an admin to release or discard; reason says why.',
  DISCARDED: 'An admin discarded it; kept for the record.',
});

describeEnum(InboundEmailSource, 'InboundEmailSource', 'How an email came in.', {
  SMTP: 'Delivered to the API’s SMTP listener (INBOUND_SMTP_PORT).',
  IMAP: 'Read from the mailbox at IMAP_URL.',
});

@ObjectType({ implements: Node, description: 'An email sent to a department’s address, kept whole, with what became of it.' })
export class InboundEmail extends Node {
  @Field(() => InboundEmailSource, { description: 'How it came in.' })
  source!: InboundEmailSource;

  @Field(() => String, { description: 'The sender’s address (From).' })
  fromAddress!: string;

  @Field(() => String, { description: 'The recipient it was routed by: a department’s address, with or without a reply token.' })
  toAddress!: string;

  @Field(() => String, { description: 'Subject line.' })
  subject!: string;

  @Field(() => String, { description: 'The whole text as the sender wrote it, quoted text and signature included.' })
  originalText!: string;

  @Field(() => String, { description: 'The message as received (RFC 5322 source).' })
  raw!: string;

  @Field(() => InboundEmailStatus, { description: 'Accepted, held or discarded.' })
  status!: InboundEmailStatus;

  @Field(() => String, { nullable: true, description: 'Why it was held: an automatic reply, an unknown sender, a rate limit…' })
  reason!: string | null;

  @Field(() => Date, { description: 'When it came in.' })
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When an admin released or discarded it.' })
  decidedAt!: Date | null;
}

@ObjectType({ description: 'A page of inbound email, newest first.' })
export class InboundEmailConnection extends ConnectionOf(InboundEmail, 'InboundEmail', 'inbound email', 'inbound emails') {}

@InputType({ description: 'A department’s email address and how it treats strangers.' })
export class DepartmentEmailInput {
  @Field(() => ID, { description: 'The department.' })
  departmentId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Mail to this address becomes a ticket in the department (it@school.edu); null: none. Unique across departments.',
  })
  inboundAddress?: string | null;

  @Field(() => Boolean, { description: 'Hold mail from addresses that are no student’s for review, instead of making guest reports.' })
  holdUnknownSenders!: boolean;
}
