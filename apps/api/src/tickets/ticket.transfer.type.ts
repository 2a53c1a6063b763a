import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

export const TRANSFER_NOTE_MAX = 2000;

@InputType({ description: 'A ticket moved to another department’s category, with a note for the team that receives it.' })
export class TransferTicketInput {
  @Field(() => ID, { description: 'The ticket; you must work it.' })
  ticketId!: string;

  @Field(() => ID, { description: 'Its new category, offered for reports, in another department: it decides the department.' })
  categoryId!: string;

  @Field(() => String, { description: `Why, for the receiving team: posted as an internal note. 1 to ${TRANSFER_NOTE_MAX} characters.` })
  @Length(1, TRANSFER_NOTE_MAX)
  note!: string;
}
