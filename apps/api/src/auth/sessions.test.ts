// Sessions end when the person says so (here or everywhere), when the password changes and when
// the account is deactivated: from then on the old token is refused over HTTP, and the websockets
// opened with it close within seconds, ending their subscriptions. A person whose role or
// departments change keeps their session, but their sockets reconnect to be authorised afresh.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, connectTo, createSchool, follow, PASSWORD, type School, signIn, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { deleteExpiredSessions } from './sessions.js';

const TICKET_UPDATED = 'subscription($ticketId: ID!) { ticketUpdated(ticketId: $ticketId) { id status } }';
const ME = '{ me { name } }';
const CHANGE_PASSWORD = `mutation($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token expiresAt user { name } }
}`;
const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
const NEW_PASSWORD = 'a much longer passphrase 2026';
/** graphql-ws's close code for "Unauthorized". */
const UNAUTHORIZED = 4401;

function socketsOf(api: TestApi, clients: Client[]) {
  /** A subscription open on a socket signed in with `token`, and how that socket closed (once it has). */
  return async (token: string, ticketId: string) => {
    const client = connectTo(api, clients, token);
    let connected = false;
    let closeCode: number | undefined;
    client.on('connected', () => (connected = true));
    client.on('closed', (event) => (closeCode = (event as { code: number }).code));
    const follower = follow(client, TICKET_UPDATED, 'ticketUpdated', { ticketId });
    await until(() => connected, 5000, 'the socket to connect');
    return { follower, closeCode: () => closeCode };
  };
}

const refused = async (api: TestApi, token: string) => {
  const response = await api.gql(ME, {}, { token });
  return response.status === 401 && codes(response).join() === 'UNAUTHENTICATED';
};

describe('sessions end on request, at once, sockets included', () => {
  let api: TestApi;
  let school: School;
  let ticketId: string;
  const clients: Client[] = [];
  let subscribe: ReturnType<typeof socketsOf>;

  beforeAll(async () => {
    // A recheck far away: only the revocation event can close a socket within these tests' waits.
    api = await startTestApi('postgresql', { SESSION_RECHECK_MS: '60000' });
    school = await createSchool(api);
    subscribe = socketsOf(api, clients);
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Printer', description: 'It jams.' } },
      { token: school.tokens.alice },
    );
    ticketId = reported.data!.reportProblem.ticket.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.close();
  });

  it('signOut ends this session only: its token gets 401 and its subscription ends; the person’s other session goes on', async () => {
    const [laptop, phone] = [await signIn(api, school.users.alice.email), await signIn(api, school.users.alice.email)];
    const [onLaptop, onPhone] = [await subscribe(laptop, ticketId), await subscribe(phone, ticketId)];

    const response = await api.gql('mutation { signOut }', {}, { token: laptop });
    expect(response.data!.signOut).toBe(true);

    expect(await refused(api, laptop)).toBe(true);
    await until(() => onLaptop.closeCode() === UNAUTHORIZED, 5000, 'the signed-out socket to close');
    expect((await api.gql(ME, {}, { token: phone })).data!.me).toEqual({ name: 'Alice Student' });
    expect(onPhone.closeCode()).toBeUndefined();
  });

  it('signOut with the browser cookie ends that session: the cookie no longer signs in', async () => {
    const signedIn = await api.gql(SIGN_IN, { email: school.users.bob.email, password: PASSWORD });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await api.gql(ME, {}, { cookie })).data!.me).toEqual({ name: 'Bob Student' });
    await api.gql('mutation { signOut }', {}, { cookie });
    const after = await api.gql(ME, {}, { cookie });
    expect(after.data!.me).toBeNull();
    expect(after.headers.get('set-cookie')).toMatch(/sd_session=;/);
  });

  it('signOutEverywhere ends every session of the person, sockets included, and nobody else’s', async () => {
    const sessions = [await signIn(api, school.users.staff.email), await signIn(api, school.users.staff.email)];
    const sockets = await Promise.all(sessions.map((token) => subscribe(token, ticketId)));
    const colleague = await subscribe(school.tokens.manager, ticketId);

    const response = await api.gql('mutation { signOutEverywhere }', {}, { token: sessions[0] });
    // The two above and the one createSchool made.
    expect(response.data!.signOutEverywhere).toBe(3);

    for (const token of [...sessions, school.tokens.staff]) expect(await refused(api, token)).toBe(true);
    await until(() => sockets.every((socket) => socket.closeCode() === UNAUTHORIZED), 5000, 'every socket of the person to close');
    expect(colleague.closeCode()).toBeUndefined();
    expect((await api.gql(ME, {}, { token: school.tokens.manager })).data!.me).toEqual({ name: 'Maya Manager' });
  });

  it('signOutEverywhere needs a signed-in person', async () => {
    expect(codes(await api.gql('mutation { signOutEverywhere }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('changePassword refuses a wrong current password and a short new one, changing nothing', async () => {
    const token = await signIn(api, school.users.otherStaff.email);
    const wrong = await api.gql(CHANGE_PASSWORD, { currentPassword: 'not it', newPassword: NEW_PASSWORD }, { token });
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0]!.extensions!.field).toBe('currentPassword');
    const short = await api.gql(CHANGE_PASSWORD, { currentPassword: PASSWORD, newPassword: 'elevenchars' }, { token });
    expect(codes(short)).toEqual(['BAD_USER_INPUT']);
    expect(short.errors![0]!.extensions!.field).toBe('newPassword');
    expect(await refused(api, token)).toBe(false);
    expect(codes(await api.gql(SIGN_IN, { email: school.users.otherStaff.email, password: PASSWORD }))).toEqual([]);
  });

  it('changePassword ends every old session, sockets included, and answers with a new session', async () => {
    const [here, elsewhere] = [await signIn(api, school.users.admin.email), await signIn(api, school.users.admin.email)];
    const socket = await subscribe(elsewhere, ticketId);

    const changed = await api.gql(CHANGE_PASSWORD, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { token: here });
    expect(changed.errors).toBeUndefined();
    expect(changed.headers.get('set-cookie')).toMatch(/^sd_session=[\w.-]+;/);
    const fresh: string = changed.data!.changePassword.token;

    for (const token of [here, elsewhere, school.tokens.admin]) expect(await refused(api, token)).toBe(true);
    await until(() => socket.closeCode() === UNAUTHORIZED, 5000, 'the other session’s socket to close');
    expect((await api.gql(ME, {}, { token: fresh })).data!.me).toEqual({ name: 'Ada Admin' });
    expect(codes(await api.gql(SIGN_IN, { email: school.users.admin.email, password: PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(SIGN_IN, { email: school.users.admin.email, password: NEW_PASSWORD }))).toEqual([]);
  });

  it('deleteExpiredSessions removes sessions past their expiry and keeps the live ones', async () => {
    const live = await api.db.prisma.session.count({ where: { expiresAt: { gt: new Date() } } });
    const user = school.users.bob;
    await api.db.prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    expect(await deleteExpiredSessions(api.db.prisma, new Date())).toBe(1);
    expect(await api.db.prisma.session.count()).toBe(live);
  });
});

describe('a deactivated account', () => {
  let api: TestApi;
  let school: School;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApi('postgresql', { SESSION_RECHECK_MS: '300' });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.close();
  });

  it('loses its sessions: 401 at once, and its sockets close at the next recheck even though no event was sent', async () => {
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Locker', description: 'Stuck.' } },
      { token: school.tokens.bob },
    );
    const socket = await socketsOf(api, clients)(school.tokens.bob, reported.data!.reportProblem.ticket.id);
    // As an admin tool or a script would: straight in the database, no revocation event.
    await api.db.prisma.user.update({ where: { id: school.users.bob.id }, data: { deactivatedAt: new Date() } });

    expect(await refused(api, school.tokens.bob)).toBe(true);
    await until(() => socket.closeCode() === UNAUTHORIZED, 10_000, 'the deactivated account’s socket to close');
    expect(await refused(api, school.tokens.alice)).toBe(false);
  });
});

