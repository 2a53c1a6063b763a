// Mail no person wrote: vacation replies, bounces and delivery reports, mailing lists. None of it
// may become a ticket or a reply, or two desks (or a desk and a vacation responder) would answer
// each other for ever. The signs, per RFC 3834 and what Exchange, Gmail and list servers send.

export interface MailSigns {
  /** Raw header lines as received, names in any case. */
  headerLines: ReadonlyArray<{ key: string; line: string }>;
  contentType: string;
  fromAddress: string;
  /** SMTP's MAIL FROM; empty for a bounce. Undefined when unknown (IMAP). */
  envelopeFrom?: string;
}

const headerValue = (line: string) => line.slice(line.indexOf(':') + 1).trim();

/** Why this mail is automatic, in words an admin reads; null when a person seems to have written it. */
export function automaticMailReason(mail: MailSigns): string | null {
  const headers = new Map<string, string>();
  for (const { key, line } of mail.headerLines) if (!headers.has(key.toLowerCase())) headers.set(key.toLowerCase(), headerValue(line));
  const autoSubmitted = headers.get('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return `Automatic mail (Auto-Submitted: ${autoSubmitted})`;
  const precedence = headers.get('precedence')?.toLowerCase();
  if (precedence && ['bulk', 'list', 'junk', 'auto_reply'].includes(precedence)) return `Bulk or list mail (Precedence: ${precedence})`;
  if (headers.has('x-auto-response-suppress')) return 'Automatic mail (X-Auto-Response-Suppress)';
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'Automatic reply (X-Autoreply)';
  if (headers.has('list-id')) return `Mailing list mail (List-Id: ${headers.get('list-id')})`;
  if (/^<\s*>$/.test(headers.get('return-path') ?? '') || mail.envelopeFrom === '') return 'Bounce (empty Return-Path)';
  if (/^multipart\/report\b/i.test(mail.contentType)) return 'Delivery or read report (multipart/report)';
  if (/^(mailer-daemon|postmaster)@/i.test(mail.fromAddress)) return `Bounce (from ${mail.fromAddress})`;
  return null;
}
