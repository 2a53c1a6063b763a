import { DeliveryStatus, type EmailMessage as EmailRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../relay/pagination.js';
import { pageInfo } from '../relay/relay.types.js';
import { toGlobalId } from '../relay/global-id.js';
import * as emailPolicy from './email.policy.js';
import { EmailMessage, EmailMessageConnection } from './email.type.js';

type Cursor = [createdAt: string, id: string];
const isCursor = (values: unknown[]): values is Cursor => values.length === 2 && values.every((value) => typeof value === 'string');

@Resolver(() => EmailMessage)
export class EmailMessageResolver {
  @Query(() => EmailMessageConnection, { description: 'Admins: every email written to students, newest first (the outbox).' })
  async emailOutbox(
    @Ctx() ctx: Context,
    @Arg('status', () => [DeliveryStatus], { nullable: true, description: 'Only emails in these statuses.' })
    status?: DeliveryStatus[] | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last email seen.' }) after?: string | null,
  ): Promise<EmailMessageConnection> {
    enforce(emailPolicy.canRead(ctx.viewer));
    const size = pageSize(first);
    const cursor = after ? decodeCursor(after, isCursor) : null;
    const rows = await ctx.prisma.emailMessage.findMany({
      where: {
        ...(status?.length ? { status: { in: status } } : {}),
        ...(cursor ? { OR: [{ createdAt: { lt: new Date(cursor[0]) } }, { createdAt: new Date(cursor[0]), id: { lt: cursor[1] } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: size + 1,
    });
    const page = toPage(rows, size);
    const edges = page.rows.map((row) => ({ cursor: encodeCursor([row.createdAt.toISOString(), row.id]), node: row }));
    return {
      edges,
      pageInfo: pageInfo(
        edges.map((edge) => edge.cursor),
        page.hasNextPage,
      ),
    };
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The ticket it is about, as a global ID.' })
  ticketId(@Root() email: EmailRow): string | null {
    return email.ticketId ? toGlobalId('Ticket', email.ticketId) : null;
  }
}
