// queueChanged over graphql-ws: a department's queue hears about new and changed tickets as they
// happen, and nobody hears about tickets they may not see.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTo, createSchool, DATABASE_KINDS, follow, type Follower, type School, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, REPLY, REPORT_PROBLEM } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const QUEUE_CHANGED = /* GraphQL */ `
  subscription Queue($departmentId: ID) {
    queueChanged(departmentId: $departmentId) {
      id
      title
      status
      assignee {
        name
      }
      department {
        name
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('queueChanged on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const clients: Client[] = [];
  const followQueue = (token: string | undefined, variables: Record<string, unknown> = {}) =>
    follow(connectTo(api, clients, token), QUEUE_CHANGED, 'queueChanged', variables);
  /** Waits until `count` more subscriptions than `before` are registered with the API. */
  const subscribed = (before: number, count: number) => until(() => api.liveSubscriptions() === before + count, 5000, 'the subscriptions');
  const report = async (categoryId: string, title: string) => {
    const response = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId, title, description: 'Details.' } },
      { token: school.tokens.alice },
    );
    return response.data!.reportProblem.ticket.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.close();
  });

  it('tells a department’s staff about a new ticket and about every change to it, and no other department', async () => {
    const before = api.liveSubscriptions();
    const it: Follower = followQueue(school.tokens.staff);
    const finance = followQueue(school.tokens.otherStaff);
    const admin = followQueue(school.tokens.admin);
    await subscribed(before, 3);

    const ticketId = await report(school.categoryIds.login, 'Wi-Fi down in the library');
    expect(await it.next()).toMatchObject({ id: ticketId, title: 'Wi-Fi down in the library', status: 'NEW', assignee: null });
    expect(await admin.next()).toMatchObject({ id: ticketId, department: { name: 'IT' } });

    await api.gql(ASSIGN, { ticketId, assigneeId: toGlobalId('User', school.users.staff.id) }, { token: school.tokens.staff });
    expect(await it.next()).toMatchObject({ id: ticketId, status: 'OPEN', assignee: { name: 'Sam Staff' } });
    await api.gql(REPLY, { input: { ticketId, body: 'On it.' } }, { token: school.tokens.staff });
    expect(await it.next()).toMatchObject({ id: ticketId });

    const feesId = await report(school.categoryIds.fees, 'Charged twice');
    expect(await finance.next()).toMatchObject({ id: feesId, department: { name: 'Financial Aid' } });
    // Each queue hears its changes in order: the next thing IT hears is IT's next ticket, not the
    // fees one, and Financial Aid's next is its own next ticket, not IT's.
    const printerId = await report(school.categoryIds.login, 'Printer offline');
    const refundId = await report(school.categoryIds.fees, 'Refund late');
    expect(await it.next()).toMatchObject({ id: printerId });
    expect(await finance.next()).toMatchObject({ id: refundId });
    [it, finance, admin].forEach((follower) => follower.dispose());
  });

  it('lets an admin follow one department', async () => {
    const before = api.liveSubscriptions();
    const admin = followQueue(school.tokens.admin, { departmentId: toGlobalId('Department', school.departments.finance.id) });
    await subscribed(before, 1);
    await report(school.categoryIds.login, 'Not for finance');
    const feesId = await report(school.categoryIds.fees, 'Refund missing');
    expect(await admin.next()).toMatchObject({ id: feesId });
    admin.dispose();
  });

  it('refuses another department’s queue, students and guests', async () => {
    const intruder = followQueue(school.tokens.staff, { departmentId: toGlobalId('Department', school.departments.finance.id) });
    const student = followQueue(school.tokens.alice);
    const guest = followQueue(undefined);
    await until(() => intruder.errors.length > 0 && student.errors.length > 0 && guest.errors.length > 0);
    const codesOf = (follower: Follower) => follower.errors.map((error) => error.extensions?.code);
    expect(codesOf(intruder)).toEqual(['FORBIDDEN']);
    expect(codesOf(student)).toEqual(['FORBIDDEN']);
    expect(codesOf(guest)).toEqual(['UNAUTHENTICATED']);
  });
});