describe('a person moved to another department', () => {
  let api: TestApi;
  let school: School;
  const clients: Client[] = [];
  const QUEUE_CHANGED = 'subscription { queueChanged { id department { name } } }';

  beforeAll(async () => {
    api = await startTestApi('postgresql', { SESSION_RECHECK_MS: '300' });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.close();
  });

  const report = async (categoryId: string, title: string) =>
    (await api.gql(REPORT_PROBLEM, { input: { categoryId, title, description: 'Details.' } }, { token: school.tokens.alice })).data!
      .reportProblem.ticket.id as string;

  it('stops hearing the old department’s queue: the socket reconnects with the new department, no event sent', async () => {
    // As the console's client does: it reconnects when the server asks it to.
    const client = createClient({
      url: api.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authToken: school.tokens.staff },
      retryAttempts: 5,
      retryWait: async () => {},
    });
    clients.push(client);
    const closeCodes: number[] = [];
    let connections = 0;
    client.on('connected', () => (connections += 1));
    client.on('closed', (event) => closeCodes.push((event as { code: number }).code));
    const subscriptionsBefore = api.liveSubscriptions();
    const queue = follow(client, QUEUE_CHANGED, 'queueChanged', {});
    await until(() => api.liveSubscriptions() === subscriptionsBefore + 1, 5000, 'the subscription');
    const before = await report(school.categoryIds.login, 'Before the move');
    expect(await queue.next()).toEqual({ id: before, department: { name: 'IT' } });

    // As a SCIM push or a script would: straight in the database, with no event.
    await api.db.prisma.departmentMembership.update({
      where: { userId_departmentId: { userId: school.users.staff.id, departmentId: school.departments.it.id } },
      data: { departmentId: school.departments.finance.id },
    });
    await until(() => connections === 2, 10_000, 'the socket to reconnect');
    expect(closeCodes).toEqual([1012]);
    await until(() => api.liveSubscriptions() === subscriptionsBefore + 2, 5000, 'the subscription again');

    // The same session, now Financial Aid's: IT's next ticket never arrives, Financial Aid's does.
    await report(school.categoryIds.login, 'After the move, IT');
    const fees = await report(school.categoryIds.fees, 'After the move, fees');
    expect(await queue.next()).toEqual({ id: fees, department: { name: 'Financial Aid' } });
    expect(queue.events).toEqual([]);
    expect(queue.errors).toEqual([]);
  });
});
