// Guest reports are not a mail relay: anyone may report without signing in and name any address,
// so the tracking email carries none of the reporter's words, one recipient gets a few per hour at
// most, and one address may send only so many guest reports per hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School, type SmtpReceiver, startSmtpReceiver, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';

const EMAILS_PER_RECIPIENT = 5;
const REPORTS_PER_ADDRESS = 30;
const VICTIM = 'someone@outside.test';
const SPAM = {
  title: 'You won a prize: claim it at http://evil.test/claim',
  description: 'Send your bank details to http://evil.test/form to receive the prize.',
  contactName: 'Prize Office http://evil.test',
};

describe('guest reports as a mail relay', () => {
  let smtp: SmtpReceiver;
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi('postgresql', {
      SMTP_URL: smtp.url,
      EMAIL_POLL_MS: '100',
      GUEST_EMAILS_PER_RECIPIENT_PER_HOUR: String(EMAILS_PER_RECIPIENT),
      GUEST_REPORTS_PER_ADDRESS_PER_HOUR: String(REPORTS_PER_ADDRESS),
    });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const guestReport = (contactEmail: string, text = SPAM) =>
    api.gql(REPORT_PROBLEM, { input: { categoryId: school.categoryIds.login, ...text, contactEmail } });

  it(`turns a burst of 25 reports to one inbox into at most ${EMAILS_PER_RECIPIENT} emails, none with the reporter’s text`, async () => {
    const responses = await Promise.all(Array.from({ length: 25 }, () => guestReport(VICTIM)));
    // The reports themselves are taken: the reporter has the tracking code on screen.
    expect(responses.flatMap((response) => codes(response))).toEqual([]);

    const outbox = () => api.db.prisma.emailMessage.findMany({ where: { toAddress: VICTIM } });
    await until(async () => (await outbox()).every((email) => email.status !== 'PENDING'), 15_000, 'the outbox to be sent');
    expect(await outbox()).toHaveLength(EMAILS_PER_RECIPIENT);
    await until(() => smtp.received.filter((email) => email.to === VICTIM).length >= EMAILS_PER_RECIPIENT, 5000, 'the emails');

    const received = smtp.received.filter((email) => email.to === VICTIM);
    expect(received).toHaveLength(EMAILS_PER_RECIPIENT);
    for (const email of received) {
      expect(email.subject).toMatch(/^We received your report SD-\d+$/);
      const everything = `${email.subject}\n${email.text}`;
      expect(everything).not.toMatch(/evil\.test|prize|bank/i);
      expect(everything).toContain('/track/sdt_');
    }
  });

  it('caps guest reports per caller address with RATE_LIMITED (429) and Retry-After; signed-in people are not counted', async () => {
    // 25 made above; the cap is per address, whatever the recipient.
    for (let index = 25; index < REPORTS_PER_ADDRESS; index += 1) {
      expect(codes(await guestReport(`guest${index}@outside.test`))).toEqual([]);
    }
    const refused = await guestReport('one-more@outside.test');
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await api.db.prisma.ticket.count({ where: { contactEmail: 'one-more@outside.test' } })).toBe(0);

    const signedIn = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Projector', description: 'No signal.' } },
      { token: school.tokens.alice },
    );
    expect(codes(signedIn)).toEqual([]);
  });
});
