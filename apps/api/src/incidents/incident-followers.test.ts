// "Me too" and the status page's "email me when it is fixed", from outside over HTTP: who counts,
// who is emailed once through a real SMTP server when the incident ends, and what strangers can do.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School, type SmtpReceiver, startSmtpReceiver, until } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';

const CREATE = `mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id } }`;
const RESOLVE = `mutation($input: ResolveIncidentInput!) { resolveIncident(input: $input) { id } }`;
const FOLLOW = `mutation($input: FollowIncidentInput!) { followIncident(input: $input) { id affectedCount } }`;
const STATUS_PAGE = `{ activeIncidents { id title affectedCount } recentlyResolvedIncidents { id title updates { body } } }`;
const FOLLOWS_PER_ADDRESS = 6;
const FOLLOWS_PER_INBOX = 2;
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

describe('following a known issue', () => {
  let smtp: SmtpReceiver;
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi('postgresql', {
      SMTP_URL: smtp.url,
      EMAIL_POLL_MS: '100',
      TRUST_PROXY: '1',
      INCIDENT_FOLLOWS_PER_ADDRESS_PER_HOUR: String(FOLLOWS_PER_ADDRESS),
      INCIDENT_FOLLOWS_PER_RECIPIENT_PER_HOUR: String(FOLLOWS_PER_INBOX),
    });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const declare = async (title: string) => {
    const created = await api.gql(
      CREATE,
      { input: { title, summary: 'We are on it.', categoryId: school.categoryIds.login } },
      { token: school.tokens.staff },
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createIncident.id as string;
  };
  const follow = (incidentId: string, affected: boolean, options: { token?: string; email?: string; address?: string } = {}) =>
    api.gql(
      FOLLOW,
      { input: { incidentId, affected, ...(options.email ? { email: options.email } : {}) } },
      { ...(options.token ? { token: options.token } : {}), ...from(options.address ?? '198.51.100.1') },
    );

  it('counts each "me too" once, emails every follower once when it is resolved, then forgets them', async () => {
    const incidentId = await declare('Wi-Fi down in the library');
    await follow(incidentId, true, { token: school.tokens.alice });
    await follow(incidentId, true, { token: school.tokens.alice });
    await follow(incidentId, true, { email: 'Visitor@Outside.test' });
    await follow(incidentId, false, { email: 'parent@outside.test' });
    // A "just tell me" after a "me too" keeps the "me too".
    const last = await follow(incidentId, false, { token: school.tokens.alice });
    expect(last.data!.followIncident.affectedCount).toBe(2);
    const page = await api.gql(STATUS_PAGE);
    expect(page.data!.activeIncidents).toContainEqual({ id: incidentId, title: 'Wi-Fi down in the library', affectedCount: 2 });

    const resolved = await api.gql(
      RESOLVE,
      { input: { incidentId, resolution: 'The access point is replaced; Wi-Fi is back on every floor.' } },
      { token: school.tokens.staff },
    );
    expect(resolved.errors).toBeUndefined();
    const recipients = [school.users.alice.email.toLowerCase(), 'visitor@outside.test', 'parent@outside.test'];
    const resolvedMail = () => smtp.received.filter((email) => email.subject.endsWith('Resolved: Wi-Fi down in the library'));
    await until(() => resolvedMail().length >= 3, 10_000, 'the resolved emails');
    expect(
      resolvedMail()
        .map((email) => email.to)
        .sort(),
    ).toEqual([...recipients].sort());
    expect(resolvedMail()[0]!.text).toContain('The access point is replaced');
    expect(await api.db.prisma.incidentFollower.count({ where: { incident: { title: 'Wi-Fi down in the library' } } })).toBe(0);

    const after = await api.gql(STATUS_PAGE);
    expect(after.data!.activeIncidents.map((incident: { id: string }) => incident.id)).not.toContain(incidentId);
    expect(after.data!.recentlyResolvedIncidents[0]).toMatchObject({ id: incidentId, title: 'Wi-Fi down in the library' });
    expect(codes(await follow(incidentId, true, { token: school.tokens.bob }))).toEqual(['BAD_USER_INPUT']);
  });

  it('asks for an email without signing in, and refuses a bad one or an unknown incident', async () => {
    const incidentId = await declare('Printing fails');
    const anonymous = await follow(incidentId, true);
    expect(codes(anonymous)).toEqual(['BAD_USER_INPUT']);
    expect(anonymous.errors![0]!.extensions!.field).toBe('email');
    expect(codes(await follow(incidentId, true, { email: 'not an address' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await follow(toGlobalId('Incident', randomUUID()), true, { email: 'someone@outside.test' }))).toEqual(['NOT_FOUND']);
  });

  it(`adds a stranger's inbox at most ${FOLLOWS_PER_INBOX} times an hour, and refuses a caller after ${FOLLOWS_PER_ADDRESS} requests`, async () => {
    const incidents = await Promise.all([1, 2, 3].map((n) => declare(`Outage ${n}`)));
    for (const [index, incidentId] of incidents.entries()) {
      expect(codes(await follow(incidentId, true, { email: 'victim@outside.test', address: `203.0.113.${index}` }))).toEqual([]);
    }
    expect(await api.db.prisma.incidentFollower.count({ where: { email: 'victim@outside.test' } })).toBe(FOLLOWS_PER_INBOX);

    const answers = [];
    for (let attempt = 0; attempt <= FOLLOWS_PER_ADDRESS; attempt += 1) {
      answers.push(codes(await follow(incidents[0]!, false, { email: `someone${attempt}@outside.test`, address: '198.51.100.77' })));
    }
    expect(answers.slice(0, FOLLOWS_PER_ADDRESS).flat()).toEqual([]);
    expect(answers[FOLLOWS_PER_ADDRESS]).toEqual(['RATE_LIMITED']);
  });
});
