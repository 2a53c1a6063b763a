// Who else is on a ticket right now: colleagues viewing it, or writing to it. Nothing is stored;
// each console announces itself over the event bus (Redis with several API processes) and forgets
// a colleague it has not heard from for a while (PRESENCE_TIMEOUTS).
import { Field, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { User } from '../users/user.type.js';

export const PresenceActivity = {
  VIEWING: 'VIEWING',
  TYPING: 'TYPING',
  LEFT: 'LEFT',
} as const;
export type PresenceActivity = (typeof PresenceActivity)[keyof typeof PresenceActivity];

/** How long an announcement holds: a console repeats VIEWING more often than this, TYPING while keys are pressed. */
export const PRESENCE_TIMEOUTS_SECONDS: Record<Exclude<PresenceActivity, 'LEFT'>, number> = { VIEWING: 45, TYPING: 8 };

describeEnum(PresenceActivity, 'PresenceActivity', 'What a staff member is doing on a ticket.', {
  VIEWING: `Has the ticket open. Announce it at least every ${PRESENCE_TIMEOUTS_SECONDS.VIEWING / 3} s; it lapses after ${PRESENCE_TIMEOUTS_SECONDS.VIEWING} s unheard.`,
  TYPING: `Is writing a reply or note. Announce it while typing; it lapses after ${PRESENCE_TIMEOUTS_SECONDS.TYPING} s unheard.`,
  LEFT: 'Closed the ticket.',
});

@ObjectType({ description: 'A colleague’s announcement on a ticket (ticketPresence).' })
export class TicketPresence {
  @Field(() => User, { description: 'Who.' })
  user!: User;

  @Field(() => PresenceActivity, { description: 'What they are doing.' })
  activity!: PresenceActivity;

  @Field(() => Date, { description: 'When it was announced.' })
  at!: Date;

  @Field(() => Date, { nullable: true, description: 'When it lapses unless announced again; null for LEFT.' })
  expiresAt!: Date | null;
}
