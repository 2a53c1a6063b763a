// How a ticket's emails stay one conversation in the student's mail client and come back to the
// right ticket: every outgoing email has its own Message-ID and points at the ticket's thread
// (In-Reply-To/References), and its Reply-To carries a token naming the ticket (it+<token>@…), so a
// reply whose client dropped the threading headers still lands on its ticket (mail-in/).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Prisma } from '@studentdesk/db';

type Tx = Prisma.TransactionClient;

/** The host our Message-IDs are made under: the desk's public host name. */
export const messageIdHost = (publicUrl: string) => new URL(publicUrl).hostname || 'studentdesk.local';

/** A new Message-ID, without the angle brackets (stored that way; mail headers add them). */
export const newMessageId = (publicUrl: string) => `${randomUUID()}@${messageIdHost(publicUrl)}`;

/** The thread every email of a ticket belongs to, even before the student has written any. */
export const ticketThreadId = (publicUrl: string, ticketId: string) => `ticket-${ticketId}@${messageIdHost(publicUrl)}`;

/** The angle-bracketed ids in a Message-ID, In-Reply-To or References header, without brackets. */
export function messageIdsIn(header: string | string[] | undefined | null): string[] {
  const text = Array.isArray(header) ? header.join(' ') : (header ?? '');
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  return bracketed.length > 0 ? bracketed : text.split(/\s+/).filter((id) => id.includes('@'));
}

/** Only the last ones of a long thread go out; enough to thread it, not a header of kilobytes. */
const MAX_REFERENCES = 10;

/**
 * In-Reply-To and References for the next email on a ticket: the thread's root, the student's
 * first and latest mail (when the ticket came by email) and our latest email.
 */
export async function threadHeaders(tx: Tx, publicUrl: string, ticketId: string): Promise<{ inReplyTo: string; references: string }> {
  const [first, latest, lastSent] = await Promise.all([
    tx.inboundEmail.findFirst({ where: { ticketId, status: 'ACCEPTED' }, orderBy: { receivedAt: 'asc' }, select: { messageId: true } }),
    tx.inboundEmail.findFirst({ where: { ticketId, status: 'ACCEPTED' }, orderBy: { receivedAt: 'desc' }, select: { messageId: true } }),
    tx.emailMessage.findFirst({
      where: { ticketId, messageId: { not: null } },
      orderBy: { createdAt: 'desc' },
      select: { messageId: true },
    }),
  ]);
  const chain = [ticketThreadId(publicUrl, ticketId), first?.messageId, lastSent?.messageId, latest?.messageId].filter((id): id is string =>
    Boolean(id),
  );
  const references = [...new Set(chain)].slice(-MAX_REFERENCES);
  return { inReplyTo: latest?.messageId ?? lastSent?.messageId ?? references[0]!, references: references.join(' ') };
}

// The token: the ticket's id and an HMAC of it, both base 36 so they survive mail systems that
// lower-case local parts, short enough that "finaid+<token>" stays within 64 characters.
const ID_CHARS = 25;
const MAC_BYTES = 15;
const MAC_CHARS = 24;

const base36 = (bytes: Buffer, length: number) =>
  BigInt(`0x${bytes.toString('hex')}`)
    .toString(36)
    .padStart(length, '0');

function mac(secret: Uint8Array, ticketId: string): string {
  return base36(createHmac('sha256', secret).update(`reply-token:${ticketId}`).digest().subarray(0, MAC_BYTES), MAC_CHARS);
}

/** The token naming a ticket in a reply address; only the server (AUTH_SECRET) can make one. */
export function replyToken(secret: Uint8Array, ticketId: string): string {
  return base36(Buffer.from(ticketId.replace(/-/g, ''), 'hex'), ID_CHARS) + mac(secret, ticketId);
}

/** The ticket a token names, or null when it is malformed or was not made with this secret. */
export function ticketIdOfReplyToken(secret: Uint8Array, token: string): string | null {
  const lower = token.toLowerCase();
  if (!/^[0-9a-z]+$/.test(lower) || lower.length !== ID_CHARS + MAC_CHARS) return null;
  let value: bigint;
  try {
    value = [...lower.slice(0, ID_CHARS)].reduce((sum, char) => sum * 36n + BigInt(parseInt(char, 36)), 0n);
  } catch {
    return null;
  }
  const hex = value.toString(16).padStart(32, '0');
  if (hex.length !== 32) return null;
  const ticketId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const [given, expected] = [Buffer.from(lower.slice(ID_CHARS)), Buffer.from(mac(secret, ticketId))];
  return given.length === expected.length && timingSafeEqual(given, expected) ? ticketId : null;
}

/** it@school.edu and a token → it+<token>@school.edu. */
export function replyAddress(departmentAddress: string, token: string): string {
  const at = departmentAddress.lastIndexOf('@');
  return `${departmentAddress.slice(0, at)}+${token}${departmentAddress.slice(at)}`;
}

/** it+<token>@school.edu → { address: it@school.edu, token }; no "+" → the address alone. */
export function splitReplyAddress(address: string): { address: string; token: string | null } {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  if (at < 0 || plus < 0) return { address: lower, token: null };
  return { address: `${local.slice(0, plus)}${lower.slice(at)}`, token: local.slice(plus + 1) };
}
