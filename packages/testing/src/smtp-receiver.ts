// A real SMTP server on loopback for email tests: it accepts every message and keeps it parsed.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { until } from './until.js';

export interface ReceivedEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID, In-Reply-To and References without brackets (absent when the email had none). */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  replyTo: string;
  /** Every header, names in lower case. */
  headers: Map<string, unknown>;
  /** The message as it arrived (after SMTP's dot-unstuffing), for checks on the bytes such as a DKIM signature. */
  raw: string;
}

export interface SmtpReceiver {
  url: string;
  received: ReceivedEmail[];
  /** Resolves with the first received email matching, waiting up to `timeoutMs`. */
  waitFor: (match: (email: ReceivedEmail) => boolean, timeoutMs?: number) => Promise<ReceivedEmail>;
  /** Makes the next `count` deliveries fail with a temporary error. */
  failNext: (count: number) => void;
  close: () => Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const received: ReceivedEmail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 })));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const arrived = new Promise<Buffer>((resolve, reject) => {
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      });
      arrived
        .then(async (raw) => ({ raw, mail: await simpleParser(raw) }))
        .then(({ raw, mail }) => {
          const to = Array.isArray(mail.to) ? mail.to.map((entry) => entry.text).join(', ') : (mail.to?.text ?? '');
          const bare = (id: string | undefined) => id?.replace(/^<|>$/g, '');
          const references = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
          received.push({
            from: mail.from?.text ?? '',
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: bare(mail.messageId),
            inReplyTo: bare(mail.inReplyTo),
            references: references.map((id) => bare(id)!),
            replyTo: mail.replyTo?.text ?? '',
            headers: mail.headers,
            raw: raw.toString('utf8'),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor: (match, timeoutMs = 10_000) =>
      until(
        () => received.find(match),
        timeoutMs,
        () => `a matching email; received: ${received.map((email) => email.subject).join(' | ')}`,
      ),
    failNext(count) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
