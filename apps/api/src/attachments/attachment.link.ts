// Referencing uploads from a report or a message, inside the transaction that writes it: each one
// must exist, be the caller's own (a person's, or a guest's by upload token) and be on nothing yet.
// One guarded UPDATE claims them all, so two messages can never share an upload.
import type { Prisma } from '@studentdesk/db';
import { badInput } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { hashUploadToken, isUploadToken } from './upload-token.js';

export interface AttachmentReferences {
  /** Global IDs the upload answered with, in the order they are shown. */
  attachmentIds?: readonly string[] | null;
  /** A guest's upload token (absent for people signed in). */
  uploadToken?: string | null;
}

const FIELD = 'attachmentIds';

/** The database ids behind the references, checked for shape and count before anything is written. */
export function referencedIds(references: AttachmentReferences, maxPerMessage: number): string[] {
  const ids = [...new Set((references.attachmentIds ?? []).map((id) => fromGlobalId(id, 'Attachment', FIELD)))];
  if (ids.length > maxPerMessage) throw badInput(`Attach at most ${maxPerMessage} files to one message.`, FIELD);
  return ids;
}

/**
 * Links the uploads to the ticket (a report) or to one of its messages; BAD_USER_INPUT, undoing the
 * whole write, when one of them is unknown, someone else's or already used.
 */
export async function linkAttachments(
  tx: Prisma.TransactionClient,
  ids: readonly string[],
  uploader: { userId: string | null; uploadToken?: string | null },
  target: { ticketId: string; messageId?: string | null },
): Promise<void> {
  if (!ids.length) return;
  let owner: Prisma.AttachmentWhereInput;
  if (uploader.userId) owner = { uploaderId: uploader.userId };
  else if (isUploadToken(uploader.uploadToken)) owner = { uploaderId: null, uploadTokenHash: hashUploadToken(uploader.uploadToken) };
  else throw badInput('Send the uploadToken your uploads were given with the files you attach.', 'uploadToken');
  const { count } = await tx.attachment.updateMany({
    where: { id: { in: [...ids] }, ticketId: null, ...owner },
    data: { ticketId: target.ticketId, messageId: target.messageId ?? null },
  });
  if (count !== ids.length)
    throw badInput('An attachment was not found, is not yours, or is already on another message. Upload it again.', FIELD);
}
