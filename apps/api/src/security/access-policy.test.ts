// Who may see and do what, for every type and every kind of caller, proved over HTTP against a
// running API from one expectation table (ACCESS below). Each read is asked through every door
// that shows the object (its own query, its list, node(id:)) and every door must give the same
// answer; each mutation runs on a fresh target per caller. docs/access-policy.md carries the same
// table: this test fails when the two differ (ACCESS_POLICY_DOC=write rewrites the doc's table).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrismaClient, TicketStatus } from '@studentdesk/db';
import { findRepoRoot } from '@studentdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codes,
  createArticle,
  createCategory,
  createDepartment,
  createSchool,
  createUser,
  type GraphQLResponse,
  type School,
} from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { PDF } from '../test/files.js';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';
import { issueTrackingCode } from '../tickets/tracking-code.js';

/** Every kind of caller the policies tell apart. Keys hold one scope each, and one holds the two an integration needs to own a webhook. */
const CALLERS = [
  'anonymous',
  'guest',
  'student',
  'otherStudent',
  'staff',
  'otherStaff',
  'manager',
  'admin',
  'key:tickets:read',
  'key:tickets:write',
  'key:ratings:read',
  'key:insights:read',
  'key:webhooks:manage',
  'key:integration',
] as const;
type Caller = (typeof CALLERS)[number];

const CALLER_LABELS: Record<Caller, string> = {
  anonymous: 'Anonymous',
  guest: 'Guest with the tracking code',
  student: 'Student (requester)',
  otherStudent: 'Another student',
  staff: 'Staff of the department',
  otherStaff: 'Staff of another department',
  manager: 'Manager (of the department)',
  admin: 'Admin',
  'key:tickets:read': 'Key: tickets:read',
  'key:tickets:write': 'Key: tickets:write',
  'key:ratings:read': 'Key: ratings:read',
  'key:insights:read': 'Key: insights:read',
  'key:webhooks:manage': 'Key: webhooks:manage',
  'key:integration': 'Key: webhooks:manage + tickets:read (owns a webhook)',
};

/** ok: done or shown; hidden: shown, but this field is null for the caller; null: as if it did not exist. */
type Outcome = 'ok' | 'hidden' | 'null' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
const REFUSALS: Outcome[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];

/** The callers named get `ok`; everyone else is refused (nobody signed in: UNAUTHENTICATED), unless `except` says otherwise. */
function only(allowed: readonly Caller[], except: Partial<Record<Caller, Outcome>> = {}): Record<Caller, Outcome> {
  const refused = (caller: Caller): Outcome => (caller === 'anonymous' || caller === 'guest' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  return Object.fromEntries(
    CALLERS.map((caller) => [caller, except[caller] ?? (allowed.includes(caller) ? 'ok' : refused(caller))]),
  ) as Record<Caller, Outcome>;
}
const everyone = (outcome: Outcome = 'ok') => Object.fromEntries(CALLERS.map((caller) => [caller, outcome])) as Record<Caller, Outcome>;

const STAFF_WORKING = ['staff', 'manager', 'admin'] as const;
const ANY_STAFF = ['staff', 'otherStaff', 'manager', 'admin'] as const;
const TICKET_READERS = ['guest', 'student', ...STAFF_WORKING, 'key:tickets:read', 'key:integration'] as const;
const PARTICIPANTS = ['guest', 'student', ...STAFF_WORKING] as const;

interface World {
  api: TestApi;
  school: School;
  tokens: Record<Caller, string | undefined>;
  /** Global IDs of the objects every caller is asked about. */
  ids: Record<
    | 'ticket'
    | 'reply'
    | 'note'
    | 'reportAttachment'
    | 'noteAttachment'
    | 'rating'
    | 'staffMember'
    | 'student'
    | 'department'
    | 'category'
    | 'incident'
    | 'article'
    | 'unpublishedArticle'
    | 'cannedResponse'
    | 'schoolCannedResponse'
    | 'savedView'
    | 'staffNotification'
    | 'automationRule'
    | 'suggestion'
    | 'email'
    | 'apiKey'
    | 'invitation'
    | 'slaPolicy'
    | 'holiday'
    | 'adminWebhook'
    | 'keyWebhook'
    | 'adminDelivery'
    | 'keyDelivery',
    string
  >;
  slugs: { published: string; unpublished: string };
  /** The tracking code of the main ticket, held by the guest. */
  ticketCode: string;
}

/** A mail to IT held for review, fresh per caller: released, it becomes a guest report in IT. */
async function heldEmail(world: World): Promise<string> {
  const prisma = world.api.db.prisma;
  await prisma.department.update({ where: { id: world.school.departments.it.id }, data: { inboundAddress: 'it@access.test' } });
  const messageId = `${randomUUID()}@sender.test`;
  const raw = [
    `From: Hal Held <hal-${randomUUID()}@sender.test>`,
    'To: it@access.test',
    'Subject: Held for review',
    `Message-ID: <${messageId}>`,
    '',
    'Please help.',
    '',
  ].join('\r\n');
  const row = await prisma.inboundEmail.create({
    data: {
      messageId,
      source: 'SMTP',
      fromAddress: 'hal@sender.test',
      toAddress: 'it@access.test',
      subject: 'Held for review',
      raw,
      originalText: 'Please help.',
      status: 'HELD',
      reason: 'The sender is not a known student.',
      departmentId: world.school.departments.it.id,
      receivedAt: new Date(),
    },
  });
  return toGlobalId('InboundEmail', row.id);
}

/** A door answers for one caller; undefined when this door is not open to that caller at all. */
type Door = (caller: Caller, world: World) => Promise<Outcome | undefined>;
/** A door that lists objects: a refused caller may also just not find the object there. */
interface ListDoor {
  list: Door;
}

interface Rule {
  type: string;
  action: string;
  expected: Record<Caller, Outcome>;
  doors: Array<Door | ListDoor>;
}

const ask = (world: World, caller: Caller, query: string, variables: Record<string, unknown> = {}) =>
  world.api.gql(query, variables, { token: world.tokens[caller] });

/** An error's code, else whether `pick` finds a value. */
function outcomeOf(response: GraphQLResponse, pick: (data: any) => unknown, empty: Outcome = 'null'): Outcome {
  if (response.errors?.length) return codes(response)[0] as Outcome;
  const value = pick(response.data);
  return value === null || value === undefined || value === false ? empty : 'ok';
}

/** node(id:) for the object, with a selection of its type's fields. */
const node = (id: (world: World) => string, selection = '__typename'): Door => {
  return async (caller, world) => {
    // node(id:) carries no tracking code: a guest reads by code through trackTicket, never through node.
    if (caller === 'guest') return undefined;
    const response = await ask(world, caller, `query($id: ID!) { node(id: $id) { ${selection} } }`, { id: id(world) });
    return outcomeOf(response, (data) => data.node);
  };
};

/** A field read through the main ticket: trackTicket with the code for the guest, ticket(id:) for everyone else. */
const onTicket = (selection: string, pick: (ticket: any, world: World) => unknown, empty: Outcome = 'null'): Door => {
  return async (caller, world) => {
    const response =
      caller === 'guest'
        ? await ask(world, caller, `query($code: String!) { t: trackTicket(trackingCode: $code) { ${selection} } }`, {
            code: world.ticketCode,
          })
        : await ask(world, caller, `query($id: ID!) { t: ticket(id: $id) { ${selection} } }`, { id: world.ids.ticket });
    return outcomeOf(response, (data) => data.t && pick(data.t, world), empty);
  };
};

/** A list query: ok when the object is in it. */
const listed = (
  query: string,
  items: (data: any) => Array<{ id: string }> | undefined,
  id: (world: World) => string,
  options: { forGuest?: boolean; variables?: (world: World) => Record<string, unknown> } = {},
): ListDoor => ({
  list: async (caller, world) => {
    if (caller === 'guest' && !options.forGuest) return undefined;
    const response = await ask(world, caller, query, options.variables?.(world) ?? {});
    return outcomeOf(response, (data) => items(data)?.some((item) => item.id === id(world)));
  },
});

/** A query answered as a whole: ok with data, or its error. */
const query = (document: string, variables: (world: World) => Record<string, unknown> = () => ({})): Door => {
  return async (caller, world) => outcomeOf(await ask(world, caller, document, variables(world)), (data) => data && Object.values(data)[0]);
};

/**
 * A mutation on a fresh target per caller: `prepare` makes the target (with prisma), `send`
 * gets the document and variables for it.
 */
function mutation<Target>(
  prepare: (world: World) => Promise<Target>,
  send: (target: Target, caller: Caller, world: World) => { document: string; variables: Record<string, unknown> },
): Door {
  return async (caller, world) => {
    const target = await prepare(world);
    const { document, variables } = send(target, caller, world);
    return outcomeOf(await ask(world, caller, document, variables), (data) => data && Object.values(data)[0]);
  };
}

const edges = (connection: any) => connection?.edges?.map((edge: any) => edge.node);

/** A date no holiday of the test has yet, "2040-01-01" on: one per mutation target. */
let freeDays = 0;
const nextFreeDate = () => new Date(Date.UTC(2040, 0, 1 + freeDays++)).toISOString().slice(0, 10);

// Fresh targets, written straight to the database: what matters is who may act on them.

interface FreshTicket {
  id: string;
  code: string;
}

/** A saved view: personal (ownerId) or shared with a department (departmentId). */
const freshSavedView = (prisma: PrismaClient, audience: { ownerId: string } | { departmentId: string }) =>
  prisma.savedView.create({ data: { name: 'Open tickets', filter: { status: ['OPEN'] }, ...audience } });

/** An automation rule of the department (null: school-wide). */
const freshAutomationRule = (prisma: PrismaClient, departmentId: string | null) =>
  prisma.automationRule.create({
    data: {
      name: 'Webhook on rating',
      departmentId,
      trigger: { type: 'EVENT', events: ['RATED'] },
      conditions: [],
      actions: [{ type: 'WEBHOOK' }],
    },
  });
const AUTOMATION_INPUT = {
  name: 'Webhook on rating',
  trigger: { type: 'EVENT', events: ['RATED'] },
  conditions: [],
  actions: [{ type: 'WEBHOOK' }],
};

/** A notification for Sam (staff of the department) about a fresh ticket of the department. */
async function freshStaffNotification(world: World) {
  const ticket = await freshTicket(world);
  const notification = await world.api.db.prisma.staffNotification.create({
    data: {
      recipientId: world.school.users.staff.id,
      kind: 'MENTIONED',
      ticketId: parseGlobalId(ticket.id)!.id,
      actorId: world.school.users.manager.id,
    },
  });
  return toGlobalId('StaffNotification', notification.id);
}

async function freshTicket(
  world: World,
  options: { status?: TicketStatus; incidentId?: string | null; assigned?: boolean } = {},
): Promise<FreshTicket> {
  const prisma: PrismaClient = world.api.db.prisma;
  const { school } = world;
  const status = options.status ?? 'OPEN';
  const resolved = status === 'RESOLVED' || status === 'CLOSED';
  const ticket = await prisma.ticket.create({
    data: {
      title: 'Cannot sign in to the LMS',
      description: 'It says my session is invalid.',
      priority: 'NORMAL',
      channel: 'PORTAL',
      status,
      categoryId: school.categories.login.id,
      departmentId: school.departments.it.id,
      requesterId: school.users.alice.id,
      contactName: school.users.alice.name,
      contactEmail: school.users.alice.email,
      assigneeId: options.assigned || resolved ? school.users.staff.id : null,
      incidentId: options.incidentId ?? null,
      firstRespondedAt: resolved ? new Date() : null,
      resolvedAt: resolved ? new Date() : null,
      resolvedById: resolved ? school.users.staff.id : null,
      predictedScore: resolved ? 4 : null,
    },
  });
  return { id: toGlobalId('Ticket', ticket.id), code: await issueTrackingCode(prisma, ticket.id) };
}

/** A tag of its own for each use, so that renaming or deleting it touches nothing else. */
const freshTag = (world: World) => world.api.db.prisma.tag.create({ data: { name: `tag ${randomUUID()}` } });

/** A door asking about a fresh tag by `document` (with $id and $search), ok when `pick` finds it. */
const onFreshTag =
  (document: string, pick: (data: any, tagId: string) => unknown): Door =>
  async (caller, world) => {
    if (caller === 'guest') return undefined;
    const tag = await freshTag(world);
    const id = toGlobalId('Tag', tag.id);
    return outcomeOf(await ask(world, caller, document, { id, search: tag.name }), (data) => pick(data, id));
  };

/** A macro that posts a note: personal (ownerId) or shared with a department (departmentId). */
const freshMacro = (world: World, audience: { ownerId: string } | { departmentId: string }) =>
  world.api.db.prisma.macro.create({ data: { name: 'Escalate', replyBody: 'Escalated.', replyInternal: true, ...audience } });

/** An incident with one open IT ticket linked; `departmentId` null for one that belongs to no department. */
async function freshIncident(world: World, departmentId: string | null) {
  const incident = await world.api.db.prisma.incident.create({
    data: { title: 'LMS sign-in failing', summary: 'Sign-in fails since 09:12.', departmentId, createdById: world.school.users.admin.id },
  });
  const ticket = await freshTicket(world, { incidentId: incident.id });
  return { id: toGlobalId('Incident', incident.id), rowId: incident.id, ticket };
}

const codeFor = (caller: Caller, ticket: FreshTicket) => (caller === 'guest' ? ticket.code : null);

/** Uploads a PDF as the token's holder over POST /attachments; its global ID. */
async function uploadPdf(api: TestApi, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), 'evidence.pdf');
  const response = await fetch(api.url.replace(/\/graphql$/, '/attachments'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    body: form,
  });
  return ((await response.json()) as { id: string }).id;
}

