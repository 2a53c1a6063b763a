// A recurring problem becomes one incident: updates reach every linked ticket, one resolution
// resolves them all, and the portal's banner shows it while it lasts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM, TICKET } from '../test/operations.js';
import { parseGlobalId } from '../relay/global-id.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateIncidentInput!) {
    createIncident(input: $input) {
      id
      title
      status
      ticketCount
      category {
        name
      }
      department {
        name
      }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: PostIncidentUpdateInput!) {
    postIncidentUpdate(input: $input) {
      id
      status
      updates {
        body
      }
    }
  }
`;
const RESOLVE_INCIDENT = /* GraphQL */ `
  mutation Resolve($input: ResolveIncidentInput!) {
    resolveIncident(input: $input) {
      id
      status
      resolvedAt
    }
  }
`;
const ACTIVE = /* GraphQL */ `
  {
    activeIncidents {
      title
      status
      ticketCount
      updates {
        body
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('incidents on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const report = async (token: string, title: string) =>
    (
      await api.gql(
        REPORT_PROBLEM,
        { input: { categoryId: school.categoryIds.login, title, description: 'LMS says invalid session.' } },
        { token },
      )
    ).data!.reportProblem.ticket.id as string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('updates and resolves two students’ tickets together', async () => {
    const alices = await report(school.tokens.alice, 'LMS logs me out');
    const bobs = await report(school.tokens.bob, 'Cannot open LMS');
    const created = await api.gql(
      CREATE,
      {
        input: {
          title: 'LMS sign-in failing',
          summary: 'Sign-in to the LMS fails since 09:12. Email works.',
          categoryId: school.categoryIds.login,
          ticketIds: [alices, bobs],
        },
      },
      { token: school.tokens.staff },
    );
    expect(created.errors).toBeUndefined();
    const incident = created.data!.createIncident;
    expect(incident).toMatchObject({
      status: 'INVESTIGATING',
      ticketCount: 2,
      category: { name: 'Login & accounts' },
      department: { name: 'IT' },
    });

    // The banner is public.
    const banner = await api.gql(ACTIVE);
    expect(banner.data!.activeIncidents).toEqual([{ title: 'LMS sign-in failing', status: 'INVESTIGATING', ticketCount: 2, updates: [] }]);

    const update = await api.gql(
      UPDATE,
      { input: { incidentId: incident.id, body: 'Identity provider certificate expired; renewing now.', status: 'IDENTIFIED' } },
      { token: school.tokens.staff },
    );
    expect(update.data!.postIncidentUpdate.status).toBe('IDENTIFIED');
    for (const [id, token] of [
      [alices, school.tokens.alice],
      [bobs, school.tokens.bob],
    ] as const) {
      const seen = await api.gql(TICKET, { id }, { token });
      expect(seen.data!.ticket.messages.edges.map((edge: any) => edge.node.body)).toEqual([
        'Identity provider certificate expired; renewing now.',
      ]);
      expect(seen.data!.ticket.status).toBe('OPEN');
      expect(seen.data!.ticket.firstRespondedAt).not.toBeNull();
    }

    const resolved = await api.gql(
      RESOLVE_INCIDENT,
      { input: { incidentId: incident.id, resolution: 'Certificate renewed; sign-in works again.', predictedScore: 4 } },
      { token: school.tokens.staff },
    );
    expect(resolved.data!.resolveIncident.status).toBe('RESOLVED');
    const tickets = await api.db.prisma.ticket.findMany({ where: { id: { in: [alices, bobs].map((id) => parseGlobalId(id)!.id) } } });
    expect(tickets.map((ticket) => [ticket.status, ticket.predictedScore])).toEqual([
      ['RESOLVED', 4],
      ['RESOLVED', 4],
    ]);
    expect((await api.gql(ACTIVE)).data!.activeIncidents).toEqual([]);
  });

  it('keeps incidents in staff hands, in the owning department', async () => {
    const ticket = await report(school.tokens.alice, 'Wi-Fi again');
    expect(
      codes(await api.gql(CREATE, { input: { title: 'x', summary: 'y', ticketIds: [ticket] } }, { token: school.tokens.alice })),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(CREATE, { input: { title: 'x', summary: 'y' } }))).toEqual(['UNAUTHENTICATED']);
    // Finance staff cannot link IT's ticket.
    const linkForeign = await api.gql(
      CREATE,
      { input: { title: 'x', summary: 'y', ticketIds: [ticket] } },
      { token: school.tokens.otherStaff },
    );
    expect(codes(linkForeign)).toEqual(['FORBIDDEN']);
    const own = await api.gql(CREATE, { input: { title: 'Dorm B Wi-Fi', summary: 'Access point down.' } }, { token: school.tokens.staff });
    const foreignUpdate = await api.gql(
      UPDATE,
      { input: { incidentId: own.data!.createIncident.id, body: 'hijack' } },
      { token: school.tokens.otherStaff },
    );
    expect(codes(foreignUpdate)).toEqual(['FORBIDDEN']);
    expect(await api.db.prisma.incidentUpdate.count({ where: { body: 'hijack' } })).toBe(0);
  });

  it('tells each viewer whether they may manage an incident, by the same rule the mutations enforce', async () => {
    const ticket = await report(school.tokens.alice, 'Eduroam drops every hour');
    const created = await api.gql(
      CREATE,
      { input: { title: 'Eduroam drops', summary: 'Roaming servers restart hourly.', ticketIds: [ticket] } },
      { token: school.tokens.staff },
    );
    const id = created.data!.createIncident.id;
    const mayManage = async (token?: string) =>
      (await api.gql('query($id: ID!) { node(id: $id) { ... on Incident { viewerMayManage } } }', { id }, token ? { token } : {})).data!
        .node.viewerMayManage;
    expect(await mayManage(school.tokens.staff)).toBe(true);
    expect(await mayManage(school.tokens.admin)).toBe(true);
    expect(await mayManage(school.tokens.otherStaff)).toBe(false);
    expect(await mayManage(school.tokens.alice)).toBe(false);
    expect(await mayManage()).toBe(false);
    // The field and the mutation agree: Financial Aid staff are refused what they are not offered.
    expect(codes(await api.gql(UPDATE, { input: { incidentId: id, body: 'x' } }, { token: school.tokens.otherStaff }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('refuses a category of another department, whose reporters would see the wrong incident', async () => {
    const foreign = await api.gql(
      CREATE,
      { input: { title: 'Fees portal down', summary: 'Payments fail.', categoryId: school.categoryIds.fees } },
      { token: school.tokens.staff },
    );
    expect(codes(foreign)).toEqual(['BAD_USER_INPUT']);
    expect(foreign.errors![0]!.extensions!.field).toBe('categoryId');
    expect(await api.db.prisma.incident.count({ where: { title: 'Fees portal down' } })).toBe(0);
  });

  it('lets staff act on an incident without a department only if they may work every linked ticket', async () => {
    const ticket = await report(school.tokens.alice, 'VPN refuses my password');
    // An admin (who belongs to no department) declares it: it has no department, and links IT's ticket.
    const created = await api.gql(
      CREATE,
      { input: { title: 'VPN down', summary: 'The VPN gateway rejects sign-ins.', ticketIds: [ticket] } },
      { token: school.tokens.admin },
    );
    const incident = created.data!.createIncident;
    expect(incident.department).toBeNull();
    const ticketRow = () =>
      api.db.prisma.ticket.findUniqueOrThrow({ where: { id: parseGlobalId(ticket)!.id }, include: { messages: true } });
    const before = await ticketRow();

    // Financial Aid staff would write on, and resolve, IT's ticket through it.
    const update = await api.gql(
      UPDATE,
      { input: { incidentId: incident.id, body: 'Fixed, closing.' } },
      { token: school.tokens.otherStaff },
    );
    expect(codes(update)).toEqual(['FORBIDDEN']);
    const resolve = await api.gql(
      RESOLVE_INCIDENT,
      { input: { incidentId: incident.id, resolution: 'Nothing to see.' } },
      { token: school.tokens.otherStaff },
    );
    expect(codes(resolve)).toEqual(['FORBIDDEN']);
    const after = await ticketRow();
    expect([after.status, after.messages.length]).toEqual([before.status, before.messages.length]);
    expect(await api.db.prisma.incidentUpdate.count({ where: { incidentId: parseGlobalId(incident.id)!.id } })).toBe(0);

    // IT staff work the ticket, so they may.
    const allowed = await api.gql(
      UPDATE,
      { input: { incidentId: incident.id, body: 'Gateway restarted.' } },
      { token: school.tokens.staff },
    );
    expect(allowed.errors).toBeUndefined();
    expect((await ticketRow()).messages.map((message) => message.body)).toEqual(['Gateway restarted.']);
  });

  it('lists linked tickets through the ticket filter, for staff', async () => {
    const ticket = await report(school.tokens.alice, 'Printer offline');
    const created = await api.gql(
      CREATE,
      { input: { title: 'Printers offline', summary: 'Print server down.', ticketIds: [ticket] } },
      { token: school.tokens.staff },
    );
    const list = await api.gql(
      'query($id: ID!) { tickets(filter: { incidentId: $id }) { totalCount edges { node { id incident { title } } } } }',
      { id: created.data!.createIncident.id },
      { token: school.tokens.staff },
    );
    expect(list.data!.tickets).toEqual({ totalCount: 1, edges: [{ node: { id: ticket, incident: { title: 'Printers offline' } } }] });
  });
});
