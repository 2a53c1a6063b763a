// The audit log from outside, over HTTP: admin actions leave one entry each (who, what, on which
// record, from where), a refused action leaves none, only admins read it, the filters narrow it,
// and the database itself refuses to change or remove an entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';

const AUDIT_LOG = `query($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    edges { node { action at address subjectType subjectId details actor { name } actorApiKey { name } } }
  }
}`;
const ACTIONS = '{ auditActions { action meaning } }';
const INVITE = 'mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { id } }';
const REVOKE_INVITATION = 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }';
const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }';
const DEACTIVATE = 'mutation($userId: ID!) { deactivateUser(userId: $userId) { active } }';
const REACTIVATE = 'mutation($userId: ID!) { reactivateUser(userId: $userId) { active } }';
const CREATE_WEBHOOK = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }';

interface Entry {
  action: string;
  at: string;
  address: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: string;
  actor: { name: string } | null;
  actorApiKey: { name: string } | null;
}

describe('audit log', () => {
  let api: TestApi;
  let school: School;
  let invitationId: string;

  const log = async (filter?: Record<string, unknown>, first = 50) => {
    const response = await api.gql(AUDIT_LOG, { first, filter }, { token: school.tokens.admin });
    expect(response.errors).toBeUndefined();
    const page = response.data!.auditLog as { edges: Array<{ node: Entry }> };
    return page.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
    const invited = await api.gql(
      INVITE,
      {
        input: {
          email: 'new.colleague@school.test',
          name: 'New Colleague',
          role: 'STAFF',
          departmentId: toGlobalId('Department', school.departments.it.id),
        },
      },
      { token: school.tokens.admin },
    );
    expect(invited.errors).toBeUndefined();
    invitationId = invited.data!.inviteStaff.id;
    expect((await api.gql(REVOKE_INVITATION, { id: invitationId }, { token: school.tokens.admin })).errors).toBeUndefined();
    const key = await api.gql(
      CREATE_KEY,
      { input: { name: 'Moodle', scopes: ['TICKETS_READ', 'WEBHOOKS_MANAGE'] } },
      { token: school.tokens.admin },
    );
    expect(key.errors).toBeUndefined();
    // The key acts for itself: its webhook is logged with the key as the actor.
    const hook = await api.gql(
      CREATE_WEBHOOK,
      { input: { url: 'https://hooks.school.test/desk', events: ['TICKET_CREATED'] } },
      { token: key.data!.createApiKey.key },
    );
    expect(hook.errors).toBeUndefined();
    const bob = toGlobalId('User', school.users.otherStaff.id);
    expect((await api.gql(DEACTIVATE, { userId: bob }, { token: school.tokens.admin })).errors).toBeUndefined();
    expect((await api.gql(REACTIVATE, { userId: bob }, { token: school.tokens.admin })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('records each admin action once, newest first, with the actor, the record and the caller’s address', async () => {
    const entries = await log();
    expect(entries.map((entry) => entry.action)).toEqual([
      'PERSON_REACTIVATED',
      'PERSON_DEACTIVATED',
      'WEBHOOK_CREATED',
      'API_KEY_CREATED',
      'INVITATION_REVOKED',
      'STAFF_INVITED',
    ]);
    const [reactivated, deactivated, webhook, key, revoked, invited] = entries as [Entry, Entry, Entry, Entry, Entry, Entry];
    expect(invited).toMatchObject({ actor: { name: 'Ada Admin' }, actorApiKey: null, subjectType: 'Invitation', subjectId: invitationId });
    expect(JSON.parse(invited.details)).toEqual({ role: 'STAFF', departmentId: school.departments.it.id });
    expect(invited.address).toMatch(/127\.0\.0\.1/);
    expect(revoked.subjectId).toBe(invitationId);
    expect(JSON.parse(key.details)).toEqual({ scopes: ['tickets:read', 'webhooks:manage'] });
    expect(webhook).toMatchObject({ actor: null, actorApiKey: { name: 'Moodle' }, subjectType: 'Webhook' });
    expect(JSON.parse(deactivated.details)).toEqual({ openTicketsMoved: 0, reassignedToUserId: null });
    expect(reactivated.subjectId).toBe(toGlobalId('User', school.users.otherStaff.id));
    // Times never run backwards down the list.
    const times = entries.map((entry) => Date.parse(entry.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('a refused or invalid action leaves no entry', async () => {
    const before = (await log()).length;
    const forbidden = await api.gql(REVOKE_INVITATION, { id: invitationId }, { token: school.tokens.staff });
    expect(codes(forbidden)).toEqual(['FORBIDDEN']);
    const bad = await api.gql(
      INVITE,
      { input: { email: 'not-an-address', name: 'X', role: 'STAFF', departmentId: toGlobalId('Department', school.departments.it.id) } },
      { token: school.tokens.admin },
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await log()).toHaveLength(before);
  });

  it('narrows by action, actor, record and time, and pages with cursors', async () => {
    expect((await log({ actions: ['STAFF_INVITED', 'INVITATION_REVOKED'] })).map((entry) => entry.action)).toEqual([
      'INVITATION_REVOKED',
      'STAFF_INVITED',
    ]);
    expect(await log({ actorId: toGlobalId('User', school.users.admin.id) })).toHaveLength(5);
    expect((await log({ subjectId: invitationId })).map((entry) => entry.action)).toEqual(['INVITATION_REVOKED', 'STAFF_INVITED']);
    const all = await log();
    const newest = Date.parse(all[0]!.at);
    expect(await log({ since: new Date(newest + 1).toISOString() })).toEqual([]);
    expect(await log({ until: new Date(Date.parse(all.at(-1)!.at)).toISOString() })).toEqual([]);

    const first = await api.gql(AUDIT_LOG, { first: 4 }, { token: school.tokens.admin });
    const { pageInfo, edges } = first.data!.auditLog;
    expect(edges).toHaveLength(4);
    expect(pageInfo.hasNextPage).toBe(true);
    const rest = await api.gql(AUDIT_LOG, { first: 4, after: pageInfo.endCursor }, { token: school.tokens.admin });
    expect(rest.data!.auditLog.edges.map((edge: { node: Entry }) => edge.node.action)).toEqual(['INVITATION_REVOKED', 'STAFF_INVITED']);
  });

  it('refuses bad filters clearly', async () => {
    const response = await api.gql(
      AUDIT_LOG,
      { filter: { actorId: toGlobalId('Department', school.departments.it.id) } },
      { token: school.tokens.admin },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    const backwards = await api.gql(
      AUDIT_LOG,
      { filter: { since: '2026-12-02T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z' } },
      { token: school.tokens.admin },
    );
    expect(codes(backwards)).toEqual(['BAD_USER_INPUT']);
  });

  it('only admins read it', async () => {
    for (const query of [AUDIT_LOG, ACTIONS]) {
      expect(codes(await api.gql(query, {}))).toEqual(['UNAUTHENTICATED']);
      for (const token of [school.tokens.alice, school.tokens.staff, school.tokens.manager]) {
        expect(codes(await api.gql(query, {}, { token }))).toEqual(['FORBIDDEN']);
      }
    }
  });

  it('lists every action with its meaning, for the console’s filter', async () => {
    const response = await api.gql(ACTIONS, {}, { token: school.tokens.admin });
    const actions = response.data!.auditActions as Array<{ action: string; meaning: string }>;
    expect(actions.map((info) => info.action)).toEqual(expect.arrayContaining(['STAFF_INVITED', 'API_KEY_REVOKED', 'PASSWORD_RESET']));
    expect(actions.every((info) => info.meaning.length > 10)).toBe(true);
  });

  it('the database refuses to change or remove an entry', async () => {
    const { prisma } = api.db;
    await expect(prisma.$executeRaw`UPDATE "AuditEntry" SET "action" = 'NOTHING_HAPPENED'`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`DELETE FROM "AuditEntry"`).rejects.toThrow(/append-only/);
    expect(await prisma.auditEntry.count({ where: { action: 'NOTHING_HAPPENED' } })).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(6);
  });
});
