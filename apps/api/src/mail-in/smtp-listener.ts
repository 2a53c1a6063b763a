// The first way in: an SMTP server (INBOUND_SMTP_PORT) the school's MX or mail gateway delivers
// the departments' mail to. Recipients are checked at RCPT (only departments' addresses, with or
// without a reply token: never a relay), the size at SIZE and while reading, STARTTLS offered when
// a certificate is configured, a flooding sender deferred. A mail is answered 250 only once it is recorded (receive.ts), so a
// failure is a 451 and the sender retries; a retry of a recorded mail is a duplicate, not a ticket.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { App } from '../context.js';
import { splitReplyAddress } from '../notifications/threading.js';
import { receiveEmail } from './receive.js';

export interface SmtpListener {
  port: number;
  close: () => Promise<void>;
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

export async function startSmtpListener(app: App, port: number): Promise<SmtpListener> {
  const settings = app.config.mailIn;
  const server = new SMTPServer({
    name: new URL(app.config.publicUrl).hostname,
    banner: 'StudentDesk',
    size: settings.maxBytes,
    authOptional: true,
    disabledCommands: settings.smtpTls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(settings.smtpTls ? { key: settings.smtpTls.key, cert: settings.smtpTls.cert } : {}),
    logger: false,
    onMailFrom(address: SMTPServerAddress, _session, callback) {
      const size = Number(address.args && (address.args as Record<string, string>).SIZE);
      if (size > settings.maxBytes) return callback(smtpError(`Message too large: at most ${settings.maxBytes} bytes`, 552));
      // Past the hourly limit mail is held, and held mail is kept whole: past twice the limit a
      // sender is told to come back later (a 4xx: their server keeps the mail and retries), so a
      // flood cannot fill the database. Nothing is lost.
      const sender = address.address.trim().toLowerCase();
      if (!sender) return callback();
      const anHourAgo = new Date(app.clock.now().getTime() - 3600_000);
      app.prisma.inboundEmail
        .count({ where: { fromAddress: sender, receivedAt: { gte: anHourAgo } } })
        .then((recent) =>
          callback(
            recent >= 2 * settings.perSenderPerHour ? smtpError('Too many messages from this sender; try again later', 451) : undefined,
          ),
        )
        .catch(() => callback(smtpError('Try again later', 451)));
    },
    onRcptTo(address, _session, callback) {
      const { address: bare } = splitReplyAddress(address.address);
      app.prisma.department
        .findMany({ where: { inboundAddress: { not: null }, archivedAt: null }, select: { inboundAddress: true } })
        .then((departments) => {
          const ours = departments.map((department) => department.inboundAddress!);
          if (ours.includes(bare)) return callback();
          const domain = bare.slice(bare.lastIndexOf('@') + 1);
          if (ours.some((known) => known.endsWith(`@${domain}`))) return callback(smtpError('No such mailbox here', 550));
          callback(smtpError('Relaying denied: not a domain this desk receives for', 554));
        })
        .catch(() => callback(smtpError('Try again later', 451)));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(`Message too large: at most ${settings.maxBytes} bytes`, 552));
        const mailFrom = session.envelope.mailFrom;
        receiveEmail(app, {
          source: 'SMTP',
          raw: Buffer.concat(chunks),
          recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
          envelopeFrom: mailFrom ? mailFrom.address : '',
        })
          .then(() => callback())
          .catch((error: unknown) => {
            app.logger.error({ err: error }, 'inbound email could not be recorded; the sender will retry');
            callback(smtpError('Try again later', 451));
          });
      });
    },
  });
  server.on('error', (error) => app.logger.warn({ err: error }, 'inbound SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, settings.smtpHost, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
