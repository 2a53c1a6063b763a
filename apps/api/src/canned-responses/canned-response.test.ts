// Canned responses over HTTP: who keeps them, who sees which, and rendering for a ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateCannedResponseInput!) {
    createCannedResponse(input: $input) {
      id
      title
      body
      department {
        name
      }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateCannedResponseInput!) {
    updateCannedResponse(input: $input) {
      id
      title
      body
    }
  }
`;
const LIST = /* GraphQL */ `
  query List($departmentId: ID, $ticketId: ID!) {
    cannedResponses(departmentId: $departmentId) {
      title
      department {
        name
      }
      renderedFor(ticketId: $ticketId)
    }
  }
`;
const TITLES = /* GraphQL */ `
  query Titles($departmentId: ID) {
    cannedResponses(departmentId: $departmentId) {
      title
    }
  }
`;

describe.each(DATABASE_KINDS)('canned responses on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let itTicketId: string;
  let financeTicketId: string;
  let itId: string;
  let financeId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    itId = toGlobalId('Department', school.departments.it.id);
    financeId = toGlobalId('Department', school.departments.finance.id);
    const report = async (categoryId: string) =>
      (
        await api.gql(
          REPORT_PROBLEM,
          { input: { categoryId, title: 'Locked out of the LMS', description: 'It says my password expired.' } },
          { token: school.tokens.alice },
        )
      ).data!.reportProblem.ticket;
    const itTicket = await report(school.categoryIds.login);
    itTicketId = itTicket.id;
    financeTicketId = (await report(school.categoryIds.fees)).id;
    expect(itTicket.number).toMatch(/^SD-/);
  });
  afterAll(() => api?.close());

  it('lets a manager keep their department’s, and only an admin the school-wide ones', async () => {
    const created = await api.gql(
      CREATE,
      {
        input: {
          title: 'Password reset',
          body: 'Hi {{student.firstName}}, I reset your password. {{agent.firstName}}, {{department.name}}',
          departmentId: itId,
        },
      },
      { token: school.tokens.manager },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCannedResponse.department).toEqual({ name: 'IT' });

    expect(
      codes(await api.gql(CREATE, { input: { title: 'Hello', body: 'Hello', departmentId: itId } }, { token: school.tokens.staff })),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await api.gql(CREATE, { input: { title: 'Hello', body: 'Hello', departmentId: financeId } }, { token: school.tokens.manager })),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(CREATE, { input: { title: 'Hello', body: 'Hello' } }, { token: school.tokens.manager }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await api.gql(CREATE, { input: { title: 'Hello', body: 'Hello' } }, { token: school.tokens.alice }))).toEqual([
      'FORBIDDEN',
    ]);

    const global = await api.gql(
      CREATE,
      { input: { title: 'Anything else?', body: 'Is there anything else, {{student.name}}?' } },
      { token: school.tokens.admin },
    );
    expect(global.data!.createCannedResponse.department).toBeNull();
    await api.gql(
      CREATE,
      { input: { title: 'Refund on its way', body: 'Your refund for {{ticket.number}} is on its way.', departmentId: financeId } },
      { token: school.tokens.admin },
    );
  });

  it('rejects a placeholder nobody can fill in, naming it', async () => {
    const response = await api.gql(
      CREATE,
      { input: { title: 'Bad', body: 'Hi {{student.nickname}}', departmentId: itId } },
      { token: school.tokens.manager },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toContain('{{student.nickname}}');
    expect(response.errors![0]!.extensions!.field).toBe('body');
  });

  it('lists a department’s and the school-wide ones, rendered for the ticket being answered', async () => {
    const response = await api.gql(LIST, { ticketId: itTicketId }, { token: school.tokens.staff });
    expect(response.errors).toBeUndefined();
    expect(response.data!.cannedResponses).toEqual([
      { title: 'Anything else?', department: null, renderedFor: 'Is there anything else, Alice Student?' },
      { title: 'Password reset', department: { name: 'IT' }, renderedFor: 'Hi Alice, I reset your password. Sam, IT' },
    ]);
  });

  it('keeps other departments’ canned responses and tickets out of a staff member’s reach', async () => {
    expect(codes(await api.gql(TITLES, { departmentId: financeId }, { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
    const asManager = await api.gql(TITLES, { departmentId: financeId }, { token: school.tokens.manager });
    expect(asManager.data!.cannedResponses.map((row: any) => row.title)).toEqual(['Anything else?', 'Refund on its way']);
    const otherTicket = await api.gql(LIST, { ticketId: financeTicketId }, { token: school.tokens.staff });
    expect(codes(otherTicket)).toContain('FORBIDDEN');
    expect(codes(await api.gql(TITLES, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
  });

  it('lets the keeper edit one, and nobody else', async () => {
    const list = await api.gql<{ cannedResponses: Array<{ title: string }> }>(
      `{ cannedResponses { id title } }`,
      {},
      { token: school.tokens.manager },
    );
    const reset = (list.data!.cannedResponses as any[]).find((row) => row.title === 'Password reset');
    const updated = await api.gql(UPDATE, { input: { id: reset.id, title: 'Password reset (done)' } }, { token: school.tokens.manager });
    expect(updated.data!.updateCannedResponse.title).toBe('Password reset (done)');
    expect(updated.data!.updateCannedResponse.body).toContain('{{student.firstName}}');
    expect(codes(await api.gql(UPDATE, { input: { id: reset.id, body: 'x' } }, { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
    const NODE = `query($id: ID!) { node(id: $id) { ... on CannedResponse { title } } }`;
    expect((await api.gql(NODE, { id: reset.id }, { token: school.tokens.staff })).data!.node).toEqual({ title: 'Password reset (done)' });
    expect(codes(await api.gql(NODE, { id: reset.id }, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await api.gql(
          UPDATE,
          { input: { id: toGlobalId('CannedResponse', school.users.alice.id), body: 'x' } },
          { token: school.tokens.admin },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('inserts the version in the student’s language, else its own body, and keeps versions to our languages', async () => {
    const VERSIONS = `mutation($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { id versions { language body } } }`;
    const created = await api.gql(
      VERSIONS,
      {
        input: {
          title: 'Cleared the lock',
          body: 'Hi {{student.firstName}}, the lock is cleared.',
          departmentId: itId,
          versions: [
            { language: 'es', body: 'Hola {{student.firstName}}, el bloqueo se ha quitado.' },
            { language: 'ar', body: 'مرحبًا {{student.firstName}}، أُزيل القفل.' },
          ],
        },
      },
      { token: school.tokens.manager },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCannedResponse.versions.map((version: any) => version.language)).toEqual(['ar', 'es']);
    const rendered = async () => {
      const list = await api.gql(LIST, { departmentId: itId, ticketId: itTicketId }, { token: school.tokens.staff });
      return (list.data!.cannedResponses as any[]).find((row) => row.title === 'Cleared the lock').renderedFor as string;
    };

    expect(await rendered()).toBe('Hi Alice, the lock is cleared.');
    await api.gql('mutation { setMyLanguage(language: "es") { id } }', {}, { token: school.tokens.alice });
    expect(await rendered()).toBe('Hola Alice, el bloqueo se ha quitado.');
    // A language without a version gets the response's own body.
    await api.gql('mutation { setMyLanguage(language: "fr") { id } }', {}, { token: school.tokens.alice });
    expect(await rendered()).toBe('Hi Alice, the lock is cleared.');
    await api.gql('mutation { setMyLanguage(language: null) { id } }', {}, { token: school.tokens.alice });

    const id = created.data!.createCannedResponse.id;
    for (const versions of [
      [{ language: 'de', body: 'Hallo' }],
      [
        { language: 'fr', body: 'Bonjour' },
        { language: 'fr', body: 'Salut' },
      ],
      [{ language: 'fr', body: 'Bonjour {{student.nickname}}' }],
    ]) {
      const refused = await api.gql(UPDATE, { input: { id, versions } }, { token: school.tokens.manager });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0]!.extensions!.field).toBe('versions');
    }
    const cleared = await api.gql(
      `mutation($input: UpdateCannedResponseInput!) { updateCannedResponse(input: $input) { versions { language } } }`,
      { input: { id, versions: [] } },
      { token: school.tokens.manager },
    );
    expect(cleared.data!.updateCannedResponse.versions).toEqual([]);
  });
});
