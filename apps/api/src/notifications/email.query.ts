// The outbox as admins page through it: every email written to students, newest first.
import type { DeliveryStatus, EmailMessage as EmailRow, PrismaClient } from '@studentdesk/db';
import { newestFirst, pageRequest, paginate, type PageArgs } from '../relay/pagination.js';

const OUTBOX_ORDER = newestFirst<EmailRow>('emailOutbox');

export function listOutbox({ prisma }: { prisma: PrismaClient }, status: DeliveryStatus[] | null | undefined, page: PageArgs) {
  return paginate(pageRequest(page, OUTBOX_ORDER), (window) =>
    prisma.emailMessage.findMany({
      where: { ...(status?.length ? { status: { in: status } } : {}), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}
