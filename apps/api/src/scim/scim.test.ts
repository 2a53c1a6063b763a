// SCIM 2.0 over real HTTP, as Microsoft Entra ID and Okta call it: Entra's documented request
// sequence (find, create, read, update, disable, delete), Okta's PUT style, groups as departments,
// and what deprovisioning means for the desk (no more sign-in, tickets back to the queue).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, signIn, type School } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, REPORT_PROBLEM } from '../test/operations.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }';
const TICKET_ASSIGNEE = 'query($id: ID!) { ticket(id: $id) { id assignee { id } } }';
const AUDIT = '{ auditLog(first: 50) { edges { node { action subjectId actorApiKey { name } } } } }';

interface ScimAnswer {
  status: number;
  contentType: string | null;
  etag: string | null;
  body: any;
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

describe('SCIM 2.0 provisioning on postgresql', () => {
  let api: TestApi;
  let school: School;
  let scimUrl: string;
  let key: string;

  const scim = async (
    method: string,
    path: string,
    body?: unknown,
    token: string | null = key,
    headers: Record<string, string> = {},
  ): Promise<ScimAnswer> => {
    const response = await fetch(`${scimUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/scim+json' }),
        ...(token && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      body: text ? JSON.parse(text) : undefined,
    };
  };

  const createKey = async (scopes: string[]) => {
    const created = await api.gql(CREATE_KEY, { input: { name: `SCIM ${scopes.join(' ')}`, scopes } }, { token: school.tokens.admin });
    expect(created.errors).toBeUndefined();
    return created.data!.createApiKey.key as string;
  };

  const report = async (title: string) => {
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title, description: 'The portal rejects my password.' } },
      { token: school.tokens.alice },
    );
    expect(reported.errors).toBeUndefined();
    return reported.data!.reportProblem.ticket.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
    scimUrl = api.url.replace(/\/graphql$/, '/scim/v2');
    key = await createKey(['SCIM_PROVISION']);
  });
  afterAll(() => api?.close());

  it('replays Entra ID’s sequence: find, create, read, update, disable, delete', async () => {
    // The requests of Microsoft's "Develop a SCIM endpoint" guide, in the order Entra sends them.
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1';
    const found = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(found).toMatchObject({ status: 200, body: { schemas: [LIST], totalResults: 0, Resources: [] } });
    expect(found.contentType).toMatch(/^application\/scim\+json/);

    const created = await scim('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      schemas: [USER, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: userName.toLowerCase(),
      active: true,
      displayName: 'givenName familyName',
      name: { givenName: 'givenName', familyName: 'familyName' },
      emails: [{ value: 'test_user_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com', type: 'work', primary: true }],
      roles: [{ value: 'student', primary: true }],
      meta: { resourceType: 'User', location: expect.stringMatching(new RegExp(`/scim/v2/Users/${id}$`)) },
    });
    expect(created.etag).toBe(created.body.meta.version);
    const row = await api.db.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      role: 'STUDENT',
      email: 'test_user_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com',
      passwordHash: null,
    });

    const read = await scim('GET', `/Users/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const filtered = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(filtered.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const byExternalId = await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`);
    expect(byExternalId.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

    const renamed = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'displayName', value: 'Gwen Given' }));
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Gwen Given', active: true });
    expect(renamed.body.meta.version).not.toBe(created.body.meta.version);
    const multi = await scim(
      'PATCH',
      `/Users/${id}`,
      patch(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'gwen@testuser.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ),
    );
    expect(multi.body).toMatchObject({ emails: [{ value: 'gwen@testuser.com' }], name: { familyName: 'updatedFamilyName' } });

    const disabled = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(disabled).toMatchObject({ status: 200, body: { id, active: false } });
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id } })).deactivatedAt).not.toBeNull();

    const deleted = await scim('DELETE', `/Users/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect(await scim('GET', `/Users/${id}`)).toMatchObject({ status: 404, body: { schemas: [ERROR], status: '404' } });
    expect((await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
    // The account and its history stay in the desk.
    expect(await api.db.prisma.user.count({ where: { id } })).toBe(1);

    // Assigned again later: the same account comes back, active.
    const back = await scim('POST', '/Users', { schemas: [USER], userName, emails: [{ type: 'work', value: 'gwen@testuser.com' }] });
    expect(back).toMatchObject({ status: 201, body: { id, active: true } });
  });

  it('takes Entra’s value objects without a path, with string booleans and capitalised ops', async () => {
    const created = await scim('POST', '/Users', { schemas: [USER], userName: 'vera@school.edu', displayName: 'Vera' });
    const id = created.body.id as string;
    const changed = await scim(
      'PATCH',
      `/Users/${id}`,
      patch({
        op: 'Add',
        value: { 'name.givenName': 'Vera', 'name.familyName': 'Value', [`${ENTERPRISE}:employeeNumber`]: 'S-1001', active: 'False' },
      }),
    );
    expect(changed.body).toMatchObject({
      name: { givenName: 'Vera', familyName: 'Value' },
      [ENTERPRISE]: { employeeNumber: 'S-1001' },
      active: false,
    });
    const row = await api.db.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ studentNumber: 'S-1001', name: 'Vera' });
    expect(row.deactivatedAt).not.toBeNull();
    const again = await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: true }));
    expect(again.body.active).toBe(true);
  });