/** GET /attachments/{id}: the guest with the main ticket's tracking code, everyone else with their token. */
const download =
  (id: (world: World) => string): Door =>
  async (caller, world) => {
    const token = world.tokens[caller];
    const code = caller === 'guest' ? `?trackingCode=${encodeURIComponent(world.ticketCode)}` : '';
    const response = await fetch(world.api.url.replace(/\/graphql$/, `/attachments/${id(world)}${code}`), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (response.ok) {
      await response.arrayBuffer();
      return 'ok';
    }
    return ((await response.json()) as { errors: Array<{ extensions: { code: Outcome } }> }).errors[0]!.extensions.code;
  };

/** An upload of the student's (Alice's), on nothing yet: only she may attach it. */
const freshUpload = async (world: World) => {
  const row = await world.api.db.prisma.attachment.create({
    data: {
      uploaderId: world.school.users.alice.id,
      filename: 'screenshot.png',
      contentType: 'image/png',
      size: 1,
      storageKey: `access-policy/${randomUUID()}`,
      sha256: '0',
    },
  });
  return toGlobalId('Attachment', row.id);
};

const ACCESS: Rule[] = [
  // Tickets: the requester, the holder of its tracking code, staff working it (its department, its
  // assignee, admins) and integrations with tickets:read read it.
  {
    type: 'Ticket',
    action: 'read',
    expected: only(TICKET_READERS),
    doors: [
      onTicket('id', (ticket) => ticket.id),
      node((world) => world.ids.ticket, '... on Ticket { title }'),
      listed(
        '{ tickets(first: 100) { edges { node { id } } } }',
        (data) => edges(data.tickets),
        (world) => world.ids.ticket,
      ),
      listed(
        '{ searchTickets(query: "sign", first: 100) { edges { node { id } } } }',
        (data) => edges(data.searchTickets),
        (world) => world.ids.ticket,
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'read the reporter’s language',
    expected: only(TICKET_READERS),
    doors: [onTicket('language', (ticket) => ticket.language)],
  },
  {
    type: 'Ticket',
    action: 'read predictedScore',
    expected: only(STAFF_WORKING, { guest: 'hidden', student: 'hidden', 'key:tickets:read': 'hidden', 'key:integration': 'hidden' }),
    doors: [onTicket('predictedScore', (ticket) => ticket.predictedScore, 'hidden')],
  },
  {
    type: 'Ticket',
    action: 'reportProblem',
    expected: only(CALLERS, {
      'key:tickets:read': 'FORBIDDEN',
      'key:ratings:read': 'FORBIDDEN',
      'key:insights:read': 'FORBIDDEN',
      'key:webhooks:manage': 'FORBIDDEN',
      'key:integration': 'FORBIDDEN',
    }),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }',
          variables: {
            input: {
              categoryId: world.ids.category,
              title: 'Printer jams',
              description: 'Every page jams.',
              contactName: 'Riley Reporter',
              contactEmail: 'riley@example.edu',
            },
          },
        }),
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'reply',
    expected: only(PARTICIPANTS),
    doors: [
      mutation(freshTicket, (ticket, caller) => ({
        document: 'mutation($input: ReplyInput!) { reply(input: $input) { id } }',
        variables: { input: { ticketId: ticket.id, body: 'Any news?', trackingCode: codeFor(caller, ticket) } },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'reply with an internal note',
    expected: only(STAFF_WORKING, { guest: 'FORBIDDEN' }),
    doors: [
      mutation(freshTicket, (ticket, caller) => ({
        document: 'mutation($input: ReplyInput!) { reply(input: $input) { id } }',
        variables: { input: { ticketId: ticket.id, body: 'Check the IdP logs.', internal: true, trackingCode: codeFor(caller, ticket) } },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'reportProblem with attachmentIds (the student’s upload)',
    expected: only(['student'], {
      anonymous: 'BAD_USER_INPUT',
      guest: 'BAD_USER_INPUT',
      otherStudent: 'BAD_USER_INPUT',
      staff: 'BAD_USER_INPUT',
      otherStaff: 'BAD_USER_INPUT',
      manager: 'BAD_USER_INPUT',
      admin: 'BAD_USER_INPUT',
      'key:tickets:write': 'BAD_USER_INPUT',
    }),
    doors: [
      mutation(freshUpload, (attachmentId, _caller, world) => ({
        document: 'mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }',
        variables: {
          input: {
            categoryId: world.ids.category,
            title: 'Printer jams',
            description: 'See the photo.',
            contactName: 'Riley Reporter',
            contactEmail: 'riley@example.edu',
            attachmentIds: [attachmentId],
          },
        },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'reply with attachmentIds (the student’s upload)',
    expected: only(['student'], { guest: 'BAD_USER_INPUT', staff: 'BAD_USER_INPUT', manager: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
    doors: [
      mutation(
        async (world) => ({ ticket: await freshTicket(world), attachmentId: await freshUpload(world) }),
        ({ ticket, attachmentId }, caller) => ({
          document: 'mutation($input: ReplyInput!) { reply(input: $input) { id } }',
          variables: {
            input: { ticketId: ticket.id, body: 'Photo attached.', trackingCode: codeFor(caller, ticket), attachmentIds: [attachmentId] },
          },
        }),
      ),
    ],
  },
  {
    type: 'Attachment',
    action: 'read and download (sent with the report)',
    expected: only(TICKET_READERS),
    doors: [
      onTicket('attachments { id }', (ticket, world) =>
        ticket.attachments.some((file: { id: string }) => file.id === world.ids.reportAttachment),
      ),
      node((world) => world.ids.reportAttachment, '... on Attachment { filename }'),
      download((world) => world.ids.reportAttachment),
    ],
  },
  {
    type: 'Attachment',
    action: 'read and download (on an internal note)',
    expected: only(STAFF_WORKING, { guest: 'FORBIDDEN' }),
    doors: [node((world) => world.ids.noteAttachment, '... on Attachment { filename }'), download((world) => world.ids.noteAttachment)],
  },
  {
    type: 'Ticket',
    action: 'saveReplyDraft',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($ticketId: ID!) { saveReplyDraft(ticketId: $ticketId, body: "Looking into it") }',
        variables: { ticketId: ticket.id },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'announcePresence',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($ticketId: ID!) { announcePresence(ticketId: $ticketId, activity: TYPING) }',
        variables: { ticketId: ticket.id },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'assignTicket',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket, _caller, world) => ({
        document: 'mutation($id: ID!, $to: ID) { assignTicket(ticketId: $id, assigneeId: $to) { id } }',
        variables: { id: ticket.id, to: toGlobalId('User', world.school.users.staff.id) },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'resolveTicket',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($input: ResolveTicketInput!) { resolveTicket(input: $input) { id } }',
        variables: { input: { ticketId: ticket.id, resolution: 'Reset your session.' } },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'reopenTicket',
    expected: only(PARTICIPANTS),
    doors: [
      mutation(
        (world) => freshTicket(world, { status: 'RESOLVED' }),
        (ticket, caller) => ({
          document:
            'mutation($id: ID!, $code: String) { reopenTicket(ticketId: $id, reason: "Still broken.", trackingCode: $code) { id } }',
          variables: { id: ticket.id, code: codeFor(caller, ticket) },
        }),
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'updateTicketStatus',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($id: ID!) { updateTicketStatus(ticketId: $id, status: WAITING_ON_STUDENT) { id } }',
        variables: { id: ticket.id },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'bulkUpdateTickets',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($ids: [ID!]!) { bulkUpdateTickets(input: { ticketIds: $ids, priority: HIGH }) { undoToken } }',
        variables: { ids: [ticket.id] },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'undoBulkUpdate (made by staff of the department)',
    expected: only(['staff']),
    doors: [
      mutation(
        async (world) => {
          const ticket = await freshTicket(world);
          const made = await ask(
            world,
            'staff',
            'mutation($ids: [ID!]!) { bulkUpdateTickets(input: { ticketIds: $ids, priority: HIGH }) { undoToken } }',
            {
              ids: [ticket.id],
            },
          );
          return made.data!.bulkUpdateTickets.undoToken as string;
        },
        (undoToken) => ({
          document: 'mutation($token: String!) { undoBulkUpdate(undoToken: $token) { restored { id } } }',
          variables: { token: undoToken },
        }),
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'changeTicketPriority',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($id: ID!) { changeTicketPriority(ticketId: $id, priority: HIGH) { id } }',
        variables: { id: ticket.id },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'mergeTickets',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        async (world) => ({ source: await freshTicket(world), target: await freshTicket(world) }),
        ({ source, target }) => ({
          document: 'mutation($input: MergeTicketsInput!) { mergeTickets(input: $input) { id } }',
          variables: { input: { sourceId: source.id, targetId: target.id } },
        }),
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'read mergedInto',
    // The kept ticket only for who may read it: this guest's code proves the duplicate alone (a real
    // merge moves the codes to the kept ticket, which the code then opens).
    expected: only(TICKET_READERS, { guest: 'null' }),
    doors: [
      async (caller, world) => {
        const [source, target] = [await freshTicket(world, { status: 'CLOSED' }), await freshTicket(world)];
        await world.api.db.prisma.ticket.update({
          where: { id: parseGlobalId(source.id)!.id },
          data: { mergedIntoId: parseGlobalId(target.id)!.id },
        });
        const response =
          caller === 'guest'
            ? await ask(world, caller, 'query($code: String!) { t: trackTicket(trackingCode: $code) { mergedInto { id } } }', {
                code: source.code,
              })
            : await ask(world, caller, 'query($id: ID!) { t: ticket(id: $id) { mergedInto { id } } }', { id: source.id });
        return outcomeOf(response, (data) => data.t?.mergedInto?.id === target.id);
      },
    ],
  },
  {
    type: 'Ticket',
    action: 'studentPanel',
    expected: only(STAFF_WORKING),
    doors: [query('query($id: ID!) { studentPanel(ticketId: $id) { name } }', (world) => ({ id: world.ids.ticket }))],
  },

  // Messages: public replies with the ticket; internal notes (and their traces in the history)
  // only for staff working it.
  {
    type: 'Message',
    action: 'read a public reply',
    expected: only(TICKET_READERS),
    doors: [
      {
        list: onTicket('messages { edges { node { id } } }', (ticket, world) =>
          edges(ticket.messages).some((message: any) => message.id === world.ids.reply),
        ),
      },
      node((world) => world.ids.reply, '... on Message { body }'),
    ],
  },
  {
    type: 'Message',
    action: 'read an internal note',
    expected: only(STAFF_WORKING, { guest: 'FORBIDDEN' }),
    doors: [
      {
        list: onTicket('messages { edges { node { id } } }', (ticket, world) =>
          edges(ticket.messages).some((message: any) => message.id === world.ids.note),
        ),
      },
      { list: onTicket('history { type }', (ticket) => ticket.history.some((event: any) => event.type === 'NOTE_ADDED')) },
      node((world) => world.ids.note, '... on Message { body }'),
      // Words only the note has find the ticket only for those who may read the note.
      listed(
        '{ searchTickets(query: "IdP expired", first: 100) { edges { node { id } } } }',
        (data) => edges(data.searchTickets),
        (world) => world.ids.ticket,
      ),
    ],
  },

  // Ratings: with the ticket, for an API key also with ratings:read; the prediction beside it for staff working the ticket.
  {
    type: 'Rating',
    action: 'read',
    expected: only(['guest', 'student', ...STAFF_WORKING]),
    doors: [onTicket('rating { score }', (ticket) => ticket.rating), node((world) => world.ids.rating, '... on Rating { score comment }')],
  },
  {
    type: 'Rating',
    action: 'read predictedScore',
    expected: only(STAFF_WORKING, { guest: 'hidden', student: 'hidden' }),
    doors: [onTicket('rating { predictedScore }', (ticket) => ticket.rating.predictedScore, 'hidden')],
  },
  {
    type: 'Rating',
    action: 'rateTicket',
    expected: only(['guest', 'student']),
    doors: [
      mutation(
        (world) => freshTicket(world, { status: 'RESOLVED' }),
        (ticket, caller) => ({
          document: 'mutation($input: RateTicketInput!) { rateTicket(input: $input) { id } }',
          variables: { input: { ticketId: ticket.id, score: 5, expectation: 'MET', trackingCode: codeFor(caller, ticket) } },
        }),
      ),
    ],
  },

  // People: names wherever they appear; email and student number only for the person and staff.
  {
    type: 'User',
    action: 'look up a staff member',
    expected: only(ANY_STAFF),
    doors: [
      node((world) => world.ids.staffMember, '... on User { name }'),
      listed(
        'query($department: ID) { staffMembers(departmentId: $department) { id } }',
        (data) => data.staffMembers,
        (world) => world.ids.staffMember,
        { variables: (world) => ({ department: world.ids.department }) },
      ),
    ],
  },
  {
    type: 'User',
    action: 'look up a student',
    expected: only(['student', ...ANY_STAFF]),
    doors: [node((world) => world.ids.student, '... on User { name }')],
  },
  {
    type: 'User',
    action: 'read the assignee’s name',
    expected: only(TICKET_READERS),
    doors: [onTicket('assignee { name }', (ticket) => ticket.assignee?.name)],
  },
  {
    type: 'User',
    action: 'read the assignee’s email',
    expected: only(STAFF_WORKING, { guest: 'FORBIDDEN' }),
    doors: [onTicket('assignee { name email }', (ticket) => ticket.assignee?.email)],
  },
  {
    type: 'User',
    action: 'read a message author’s email',
    expected: only(STAFF_WORKING, { guest: 'FORBIDDEN' }),
    doors: [onTicket('messages { edges { node { author { name email } } } }', (ticket) => edges(ticket.messages)[0]?.author?.email)],
  },
  {
    type: 'User',
    action: 'read a history actor’s email',
    expected: only(STAFF_WORKING, { guest: 'FORBIDDEN' }),
    doors: [onTicket('history { actor { name email } }', (ticket) => ticket.history.some((event: any) => event.actor?.email))],
  },
  {
    type: 'User',
    action: 'read a history assignee’s name',
    expected: only(TICKET_READERS),
    doors: [onTicket('history { assignee { name } }', (ticket) => ticket.history.some((event: any) => event.assignee?.name))],
  },
  {
    type: 'User',
    action: 'read a history assignee’s email',
    expected: only(STAFF_WORKING, { guest: 'FORBIDDEN' }),
    doors: [onTicket('history { assignee { name email } }', (ticket) => ticket.history.some((event: any) => event.assignee?.email))],
  },
  {
    type: 'User',
    action: 'read the requester’s student number',
    expected: only(['student', ...STAFF_WORKING], { guest: 'hidden', 'key:tickets:read': 'hidden', 'key:integration': 'hidden' }),
    doors: [onTicket('requester { studentNumber }', (ticket) => ticket.requester.studentNumber, 'hidden')],
  },
  {
    type: 'User',
    action: 'read the requester’s language',
    expected: only(['student', ...STAFF_WORKING], { guest: 'hidden', 'key:tickets:read': 'hidden', 'key:integration': 'hidden' }),
    doors: [onTicket('requester { language }', (ticket) => ticket.requester.language, 'hidden')],
  },
  {
    type: 'User',
    action: 'read the requester’s email preferences',
    expected: only(['student'], {
      guest: 'hidden',
      staff: 'hidden',
      manager: 'hidden',
      admin: 'hidden',
      'key:tickets:read': 'hidden',
      'key:integration': 'hidden',
    }),
    doors: [onTicket('requester { emailPreferences { staffReplyEmails } }', (ticket) => ticket.requester.emailPreferences, 'hidden')],
  },
  {
    type: 'User',
    action: 'updateMyProfile',
    expected: only(['student', 'otherStudent', ...ANY_STAFF]),
    doors: [
      mutation(
        async () => null,
        // Choices only: the callers' names are what other rows read.
        () => ({ document: 'mutation { updateMyProfile(input: { ratingReminderEmails: true }) { id } }', variables: {} }),
      ),
    ],
  },
  {
    type: 'User',
    action: 'setMyLanguage',
    expected: only(['student', 'otherStudent', ...ANY_STAFF]),
    doors: [
      mutation(
        async () => null,
        () => ({ document: 'mutation { setMyLanguage(language: "ar") { id language } }', variables: {} }),
      ),
    ],
  },

  // Departments, categories, incidents and articles are public.
  {
    type: 'Department',
    action: 'read',
    expected: everyone(),
    doors: [
      node((world) => world.ids.department, '... on Department { name }'),
      listed(
        '{ departments { id } }',
        (data) => data.departments,
        (world) => world.ids.department,
        { forGuest: true },
      ),
    ],
  },
  {
    type: 'Category',
    action: 'read',
    expected: everyone(),
    doors: [
      node((world) => world.ids.category, '... on Category { name }'),
      listed(
        '{ categories { id } }',
        (data) => data.categories,
        (world) => world.ids.category,
        { forGuest: true },
      ),
    ],
  },
  // Shaping them: admins for departments; admins and the department's managers for its categories.
  {
    type: 'Department',
    action: 'read archived ones and counts',
    expected: only(ANY_STAFF),
    doors: [query('{ departments(includeArchived: true) { id openTicketCount memberCount } }')],
  },
  {
    type: 'Department',
    action: 'createDepartment',
    expected: only(['admin']),
    doors: [
      mutation(
        async () => `Department ${randomUUID()}`,
        (name) => ({
          document: 'mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }',
          variables: { input: { name } },
        }),
      ),
    ],
  },
  {
    type: 'Department',
    action: 'archiveDepartment, mergeDepartments',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) => toGlobalId('Department', (await createDepartment(world.api.db.prisma, `Spare ${randomUUID()}`)).id),
        (id) => ({ document: 'mutation($id: ID!) { archiveDepartment(id: $id) { id } }', variables: { id } }),
      ),
      mutation(
        async (world) => toGlobalId('Department', (await createDepartment(world.api.db.prisma, `Spare ${randomUUID()}`)).id),
        (id, _caller, world) => ({
          document: 'mutation($from: ID!, $into: ID!) { mergeDepartments(fromId: $from, intoId: $into) { movedTickets } }',
          variables: { from: id, into: world.ids.department },
        }),
      ),
    ],
  },
  {
    type: 'Category',
    action: 'createCategory, archiveCategory (in the department)',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => `Category ${randomUUID()}`,
        (name, _caller, world) => ({
          document: 'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
          variables: { input: { name, departmentId: world.ids.department } },
        }),
      ),
      mutation(
        async (world) => toGlobalId('Category', (await createCategory(world.api.db.prisma, world.school.departments.it.id)).id),
        (id) => ({ document: 'mutation($id: ID!) { archiveCategory(id: $id) { id } }', variables: { id } }),
      ),
    ],
  },
  {
    type: 'Incident',
    action: 'read',
    expected: everyone(),
    doors: [
      node((world) => world.ids.incident, '... on Incident { title }'),
      listed(
        '{ activeIncidents { id } }',
        (data) => data.activeIncidents,
        (world) => world.ids.incident,
        { forGuest: true },
      ),
    ],
  },
  {
    type: 'Incident',
    action: 'list every incident',
    expected: only(ANY_STAFF),
    doors: [
      listed(
        '{ incidents(first: 100) { edges { node { id } } } }',
        (data) => edges(data.incidents),
        (world) => world.ids.incident,
      ),
    ],
  },
  {
    type: 'IncidentUpdate',
    action: 'read',
    expected: everyone(),
    doors: [query('{ activeIncidents { updates { body } } }')],
  },
  {
    type: 'Incident',
    action: 'createIncident linking a ticket',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id } }',
        variables: { input: { title: 'Wi-Fi down', summary: 'Dorm B.', ticketIds: [ticket.id] } },
      })),
    ],
  },
  {
    type: 'Incident',
    action: 'linkTicketsToIncident',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        async (world) => ({ incident: await freshIncident(world, world.school.departments.it.id), ticket: await freshTicket(world) }),
        ({ incident, ticket }) => ({
          document: 'mutation($id: ID!, $tickets: [ID!]!) { linkTicketsToIncident(incidentId: $id, ticketIds: $tickets) { id } }',
          variables: { id: incident.id, tickets: [ticket.id] },
        }),
      ),
    ],
  },
  {
    type: 'Incident',
    action: 'postIncidentUpdate (its department’s)',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        (world) => freshIncident(world, world.school.departments.it.id),
        (incident) => ({
          document: 'mutation($input: PostIncidentUpdateInput!) { postIncidentUpdate(input: $input) { id } }',
          variables: { input: { incidentId: incident.id, body: 'Renewing the certificate.' } },
        }),
      ),
    ],
  },
  {
    type: 'Incident',
    action: 'postIncidentUpdate (no department, IT tickets)',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        (world) => freshIncident(world, null),
        (incident) => ({
          document: 'mutation($input: PostIncidentUpdateInput!) { postIncidentUpdate(input: $input) { id } }',
          variables: { input: { incidentId: incident.id, body: 'Renewing the certificate.' } },
        }),
      ),
    ],
  },
  {
    type: 'Incident',
    action: 'resolveIncident (no department, IT tickets)',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        (world) => freshIncident(world, null),
        (incident) => ({
          document: 'mutation($input: ResolveIncidentInput!) { resolveIncident(input: $input) { id } }',
          variables: { input: { incidentId: incident.id, resolution: 'Certificate renewed.' } },
        }),
      ),
    ],
  },
  {
    type: 'Article',
    action: 'read a published one',
    expected: everyone(),
    doors: [
      node((world) => world.ids.article, '... on Article { title }'),
      query('query($slug: String!) { article(slug: $slug) { id } }', (world) => ({ slug: world.slugs.published })),
    ],
  },
  {
    type: 'Article',
    action: 'read an unpublished one (a draft of the department)',
    expected: { ...everyone('null'), staff: 'ok', manager: 'ok', admin: 'ok' },
    doors: [
      node((world) => world.ids.unpublishedArticle, '... on Article { title }'),
      query('query($slug: String!) { article(slug: $slug) { id } }', (world) => ({ slug: world.slugs.unpublished })),
    ],
  },
  {
    type: 'Article',
    action: 'list the department’s knowledge base',
    expected: only(STAFF_WORKING),
    doors: [
      listed(
        'query($department: ID) { articles(departmentId: $department, first: 100) { edges { node { id } } } }',
        (data) => edges(data.articles),
        (world) => world.ids.unpublishedArticle,
        { variables: (world) => ({ department: world.ids.department }) },
      ),
    ],
  },
  {
    type: 'Article',
    action: 'read the version history of a published one',
    expected: only(STAFF_WORKING),
    doors: [
      query('query($id: ID!) { node(id: $id) { ... on Article { versions { edges { node { number body } } } } } }', (world) => ({
        id: world.ids.article,
      })),
    ],
  },
  {
    type: 'Article',
    action: 'renderMarkdown (the editor’s preview)',
    expected: only(ANY_STAFF),
    doors: [query('{ renderMarkdown(markdown: "**Hello**") }')],
  },
  {
    type: 'Article',
    action: 'createArticle for the department',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        async () => null,
        (_target, caller, world) => ({
          document: 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }',
          variables: {
            input: { departmentId: world.ids.department, title: `Printing (${caller})`, summary: 'Tap your card.', body: 'Tap your card.' },
          },
        }),
      ),
    ],
  },
  {
    type: 'Article',
    action: 'saveArticle (the department’s published one)',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: SaveArticleInput!) { saveArticle(input: $input) { id } }',
          variables: {
            input: { id: world.ids.article, title: 'Reset your password', summary: 'Use the portal.', body: 'Open the portal now.' },
          },
        }),
      ),
    ],
  },
  {
    type: 'Article',
    action: 'publishArticle (a draft of the department)',
    expected: { ...everyone('NOT_FOUND'), staff: 'ok', manager: 'ok', admin: 'ok' },
    doors: [
      mutation(
        async (world) =>
          createArticle(world.api.db.prisma, {
            slug: `draft-${randomUUID()}`,
            title: 'Eduroam',
            summary: 'Soon.',
            body: 'Soon.',
            departmentId: world.school.departments.it.id,
            status: 'DRAFT',
          }),
        (draft) => ({
          document: 'mutation($input: PublishArticleInput!) { publishArticle(input: $input) { id } }',
          variables: { input: { id: toGlobalId('Article', draft.id) } },
        }),
      ),
    ],
  },
  {
    type: 'Article',
    action: 'recordDeflection',
    expected: everyone(),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: RecordDeflectionInput!) { recordDeflection(input: $input) }',
          variables: { input: { articleId: world.ids.article } },
        }),
      ),
    ],
  },

  // Canned responses: staff their department's and the school-wide ones; managers and admins any.
  {
    type: 'CannedResponse',
    action: 'read the department’s',
    expected: only(STAFF_WORKING),
    doors: [
      node((world) => world.ids.cannedResponse, '... on CannedResponse { body }'),
      listed(
        'query($department: ID) { cannedResponses(departmentId: $department) { id } }',
        (data) => data.cannedResponses,
        (world) => world.ids.cannedResponse,
        { variables: (world) => ({ department: world.ids.department }) },
      ),
    ],
  },
  {
    type: 'CannedResponse',
    action: 'read a school-wide one',
    expected: only(ANY_STAFF),
    doors: [
      node((world) => world.ids.schoolCannedResponse, '... on CannedResponse { body }'),
      listed(
        '{ cannedResponses { id } }',
        (data) => data.cannedResponses,
        (world) => world.ids.schoolCannedResponse,
      ),
    ],
  },
  {
    type: 'CannedResponse',
    action: 'renderedFor a ticket',
    expected: only(STAFF_WORKING),
    doors: [
      query('query($id: ID!, $ticket: ID!) { node(id: $id) { ... on CannedResponse { renderedFor(ticketId: $ticket) } } }', (world) => ({
        id: world.ids.schoolCannedResponse,
        ticket: world.ids.ticket,
      })),
    ],
  },
  {
    type: 'CannedResponse',
    action: 'createCannedResponse for the department',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { id } }',
          variables: { input: { title: 'Done', body: 'Hello {{student.firstName}}, done.', departmentId: world.ids.department } },
        }),
      ),
    ],
  },
  {
    type: 'CannedResponse',
    action: 'createCannedResponse for every department',
    expected: only(['admin']),
    doors: [
      mutation(
        async () => null,
        () => ({
          document: 'mutation($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { id } }',
          variables: { input: { title: 'Thanks', body: 'Thank you for your patience.' } },
        }),
      ),
    ],
  },
  {
    type: 'CannedResponse',
    action: 'updateCannedResponse (the department’s)',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: UpdateCannedResponseInput!) { updateCannedResponse(input: $input) { id } }',
          variables: { input: { id: world.ids.cannedResponse, title: 'Password reset done' } },
        }),
      ),
    ],
  },

  // Saved views: staff keep their own; managers share them with their department, admins with any.
  {
    type: 'SavedView',
    action: 'read one shared with the department',
    expected: only(STAFF_WORKING),
    doors: [
      node((world) => world.ids.savedView, '... on SavedView { name count }'),
      listed(
        '{ savedViews { id } }',
        (data) => data.savedViews,
        (world) => world.ids.savedView,
      ),
    ],
  },
  {
    type: 'SavedView',
    action: 'saveView (personal)',
    expected: only(ANY_STAFF),
    doors: [
      mutation(
        async () => null,
        () => ({
          document: 'mutation($input: SaveViewInput!) { saveView(input: $input) { id } }',
          variables: { input: { name: 'Mine', filter: { unassigned: true } } },
        }),
      ),
    ],
  },
  {
    type: 'SavedView',
    action: 'saveView shared with the department',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: SaveViewInput!) { saveView(input: $input) { id } }',
          variables: { input: { name: 'Ours', filter: { unassigned: true }, departmentId: world.ids.department } },
        }),
      ),
    ],
  },
  {
    type: 'SavedView',
    action: 'deleteView (the staff member’s own)',
    expected: only(['staff'], { otherStaff: 'NOT_FOUND', manager: 'NOT_FOUND', admin: 'NOT_FOUND' }),
    doors: [
      mutation(
        (world) => freshSavedView(world.api.db.prisma, { ownerId: world.school.users.staff.id }),
        (view) => ({ document: 'mutation($id: ID!) { deleteView(id: $id) }', variables: { id: toGlobalId('SavedView', view.id) } }),
      ),
    ],
  },
  {
    type: 'SavedView',
    action: 'deleteView shared with the department',
    expected: only(['manager', 'admin'], { otherStaff: 'NOT_FOUND' }),
    doors: [
      mutation(
        (world) => freshSavedView(world.api.db.prisma, { departmentId: world.school.departments.it.id }),
        (view) => ({ document: 'mutation($id: ID!) { deleteView(id: $id) }', variables: { id: toGlobalId('SavedView', view.id) } }),
      ),
    ],
  },

  {
    type: 'Ticket',
    action: 'transferTicket',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket, _caller, world) => ({
        document: 'mutation($input: TransferTicketInput!) { transferTicket(input: $input) { id } }',
        variables: { input: { ticketId: ticket.id, categoryId: world.school.categoryIds.fees, note: 'A fee question.' } },
      })),
    ],
  },
  {
    type: 'Ticket',
    action: 'linkTickets',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        async (world) => [await freshTicket(world), await freshTicket(world)] as const,
        ([a, b]) => ({
          document: 'mutation($a: ID!, $b: ID!) { linkTickets(ticketId: $a, relatedTicketId: $b) { id } }',
          variables: { a: a.id, b: b.id },
        }),
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'unlinkTickets',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        async (world) => {
          const [a, b] = [await freshTicket(world), await freshTicket(world)];
          const [x, y] = [parseGlobalId(a.id)!.id, parseGlobalId(b.id)!.id].sort();
          await world.api.db.prisma.ticketLink.create({ data: { ticketId: x!, relatedTicketId: y! } });
          return [a, b] as const;
        },
        ([a, b]) => ({
          document: 'mutation($a: ID!, $b: ID!) { unlinkTickets(ticketId: $a, relatedTicketId: $b) { id } }',
          variables: { a: a.id, b: b.id },
        }),
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'read relatedTickets',
    // The guest's code proves the one ticket only, not the one it is linked to.
    expected: only(TICKET_READERS, { guest: 'hidden' }),
    doors: [
      async (caller, world) => {
        const [a, b] = [await freshTicket(world), await freshTicket(world)];
        const [x, y] = [parseGlobalId(a.id)!.id, parseGlobalId(b.id)!.id].sort();
        await world.api.db.prisma.ticketLink.create({ data: { ticketId: x!, relatedTicketId: y! } });
        const response =
          caller === 'guest'
            ? await ask(world, caller, 'query($code: String!) { t: trackTicket(trackingCode: $code) { relatedTickets { id } } }', {
                code: a.code,
              })
            : await ask(world, caller, 'query($id: ID!) { t: ticket(id: $id) { relatedTickets { id } } }', { id: a.id });
        return outcomeOf(response, (data) => data.t?.relatedTickets.some((each: any) => each.id === b.id), 'hidden');
      },
    ],
  },

  // Tags: the whole school's labels, for every staff member; on a ticket, for staff working it.
  {
    type: 'Tag',
    action: 'read',
    expected: only(ANY_STAFF),
    doors: [
      onFreshTag('query($id: ID!) { node(id: $id) { ... on Tag { name } } }', (data) => data.node),
      {
        list: onFreshTag('query($search: String) { tags(search: $search) { id } }', (data, id) =>
          data.tags.some((tag: any) => tag.id === id),
        ),
      },
    ],
  },
  {
    type: 'Tag',
    action: 'read Ticket.tags',
    expected: only(STAFF_WORKING, { guest: 'hidden', student: 'hidden', 'key:tickets:read': 'hidden', 'key:integration': 'hidden' }),
    doors: [
      async (caller, world) => {
        const ticket = await freshTicket(world);
        const tag = await freshTag(world);
        await world.api.db.prisma.ticketTag.create({ data: { ticketId: parseGlobalId(ticket.id)!.id, tagId: tag.id } });
        const response =
          caller === 'guest'
            ? await ask(world, caller, 'query($code: String!) { t: trackTicket(trackingCode: $code) { tags { id } } }', {
                code: ticket.code,
              })
            : await ask(world, caller, 'query($id: ID!) { t: ticket(id: $id) { tags { id } } }', { id: ticket.id });
        return outcomeOf(response, (data) => data.t?.tags.length > 0, 'hidden');
      },
    ],
  },
  {
    type: 'Tag',
    action: 'tagTicket',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(freshTicket, (ticket) => ({
        document: 'mutation($id: ID!) { tagTicket(input: { ticketId: $id, add: ["wifi"] }) { id } }',
        variables: { id: ticket.id },
      })),
    ],
  },
  {
    type: 'Tag',
    action: 'updateTag',
    expected: only(['admin']),
    doors: [
      mutation(freshTag, (tag) => ({
        document: 'mutation($id: ID!) { updateTag(input: { id: $id, color: "#336699" }) { id } }',
        variables: { id: toGlobalId('Tag', tag.id) },
      })),
    ],
  },
  {
    type: 'Tag',
    action: 'deleteTag',
    expected: only(['admin']),
    doors: [
      mutation(freshTag, (tag) => ({
        document: 'mutation($id: ID!) { deleteTag(id: $id) }',
        variables: { id: toGlobalId('Tag', tag.id) },
      })),
    ],
  },

  // Macros: kept like saved views; applied by staff working the ticket.
  {
    type: 'Macro',
    action: 'read one shared with the department',
    expected: only(STAFF_WORKING),
    doors: [
      async (caller, world) => {
        if (caller === 'guest') return undefined;
        const macro = await freshMacro(world, { departmentId: world.school.departments.it.id });
        const response = await ask(world, caller, 'query($id: ID!) { node(id: $id) { ... on Macro { name } } }', {
          id: toGlobalId('Macro', macro.id),
        });
        return outcomeOf(response, (data) => data.node);
      },
      {
        list: async (caller, world) => {
          if (caller === 'guest') return undefined;
          const macro = await freshMacro(world, { departmentId: world.school.departments.it.id });
          const id = toGlobalId('Macro', macro.id);
          return outcomeOf(await ask(world, caller, '{ macros { id } }'), (data) => data.macros.some((each: any) => each.id === id));
        },
      },
    ],
  },
  {
    type: 'Macro',
    action: 'saveMacro (personal)',
    expected: only(ANY_STAFF),
    doors: [
      mutation(
        async () => null,
        () => ({
          document: 'mutation($input: SaveMacroInput!) { saveMacro(input: $input) { id } }',
          variables: { input: { name: 'Mine', priority: 'HIGH' } },
        }),
      ),
    ],
  },
  {
    type: 'Macro',
    action: 'saveMacro shared with the department',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: SaveMacroInput!) { saveMacro(input: $input) { id } }',
          variables: { input: { name: 'Ours', priority: 'HIGH', departmentId: world.ids.department } },
        }),
      ),
    ],
  },
  {
    type: 'Macro',
    action: 'deleteMacro (the staff member’s own)',
    expected: only(['staff'], { otherStaff: 'NOT_FOUND', manager: 'NOT_FOUND', admin: 'NOT_FOUND' }),
    doors: [
      mutation(
        (world) => freshMacro(world, { ownerId: world.school.users.staff.id }),
        (macro) => ({ document: 'mutation($id: ID!) { deleteMacro(id: $id) }', variables: { id: toGlobalId('Macro', macro.id) } }),
      ),
    ],
  },
  {
    type: 'Macro',
    action: 'applyMacro (shared with the department)',
    expected: only(STAFF_WORKING),
    doors: [
      mutation(
        async (world) => ({
          ticket: await freshTicket(world),
          macro: await freshMacro(world, { departmentId: world.school.departments.it.id }),
        }),
        ({ ticket, macro }) => ({
          document: 'mutation($t: ID!, $m: ID!) { applyMacro(ticketId: $t, macroId: $m) { id } }',
          variables: { t: ticket.id, m: toGlobalId('Macro', macro.id) },
        }),
      ),
    ],
  },

  // Automation rules: managers keep their department's, admins all and the school-wide ones; staff read.
  {
    type: 'Message',
    action: 'read automationRuleName (the rule that wrote it)',
    expected: only(STAFF_WORKING, { guest: 'hidden', student: 'hidden', 'key:tickets:read': 'hidden', 'key:integration': 'hidden' }),
    doors: [
      async (caller, world) => {
        // A fresh ticket with a message a rule wrote: no author, its history event naming the rule.
        const prisma: PrismaClient = world.api.db.prisma;
        const ticket = await freshTicket(world);
        const ticketId = parseGlobalId(ticket.id)!.id;
        const message = await prisma.message.create({ data: { ticketId, body: 'Closed: we did not hear back.' } });
        await prisma.ticketEvent.create({
          data: {
            ticketId,
            type: 'REPLIED',
            detail: { messageId: message.id, automation: { ruleId: ticketId, ruleName: 'Close after 5 days', chain: [] } },
          },
        });
        const selection = 'messages(first: 5) { edges { node { automationRuleName } } }';
        const response =
          caller === 'guest'
            ? await ask(world, caller, `query($code: String!) { t: trackTicket(trackingCode: $code) { ${selection} } }`, {
                code: ticket.code,
              })
            : await ask(world, caller, `query($id: ID!) { t: ticket(id: $id) { ${selection} } }`, { id: ticket.id });
        return outcomeOf(response, (data) => data.t && data.t.messages.edges[0]?.node.automationRuleName, 'hidden');
      },
    ],
  },
  {
    type: 'AutomationRule',
    action: 'read one of the department',
    expected: only(STAFF_WORKING),
    doors: [
      node((world) => world.ids.automationRule, '... on AutomationRule { name trigger { type } conditions { field } actions { type } }'),
      listed(
        '{ automationRules { id } }',
        (data) => data.automationRules,
        (world) => world.ids.automationRule,
      ),
    ],
  },
  {
    type: 'AutomationRule',
    action: 'createAutomationRule for the department',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }',
          variables: { input: { ...AUTOMATION_INPUT, departmentId: world.ids.department } },
        }),
      ),
    ],
  },
  {
    type: 'AutomationRule',
    action: 'createAutomationRule school-wide',
    expected: only(['admin']),
    doors: [
      mutation(
        async () => null,
        () => ({
          document: 'mutation($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }',
          variables: { input: AUTOMATION_INPUT },
        }),
      ),
    ],
  },
  {
    type: 'AutomationRule',
    action: 'automationDryRun for the department',
    expected: only(['manager', 'admin']),
    doors: [
      query('query($input: AutomationRuleInput!) { automationDryRun(input: $input) { count } }', (world) => ({
        input: { ...AUTOMATION_INPUT, departmentId: world.ids.department },
      })),
    ],
  },
  {
    type: 'AutomationRule',
    action: 'updateAutomationRule, setAutomationRuleEnabled, deleteAutomationRule',
    expected: only(['manager', 'admin'], { otherStaff: 'NOT_FOUND' }),
    doors: [
      mutation(
        (world) => freshAutomationRule(world.api.db.prisma, world.school.departments.it.id),
        (rule, _caller, world) => ({
          document: 'mutation($id: ID!, $input: AutomationRuleInput!) { updateAutomationRule(id: $id, input: $input) { id } }',
          variables: { id: toGlobalId('AutomationRule', rule.id), input: { ...AUTOMATION_INPUT, departmentId: world.ids.department } },
        }),
      ),
      mutation(
        (world) => freshAutomationRule(world.api.db.prisma, world.school.departments.it.id),
        (rule) => ({
          document: 'mutation($id: ID!) { setAutomationRuleEnabled(id: $id, enabled: false) { id } }',
          variables: { id: toGlobalId('AutomationRule', rule.id) },
        }),
      ),
      mutation(
        (world) => freshAutomationRule(world.api.db.prisma, world.school.departments.it.id),
        (rule) => ({
          document: 'mutation($id: ID!) { deleteAutomationRule(id: $id) }',
          variables: { id: toGlobalId('AutomationRule', rule.id) },
        }),
      ),
    ],
  },

  // Staff notifications: each is its recipient's alone (Sam's here); anyone else finds nothing.
  {
    type: 'StaffNotification',
    action: 'read (the recipient’s own)',
    expected: only(['staff'], { otherStaff: 'null', manager: 'null', admin: 'null' }),
    doors: [
      node((world) => world.ids.staffNotification, '... on StaffNotification { kind }'),
      listed(
        '{ myNotifications(first: 100) { edges { node { id } } } }',
        (data) => edges(data.myNotifications),
        (world) => world.ids.staffNotification,
      ),
    ],
  },
  {
    type: 'StaffNotification',
    action: 'markNotificationRead (the recipient’s own)',
    expected: only(['staff'], { otherStaff: 'NOT_FOUND', manager: 'NOT_FOUND', admin: 'NOT_FOUND' }),
    doors: [
      mutation(freshStaffNotification, (id) => ({
        document: 'mutation($id: ID!) { markNotificationRead(id: $id) { id } }',
        variables: { id },
      })),
    ],
  },
  {
    type: 'StaffNotification',
    action: 'myUnreadNotificationCount, myNotificationSettings',
    expected: only(ANY_STAFF),
    doors: [query('{ myUnreadNotificationCount }'), query('{ myNotificationSettings { kind } }')],
  },
  {
    type: 'StaffNotification',
    action: 'markAllNotificationsRead, updateNotificationSetting',
    expected: only(ANY_STAFF),
    doors: [
      mutation(
        async () => null,
        () => ({ document: 'mutation { markAllNotificationsRead { marked } }', variables: {} }),
      ),
      mutation(
        async () => null,
        () => ({
          document: 'mutation { updateNotificationSetting(input: { kind: STUDENT_REPLIED, console: true, email: true }) { kind } }',
          variables: {},
        }),
      ),
    ],
  },
  {
    type: 'Ticket',
    action: 'read followers',
    expected: only(STAFF_WORKING, { guest: 'hidden', student: 'hidden', 'key:tickets:read': 'hidden', 'key:integration': 'hidden' }),
    doors: [onTicket('followers { id }', (ticket) => ticket.followers, 'hidden')],
  },
  {
    type: 'Ticket',
    action: 'followTicket, unfollowTicket, markTicketRead',
    expected: only(STAFF_WORKING),
    doors: ['followTicket', 'unfollowTicket', 'markTicketRead'].map((field) =>
      mutation(freshTicket, (ticket) => ({
        document: `mutation($id: ID!) { ${field}(ticketId: $id) { id } }`,
        variables: { id: ticket.id },
      })),
    ),
  },

  // Suggestions: every staff member takes part; managers and admins decide.
  {
    type: 'Suggestion',
    action: 'read',
    expected: only(ANY_STAFF),
    doors: [
      node((world) => world.ids.suggestion, '... on Suggestion { title }'),
      listed(
        '{ suggestions(first: 100) { edges { node { id } } } }',
        (data) => edges(data.suggestions),
        (world) => world.ids.suggestion,
      ),
    ],
  },
  ...(
    [
      [
        'raiseSuggestion',
        'mutation($category: ID!) { raiseSuggestion(input: { categoryId: $category, title: "Self-service resets", body: "Half the tickets." }) { id } }',
      ],
      ['voteForSuggestion', 'mutation($id: ID!) { voteForSuggestion(suggestionId: $id) { id } }'],
      ['withdrawSuggestionVote', 'mutation($id: ID!) { withdrawSuggestionVote(suggestionId: $id) { id } }'],
      ['commentOnSuggestion', 'mutation($id: ID!) { commentOnSuggestion(input: { suggestionId: $id, body: "Yes please." }) { id } }'],
    ] as const
  ).map(([action, document]): Rule => ({
    type: 'Suggestion',
    action,
    expected: only(ANY_STAFF),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document,
          variables: action === 'raiseSuggestion' ? { category: world.ids.category } : { id: world.ids.suggestion },
        }),
      ),
    ],
  })),
  {
    type: 'Suggestion',
    action: 'decideSuggestion',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async (world) => {
          const { school } = world;
          const suggestion = await world.api.db.prisma.suggestion.create({
            data: { title: 'Longer hours', body: 'Open until 8.', categoryId: school.categories.login.id, authorId: school.users.staff.id },
          });
          return toGlobalId('Suggestion', suggestion.id);
        },
        (id) => ({
          document: 'mutation($id: ID!) { decideSuggestion(input: { suggestionId: $id, decision: ACCEPTED }) { id } }',
          variables: { id },
        }),
      ),
    ],
  },

  // The email outbox, API keys: admins only.
  {
    type: 'EmailMessage',
    action: 'read',
    expected: only(['admin']),
    doors: [
      node((world) => world.ids.email, '... on EmailMessage { subject }'),
      listed(
        '{ emailOutbox(first: 100) { edges { node { id } } } }',
        (data) => edges(data.emailOutbox),
        (world) => world.ids.email,
      ),
    ],
  },
  {
    type: 'FailedBackgroundJob',
    action: 'read',
    expected: only(['admin']),
    doors: [query('{ failedBackgroundJobs(first: 10) { edges { node { id } } } }')],
  },
  // Inbound email (mail-in/): admins only, as the outbox.
  {
    type: 'InboundEmail',
    action: 'read',
    expected: only(['admin']),
    doors: [query('{ inboundEmails(first: 10) { edges { node { id raw } } } }')],
  },
  {
    type: 'InboundEmail',
    action: 'releaseInboundEmail, discardInboundEmail',
    expected: only(['admin']),
    doors: [
      mutation(heldEmail, (id) => ({ document: 'mutation($id: ID!) { releaseInboundEmail(id: $id) { status } }', variables: { id } })),
      mutation(heldEmail, (id) => ({ document: 'mutation($id: ID!) { discardInboundEmail(id: $id) { status } }', variables: { id } })),
    ],
  },
  {
    type: 'Department',
    action: 'setDepartmentEmail',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) => toGlobalId('Department', (await createDepartment(world.api.db.prisma, `Spare ${randomUUID()}`)).id),
        (id) => ({
          document: 'mutation($input: DepartmentEmailInput!) { setDepartmentEmail(input: $input) { id inboundAddress } }',
          variables: { input: { departmentId: id, inboundAddress: `spare-${randomUUID()}@access.test`, holdUnknownSenders: true } },
        }),
      ),
    ],
  },
  {
    type: 'AuditEntry',
    action: 'read',
    expected: only(['admin']),
    doors: [query('{ auditLog(first: 10) { edges { node { id action } } } }'), query('{ auditActions { action } }')],
  },
  {
    type: 'ApiKey',
    action: 'read',
    expected: only(['admin']),
    doors: [
      node((world) => world.ids.apiKey, '... on ApiKey { name }'),
      listed(
        '{ apiKeys(first: 100) { edges { node { id } } } }',
        (data) => edges(data.apiKeys),
        (world) => world.ids.apiKey,
      ),
    ],
  },
  {
    type: 'ApiKey',
    action: 'createApiKey',
    expected: only(['admin']),
    doors: [query('mutation { createApiKey(input: { name: "LMS", scopes: [TICKETS_READ] }) { key } }')],
  },
  {
    type: 'ApiKey',
    action: 'revokeApiKey',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) =>
          (await ask(world, 'admin', 'mutation { createApiKey(input: { name: "Old LMS", scopes: [TICKETS_READ] }) { apiKey { id } } }'))
            .data!.createApiKey.apiKey.id as string,
        (id) => ({ document: 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', variables: { id } }),
      ),
    ],
  },

  // People: admins invite staff, list staff accounts, deactivate and reactivate; nobody else does.
  {
    type: 'Invitation',
    action: 'read',
    expected: only(['admin']),
    doors: [
      node((world) => world.ids.invitation, '... on Invitation { email }'),
      listed(
        '{ invitations(first: 100) { edges { node { id } } } }',
        (data) => edges(data.invitations),
        (world) => world.ids.invitation,
      ),
    ],
  },
  {
    type: 'Invitation',
    action: 'inviteStaff',
    expected: only(['admin']),
    doors: [
      mutation(
        async () => `new-${randomUUID()}@example.edu`,
        (email, _caller, world) => ({
          document: 'mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { id } }',
          variables: { input: { email, name: 'Nia New', role: 'STAFF', departmentId: world.ids.department } },
        }),
      ),
    ],
  },
  {
    type: 'Invitation',
    action: 'revokeInvitation',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) =>
          (
            await ask(world, 'admin', 'mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { id } }', {
              input: { email: `old-${randomUUID()}@example.edu`, name: 'Olu Old', role: 'STAFF', departmentId: world.ids.department },
            })
          ).data!.inviteStaff.id as string,
        (id) => ({ document: 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }', variables: { id } }),
      ),
    ],
  },

  // Service settings: every staff member reads SLA targets and holidays; the department's manager
  // and admins change them; only admins the school-wide holidays.
  {
    type: 'SlaPolicy',
    action: 'read the department’s',
    expected: only(ANY_STAFF),
    doors: [
      node((world) => world.ids.slaPolicy, '... on SlaPolicy { resolutionMinutes }'),
      query('query($id: ID!) { node(id: $id) { ... on Department { slaPolicies { id } } } }', (world) => ({ id: world.ids.department })),
    ],
  },
  {
    type: 'SlaPolicy',
    action: 'setSlaPolicy for the department',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => null,
        (_target, _caller, world) => ({
          document: 'mutation($input: SetSlaPolicyInput!) { setSlaPolicy(input: $input) { id } }',
          variables: { input: { departmentId: world.ids.department, priority: 'LOW', firstResponseMinutes: 480, resolutionMinutes: 4800 } },
        }),
      ),
    ],
  },
  {
    type: 'Holiday',
    action: 'read the department’s',
    expected: only(ANY_STAFF),
    doors: [
      node((world) => world.ids.holiday, '... on Holiday { date name }'),
      listed(
        'query($department: ID) { holidays(departmentId: $department, first: 100) { edges { node { id } } } }',
        (data) => edges(data.holidays),
        (world) => world.ids.holiday,
        { variables: (world) => ({ department: world.ids.department }) },
      ),
    ],
  },
  {
    type: 'Holiday',
    action: 'addHoliday for the department',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async () => nextFreeDate(),
        (date, _caller, world) => ({
          document: 'mutation($input: AddHolidayInput!) { addHoliday(input: $input) { id } }',
          variables: { input: { departmentId: world.ids.department, date, name: 'Study day' } },
        }),
      ),
    ],
  },
  {
    type: 'Holiday',
    action: 'addHoliday for the whole school',
    expected: only(['admin']),
    doors: [
      mutation(
        async () => nextFreeDate(),
        (date) => ({
          document: 'mutation($input: AddHolidayInput!) { addHoliday(input: $input) { id } }',
          variables: { input: { date, name: 'School closed' } },
        }),
      ),
    ],
  },
  {
    type: 'Holiday',
    action: 'removeHoliday (the department’s)',
    expected: only(['manager', 'admin']),
    doors: [
      mutation(
        async (world) => {
          const holiday = await world.api.db.prisma.holiday.create({
            data: { departmentId: world.school.departments.it.id, date: new Date(`${nextFreeDate()}T00:00:00Z`), name: 'Closed' },
          });
          return toGlobalId('Holiday', holiday.id);
        },
        (id) => ({ document: 'mutation($id: ID!) { removeHoliday(id: $id) { id } }', variables: { id } }),
      ),
    ],
  },
  {
    type: 'Holiday',
    action: 'previewHolidayImport / importHolidays for the department',
    expected: only(['manager', 'admin']),
    doors: (['previewHolidayImport', 'importHolidays'] as const).map((operation) =>
      mutation(
        async () => nextFreeDate().replace(/-/g, ''),
        (day, caller, world) => ({
          document: `mutation($input: HolidayImportInput!) { ${operation}(input: $input) { added } }`,
          variables: {
            input: {
              departmentId: world.ids.department,
              ics: [
                'BEGIN:VCALENDAR',
                'BEGIN:VEVENT',
                `UID:${day}-${caller}`,
                `DTSTART;VALUE=DATE:${day}`,
                'SUMMARY:Closed',
                'END:VEVENT',
                'END:VCALENDAR',
              ].join('\r\n'),
            },
          },
        }),
      ),
    ),
  },
  {
    type: 'User',
    action: 'staffAccounts',
    expected: only(['admin']),
    doors: [query('{ staffAccounts(first: 10) { edges { node { id } } } }')],
  },
  {
    type: 'User',
    action: 'deactivateUser',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) =>
          toGlobalId('User', (await createUser(world.api.db.prisma, 'STAFF', { departmentId: world.school.departments.it.id })).id),
        (userId) => ({ document: 'mutation($userId: ID!) { deactivateUser(userId: $userId) { id } }', variables: { userId } }),
      ),
    ],
  },
  {
    type: 'User',
    action: 'reactivateUser',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) => {
          const user = await createUser(world.api.db.prisma, 'STAFF', { departmentId: world.school.departments.it.id });
          await world.api.db.prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
          return toGlobalId('User', user.id);
        },
        (userId) => ({ document: 'mutation($userId: ID!) { reactivateUser(userId: $userId) { id } }', variables: { userId } }),
      ),
    ],
  },
  {
    type: 'User',
    action: 'setMembership',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) => toGlobalId('User', (await createUser(world.api.db.prisma, 'STAFF')).id),
        (userId, _caller, world) => ({
          document:
            'mutation($userId: ID!, $departmentId: ID!) { setMembership(userId: $userId, departmentId: $departmentId, role: MANAGER) { id } }',
          variables: { userId, departmentId: world.ids.department },
        }),
      ),
    ],
  },
  {
    type: 'User',
    action: 'removeMembership',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) =>
          toGlobalId('User', (await createUser(world.api.db.prisma, 'STAFF', { departmentId: world.school.departments.it.id })).id),
        (userId, _caller, world) => ({
          document: 'mutation($userId: ID!, $departmentId: ID!) { removeMembership(userId: $userId, departmentId: $departmentId) { id } }',
          variables: { userId, departmentId: world.ids.department },
        }),
      ),
    ],
  },
  {
    type: 'User',
    action: 'previewPeopleImport',
    expected: only(['admin']),
    doors: [query('{ previewPeopleImport(csv: "email,name,role") { applied } }')],
  },
  {
    type: 'User',
    action: 'importPeople',
    expected: only(['admin']),
    doors: [
      mutation(
        async () => `email,name,role\r\nimported-${randomUUID()}@example.edu,Ira Imported,student\r\n`,
        (csv) => ({ document: 'mutation($csv: String!) { importPeople(csv: $csv) { applied } }', variables: { csv } }),
      ),
    ],
  },

  // Privacy: finding, erasing people and retention rules are admins' work (exports are an HTTP
  // download with the same rule, plus one's own: privacy/privacy.test.ts).
  {
    type: 'User',
    action: 'privacyPeople',
    expected: only(['admin']),
    doors: [query('{ privacyPeople(search: "student") { id } }')],
  },
  {
    type: 'User',
    action: 'previewErasure',
    expected: only(['admin']),
    doors: [query('query($id: ID!) { previewErasure(userId: $id) { refusal } }', (world) => ({ id: world.ids.student }))],
  },
  {
    type: 'User',
    action: 'erasePerson',
    expected: only(['admin']),
    doors: [
      mutation(
        (world) => createUser(world.api.db.prisma, 'STUDENT'),
        (user) => ({
          document: 'mutation($userId: ID!, $confirm: String!) { erasePerson(userId: $userId, confirm: $confirm) { formerName } }',
          variables: { userId: toGlobalId('User', user.id), confirm: user.email },
        }),
      ),
    ],
  },
  {
    type: 'RetentionRule',
    action: 'read and preview',
    expected: only(['admin']),
    doors: [query('{ retentionRules { kind } }'), query('{ previewRetention(kind: CLOSED_TICKETS) { count } }')],
  },
  {
    type: 'RetentionRule',
    action: 'setRetentionRule',
    expected: only(['admin']),
    doors: [query('mutation { setRetentionRule(kind: CLOSED_TICKETS, afterDays: 3650, enabled: false) { kind } }')],
  },

  // Webhooks: admins manage every one; a key with webhooks:manage only those it created, and
  // subscribes them only to events its scopes can read. Deliveries (payloads, answers) go with the webhook.
  {
    type: 'Webhook',
    action: 'read an admin’s',
    expected: only(['admin']),
    doors: [
      node((world) => world.ids.adminWebhook, '... on Webhook { url }'),
      listed(
        '{ webhooks(first: 100) { edges { node { id } } } }',
        (data) => edges(data.webhooks),
        (world) => world.ids.adminWebhook,
      ),
    ],
  },
  {
    type: 'Webhook',
    action: 'read one a key created',
    expected: only(['admin', 'key:integration']),
    doors: [
      node((world) => world.ids.keyWebhook, '... on Webhook { url }'),
      listed(
        '{ webhooks(first: 100) { edges { node { id } } } }',
        (data) => edges(data.webhooks),
        (world) => world.ids.keyWebhook,
      ),
    ],
  },
  {
    type: 'WebhookDelivery',
    action: 'read one of an admin’s webhook, with its payload',
    expected: only(['admin']),
    doors: [
      node((world) => world.ids.adminDelivery, '... on WebhookDelivery { payload attemptLog { responseBody } }'),
      listed(
        'query($id: ID!) { webhookDeliveries(webhookId: $id, first: 100) { edges { node { id payload } } } }',
        (data) => edges(data.webhookDeliveries),
        (world) => world.ids.adminDelivery,
        { variables: (world) => ({ id: world.ids.adminWebhook }) },
      ),
    ],
  },
  {
    type: 'WebhookDelivery',
    action: 'read one of a key’s webhook, with its payload',
    expected: only(['admin', 'key:integration']),
    doors: [
      node((world) => world.ids.keyDelivery, '... on WebhookDelivery { payload }'),
      listed(
        'query($id: ID!) { webhookDeliveries(webhookId: $id, first: 100) { edges { node { id payload } } } }',
        (data) => edges(data.webhookDeliveries),
        (world) => world.ids.keyDelivery,
        { variables: (world) => ({ id: world.ids.keyWebhook }) },
      ),
    ],
  },
  {
    type: 'Webhook',
    action: 'createWebhook for ticket events',
    expected: only(['admin', 'key:integration']),
    doors: [query('mutation { createWebhook(input: { url: "https://receiver.example.edu/new", events: [TICKET_CREATED] }) { secret } }')],
  },
  {
    type: 'Webhook',
    action: 'updateWebhook (an admin’s): a new URL',
    expected: only(['admin']),
    doors: [
      query(
        'mutation($id: ID!) { updateWebhook(input: { webhookId: $id, url: "https://receiver.example.edu/admin" }) { id } }',
        (world) => ({
          id: world.ids.adminWebhook,
        }),
      ),
    ],
  },
  {
    type: 'Webhook',
    action: 'updateWebhook (a key’s): a new URL',
    expected: only(['admin', 'key:integration']),
    doors: [
      query('mutation($id: ID!) { updateWebhook(input: { webhookId: $id, url: "https://receiver.example.edu/lms" }) { id } }', (world) => ({
        id: world.ids.keyWebhook,
      })),
    ],
  },
  {
    type: 'Webhook',
    action: 'updateWebhook (a key’s): events the key cannot read',
    expected: only([]),
    doors: [
      query('mutation($id: ID!) { updateWebhook(input: { webhookId: $id, events: [RATING_SUBMITTED] }) { id } }', (world) => ({
        id: world.ids.keyWebhook,
      })),
    ],
  },
  {
    type: 'Webhook',
    action: 'rotateWebhookSecret (an admin’s)',
    expected: only(['admin']),
    doors: [query('mutation($id: ID!) { rotateWebhookSecret(webhookId: $id) { secret } }', (world) => ({ id: world.ids.adminWebhook }))],
  },
  {
    type: 'Webhook',
    action: 'rotateWebhookSecret (a key’s)',
    expected: only(['admin', 'key:integration']),
    doors: [query('mutation($id: ID!) { rotateWebhookSecret(webhookId: $id) { secret } }', (world) => ({ id: world.ids.keyWebhook }))],
  },
  {
    type: 'Webhook',
    action: 'deleteWebhook (an admin’s)',
    expected: only(['admin']),
    doors: [
      mutation(
        async (world) => {
          const webhook = await world.api.db.prisma.webhook.create({
            data: {
              url: 'https://receiver.example.edu/old',
              events: ['ticket.created'],
              secret: 'whsec_test',
              createdById: world.school.users.admin.id,
            },
          });
          return toGlobalId('Webhook', webhook.id);
        },
        (id) => ({ document: 'mutation($id: ID!) { deleteWebhook(webhookId: $id) }', variables: { id } }),
      ),
    ],
  },
  {
    type: 'WebhookDelivery',
    action: 'redeliverWebhookDelivery (an admin’s webhook)',
    expected: only(['admin']),
    doors: [query('mutation($id: ID!) { redeliverWebhookDelivery(deliveryId: $id) { id } }', (world) => ({ id: world.ids.adminDelivery }))],
  },

  // The numbers: staff their department's, managers, admins and insights:read keys every department's.
  {
    type: 'Insights',
    action: 'insights (own department)',
    expected: only([...ANY_STAFF, 'key:insights:read']),
    doors: [query('{ insights { departments { name } } }')],
  },
  {
    type: 'Insights',
    action: 'insights (the department, named)',
    expected: only([...STAFF_WORKING, 'key:insights:read']),
    doors: [query('query($id: ID!) { insights(departmentId: $id) { departments { name } } }', (world) => ({ id: world.ids.department }))],
  },
  {
    type: 'Insights',
    action: 'satisfaction',
    expected: only([...ANY_STAFF, 'key:insights:read']),
    doors: [query('{ satisfaction { responses byDepartment { responses } } }')],
  },
  ...(['{ staffHome { openTickets } }', '{ leaderboard { minResponses } }', '{ recognitionFeed { edges { cursor } } }'] as const).map(
    (document): Rule => ({
      type: 'Insights',
      action: document.slice(2, document.indexOf(' ', 2)),
      expected: only(ANY_STAFF),
      doors: [query(document)],
    }),
  ),
];

