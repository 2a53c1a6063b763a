import { MESSAGE_MAX } from '@studentdesk/domain';
import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../relay/relay.types.js';
import { TAGS_PER_TICKET } from '../tags/tag.type.js';
import { Priority, TicketStatus } from '../tickets/ticket.enums.js';

export const MACRO_NAME_MAX = 80;

@ObjectType({
  implements: Node,
  description: 'One click that sets a ticket’s fields and posts a reply: personal, or shared with a department.',
})
export class Macro extends Node {
  @Field(() => String, { description: 'What staff call it, e.g. "Password reset sent".' })
  name!: string;

  @Field(() => TicketStatus, { nullable: true, description: 'The status it sets; RESOLVED resolves with the reply as the resolution.' })
  status!: TicketStatus | null;

  @Field(() => Priority, { nullable: true, description: 'The priority it sets.' })
  priority!: Priority | null;

  @Field(() => Boolean, { description: 'Assigns the ticket to whoever applies the macro.' })
  assignToMe!: boolean;

  @Field(() => String, { nullable: true, description: 'The reply it posts, with placeholders such as {{student.firstName}}.' })
  replyBody!: string | null;

  @Field(() => Boolean, { description: 'The reply is an internal note instead of a public reply.' })
  replyInternal!: boolean;

  @Field(() => Date, { description: 'When it was made.' })
  createdAt!: Date;
}

@InputType({ description: 'A macro to make, or (with `id`) to change; give at least one thing for it to do.' })
export class SaveMacroInput {
  @Field(() => ID, { nullable: true, description: 'The macro to change; omitted: a new one.' })
  id?: string | null;

  @Field(() => String, { description: `The name, 1 to ${MACRO_NAME_MAX} characters.` })
  @Length(1, MACRO_NAME_MAX, { message: `Name the macro in 1 to ${MACRO_NAME_MAX} characters.` })
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'For a new macro: share it with this department (its managers, and admins); omitted: a personal macro.',
  })
  departmentId?: string | null;

  @Field(() => TicketStatus, { nullable: true, description: 'The status to set.' })
  status?: TicketStatus | null;

  @Field(() => Priority, { nullable: true, description: 'The priority to set.' })
  priority?: Priority | null;

  @Field(() => [ID], { nullable: true, description: `Tags to add, at most ${TAGS_PER_TICKET}.` })
  @IsOptional()
  @ArrayMaxSize(TAGS_PER_TICKET)
  tagIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Assign the ticket to this staff member.' })
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Assign the ticket to whoever applies the macro (instead of assigneeId).' })
  assignToMe?: boolean | null;

  @Field(() => String, { nullable: true, description: `The reply to post, up to ${MESSAGE_MAX} characters, with placeholders.` })
  @IsOptional()
  @MaxLength(MESSAGE_MAX)
  replyBody?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Post the reply as an internal note.' })
  replyInternal?: boolean | null;
}
