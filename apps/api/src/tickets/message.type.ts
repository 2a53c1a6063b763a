import { Field, ObjectType } from 'type-graphql';
import { Node, PageInfo } from '../relay/relay.types.js';

@ObjectType({ implements: Node, description: 'A public reply on a ticket, or an internal note between staff.' })
export class Message extends Node {
  @Field(() => String, { description: 'The text, as written.' })
  body!: string;

  @Field(() => Boolean, { description: 'Internal notes are visible to staff only.' })
  internal!: boolean;

  @Field(() => Date, { description: 'When it was written.' })
  createdAt!: Date;
}

@ObjectType({ description: 'One message in a conversation, with its cursor.' })
export class MessageEdge {
  @Field(() => String, { description: 'Pass as `after` to continue after this message.' })
  cursor!: string;

  @Field(() => Message, { description: 'The message.' })
  node!: Message;
}

@ObjectType({ description: 'A page of a ticket’s conversation, oldest first.' })
export class MessageConnection {
  @Field(() => [MessageEdge], { description: 'The messages on this page.' })
  edges!: MessageEdge[];

  @Field(() => PageInfo, { description: 'Whether more messages follow.' })
  pageInfo!: PageInfo;
}
