// Outgoing ticket email as a mail client sees it, received by a real SMTP server on loopback:
// threaded (Message-ID, In-Reply-To, References), answerable onto the ticket (a Reply-To token),
// HTML and text, List-Unsubscribe on reminders, and DKIM-signed when a key is configured.
import { createHash, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, DATABASE_KINDS, type School, type SmtpReceiver, startSmtpReceiver } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';
import { parseGlobalId } from '../relay/global-id.js';
import { queueRatingReminders } from '../tickets/ticket.notifications.js';
import { emailHtml } from './email.html.js';
import { messageIdsIn, replyToken, splitReplyAddress, ticketIdOfReplyToken } from './threading.js';

const secret = new TextEncoder().encode('a secret of the test');

/**
 * Checks a DKIM-Signature (rsa-sha256, relaxed/relaxed, RFC 6376 §3.4.2, §3.4.4, §3.7) against the
 * public key, as a receiving server would after looking the key up in DNS.
 */
function dkimVerifies(raw: string, publicKey: KeyObject): boolean {
  const split = raw.indexOf('\r\n\r\n');
  const fields = raw.slice(0, split).split(/\r\n(?=[^ \t])/);
  const relaxedField = (field: string) =>
    `${field.slice(0, field.indexOf(':')).trim().toLowerCase()}:${field
      .slice(field.indexOf(':') + 1)
      .replace(/\r\n/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim()}`;
  const signature = fields.find((field) => /^dkim-signature:/i.test(field))!;
  const tags = Object.fromEntries(
    signature
      .slice(signature.indexOf(':') + 1)
      .replace(/\s+/g, '')
      .split(';')
      .filter(Boolean)
      .map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)]),
  ) as Record<string, string>;
  if (tags.a !== 'rsa-sha256' || tags.c !== 'relaxed/relaxed') return false;
  const body = `${raw
    .slice(split + 4)
    .split('\r\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
    .join('\r\n')
    .replace(/(\r\n)+$/, '')}\r\n`;
  if (createHash('sha256').update(body).digest('base64') !== tags.bh) return false;
  // Each named field once, from the bottom up, as the signer took them.
  const unused = [...fields];
  const signed = tags.h!.split(':').flatMap((name) => {
    const index = unused.findLastIndex((field) => field.slice(0, field.indexOf(':')).trim().toLowerCase() === name.toLowerCase());
    return index < 0 ? [] : [`${relaxedField(unused.splice(index, 1)[0]!)}\r\n`];
  });
  const unsigned = relaxedField(signature).replace(/([;:]\s*b=)[^;]*/, '$1');
  return verify('RSA-SHA256', Buffer.from(signed.join('') + unsigned), publicKey, Buffer.from(tags.b!, 'base64'));
}
const TICKET = '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091';