  it('follows Okta’s PUT style: the whole user replaced, active false to deactivate', async () => {
    const okta = {
      schemas: [USER],
      userName: 'oscar.okta@school.edu',
      name: { givenName: 'Oscar', familyName: 'Okta' },
      emails: [{ primary: true, value: 'oscar.okta@school.edu', type: 'work' }],
      displayName: 'Oscar Okta',
      active: true,
    };
    const created = await scim('POST', '/Users', okta);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const renamed = await scim('PUT', `/Users/${id}`, {
      ...okta,
      id,
      name: { givenName: 'Oscar', familyName: 'Olsen' },
      displayName: 'Oscar Olsen',
    });
    expect(renamed.body).toMatchObject({ displayName: 'Oscar Olsen', name: { familyName: 'Olsen' }, active: true });
    const off = await scim('PUT', `/Users/${id}`, { ...okta, id, displayName: 'Oscar Olsen', active: false });
    expect(off.body).toMatchObject({ active: false });
  });

  it('honours If-Match: a change to a version the client no longer has is refused with 412 and changes nothing', async () => {
    const created = await scim('POST', '/Users', {
      schemas: [USER],
      userName: 'ida.etag@school.edu',
      name: { givenName: 'Ida', familyName: 'Etag' },
      emails: [{ primary: true, value: 'ida.etag@school.edu' }],
      active: true,
    });
    const id = created.body.id as string;
    const read = await scim('GET', `/Users/${id}`);
    expect(read.etag).toBe(created.etag);
    const ifMatch = (etag: string) => ({ 'if-match': etag });

    const renamed = await scim(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: 'displayName', value: 'Ida Etagé' }),
      key,
      ifMatch(read.etag!),
    );
    expect(renamed.status).toBe(200);
    expect(renamed.etag).not.toBe(read.etag);

