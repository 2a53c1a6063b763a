import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What you are writing on a ticket, saved as you type (saveReplyDraft); gone once sent.' })
export class ReplyDraft {
  @Field(() => String, { description: 'The text so far.' })
  body!: string;

  @Field(() => Boolean, { description: 'Whether it is an internal note rather than a reply to the student.' })
  internal!: boolean;

  @Field(() => Date, { description: 'When it was last saved.' })
  updatedAt!: Date;
}