describe('reply tokens', () => {
  it('name their ticket and only verify with the secret that made them', () => {
    const token = replyToken(secret, TICKET);
    expect(token).toMatch(/^[0-9a-z]{49}$/);
    expect(`finaid+${token}`.length).toBeLessThanOrEqual(64);
    expect(ticketIdOfReplyToken(secret, token)).toBe(TICKET);
    // Mail systems may change the case of a local part.
    expect(ticketIdOfReplyToken(secret, token.toUpperCase())).toBe(TICKET);
    expect(ticketIdOfReplyToken(new TextEncoder().encode('another secret'), token)).toBeNull();
    const forged = token.slice(0, 25) + replyToken(secret, '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8092').slice(25);
    expect(ticketIdOfReplyToken(secret, forged)).toBeNull();
    expect(ticketIdOfReplyToken(secret, 'hello')).toBeNull();
  });

  it('split from the department address they were added to', () => {
    expect(splitReplyAddress('IT+abc@School.edu')).toEqual({ address: 'it@school.edu', token: 'abc' });
    expect(splitReplyAddress('it@school.edu')).toEqual({ address: 'it@school.edu', token: null });
    expect(messageIdsIn('<a@x> <b@y>\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
  });
});

describe('the HTML version', () => {
  it('escapes what the text holds and links only web addresses, in the school’s colours', () => {
    const html = emailHtml('Subject', 'Hi <b>there</b>\n\nSee https://desk.school.test/track/x?a=1&b=2', {
      name: 'Nova & Co',
      primaryColor: '#112233',
      accentColor: 'red;background:url(x)',
    });
    expect(html).toContain('Hi &lt;b&gt;there&lt;/b&gt;');
    expect(html).toContain('Nova &amp; Co');
    expect(html).toContain('background:#112233');
    expect(html).not.toContain('url(x)');
    expect(html).toContain('<a href="https://desk.school.test/track/x?a=1&amp;b=2"');
  });
});

describe('outgoing ticket email', () => {
  const PUBLIC_URL = 'https://desk.school.test';
  let smtp: SmtpReceiver;
  let api: TestApi;
  let school: School;
  let publicKey: KeyObject;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privateKey = keys.privateKey;
    publicKey = keys.publicKey;
    api = await startTestApi(DATABASE_KINDS.includes('postgresql') ? 'postgresql' : 'pglite', {
      SMTP_URL: smtp.url,
      EMAIL_POLL_MS: '100',
      PUBLIC_URL,
      EMAIL_FROM: 'Help Desk <desk@school.test>',
      DKIM_DOMAIN: 'school.test',
      DKIM_SELECTOR: 'desk2026',
      DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    school = await createSchool(api);
    await api.db.prisma.department.update({ where: { id: school.departments.it.id }, data: { inboundAddress: 'it@school.test' } });
    await api.db.prisma.school.upsert({
      where: { id: 1 },
      create: { name: 'Nova University', timeZone: 'UTC', primaryColor: '#0b3d91', accentColor: '#c8102e' },
      update: {},
    });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('threads every email of a ticket, with a Reply-To that names the ticket, signed and in HTML', async () => {
    const contactEmail = 'threaded@student.test';
    const report = await api.gql(REPORT_PROBLEM, {
      input: { categoryId: school.categoryIds.login, title: 'VPN drops', description: 'Every hour.', contactName: 'Tia', contactEmail },
    });
    const ticketId = parseGlobalId(report.data!.reportProblem.ticket.id)!.id;
    await api.gql(
      REPLY,
      { input: { ticketId: report.data!.reportProblem.ticket.id, body: 'Which client?' } },
      { token: school.tokens.staff },
    );
    const first = await smtp.waitFor((email) => email.to === contactEmail && email.subject.includes('We received'));
    const reply = await smtp.waitFor((email) => email.to === contactEmail && email.subject.includes('replied'));

    const stored = await api.db.prisma.emailMessage.findMany({ where: { ticketId }, orderBy: { createdAt: 'asc' } });
    expect(stored.map((row) => row.messageId)).toEqual([first.messageId, reply.messageId]);
    const root = `ticket-${ticketId}@desk.school.test`;
    expect(first.inReplyTo).toBe(root);
    expect(reply.inReplyTo).toBe(first.messageId);
    expect(reply.references).toEqual([root, first.messageId]);

    const to = splitReplyAddress(/<?([^<>\s]+@[^<>\s]+)>?$/.exec(reply.replyTo)![1]!);
    expect(to.address).toBe('it@school.test');
    expect(ticketIdOfReplyToken(new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256'), to.token!)).toBe(ticketId);

    expect(reply.text).toContain('Which client?');
    expect(reply.html).toContain('Which client?');
    expect(reply.html).toContain('Nova University');
    expect(reply.html).toContain('#0b3d91');
    expect(String(reply.headers.get('auto-submitted'))).toBe('auto-generated');
    const dkim = reply.headers.get('dkim-signature') as { value: string; params: Record<string, string> };
    expect(dkim.params).toMatchObject({ d: 'school.test', s: 'desk2026' });
    expect(dkimVerifies(reply.raw, publicKey)).toBe(true);
    // The check can fail: a changed byte in the body breaks the signature.
    expect(dkimVerifies(reply.raw.replace('Which client?', 'Which client!'), publicKey)).toBe(false);
    expect(reply.headers.get('list')).toBeUndefined();
  });

  it('offers List-Unsubscribe on the rating reminder', async () => {
    const contactEmail = 'reminded@student.test';
    const report = await api.gql(REPORT_PROBLEM, {
      input: { categoryId: school.categoryIds.login, title: 'Printer', description: 'Jammed.', contactName: 'Rui', contactEmail },
    });
    const ticketId = parseGlobalId(report.data!.reportProblem.ticket.id)!.id;
    const resolvedAt = new Date(Date.now() - 49 * 3600_000);
    await api.db.prisma.ticket.update({ where: { id: ticketId }, data: { status: 'RESOLVED', resolvedAt } });
    await queueRatingReminders(api.db.prisma, PUBLIC_URL, new Date());
    const reminder = await smtp.waitFor((email) => email.to === contactEmail && email.subject.includes('rate our help'));
    expect(reminder.headers.get('list')).toMatchObject({ unsubscribe: { mail: 'desk@school.test?subject=unsubscribe' } });
  });
});
