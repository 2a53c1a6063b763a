// Macros over HTTP: one click sets the fields and posts the reply, in one transaction through the
// same writes as by hand (history, the student's email), placeholders filled as canned responses
// fill them; a conflict or a refused step leaves the ticket as it was; personal and shared macros
// are kept and used like saved views.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const SAVE = /* GraphQL */ `
  mutation Save($input: SaveMacroInput!) {
    saveMacro(input: $input) {
      id
      name
      status
      tags {
        name
      }
    }
  }
`;
const APPLY = /* GraphQL */ `
  mutation Apply($ticketId: ID!, $macroId: ID!, $basedOn: DateTime) {
    applyMacro(ticketId: $ticketId, macroId: $macroId, basedOn: $basedOn) {
      id
      status
      priority
      assignee {
        name
      }
      tags {
        name
      }
      history {
        type
      }
    }
  }
`;
const VIEW = /* GraphQL */ `
  query View($id: ID!) {
    ticket(id: $id) {
      status
      lastActivityAt
      tags {
        name
      }
      messages(first: 50) {
        edges {
          node {
            body
            internal
          }
        }
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('macros on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let tagId: string;
  const as = (person: keyof School['tokens']) => ({ token: school.tokens[person] });
  const save = async (person: keyof School['tokens'], input: Record<string, unknown>) => api.gql(SAVE, { input }, as(person));
  const saved = async (person: keyof School['tokens'], input: Record<string, unknown>) => {
    const response = await save(person, input);
    expect(response.errors).toBeUndefined();
    return response.data!.saveMacro.id as string;
  };
  const view = async (id: string, person: keyof School['tokens'] = 'staff') => (await api.gql(VIEW, { id }, as(person))).data!.ticket;
  const bodies = (ticket: { messages: { edges: Array<{ node: { body: string } }> } }) =>
    ticket.messages.edges.map((edge) => edge.node.body);
  const report = async (title: string, categoryId = school.categoryIds.login) => {
    const reported = await api.gql(REPORT_PROBLEM, { input: { categoryId, title, description: 'Please help.' } }, as('alice'));
    expect(reported.errors).toBeUndefined();
    return reported.data!.reportProblem.ticket.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const tagged = await api.gql(
      'mutation($input: TagTicketInput!) { tagTicket(input: $input) { tags { id } } }',
      { input: { ticketId: await report('Seed'), add: ['password'] } },
      as('staff'),
    );
    tagId = tagged.data!.tagTicket.tags[0].id;
  });
  afterAll(() => api?.close());

  it('sets status, assignee, priority and tags and posts the reply with the student’s first name, in one go', async () => {
    const macroId = await saved('staff', {
      name: 'Reset link sent',
      status: 'WAITING_ON_STUDENT',
      priority: 'HIGH',
      tagIds: [tagId],
      assignToMe: true,
      replyBody: 'Hi {{student.firstName}}, I sent a reset link for {{ticket.number}}. {{agent.firstName}}',
    });
    const ticketId = await report('Forgot my password');
    const preview = await api.gql('query($t: ID!) { macros { id replyFor(ticketId: $t) } }', { t: ticketId }, as('staff'));
    const expected = preview.data!.macros.find((macro: { id: string }) => macro.id === macroId).replyFor as string;
    expect(expected).toMatch(/^Hi Alice, I sent a reset link for SD-\d+\. Sam$/);

    const emailsBefore = await api.db.prisma.emailMessage.count({ where: { kind: 'STAFF_REPLIED' } });
    const applied = await api.gql(APPLY, { ticketId, macroId }, as('staff'));
    expect(applied.errors).toBeUndefined();
    const ticket = applied.data!.applyMacro;
    expect(ticket).toMatchObject({
      status: 'WAITING_ON_STUDENT',
      priority: 'HIGH',
      assignee: { name: 'Sam Staff' },
      tags: [{ name: 'password' }],
    });
    expect(ticket.history.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['MACRO_APPLIED', 'REPLIED', 'ASSIGNED', 'PRIORITY_CHANGED', 'TAGS_CHANGED', 'STATUS_CHANGED']),
    );
    // The student reads the reply, and is emailed about it as for any staff reply.
    expect(bodies(await view(ticketId, 'alice'))).toContain(expected);
    expect(await api.db.prisma.emailMessage.count({ where: { kind: 'STAFF_REPLIED' } })).toBe(emailsBefore + 1);
  });

  it('resolves with the reply as the resolution, and posts an internal note where the macro says so', async () => {
    const resolveId = await saved('staff', { name: 'Solved', status: 'RESOLVED', replyBody: 'Fixed, {{student.firstName}}.' });
    const noteId = await saved('staff', { name: 'Escalate', replyBody: 'Escalated to the identity team.', replyInternal: true });
    const ticketId = await report('Locked out');
    await api.gql(APPLY, { ticketId, macroId: noteId }, as('staff'));
    expect((await view(ticketId, 'alice')).messages.edges).toHaveLength(0);
    const resolved = await api.gql(APPLY, { ticketId, macroId: resolveId }, as('staff'));
    expect(resolved.data!.applyMacro.status).toBe('RESOLVED');
    expect(bodies(await view(ticketId, 'alice'))).toEqual(['Fixed, Alice.']);
  });

  it('changes nothing when a step is refused or the ticket changed since `basedOn`', async () => {
    const closeId = await saved('staff', { name: 'Close', status: 'CLOSED', tagIds: [tagId], replyBody: 'Closing this.' });
    const ticketId = await report('Printer jammed');
    const refused = await api.gql(APPLY, { ticketId, macroId: closeId }, as('staff'));
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await view(ticketId)).toMatchObject({ status: 'NEW', tags: [], messages: { edges: [] } });

    const tagOnly = await saved('staff', { name: 'Tag it', tagIds: [tagId], replyBody: 'On it.' });
    const { lastActivityAt } = await view(ticketId);
    await api.gql(REPLY, { input: { ticketId, body: 'Any news?' } }, as('alice'));
    const conflict = await api.gql(APPLY, { ticketId, macroId: tagOnly, basedOn: lastActivityAt }, as('staff'));
    expect(codes(conflict)).toEqual(['CONFLICT']);
    expect(await view(ticketId)).toMatchObject({ tags: [], messages: { edges: [{ node: { body: 'Any news?' } }] } });
  });

  it('shares macros like saved views: managers with their department, which its staff use and others do not see', async () => {
    const itId = toGlobalId('Department', school.departments.it.id);
    expect(codes(await save('staff', { name: 'Ours', replyBody: 'Hello', departmentId: itId }))).toEqual(['FORBIDDEN']);
    const sharedId = await saved('manager', { name: 'Team hello', replyBody: 'Hello {{student.name}}', departmentId: itId });
    const names = async (person: keyof School['tokens']) =>
      ((await api.gql('{ macros { name } }', {}, as(person))).data!.macros as Array<{ name: string }>).map((macro) => macro.name);
    expect(await names('staff')).toContain('Team hello');
    expect(await names('otherStaff')).not.toContain('Team hello');
    expect(codes(await api.gql('{ macros { name } }', {}, as('alice')))).toEqual(['FORBIDDEN']);

    const ticketId = await report('Hello?');
    expect(codes(await api.gql(APPLY, { ticketId, macroId: sharedId }, as('otherStaff')))).toEqual(['FORBIDDEN']);
    const feesTicket = await report('Fee wrong', school.categoryIds.fees);
    expect(codes(await api.gql(APPLY, { ticketId: feesTicket, macroId: sharedId }, as('staff')))).toEqual(['FORBIDDEN']);
    const financeMacro = await saved('otherStaff', { name: 'Mine', replyBody: 'Hi' });
    expect(codes(await api.gql(APPLY, { ticketId, macroId: financeMacro }, as('staff')))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(APPLY, { ticketId, macroId: sharedId }))).toEqual(['UNAUTHENTICATED']);

    const DELETE = 'mutation($id: ID!) { deleteMacro(id: $id) }';
    expect(codes(await api.gql(DELETE, { id: sharedId }, as('staff')))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(DELETE, { id: financeMacro }, as('staff')))).toEqual(['NOT_FOUND']);
    expect((await api.gql(DELETE, { id: sharedId }, as('manager'))).data!.deleteMacro).toBe(sharedId);
  });

  it('refuses a macro that does nothing, unknown placeholders, a resolve without words, and two assignees', async () => {
    const refused = async (input: Record<string, unknown>, field: string) => {
      const response = await save('staff', { name: 'Broken', ...input });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.field).toBe(field);
    };
    await refused({}, 'name');
    await refused({ replyBody: 'Hi {{student.nickname}}' }, 'replyBody');
    await refused({ status: 'RESOLVED' }, 'replyBody');
    await refused({ status: 'RESOLVED', replyBody: 'Done', replyInternal: true }, 'replyBody');
    await refused({ assignToMe: true, assigneeId: toGlobalId('User', school.users.staff.id) }, 'assigneeId');
    await refused({ assigneeId: toGlobalId('User', school.users.alice.id) }, 'assigneeId');
    // A tag that does not exist (a fresh id: changing a digit of a real one could land on that one).
    await refused({ tagIds: [toGlobalId('Tag', randomUUID())] }, 'tagIds');
  });
});
