// "Lost my link", from outside: a fresh link reaches the reporter's inbox through real SMTP and
// opens the ticket; a wrong pair gets the same answer and no email; callers and inboxes are capped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School, type SmtpReceiver, startSmtpReceiver, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM, TRACK_TICKET } from '../test/operations.js';

const REQUEST_LINK = 'mutation($email: String!, $number: String!) { requestTicketLink(email: $email, ticketNumber: $number) }';
const EMAILS_PER_RECIPIENT = 2;
const REQUESTS_PER_ADDRESS = 8;
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

describe('a fresh tracking link by email', () => {
  let smtp: SmtpReceiver;
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi('postgresql', {
      SMTP_URL: smtp.url,
      EMAIL_POLL_MS: '100',
      TRUST_PROXY: '1',
      TICKET_LINK_EMAILS_PER_RECIPIENT_PER_HOUR: String(EMAILS_PER_RECIPIENT),
      TICKET_LINK_REQUESTS_PER_ADDRESS_PER_HOUR: String(REQUESTS_PER_ADDRESS),
    });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const guestReport = async (contactEmail: string) => {
    const reported = await api.gql(REPORT_PROBLEM, {
      input: { categoryId: school.categoryIds.login, title: 'Cannot print', description: 'Card reader.', contactName: 'Lee', contactEmail },
    });
    return reported.data!.reportProblem as { trackingCode: string; ticket: { id: string; number: string } };
  };
  const linkEmails = (to: string) => smtp.received.filter((email) => email.to === to && email.subject.startsWith('Your link to'));

  it('mails the reporter a link that opens the ticket, whatever the case of the address; the old link still works', async () => {
    const { trackingCode, ticket } = await guestReport('lee.wong@outside.test');
    // As a student types it: the address in another case, the number without its prefix.
    const asked = await api.gql(
      REQUEST_LINK,
      { email: '  Lee.Wong@Outside.test ', number: ticket.number.replace('SD-', '') },
      from('198.51.100.10'),
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data).toEqual({ requestTicketLink: true });

    await until(() => linkEmails('lee.wong@outside.test').length === 1, 10_000, 'the link email');
    const [email] = linkEmails('lee.wong@outside.test');
    expect(email!.subject).toBe(`Your link to ${ticket.number}`);
    expect(email!.text).not.toContain('Cannot print');
    const freshCode = /\/track\/(sdt_[\w-]+)/.exec(email!.text)![1]!;
    expect(freshCode).not.toBe(trackingCode);
    for (const code of [freshCode, trackingCode]) {
      expect((await api.gql(TRACK_TICKET, { code })).data!.trackTicket.id).toBe(ticket.id);
    }
  });

  it('answers a wrong address or number the same way, and mails nothing', async () => {
    const { ticket } = await guestReport('sam.kay@outside.test');
    const answers = await Promise.all([
      api.gql(REQUEST_LINK, { email: 'someone.else@outside.test', number: ticket.number }, from('198.51.100.11')),
      api.gql(REQUEST_LINK, { email: 'sam.kay@outside.test', number: `${ticket.number}0` }, from('198.51.100.11')),
    ]);
    expect(answers.map((answer) => answer.data)).toEqual([{ requestTicketLink: true }, { requestTicketLink: true }]);
    const written = await api.db.prisma.emailMessage.count({
      where: { kind: 'TICKET_LINK', toAddress: { in: ['someone.else@outside.test', 'sam.kay@outside.test'] } },
    });
    expect(written).toBe(0);
  });

  it(`writes at most ${EMAILS_PER_RECIPIENT} links to one inbox an hour, and refuses a caller after ${REQUESTS_PER_ADDRESS} requests`, async () => {
    const { ticket } = await guestReport('kim.lo@outside.test');
    const ask = (address: string) => api.gql(REQUEST_LINK, { email: 'kim.lo@outside.test', number: ticket.number }, from(address));
    for (let attempt = 0; attempt < 4; attempt += 1) expect(codes(await ask(`203.0.113.${attempt}`))).toEqual([]);
    expect(await api.db.prisma.emailMessage.count({ where: { kind: 'TICKET_LINK', toAddress: 'kim.lo@outside.test' } })).toBe(
      EMAILS_PER_RECIPIENT,
    );

    const answers = [];
    for (let attempt = 0; attempt <= REQUESTS_PER_ADDRESS; attempt += 1) answers.push(codes(await ask('198.51.100.99')));
    expect(answers.slice(0, REQUESTS_PER_ADDRESS).flat()).toEqual([]);
    expect(answers[REQUESTS_PER_ADDRESS]).toEqual(['RATE_LIMITED']);
  });
});
