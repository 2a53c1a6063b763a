import { DeliveryStatus, EmailKind, type EmailMessage as EmailRow } from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { hideLinkTokens, LINK_TOKEN_PREFIX } from '../auth/link-tokens.js';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { PageArgs } from '../relay/pagination.js';
import { listOutbox } from './email.query.js';
import { toGlobalId } from '../relay/global-id.js';
import * as emailPolicy from './email.policy.js';
import { EmailMessage, EmailMessageConnection } from './email.type.js';

/** Emails whose link lets its reader into someone's account, by the prefix of the link's token. */
const PRIVATE_LINK_TOKENS: ReadonlyMap<EmailKind, string> = new Map([[EmailKind.PASSWORD_RESET, LINK_TOKEN_PREFIX.passwordReset]]);

@Resolver(() => EmailMessage)
export class EmailMessageResolver {
  @Query(() => EmailMessageConnection, { description: 'Admins: every email written to students, newest first (the outbox).' })
  async emailOutbox(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [DeliveryStatus], { nullable: true, description: 'Only emails in these statuses.' })
    status?: DeliveryStatus[] | null,
  ): Promise<EmailMessageConnection> {
    enforce(emailPolicy.canRead(ctx.viewer));
    return listOutbox(ctx, status, page);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The ticket it is about, as a global ID.' })
  ticketId(@Root() email: EmailRow): string | null {
    return email.ticketId ? toGlobalId('Ticket', email.ticketId) : null;
  }

  @FieldResolver(() => String, {
    description: 'The plain-text body, links included; a password reset’s link is hidden, as it would let the reader into the account.',
  })
  text(@Root() email: EmailRow): string {
    const prefix = PRIVATE_LINK_TOKENS.get(email.kind);
    return prefix ? hideLinkTokens(email.text, prefix) : email.text;
  }
}