/** The doc's table, generated from ACCESS. */
function accessTableMarkdown(): string {
  const symbol: Record<Outcome, string> = {
    ok: '✅',
    hidden: 'hidden',
    null: 'null',
    UNAUTHENTICATED: '🔑',
    FORBIDDEN: '⛔',
    NOT_FOUND: 'NOT_FOUND',
    BAD_USER_INPUT: 'BAD_USER_INPUT',
  };
  const header = `| Type | Action | ${CALLERS.map((caller) => CALLER_LABELS[caller]).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(CALLERS.length + 2)}`;
  const rows = ACCESS.map(
    (row) => `| ${row.type} | ${row.action} | ${CALLERS.map((caller) => symbol[row.expected[caller]]).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

/** A markdown table's cells, whatever padding a formatter gave it. */
const cells = (markdown: string) =>
  markdown
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '-'))
        .join('|'),
    )
    .join('\n');

const DOC = join(findRepoRoot(), 'docs/access-policy.md');
const BEGIN = '<!-- access-table:begin (generated by apps/api/src/security/access-policy.test.ts) -->';
const END = '<!-- access-table:end -->';

describe('access policy: every type × every caller, over HTTP', () => {
  let world: World;

  beforeAll(async () => {
    const api = await startTestApi('postgresql');
    const school = await createSchool(api);
    const { prisma } = api.db;
    const admin = school.tokens.admin;
    const createKey = async (scopes: string[]) =>
      (
        await api.gql(
          'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }',
          { input: { name: scopes.join('+'), scopes } },
          { token: admin },
        )
      ).data!.createApiKey as { key: string; apiKey: { id: string } };
    const keys = {
      'key:tickets:read': await createKey(['TICKETS_READ']),
      'key:tickets:write': await createKey(['TICKETS_WRITE']),
      'key:ratings:read': await createKey(['RATINGS_READ']),
      'key:insights:read': await createKey(['INSIGHTS_READ']),
      'key:webhooks:manage': await createKey(['WEBHOOKS_MANAGE']),
      'key:integration': await createKey(['WEBHOOKS_MANAGE', 'TICKETS_READ']),
    };

    // Webhooks first, so the main ticket's event is delivered to both.
    const createWebhook = async (token: string, url: string) =>
      (
        await api.gql(
          'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }',
          { input: { url, events: ['TICKET_CREATED'] } },
          { token },
        )
      ).data!.createWebhook.webhook.id as string;
    const adminWebhook = await createWebhook(admin, 'https://receiver.example.edu/admin');
    const keyWebhook = await createWebhook(keys['key:integration'].key, 'https://receiver.example.edu/lms');

    // The main ticket: Alice's, in IT, assigned to IT staff, answered, noted, resolved and rated;
    // reported through the API, like a real one, so it has its webhook deliveries.
    const reportAttachment = await uploadPdf(api, school.tokens.alice);
    const reported = await api.gql(
      'mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } trackingCode } }',
      {
        input: {
          categoryId: school.categoryIds.login,
          title: 'Cannot sign in',
          description: 'Since this morning.',
          attachmentIds: [reportAttachment],
          language: 'ar',
        },
      },
      { token: school.tokens.alice },
    );
    const ticket = reported.data!.reportProblem.ticket.id as string;
    const staff = school.tokens.staff;
    await api.gql(
      'mutation($t: ID!, $a: ID) { assignTicket(ticketId: $t, assigneeId: $a) { id } }',
      { t: ticket, a: toGlobalId('User', school.users.staff.id) },
      { token: staff },
    );
    const reply = await api.gql(
      'mutation($input: ReplyInput!) { reply(input: $input) { id } }',
      { input: { ticketId: ticket, body: 'Try again now?' } },
      { token: staff },
    );
    const noteAttachment = await uploadPdf(api, staff);
    const note = await api.gql(
      'mutation($input: ReplyInput!) { reply(input: $input) { id } }',
      { input: { ticketId: ticket, body: 'IdP certificate expired.', internal: true, attachmentIds: [noteAttachment] } },
      { token: staff },
    );
    await api.gql(
      'mutation($input: ResolveTicketInput!) { resolveTicket(input: $input) { id } }',
      { input: { ticketId: ticket, resolution: 'Renewed the certificate.', predictedScore: 4 } },
      { token: staff },
    );
    const rating = await api.gql(
      'mutation($input: RateTicketInput!) { rateTicket(input: $input) { id } }',
      { input: { ticketId: ticket, score: 5, expectation: 'MET', comment: 'Quick and kind.' } },
      { token: school.tokens.alice },
    );

    // A guest's report writes the tracking email into the outbox.
    await api.gql('mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }', {
      input: {
        categoryId: school.categoryIds.login,
        title: 'Locked out',
        description: 'No account yet.',
        contactName: 'G. Uest',
        contactEmail: 'guest@example.edu',
      },
    });
    await api.webhooks.relay();
    const deliveryOf = async (webhookGlobalId: string) => {
      const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: parseGlobalId(webhookGlobalId)!.id } });
      return toGlobalId('WebhookDelivery', delivery.id);
    };

    const incident = await prisma.incident.create({
      data: {
        title: 'Printers offline',
        summary: 'The print server is down.',
        departmentId: school.departments.it.id,
        createdById: school.users.staff.id,
      },
    });
    await prisma.incidentUpdate.create({ data: { incidentId: incident.id, authorId: school.users.staff.id, body: 'Restarting it.' } });
    const published = await createArticle(prisma, {
      slug: 'reset-password',
      title: 'Reset your password',
      summary: 'Use the portal.',
      body: 'Open the portal.',
      departmentId: school.departments.it.id,
    });
    const unpublished = await createArticle(prisma, {
      slug: 'draft-vpn',
      title: 'VPN (draft)',
      summary: 'Soon.',
      body: 'Soon.',
      departmentId: school.departments.it.id,
      status: 'DRAFT',
    });
    const cannedResponse = await prisma.cannedResponse.create({
      data: {
        title: 'Password reset',
        body: 'Hello {{student.firstName}}, your password is reset.',
        departmentId: school.departments.it.id,
        createdById: school.users.manager.id,
      },
    });
    const schoolCannedResponse = await prisma.cannedResponse.create({
      data: { title: 'Thanks', body: 'Thank you, {{student.firstName}}.', createdById: school.users.admin.id },
    });
    const suggestion = await prisma.suggestion.create({
      data: {
        title: 'Self-service resets',
        body: 'Half the tickets.',
        categoryId: school.categories.login.id,
        authorId: school.users.staff.id,
      },
    });
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: 'guest@example.edu' } });
    const invitation = await prisma.invitation.create({
      data: {
        email: 'invited@example.edu',
        name: 'Ina Invited',
        role: 'STAFF',
        departmentId: school.departments.it.id,
        tokenHash: 'not a real token',
        createdAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });

    const slaPolicy = await prisma.slaPolicy.findFirstOrThrow({ where: { departmentId: school.departments.it.id, priority: 'NORMAL' } });
    // The requester reads the portal in Arabic: whoever may see that gets a value, not null.
    await prisma.user.update({ where: { id: school.users.alice.id }, data: { language: 'ar' } });
    const holiday = await prisma.holiday.create({
      data: { departmentId: school.departments.it.id, date: new Date('2039-12-24T00:00:00Z'), name: 'Winter closure' },
    });

    world = {
      api,
      school,
      tokens: {
        anonymous: undefined,
        guest: undefined,
        student: school.tokens.alice,
        otherStudent: school.tokens.bob,
        staff,
        otherStaff: school.tokens.otherStaff,
        manager: school.tokens.manager,
        admin,
        ...(Object.fromEntries(Object.entries(keys).map(([caller, key]) => [caller, key.key])) as Record<keyof typeof keys, string>),
      },
      ids: {
        ticket,
        reply: reply.data!.reply.id,
        note: note.data!.reply.id,
        reportAttachment,
        noteAttachment,
        rating: rating.data!.rateTicket.id,
        staffMember: toGlobalId('User', school.users.staff.id),
        student: toGlobalId('User', school.users.alice.id),
        department: toGlobalId('Department', school.departments.it.id),
        category: school.categoryIds.login,
        incident: toGlobalId('Incident', incident.id),
        article: toGlobalId('Article', published.id),
        unpublishedArticle: toGlobalId('Article', unpublished.id),
        cannedResponse: toGlobalId('CannedResponse', cannedResponse.id),
        schoolCannedResponse: toGlobalId('CannedResponse', schoolCannedResponse.id),
        savedView: toGlobalId('SavedView', (await freshSavedView(prisma, { departmentId: school.departments.it.id })).id),
        staffNotification: '',
        automationRule: toGlobalId('AutomationRule', (await freshAutomationRule(prisma, school.departments.it.id)).id),
        suggestion: toGlobalId('Suggestion', suggestion.id),
        email: toGlobalId('EmailMessage', email.id),
        apiKey: keys['key:tickets:read'].apiKey.id,
        invitation: toGlobalId('Invitation', invitation.id),
        slaPolicy: toGlobalId('SlaPolicy', slaPolicy.id),
        holiday: toGlobalId('Holiday', holiday.id),
        adminWebhook,
        keyWebhook,
        adminDelivery: await deliveryOf(adminWebhook),
        keyDelivery: await deliveryOf(keyWebhook),
      },
      slugs: { published: published.slug, unpublished: unpublished.slug },
      ticketCode: reported.data!.reportProblem.trackingCode,
    };
    world.ids.staffNotification = await freshStaffNotification(world);
  });
  afterAll(() => world?.api.close());

  it.each(ACCESS.map((row) => [`${row.type}: ${row.action}`, row] as const))('%s', async (_name, row) => {
    const answers = await Promise.all(
      CALLERS.map(async (caller) => {
        const outcomes = await Promise.all(
          row.doors.map(async (door, index) => {
            const isList = typeof door !== 'function';
            const outcome = await (isList ? door.list : door)(caller, world);
            return { door: index, isList, outcome };
          }),
        );
        return { caller, outcomes };
      }),
    );
    const mismatches = answers.flatMap(({ caller, outcomes }) =>
      outcomes
        .filter(({ outcome }) => outcome !== undefined)
        .filter(({ isList, outcome }) => {
          const expected = row.expected[caller];
          if (outcome === expected) return false;
          // A list shows a refused caller nothing of the object: that agrees with the refusal.
          return !(isList && outcome === 'null' && REFUSALS.includes(expected));
        })
        .map(({ door, outcome }) => `${caller} through door ${door + 1}: expected ${row.expected[caller]}, got ${outcome}`),
    );
    expect(mismatches).toEqual([]);
  });

  it('is the table docs/access-policy.md shows', () => {
    const table = accessTableMarkdown();
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    expect(start, `${DOC} has the markers of the generated table`).toBeGreaterThan(-1);
    const current = doc.slice(start + BEGIN.length, end).trim();
    if (process.env.ACCESS_POLICY_DOC === 'write' && cells(current) !== cells(table)) {
      writeFileSync(DOC, `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`);
      return;
    }
    expect(cells(current), 'docs/access-policy.md is out of date: run this test with ACCESS_POLICY_DOC=write').toBe(cells(table));
  });
});
