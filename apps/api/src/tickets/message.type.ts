import { Field, ObjectType } from 'type-graphql';
import { ConnectionOf, Node } from '../relay/relay.types.js';

@ObjectType({ implements: Node, description: 'A public reply on a ticket, or an internal note between staff.' })
export class Message extends Node {
  @Field(() => String, { description: 'The text, as written.' })
  body!: string;

  @Field(() => Boolean, { description: 'Internal notes are visible to staff only.' })
  internal!: boolean;

  @Field(() => Date, { description: 'When it was written.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of a ticket’s conversation, oldest first.' })
export class MessageConnection extends ConnectionOf(Message, 'Message', 'message', 'messages') {}
