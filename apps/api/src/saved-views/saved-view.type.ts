import { Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../relay/relay.types.js';
import { TicketFilter } from '../tickets/ticket.inputs.js';

export const VIEW_NAME_MAX = 80;

@ObjectType({ implements: Node, description: 'A named queue filter: personal, or shared with a department.' })
export class SavedView extends Node {
  @Field(() => String, { description: 'What staff call it, e.g. "Urgent Wi-Fi".' })
  name!: string;

  @Field(() => Date, { description: 'When it was saved.' })
  createdAt!: Date;
}

@InputType({ description: 'A queue filter to keep under a name.' })
export class SaveViewInput {
  @Field(() => String, { description: `The name, 1 to ${VIEW_NAME_MAX} characters.` })
  @Length(1, VIEW_NAME_MAX, { message: `Name the view in 1 to ${VIEW_NAME_MAX} characters.` })
  name!: string;

  @Field(() => TicketFilter, { description: 'The filter, as `tickets(filter:)` takes it.' })
  @ValidateNested()
  filter!: TicketFilter;

  @Field(() => ID, {
    nullable: true,
    description: 'Share it with this department (its managers, and admins); omitted: a personal view.',
  })
  departmentId?: string | null;
}
