import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../relay/relay.types.js';

export const TAG_NAME_MAX = 40;
/** The most tags one change adds or removes, and the most one ticket carries. */
export const TAGS_PER_TICKET = 20;

@ObjectType({ implements: Node, description: 'A label staff put on tickets, shared by the whole school.' })
export class Tag extends Node {
  @Field(() => String, { description: 'E.g. "wifi" or "exam week"; unique without regard to case.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Colour of its chip, #rrggbb; null for the neutral one.' })
  color!: string | null;
}

@InputType({ description: 'Tags to put on a ticket and to take off it, in one change.' })
export class TagTicketInput {
  @Field(() => ID, { description: 'The ticket; you must work it.' })
  ticketId!: string;

  @Field(() => [String], {
    nullable: true,
    description: `Names of tags to add; a name no tag has yet creates the tag (1 to ${TAG_NAME_MAX} characters).`,
  })
  @IsOptional()
  @ArrayMaxSize(TAGS_PER_TICKET)
  add?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Tags to take off.' })
  @IsOptional()
  @ArrayMaxSize(TAGS_PER_TICKET)
  remove?: string[] | null;
}

@InputType({ description: 'A new name or colour for a tag.' })
export class UpdateTagInput {
  @Field(() => ID, { description: 'The tag.' })
  id!: string;

  @Field(() => String, { nullable: true, description: `The new name, 1 to ${TAG_NAME_MAX} characters.` })
  @IsOptional()
  @Length(1, TAG_NAME_MAX)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new colour, #rrggbb; an empty string clears it.' })
  @IsOptional()
  @Matches(/^(#[0-9a-fA-F]{6})?$/, { message: 'Give the colour as #rrggbb.' })
  color?: string | null;
}