    // A second client still holding the first version.
    const stale = await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: false }), key, ifMatch(read.etag!));
    expect(stale).toMatchObject({ status: 412, body: { status: '412', detail: expect.stringContaining(renamed.etag!) } });
    expect((await scim('DELETE', `/Users/${id}`, undefined, key, ifMatch(read.etag!))).status).toBe(412);
    expect((await scim('GET', `/Users/${id}`)).body).toMatchObject({ displayName: 'Ida Etagé', active: true });

    // "*" and the current version both go through.
    expect((await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: false }), key, ifMatch('*'))).status).toBe(
      200,
    );
    const now = await scim('GET', `/Users/${id}`);
    expect((await scim('DELETE', `/Users/${id}`, undefined, key, ifMatch(now.etag!))).status).toBe(204);

    // A group's version does not depend on whether its members were asked for.
    const [whole, slim] = await Promise.all([
      scim('GET', `/Groups/${school.departments.it.id}`),
      scim('GET', `/Groups/${school.departments.it.id}?excludedAttributes=members`),
    ]);
    expect(slim.body.members).toBeUndefined();
    expect(slim.etag).toBe(whole.etag);
  });

  it('refuses a request without a valid scim:provision key, with a SCIM error body', async () => {
    const missing = await scim('GET', '/Users', undefined, null);
    expect(missing).toMatchObject({ status: 401, body: { schemas: [ERROR], status: '401' } });
    expect(missing.contentType).toMatch(/^application\/scim\+json/);
    expect((await scim('GET', '/Users', undefined, 'sdk_not-a-real-key')).status).toBe(401);
    const session = await scim('GET', '/Users', undefined, school.tokens.admin);
    expect(session.status).toBe(401);
    const ticketsKey = await createKey(['TICKETS_READ']);
    const wrongScope = await scim('GET', '/Users', undefined, ticketsKey);
    expect(wrongScope).toMatchObject({ status: 403, body: { detail: expect.stringContaining('scim:provision') } });
    // And the SCIM key opens no GraphQL doors.
    const tickets = await api.gql('{ tickets(first: 1) { totalCount } }', {}, { token: key });
    expect(tickets.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mixed = await api.gql(
      CREATE_KEY,
      { input: { name: 'Mixed', scopes: ['SCIM_PROVISION', 'TICKETS_READ'] } },
      { token: school.tokens.admin },
    );
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a filter it cannot run, a duplicate userName and bad values with SCIM errors', async () => {
    const badFilter = await scim('GET', `/Users?filter=${encodeURIComponent('name.familyName co "x"')}`);
    expect(badFilter).toMatchObject({ status: 400, body: { scimType: 'invalidFilter', detail: expect.stringContaining('userName eq') } });
    const duplicate = await scim('POST', '/Users', { schemas: [USER], userName: school.users.alice.email });
    expect(duplicate).toMatchObject({ status: 409, body: { schemas: [ERROR], status: '409', scimType: 'uniqueness' } });
    const admin = await scim('POST', '/Users', { schemas: [USER], userName: 'eve@school.edu', roles: [{ value: 'admin' }] });
    expect(admin).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    const notJson = await scim('POST', '/Users', '{"userName":');
    expect(notJson).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect(await api.db.prisma.user.count({ where: { email: 'eve@school.edu' } })).toBe(0);
    expect((await scim('GET', '/Users/not-an-id')).status).toBe(404);
  });

  it('deprovisioning an existing staff member ends their sign-in and hands their open tickets back to the queue', async () => {
    const itStaff = await api.db.prisma.user.create({
      data: {
        email: 'leaver@school.edu',
        name: 'Lee Leaver',
        role: 'STAFF',
        memberships: { create: { departmentId: school.departments.it.id, role: 'STAFF' } },
        passwordHash: school.users.staff.passwordHash,
      },
    });
    const token = await signIn(api, itStaff.email);
    const ticketId = await report('Locked out after the holidays');
    const assigned = await api.gql(ASSIGN, { ticketId, assigneeId: toGlobalId('User', itStaff.id) }, { token: school.tokens.manager });
    expect(assigned.errors).toBeUndefined();

    // Entra finds the existing account by userName and disables it.
    const found = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${itStaff.email}"`)}`);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: itStaff.id, roles: [{ value: 'staff' }] }] });
    const disabled = await scim('PATCH', `/Users/${itStaff.id}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(disabled.body.active).toBe(false);

    const refused = await api.gql('{ me { id } }', {}, { token });
    expect(refused.status).toBe(401);
    await expect(signIn(api, itStaff.email)).rejects.toThrow(/sign-in failed/);
    const ticket = await api.gql(TICKET_ASSIGNEE, { id: ticketId }, { token: school.tokens.manager });
    expect(ticket.data!.ticket.assignee).toBeNull();
    const event = await api.db.prisma.ticketEvent.findFirstOrThrow({
      where: { type: 'ASSIGNED', actorId: null },
      orderBy: { createdAt: 'desc' },
    });
    expect(event.detail).toEqual({ fromAssigneeId: itStaff.id, toAssigneeId: null, reason: 'ASSIGNEE_DEACTIVATED' });

    const audit = await api.gql(AUDIT, {}, { token: school.tokens.admin });
    const entries = audit.data!.auditLog.edges.map((edge: { node: unknown }) => edge.node);
    expect(entries).toContainEqual({
      action: 'PERSON_DEACTIVATED',
      subjectId: toGlobalId('User', itStaff.id),
      actorApiKey: { name: 'SCIM SCIM_PROVISION' },
    });
  });

  it('maps groups to departments: joining grants the queue, leaving takes it away', async () => {
    const bob = school.users.bob;
    const ticketId = await report('Wi-Fi certificate expired');
    const asBob = () => api.gql(TICKET_ASSIGNEE, { id: ticketId }, { token: school.tokens.bob });
    expect((await asBob()).data?.ticket ?? null).toBeNull();

    const groups = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "it"')}&excludedAttributes=members`);
    expect(groups.body).toMatchObject({ totalResults: 1, Resources: [{ id: school.departments.it.id, displayName: 'IT' }] });
    expect(groups.body.Resources[0].members).toBeUndefined();
    const groupId = groups.body.Resources[0].id as string;

    const joined = await scim('PATCH', `/Groups/${groupId}`, patch({ op: 'Add', path: 'members', value: [{ value: bob.id }] }));
    expect(joined.status).toBe(200);
    expect(joined.body.members).toContainEqual(expect.objectContaining({ value: bob.id, display: bob.name }));
    expect(await api.db.prisma.user.findUniqueOrThrow({ where: { id: bob.id }, include: { memberships: true } })).toMatchObject({
      role: 'STAFF',
      memberships: [{ departmentId: groupId, role: 'STAFF' }],
    });
    expect((await asBob()).data!.ticket).toMatchObject({ id: ticketId });

    // Okta's form of removing one member.
    const left = await scim('PATCH', `/Groups/${groupId}`, patch({ op: 'remove', path: `members[value eq "${bob.id}"]` }));
    expect(left.body.members).not.toContainEqual(expect.objectContaining({ value: bob.id }));
    expect((await asBob()).data?.ticket ?? null).toBeNull();

    const unknown = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Chess Club' });
    expect(unknown).toMatchObject({ status: 400, body: { scimType: 'invalidValue', detail: expect.stringContaining('"Financial Aid"') } });
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
      etag: { supported: true },
    });
    const types = await scim('GET', '/ResourceTypes');
    expect(types.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([
      USER,
      ENTERPRISE,
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
    expect((await scim('GET', `/Schemas/${USER}`)).body.attributes.map((attribute: { name: string }) => attribute.name)).toContain(
      'userName',
    );
  });
});
