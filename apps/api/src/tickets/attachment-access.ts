// Who may see an attachment: whoever may read what it is on, under the conversation's own rules
// (ticket.policy.ts): a report's files with the ticket, a message's with the message (an internal
// note's only for staff working the ticket); a guest with the ticket's tracking code. An upload not
// yet on anything is its uploader's alone.
import type { Attachment as AttachmentRow } from '@studentdesk/db';
import { ALLOW, refuseViewer, type Decision, type Viewer } from '../auth/viewer.js';
import type { App } from '../context.js';
import { canRead, canReadMessage } from './ticket.policy.js';
import { openTrackingCode } from './tracking-code.js';

const notYours = (viewer: Viewer) =>
  refuseViewer(viewer, 'This attachment is not yours to see.', 'Sign in, or use the tracking link from your confirmation email.');

export async function attachmentAccess(
  app: App,
  viewer: Viewer,
  attachment: Pick<AttachmentRow, 'ticketId' | 'messageId' | 'uploaderId'>,
  request: { trackingCode?: string; clientAddress?: string },
): Promise<Decision> {
  if (!attachment.ticketId) return viewer.kind === 'user' && attachment.uploaderId === viewer.user.id ? ALLOW : notYours(viewer);
  const ticket = await app.prisma.ticket.findUnique({ where: { id: attachment.ticketId } });
  if (!ticket) return notYours(viewer);
  const grants = new Set<string>();
  if (request.trackingCode) {
    const opened = await openTrackingCode({ app, prisma: app.prisma, clientAddress: request.clientAddress }, request.trackingCode);
    if (opened) grants.add(opened);
  }
  if (!attachment.messageId) return canRead(viewer, ticket, grants);
  const message = await app.prisma.message.findUnique({ where: { id: attachment.messageId } });
  return message ? canReadMessage(viewer, message, ticket, grants) : notYours(viewer);
}
