// Email in, end to end with real servers: the API's SMTP listener on a free port, the outbound
// SMTP receiver, and a real IMAP server (Dovecot) the API polls. A student mails the IT address, a
// ticket appears in IT, the staff reply reaches the student threaded, an out-of-office reply
// creates nothing, and the student's answer comes back through IMAP onto the same ticket.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSchool,
  DATABASE_KINDS,
  freePort,
  type ImapServer,
  type School,
  type SmtpReceiver,
  startImapServer,
  startSmtpReceiver,
  until,
} from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const PUBLIC_URL = 'https://desk.school.test';

describe.each(DATABASE_KINDS)('email in on %s', (kind) => {
  let outbound: SmtpReceiver;
  let imap: ImapServer;
  let api: TestApi;
  let school: School;
  let inboundPort: number;
  let sending: Transporter;

  const send = (message: SendMailOptions) => sending.sendMail(message);
  const ticketOf = (messageId: string) =>
    until(() => api.db.prisma.inboundEmail.findUnique({ where: { messageId } }), 15_000, `the inbound email ${messageId} to be recorded`);

  beforeAll(async () => {
    outbound = await startSmtpReceiver();
    imap = await startImapServer();
    inboundPort = await freePort();
    api = await startTestApi(kind, {
      SMTP_URL: outbound.url,
      EMAIL_POLL_MS: '100',
      PUBLIC_URL,
      EMAIL_FROM: 'Help Desk <desk@school.test>',
      INBOUND_SMTP_PORT: String(inboundPort),
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_MAX_BYTES: String(200 * 1024),
      IMAP_URL: imap.url,
      IMAP_POLL_MS: '200',
      INBOUND_PER_SENDER_PER_HOUR: '4',
    });
    school = await createSchool(api);
    await api.db.prisma.department.update({ where: { id: school.departments.it.id }, data: { inboundAddress: 'it@school.test' } });
    await api.db.prisma.department.update({
      where: { id: school.departments.finance.id },
      data: { inboundAddress: 'finaid@school.test' },
    });
    sending = nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    sending?.close();
    await api?.close();
    await imap?.close();
    await outbound?.close();
  });

  it('turns a mail into a ticket, threads the reply, ignores an auto-reply and takes the answer in through IMAP', async () => {
    const alice = school.users.alice;
    const firstId = `first-${kind}@mail.student.test`;
    await send({
      from: `Alice Student <${alice.email}>`,
      to: 'it@school.test',
      subject: 'The printer on floor 2 is offline',
      text: 'It shows a red light since this morning.\n\n-- \nAlice, 2nd year',
      messageId: `<${firstId}>`,
    });
    const first = await ticketOf(firstId);
    expect(first).toMatchObject({ status: 'ACCEPTED', source: 'SMTP', toAddress: 'it@school.test' });
    const ticket = await api.db.prisma.ticket.findUniqueOrThrow({ where: { id: first.ticketId! } });
    expect(ticket).toMatchObject({
      departmentId: school.departments.it.id,
      channel: 'EMAIL',
      requesterId: alice.id,
      title: 'The printer on floor 2 is offline',
      description: 'It shows a red light since this morning.',
    });
    expect(first.originalText).toContain('Alice, 2nd year');
    const TICKET_ORIGINAL = 'query($id: ID!) { ticket(id: $id) { description originalEmailText } }';
    const shown = await api.gql(TICKET_ORIGINAL, { id: toGlobalId('Ticket', ticket.id) }, { token: school.tokens.staff });
    expect(shown.data!.ticket.originalEmailText).toContain('Alice, 2nd year');

    await api.gql(
      REPLY,
      { input: { ticketId: toGlobalId('Ticket', ticket.id), body: 'Restarted it. Better?' } },
      { token: school.tokens.staff },
    );
    const staffReply = await outbound.waitFor((email) => email.to === alice.email && email.text.includes('Restarted it.'), 15_000);
    expect(staffReply.inReplyTo).toBe(firstId);
    expect(staffReply.references).toContain(firstId);
    const replyTo = /<?([^<>\s]+@[^<>\s]+)>?$/.exec(staffReply.replyTo)![1]!;
    expect(replyTo).toMatch(/^it\+[0-9a-z]{49}@school\.test$/);

    // Her vacation responder answers first: recorded, held with its reason, and nothing else.
    const autoId = `auto-${kind}@mail.student.test`;
    await imap.deliver(
      [
        `From: Alice Student <${alice.email}>`,
        `To: ${replyTo}`,
        `Subject: Out of office: ${staffReply.subject}`,
        `Message-ID: <${autoId}>`,
        `In-Reply-To: <${staffReply.messageId}>`,
        'Auto-Submitted: auto-replied',
        '',
        'I am away until Monday.',
        '',
      ].join('\r\n'),
    );
    // Then her answer, quoting the staff reply below it.
    const answerId = `answer-${kind}@mail.student.test`;
    await imap.deliver(
      [
        `From: Alice Student <${alice.email}>`,
        `To: ${replyTo}`,
        `Subject: Re: ${staffReply.subject}`,
        `Message-ID: <${answerId}>`,
        `In-Reply-To: <${staffReply.messageId}>`,
        `References: <${firstId}> <${staffReply.messageId}>`,
        '',
        'Yes, it prints again. Thank you!',
        '',
        'On Mon, 7 Dec 2026 at 10:00, Help Desk <desk@school.test> wrote:',
        '> Restarted it. Better?',
        '',
      ].join('\r\n'),
    );
    const answer = await ticketOf(answerId);
    expect(answer).toMatchObject({ status: 'ACCEPTED', source: 'IMAP', ticketId: ticket.id });
    expect(answer.originalText).toContain('> Restarted it. Better?');
    const conversation = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on Message { body originalEmailText } } }',
      { id: toGlobalId('Message', answer.messageRowId!) },
      { token: school.tokens.staff },
    );
    expect(conversation.data!.node).toEqual({
      body: 'Yes, it prints again. Thank you!',
      originalEmailText: expect.stringContaining('> Restarted it. Better?'),
    });
    const auto = await ticketOf(autoId);
    expect(auto).toMatchObject({ status: 'HELD', ticketId: null, reason: expect.stringContaining('Auto-Submitted: auto-replied') });

    const messages = await api.db.prisma.message.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((message) => [message.authorId, message.body])).toEqual([
      [school.users.staff.id, 'Restarted it. Better?'],
      [alice.id, 'Yes, it prints again. Thank you!'],
    ]);
    expect(await api.db.prisma.ticket.count({ where: { channel: 'EMAIL' } })).toBe(1);
    // Processed mail is marked seen in the mailbox.
    await until(async () => (await imap.messages()).every((message) => message.seen), 10_000, 'the mailbox to be marked seen');
    // Nothing was sent in answer to the auto-reply: only the staff reply went to her.
    expect(outbound.received.filter((email) => email.to === alice.email)).toHaveLength(1);

    // The mailbox read again from the start (marked unseen): every mail is known by its UID, nothing is taken in twice.
    await imap.markAllUnseen();
    await until(async () => (await imap.messages()).every((message) => message.seen), 10_000, 'the mailbox to be marked seen again');
    expect(await api.db.prisma.message.count({ where: { ticketId: ticket.id } })).toBe(2);
    expect(await api.db.prisma.inboundEmail.count({ where: { source: 'IMAP' } })).toBe(2);

    // The same mail again (a sender's retry after a lost 250): one ticket, one message still.
    await send({
      from: alice.email,
      to: 'it@school.test',
      subject: 'The printer on floor 2 is offline',
      text: 'It shows a red light since this morning.',
      messageId: `<${firstId}>`,
    });
    expect(await api.db.prisma.inboundEmail.count({ where: { messageId: firstId } })).toBe(1);
    expect(await api.db.prisma.ticket.count({ where: { channel: 'EMAIL' } })).toBe(1);
  });

  it('makes a guest report of a stranger’s mail and mails the tracking link back', async () => {
    const id = `guest-${kind}@elsewhere.test`;
    await send({
      from: 'Gil Guest <gil@elsewhere.test>',
      to: 'finaid@school.test',
      subject: 'My grant',
      text: 'Was it paid?',
      messageId: `<${id}>`,
    });
    const row = await ticketOf(id);
    const ticket = await api.db.prisma.ticket.findUniqueOrThrow({ where: { id: row.ticketId! } });
    expect(ticket).toMatchObject({ departmentId: school.departments.finance.id, requesterId: null, contactEmail: 'gil@elsewhere.test' });
    const tracking = await outbound.waitFor((email) => email.to === 'gil@elsewhere.test', 15_000);
    expect(tracking.text).toContain(`${PUBLIC_URL}/track/`);
  });

  it('refuses at RCPT what is not a department’s address, and never relays', async () => {
    await expect(send({ from: 'x@elsewhere.test', to: 'nobody@school.test', subject: 'x', text: 'x' })).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(send({ from: 'x@elsewhere.test', to: 'victim@example.org', subject: 'x', text: 'x' })).rejects.toMatchObject({
      responseCode: 554,
    });
    await expect(
      send({ from: 'x@elsewhere.test', to: 'it@school.test', subject: 'big', text: 'x'.repeat(300 * 1024) }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });

  it('routes a reply by its token alone, by its thread alone, and holds one from a stranger', async () => {
    const bob = school.users.bob;
    const firstId = `bob-${kind}@mail.student.test`;
    await send({ from: bob.email, to: 'it@school.test', subject: 'Wi-Fi in the library', text: 'It drops.', messageId: `<${firstId}>` });
    const ticketId = (await ticketOf(firstId)).ticketId!;
    await api.gql(REPLY, { input: { ticketId: toGlobalId('Ticket', ticketId), body: 'Which floor?' } }, { token: school.tokens.staff });
    const staffReply = await outbound.waitFor((email) => email.to === bob.email && email.text.includes('Which floor?'), 15_000);
    const replyTo = /<?([^<>\s]+@[^<>\s]+)>?$/.exec(staffReply.replyTo)![1]!;

    // A client that dropped the threading headers and changed the subject: the token still names the ticket.
    const tokenOnly = `token-${kind}@mail.student.test`;
    await send({ from: bob.email, to: replyTo, subject: 'floor', text: 'Third floor.', messageId: `<${tokenOnly}>` });
    expect(await ticketOf(tokenOnly)).toMatchObject({ status: 'ACCEPTED', ticketId });
    // Sent to the plain address, answering the staff email: the thread names it.
    const threadOnly = `thread-${kind}@mail.student.test`;
    await send({
      from: bob.email,
      to: 'it@school.test',
      subject: 'Re: Wi-Fi',
      text: 'Since Monday.',
      messageId: `<${threadOnly}>`,
      inReplyTo: `<${staffReply.messageId}>`,
    });
    expect(await ticketOf(threadOnly)).toMatchObject({ status: 'ACCEPTED', ticketId });
    // Someone else holding the reply address may not write on Bob's ticket.
    const stranger = `stranger-${kind}@elsewhere.test`;
    await send({ from: 'eve@elsewhere.test', to: replyTo, subject: 'Re: Wi-Fi', text: 'Let me in.', messageId: `<${stranger}>` });
    expect(await ticketOf(stranger)).toMatchObject({ status: 'HELD', ticketId: null, reason: expect.stringContaining('not the reporter') });
    const bodies = await api.db.prisma.message.findMany({ where: { ticketId }, orderBy: { createdAt: 'asc' }, select: { body: true } });
    expect(bodies.map((message) => message.body)).toEqual(['Which floor?', 'Third floor.', 'Since Monday.']);
  });

  it('holds what one sender sends past the hourly limit, and defers them past twice the limit', async () => {
    const ids = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `rapid-${n}-${kind}@elsewhere.test`);
    for (const [n, id] of ids.entries())
      await send({
        from: `rapid-${kind}@elsewhere.test`,
        to: 'it@school.test',
        subject: `Problem ${n}`,
        text: 'Help.',
        messageId: `<${id}>`,
      });
    const rows = await Promise.all(ids.map(ticketOf));
    expect(rows.map((row) => row.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'HELD', 'HELD', 'HELD', 'HELD']);
    expect(rows[4]!.reason).toContain('More than 4 mails from this sender in an hour');
    // The ninth is not taken at all: the sender's server is told to retry later, so nothing is stored or lost.
    await expect(
      send({
        from: `rapid-${kind}@elsewhere.test`,
        to: 'it@school.test',
        subject: 'Problem 9',
        text: 'Help.',
        messageId: `<rapid-9-${kind}@elsewhere.test>`,
      }),
    ).rejects.toMatchObject({ responseCode: 451 });
    expect(await api.db.prisma.inboundEmail.count({ where: { fromAddress: `rapid-${kind}@elsewhere.test` } })).toBe(8);
  });

  it('holds strangers’ mail where the department says so, for an admin to release or discard', async () => {
    const set = await api.gql(
      'mutation($input: DepartmentEmailInput!) { setDepartmentEmail(input: $input) { inboundAddress holdUnknownSenders } }',
      {
        input: {
          departmentId: toGlobalId('Department', school.departments.finance.id),
          inboundAddress: 'FinAid@School.test',
          holdUnknownSenders: true,
        },
      },
      { token: school.tokens.admin },
    );
    expect(set.data!.setDepartmentEmail).toEqual({ inboundAddress: 'finaid@school.test', holdUnknownSenders: true });
    const [keep, drop] = [`keep-${kind}@elsewhere.test`, `drop-${kind}@elsewhere.test`];
    await send({ from: 'kim@elsewhere.test', to: 'finaid@school.test', subject: 'Refund', text: 'Where is it?', messageId: `<${keep}>` });
    await send({ from: 'spam@elsewhere.test', to: 'finaid@school.test', subject: 'Offer', text: 'Buy now.', messageId: `<${drop}>` });
    const [kept, dropped] = [await ticketOf(keep), await ticketOf(drop)];
    expect(kept).toMatchObject({ status: 'HELD', reason: expect.stringContaining('not a known student') });

    const HELD = '{ inboundEmails(status: [HELD], first: 50) { edges { node { id subject reason } } } }';
    const held = await api.gql(HELD, {}, { token: school.tokens.admin });
    const subjects = held.data!.inboundEmails.edges.map((edge: { node: { subject: string } }) => edge.node.subject);
    expect(subjects).toEqual(expect.arrayContaining(['Refund', 'Offer']));

    const released = await api.gql(
      'mutation($id: ID!) { releaseInboundEmail(id: $id) { status reason } }',
      { id: toGlobalId('InboundEmail', kept.id) },
      { token: school.tokens.admin },
    );
    expect(released.data!.releaseInboundEmail).toEqual({ status: 'ACCEPTED', reason: null });
    const ticket = await api.db.prisma.ticket.findFirstOrThrow({ where: { contactEmail: 'kim@elsewhere.test' } });
    expect(ticket).toMatchObject({ departmentId: school.departments.finance.id, channel: 'EMAIL', title: 'Refund' });

    const discarded = await api.gql(
      'mutation($id: ID!) { discardInboundEmail(id: $id) { status } }',
      { id: toGlobalId('InboundEmail', dropped.id) },
      { token: school.tokens.admin },
    );
    expect(discarded.data!.discardInboundEmail).toEqual({ status: 'DISCARDED' });
    expect(await api.db.prisma.ticket.count({ where: { contactEmail: 'spam@elsewhere.test' } })).toBe(0);
    // Decided once: a second release is refused.
    const again = await api.gql(
      'mutation($id: ID!) { releaseInboundEmail(id: $id) { status } }',
      { id: toGlobalId('InboundEmail', kept.id) },
      { token: school.tokens.admin },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
