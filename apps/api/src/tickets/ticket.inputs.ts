import { DESCRIPTION_MAX, LANGUAGES, MESSAGE_MAX, TITLE_MAX } from '@studentdesk/domain';
import { ArrayMaxSize, IsEmail, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { Priority, TicketStatus } from './ticket.enums.js';

@InputType({ description: 'Narrows a ticket list. Conditions combine with AND.' })
export class TicketFilter {
  @Field(() => [TicketStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: TicketStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this department’s tickets.' })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only tickets assigned to this person.' })
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tickets whose SLA is breached (true) or not (false).' })
  breached?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'A ticket number ("SD-1042"), the reporter’s email, or words from the title and description (prefixes match).',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => [Priority], { nullable: true, description: 'Any of these priorities.' })
  priority?: Priority[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this category’s tickets.' })
  categoryId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tickets nobody is assigned to.' })
  unassigned?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only tickets reported by this student.' })
  requesterId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only tickets linked to this incident.' })
  incidentId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only unresolved tickets due before this time, e.g. now + 2 hours.' })
  resolutionDueBefore?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False: leave out duplicates merged into another ticket (a student’s “My tickets”); true: only those.',
  })
  merged?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'Only tickets with any of these tags.' })
  @IsOptional()
  @ArrayMaxSize(20)
  tagIds?: string[] | null;
}

/** What a report and a reply both carry to attach files (attachments/attachment.link.ts reads it). */
@InputType({ description: 'Files to attach to a report or a reply.' })
abstract class WithAttachments {
  @Field(() => [ID], {
    nullable: true,
    description: `Files to attach: the ids POST /attachments answered with (ATTACHMENTS_PER_MESSAGE at most, 10 unless the school changed it). Each must be your own upload, not yet on anything.`,
  })
  @IsOptional()
  @ArrayMaxSize(LIST_MAXIMUM.attachments)
  attachmentIds?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Not signed in: the uploadToken POST /attachments gave you with the files in attachmentIds.',
  })
  @IsOptional()
  @MaxLength(100)
  uploadToken?: string | null;
}

@InputType({ description: 'A problem to report.' })
export class ReportProblemInput extends WithAttachments {
  @Field(() => ID, { description: 'The kind of problem; it decides the department and the SLA.' })
  categoryId!: string;

  @Field(() => String, { description: `A short summary, up to ${TITLE_MAX} characters.` })
  @Length(1, TITLE_MAX, { message: `Give the problem a short title, up to ${TITLE_MAX} characters.` })
  title!: string;

  @Field(() => String, { description: `What happened, up to ${DESCRIPTION_MAX} characters.` })
  @Length(1, DESCRIPTION_MAX, { message: `Describe the problem in up to ${DESCRIPTION_MAX} characters.` })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Required when not signed in.' })
  @IsOptional()
  @Length(1, 120, { message: 'Tell us your name, up to 120 characters.' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when not signed in.' })
  @IsOptional()
  @IsEmail({}, { message: 'Enter an email address such as name@school.edu.' })
  @MaxLength(254)
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'The reporter’s student number, if they have one.' })
  @IsOptional()
  @MaxLength(32)
  studentNumber?: string | null;

  @Field(() => Int, { nullable: true, description: 'How soon the student needs this solved, in hours (1 to 2160).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2160)
  expectedResolutionHours?: number | null;

  @Field(() => String, {
    nullable: true,
    description: `The language the reporter reads the desk in (${LANGUAGES.join(', ')}): the portal sends the one it shows. Omitted: the account's language, if any. Another tag is BAD_USER_INPUT on field "language".`,
  })
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'What a good outcome would look like, in the student’s words.' })
  @IsOptional()
  @MaxLength(2000)
  desiredOutcome?: string | null;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the same ticket instead of a duplicate.' })
  @IsOptional()
  @Length(8, 200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A message on a ticket.' })
export class ReplyInput extends WithAttachments {
  @Field(() => ID, { description: 'The ticket to reply on.' })
  ticketId!: string;

  @Field(() => String, { description: `The text, up to ${MESSAGE_MAX} characters.` })
  @Length(1, MESSAGE_MAX)
  body!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'An internal note, visible to staff only.' })
  internal?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Lets a reporter who did not sign in reply.' })
  @IsOptional()
  @MaxLength(200)
  trackingCode?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'The ticket’s `lastActivityAt` when you began writing. If someone else has changed the ticket since (a reply, a note, a status, an assignment…), the reply is refused with CONFLICT and `extensions.changes` lists what changed; send again with `extensions.lastActivityAt` to confirm. Without it, the reply is not checked.',
  })
  @IsOptional()
  basedOn?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A key you choose for this message (a UUID): sending again with the same key on the same ticket (a double click, a retry after a lost answer) returns the stored message instead of adding a second.',
  })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Marks a ticket solved.' })
export class ResolveTicketInput {
  @Field(() => ID, { description: 'The ticket to resolve.' })
  ticketId!: string;

  @Field(() => String, { description: 'What was done, in words the student understands; posted as a public reply.' })
  @Length(1, MESSAGE_MAX)
  resolution!: string;

  @Field(() => Int, { nullable: true, description: "The resolver's prediction of the student's rating, 1 to 5." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  predictedScore?: number | null;
}

export const MERGE_NOTE_MAX = 2000;

@InputType({ description: 'A duplicate report (source) merged into the ticket that stays (target).' })
export class MergeTicketsInput {
  @Field(() => ID, { description: 'The duplicate: it is closed, and its conversation moves to the target.' })
  sourceId!: string;

  @Field(() => ID, { description: 'The ticket that stays; not closed and not itself merged.' })
  targetId!: string;

  @Field(() => String, {
    nullable: true,
    description: `Why, for colleagues: added to the internal note on the target. Up to ${MERGE_NOTE_MAX} characters.`,
  })
  @IsOptional()
  @MaxLength(MERGE_NOTE_MAX)
  note?: string | null;
}

/** The most tickets one bulk update may change: a page of the queue, many times over. */
export const BULK_UPDATE_MAX = 500;

@InputType({ description: 'The same change to many tickets at once; give at least one of assignee, status or priority.' })
export class BulkUpdateTicketsInput {
  @Field(() => [ID], { description: `The tickets to change, 1 to ${BULK_UPDATE_MAX}; each must be one you work.` })
  ticketIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Assign every ticket to this staff member of their department.' })
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Unassign every ticket (instead of assigneeId).' })
  clearAssignee?: boolean | null;

  @Field(() => TicketStatus, {
    nullable: true,
    description:
      'OPEN, WAITING_ON_STUDENT, or CLOSED (from RESOLVED). Resolving needs words for each student, and reopening a reason: use resolveTicket and reopenTicket.',
  })
  status?: TicketStatus | null;

  @Field(() => Priority, { nullable: true, description: 'The new priority; escalating tightens the due times.' })
  priority?: Priority | null;
}
