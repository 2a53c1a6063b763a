import { Priority } from '@studentdesk/db';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';
import { HOLIDAY_NAME_MAX } from './ical.js';

/** A year: a longer target is a typing mistake. */
export const SLA_MINUTES_MAX = 365 * 24 * 60;

@ObjectType({
  implements: Node,
  description: "A department's promise for one priority: how soon the first answer and the resolution are due.",
})
export class SlaPolicy extends Node {
  @Field(() => Priority, { description: 'The priority it applies to.' })
  priority!: Priority;

  @Field(() => Int, { description: 'Minutes until the first answer is due.' })
  firstResponseMinutes!: number;

  @Field(() => Int, { description: 'Minutes until the resolution is due (not counting time waiting on the student).' })
  resolutionMinutes!: number;

  @Field(() => Boolean, {
    description: "True: minutes count inside the department's business hours, holidays skipped. False: around the clock.",
  })
  businessHoursOnly!: boolean;
}

@InputType({
  description: "Sets a department's targets for one priority (replacing any there were). Tickets already reported keep their due times.",
})
export class SetSlaPolicyInput {
  @Field(() => ID, { description: 'The department.' })
  departmentId!: string;

  @Field(() => Priority, { description: 'The priority.' })
  priority!: Priority;

  @Field(() => Int, { description: `Minutes until the first answer is due, 1 to ${SLA_MINUTES_MAX}.` })
  @Min(1)
  @Max(SLA_MINUTES_MAX)
  firstResponseMinutes!: number;

  @Field(() => Int, { description: `Minutes until the resolution is due, at least the first-response target, at most ${SLA_MINUTES_MAX}.` })
  @Min(1)
  @Max(SLA_MINUTES_MAX)
  resolutionMinutes!: number;

  @Field(() => Boolean, { nullable: true, description: 'True (when not given): count in business hours; false: around the clock.' })
  businessHoursOnly?: boolean | null;
}

@ObjectType({ implements: Node, description: 'A day the desk is closed: business-hours SLA clocks skip it.' })
export class Holiday extends Node {
  @Field(() => String, { description: 'The local date, "2026-12-25".' })
  date!: string;

  @Field(() => String, { description: 'What it is, e.g. "Christmas Day".' })
  name!: string;

  @Field(() => Boolean, { description: 'True when it came from an iCal feed (re-importing the feed updates it).' })
  imported!: boolean;
}

@ObjectType({ description: 'A page of holidays, by date.' })
export class HolidayConnection extends ConnectionOf(Holiday, 'Holiday', 'holiday', 'holidays') {}

@InputType({ description: 'A day to close the desk.' })
export class AddHolidayInput {
  @Field(() => ID, { nullable: true, description: 'The department; null closes every department (admins only).' })
  departmentId?: string | null;

  @Field(() => String, { description: 'The local date, "2026-12-25".' })
  date!: string;

  @Field(() => String, { description: `What it is, up to ${HOLIDAY_NAME_MAX} characters.` })
  @Length(1, HOLIDAY_NAME_MAX)
  name!: string;
}

@InputType({ description: 'An iCal (.ics) feed of closing days: its text, or an http(s) URL the server fetches. Exactly one.' })
export class HolidayImportInput {
  @Field(() => ID, { nullable: true, description: 'The department; null for the whole school (admins only).' })
  departmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The .ics file as text.' })
  @IsOptional()
  ics?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An http(s) URL of the feed (at most 1 MiB, fetched within 10 seconds, no redirects).',
  })
  @IsOptional()
  @Length(1, 2000)
  url?: string | null;
}

export enum HolidayChange {
  ADD = 'ADD',
  RENAME = 'RENAME',
  UNCHANGED = 'UNCHANGED',
  REMOVE = 'REMOVE',
  TAKEN = 'TAKEN',
}

registerEnumType(HolidayChange, {
  name: 'HolidayChange',
  description: 'What importing a feed does to one day.',
  valuesConfig: {
    ADD: { description: 'A new closing day.' },
    RENAME: { description: 'Already imported from this event; its name changes.' },
    UNCHANGED: { description: 'Already imported from this event, as it is.' },
    REMOVE: { description: 'Imported from this event before, no longer in it (the event moved).' },
    TAKEN: { description: "Another holiday is on this date already (takenBy); it stays, the feed's day is left out." },
  },
});

@ObjectType({ description: 'One day of an iCal import.' })
export class HolidayImportDay {
  @Field(() => String, { description: 'The local date.' })
  date!: string;

  @Field(() => String, { description: 'The name from the feed (for REMOVE: the name it had).' })
  name!: string;

  @Field(() => HolidayChange, { description: 'What importing does to it.' })
  change!: HolidayChange;

  @Field(() => String, { nullable: true, description: 'For TAKEN: the holiday already on that date.' })
  takenBy!: string | null;
}

@ObjectType({ description: 'An event of the feed that closes no day, and why.' })
export class SkippedCalendarEvent {
  @Field(() => String, { description: "The event's summary." })
  name!: string;

  @Field(() => String, { description: 'Why it was left out.' })
  reason!: string;
}

@ObjectType({ description: 'What an iCal import does (preview) or did (import), day by day.' })
export class HolidayImport {
  @Field(() => Boolean, { description: 'True once written; false for a preview.' })
  applied!: boolean;

  @Field(() => String, { nullable: true, description: 'The name the feed gives itself (X-WR-CALNAME).' })
  calendarName!: string | null;

  @Field(() => [HolidayImportDay], { description: 'Every day the feed touches, by date.' })
  @MaxItems(LIST_MAXIMUM.holidayImportDays)
  days!: HolidayImportDay[];

  @Field(() => [SkippedCalendarEvent], { description: 'Events left out (timed, repeating, cancelled).' })
  @MaxItems(LIST_MAXIMUM.holidayImportSkipped)
  skipped!: SkippedCalendarEvent[];

  @Field(() => Int, { description: 'Days added.' })
  added!: number;

  @Field(() => Int, { description: 'Days removed because their event moved.' })
  removed!: number;
}
