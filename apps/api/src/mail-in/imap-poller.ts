// The second way in: a mailbox the desk reads (IMAP_URL), for schools whose mail stays in Microsoft
// 365 or Google (XOAUTH2 with IMAP_ACCESS_TOKEN) or any IMAP server. One sweep (background-work.ts)
// reads the unseen mail, takes each in (receive.ts) and then marks it seen or moves it to
// IMAP_PROCESSED_MAILBOX. The mailbox, UIDVALIDITY and UID of each message are recorded with it, and
// its Message-ID is unique, so a sweep that dies between taking a mail in and marking it takes it
// in once: the next sweep finds it recorded and only marks it.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { App } from '../context.js';
import { receiveEmail } from './receive.js';

/** Mails read per sweep; the rest wait for the next one, so one sweep stays short. */
const BATCH = 50;

export interface ImapTarget {
  options: ImapFlowOptions;
  mailbox: string;
}

/** imaps://user:password@host:993/INBOX → connection options; the access token, when given, replaces the password (XOAUTH2). */
export function imapTarget(url: string, accessToken?: string): ImapTarget {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  const user = decodeURIComponent(parsed.username);
  return {
    options: {
      host: parsed.hostname,
      port: Number(parsed.port) || (secure ? 993 : 143),
      secure,
      auth: accessToken ? { user, accessToken } : { user, pass: decodeURIComponent(parsed.password) },
      logger: false,
      // A plain imap:// URL means plain on purpose (a server on the same host); imaps:// checks the certificate.
      doSTARTTLS: secure ? undefined : false,
    },
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** One sweep: returns how many mails were taken in (duplicates included: they were marked). */
export async function pollImap(app: App, target: ImapTarget): Promise<number> {
  const settings = app.config.mailIn;
  const client = new ImapFlow(target.options);
  client.on('error', (error: unknown) => app.logger.warn({ err: error }, 'IMAP connection error'));
  await client.connect();
  let handled = 0;
  try {
    // The folder for processed mail is made on first use (an existing one is left as it is).
    if (settings.imapProcessedMailbox) await client.mailboxCreate(settings.imapProcessedMailbox);
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const mailbox = client.mailbox;
      const uidValidity = mailbox ? String(mailbox.uidValidity) : '0';
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of unseen.slice(0, BATCH)) {
        const imapKey = `${target.mailbox}:${uidValidity}:${uid}`;
        const known = await app.prisma.inboundEmail.findUnique({ where: { imapKey }, select: { id: true } });
        if (!known) {
          const header = await client.fetchOne(String(uid), { size: true }, { uid: true });
          if (!header) continue;
          const tooLarge = (header.size ?? 0) > settings.maxBytes;
          const message = await client.fetchOne(String(uid), tooLarge ? { headers: true } : { source: true }, { uid: true });
          if (!message) continue;
          const raw = tooLarge ? (message.headers ?? Buffer.alloc(0)) : (message.source ?? Buffer.alloc(0));
          await receiveEmail(app, {
            source: 'IMAP',
            raw,
            recipients: [],
            imapKey,
            ...(tooLarge ? { refusal: `It is larger than ${settings.maxBytes} bytes; only its headers were read.` } : {}),
          });
        }
        if (settings.imapProcessedMailbox) await client.messageMove(String(uid), settings.imapProcessedMailbox, { uid: true });
        else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        handled += 1;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return handled;
}
