// Automation rules over HTTP and through their sweeps, with the app at a test clock: input checks,
// who may keep them, the dry run, an event rule firing once with concurrent sweepers, a pair of
// rules that would ping-pong stopped, a time rule counting business days (weekend and holiday
// skipped), and the matcher and its SQL twin agreeing on every condition.
import type { Ticket as TicketRow } from '@studentdesk/db';
import { codes, createSchool, type School } from '@studentdesk/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { MAX_CHAIN, runEventRules, runTimeRules } from './automation.engine.js';
import { CONDITION_FIELDS, conditionsSql, matchesConditions, operatorsOf, type AutomationCondition } from './automation.rules.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: AutomationRuleInput!) {
    createAutomationRule(input: $input) {
      id
      name
      enabled
      trigger {
        type
        events
        status
        businessDays
      }
      conditions {
        field
        operator
        values
      }
      actions {
        type
        priority
        body
      }
    }
  }
`;
const DRY_RUN = /* GraphQL */ `
  query DryRun($input: AutomationRuleInput!) {
    automationDryRun(input: $input) {
      count
      tickets {
        id
      }
    }
  }
`;
const RULES = '{ automationRules { id name } }';
const SET_ENABLED = 'mutation($id: ID!, $enabled: Boolean!) { setAutomationRuleEnabled(id: $id, enabled: $enabled) { enabled } }';
const SET_STATUS = 'mutation($id: ID!, $status: TicketStatus!) { updateTicketStatus(ticketId: $id, status: $status) { status } }';
const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    ticket(id: $id) {
      status
      priority
      history {
        type
        toStatus
        actor {
          name
        }
        automationRuleName
      }
    }
  }
`;

// Wednesday 2 December 2026, 10:00 UTC.
const START = new Date('2026-12-02T10:00:00Z');

describe('automation rules', () => {
  let api: TestApi;
  let school: School;
  const clock = new TestClock(START);
  let itId: string;
  const deps = () => ({ prisma: api.db.prisma, publicUrl: 'https://desk.example.edu' });

  const create = (token: string, input: Record<string, unknown>) => api.gql(CREATE, { input }, { token });
  const createOk = async (token: string, input: Record<string, unknown>) => {
    const response = await create(token, input);
    expect(response.errors).toBeUndefined();
    return response.data!.createAutomationRule as { id: string };
  };
  const report = async (title: string): Promise<string> => {
    const response = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title, description: 'Please help.' } },
      { token: school.tokens.alice },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.reportProblem.ticket.id;
  };
  const ticketRow = (globalId: string) => api.db.prisma.ticket.findUniqueOrThrow({ where: { id: fromGlobalId(globalId, 'Ticket', 'id') } });
  /** Sweeps until every history event has been looked at (a rule's changes are events too). */
  const settle = async () => {
    while (await api.db.prisma.ticketEvent.count({ where: { automationCheckedAt: null } })) await runEventRules(deps(), clock.now());
  };
  const disableAll = async () => api.db.prisma.automationRule.updateMany({ data: { enabled: false } });

  beforeAll(async () => {
    // Sweeps run when the test says (SWEEP_INTERVAL_MS far out), at the test's clock.
    api = await startTestApi('postgresql', { SWEEP_INTERVAL_MS: '3600000' }, undefined, clock);
    school = await createSchool(api);
    itId = toGlobalId('Department', school.departments.it.id);
    // IT works Monday to Friday, 09:00–17:00 UTC, and is closed on Monday 7 December.
    await api.db.prisma.department.update({
      where: { id: school.departments.it.id },
      data: { businessDays: [1, 2, 3, 4, 5], businessDayStart: 540, businessDayEnd: 1020 },
    });
    await api.db.prisma.holiday.create({
      data: { departmentId: school.departments.it.id, date: new Date('2026-12-07'), name: 'Closure day' },
    });
  });
  afterAll(() => api?.close());
  // Each test's rules are its own.
  afterEach(disableAll);

  it('refuses rules that do not make sense, naming the field', async () => {
    const base = { name: 'Rule', departmentId: itId, conditions: [], actions: [{ type: 'WEBHOOK' }] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, trigger: { type: 'EVENT', events: [] } }, 'trigger.events'],
      [{ ...base, trigger: { type: 'TIME', status: 'OPEN', businessDays: 3 } }, 'trigger.status'],
      [{ ...base, trigger: { type: 'TIME', status: 'WAITING_ON_STUDENT' } }, 'trigger.businessDays'],
      [
        {
          ...base,
          trigger: { type: 'EVENT', events: ['TICKET_CREATED'] },
          conditions: [{ field: 'STATUS', operator: 'IS_ANY_OF', values: ['LOST'] }],
        },
        'conditions.0.values',
      ],
      [
        { ...base, trigger: { type: 'EVENT', events: ['TICKET_CREATED'] }, conditions: [{ field: 'PRIORITY', operator: 'IS_EMPTY' }] },
        'conditions.0',
      ],
      [
        { ...base, trigger: { type: 'EVENT', events: ['TICKET_CREATED'] }, actions: [{ type: 'SET_STATUS', status: 'RESOLVED' }] },
        'actions.0.status',
      ],
      [
        { ...base, trigger: { type: 'EVENT', events: ['TICKET_CREATED'] }, actions: [{ type: 'EMAIL_STUDENT', subject: 'Hi', body: ' ' }] },
        'actions.0.body',
      ],
      [
        {
          ...base,
          trigger: { type: 'EVENT', events: ['TICKET_CREATED'] },
          actions: [{ type: 'ASSIGN', assigneeId: toGlobalId('User', school.users.otherStaff.id) }],
        },
        'assigneeId',
      ],
    ];
    for (const [input, field] of cases) {
      const response = await create(school.tokens.manager, input);
      expect(codes(response), field).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.field).toBe(field);
    }
    const empty = await create(school.tokens.manager, { ...base, trigger: { type: 'EVENT', events: ['RATED'] }, actions: [] });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
  });

  it('lets managers keep their department’s rules and admins all; staff only read', async () => {
    const input = {
      name: 'Webhook on rating',
      departmentId: itId,
      trigger: { type: 'EVENT', events: ['RATED'] },
      conditions: [],
      actions: [{ type: 'WEBHOOK' }],
    };
    expect(codes(await create(school.tokens.staff, input))).toEqual(['FORBIDDEN']);
    expect(codes(await create(school.tokens.alice, input))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await create(school.tokens.manager, { ...input, departmentId: null }))).toEqual(['FORBIDDEN']);
    expect(
      codes(await create(school.tokens.manager, { ...input, departmentId: toGlobalId('Department', school.departments.finance.id) })),
    ).toEqual(['FORBIDDEN']);
    const rule = await createOk(school.tokens.manager, input);
    const schoolWide = await createOk(school.tokens.admin, { ...input, name: 'School-wide', departmentId: null });
    const listed = async (token: string) =>
      ((await api.gql(RULES, {}, { token })).data!.automationRules as Array<{ id: string }>).map((r) => r.id);
    expect(await listed(school.tokens.staff)).toEqual(expect.arrayContaining([rule.id, schoolWide.id]));
    expect(await listed(school.tokens.otherStaff)).toEqual([schoolWide.id]);
    expect(codes(await api.gql(SET_ENABLED, { id: rule.id, enabled: false }, { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(SET_ENABLED, { id: rule.id, enabled: false }, { token: school.tokens.otherStaff }))).toEqual(['NOT_FOUND']);
    expect(
      (await api.gql(SET_ENABLED, { id: rule.id, enabled: false }, { token: school.tokens.manager })).data!.setAutomationRuleEnabled,
    ).toEqual({
      enabled: false,
    });
  });

  it('fires an event rule once per event however many sweepers run, as the rule in the history', async () => {
    clock.set(START);
    const rule = await createOk(school.tokens.manager, {
      name: 'Escalate new sign-in problems',
      departmentId: itId,
      trigger: { type: 'EVENT', events: ['TICKET_CREATED'] },
      conditions: [
        { field: 'CATEGORY', operator: 'IS_ANY_OF', values: [school.categoryIds.login] },
        { field: 'ASSIGNEE', operator: 'IS_EMPTY' },
      ],
      actions: [
        { type: 'SET_PRIORITY', priority: 'HIGH' },
        { type: 'ADD_MESSAGE', body: 'Escalated by automation.', internal: true },
      ],
    });
    const ticketId = await report('Cannot sign in');
    await Promise.all([runEventRules(deps(), clock.now()), runEventRules(deps(), clock.now()), runEventRules(deps(), clock.now())]);
    await settle();

    const ruleId = fromGlobalId(rule.id, 'AutomationRule', 'id');
    expect(await api.db.prisma.automationRun.count({ where: { ruleId } })).toBe(1);
    const ticket = await ticketRow(ticketId);
    expect(ticket.priority).toBe('HIGH');
    expect(await api.db.prisma.message.count({ where: { ticketId: ticket.id, internal: true } })).toBe(1);
    const history = (await api.gql(HISTORY, { id: ticketId }, { token: school.tokens.staff })).data!.ticket.history as Array<{
      type: string;
      actor: unknown;
      automationRuleName: string | null;
    }>;
    expect(history.find((event) => event.type === 'PRIORITY_CHANGED')).toMatchObject({
      actor: null,
      automationRuleName: 'Escalate new sign-in problems',
    });
  });

  it('tags a ticket as the rule, and refuses a tag that does not exist', async () => {
    clock.set(START);
    const tag = await api.db.prisma.tag.create({ data: { name: 'first-week' } });
    const unknown = await create(school.tokens.manager, {
      name: 'Tag with a ghost',
      departmentId: itId,
      trigger: { type: 'EVENT', events: ['TICKET_CREATED'] },
      conditions: [],
      actions: [{ type: 'ADD_TAGS', tagIds: [toGlobalId('Tag', '00000000-0000-7000-8000-000000000000')] }],
    });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0]!.extensions!.field).toBe('actions.0.tagIds');

    await createOk(school.tokens.manager, {
      name: 'Tag first-week reports',
      departmentId: itId,
      trigger: { type: 'EVENT', events: ['TICKET_CREATED'] },
      conditions: [],
      actions: [{ type: 'ADD_TAGS', tagIds: [toGlobalId('Tag', tag.id)] }],
    });
    const ticketId = await report('Timetable will not load');
    await settle();
    const ticket = await ticketRow(ticketId);
    expect(await api.db.prisma.ticketTag.findMany({ where: { ticketId: ticket.id }, select: { tagId: true } })).toEqual([
      { tagId: tag.id },
    ]);
    const history = (await api.gql(HISTORY, { id: ticketId }, { token: school.tokens.staff })).data!.ticket.history as Array<{
      type: string;
      actor: unknown;
      automationRuleName: string | null;
    }>;
    expect(history.find((event) => event.type === 'TAGS_CHANGED')).toMatchObject({
      actor: null,
      automationRuleName: 'Tag first-week reports',
    });
  });

  it('stops two rules that would undo each other forever', async () => {
    const pingPong = (name: string, from: string, to: string) =>
      createOk(school.tokens.manager, {
        name,
        departmentId: itId,
        trigger: { type: 'EVENT', events: ['TICKET_UPDATED'] },
        conditions: [{ field: 'STATUS', operator: 'IS_ANY_OF', values: [from] }],
        actions: [{ type: 'SET_STATUS', status: to }],
      });
    const ping = await pingPong('Ping', 'OPEN', 'WAITING_ON_STUDENT');
    const pong = await pingPong('Pong', 'WAITING_ON_STUDENT', 'OPEN');
    const ticketId = await report('Printer jammed');
    await settle();
    await api.gql(SET_STATUS, { id: ticketId, status: 'OPEN' }, { token: school.tokens.staff });
    await settle();

    const runs = await api.db.prisma.automationRun.findMany({
      where: { ticketId: fromGlobalId(ticketId, 'Ticket', 'id') },
      orderBy: { createdAt: 'asc' },
    });
    // Ping on the person's change, Pong on Ping's; Ping does not fire again on a change its own chain caused.
    expect(runs.map((run) => run.ruleId)).toEqual([
      fromGlobalId(ping.id, 'AutomationRule', 'id'),
      fromGlobalId(pong.id, 'AutomationRule', 'id'),
    ]);
    expect(runs.length).toBeLessThanOrEqual(MAX_CHAIN);
    expect((await ticketRow(ticketId)).status).toBe('OPEN');
  });

  it('reminds, then closes a ticket waiting on the student for five business days, skipping the weekend and the closure day', async () => {
    const waiting = { departmentId: itId, conditions: [] };
    await createOk(school.tokens.manager, {
      ...waiting,
      name: 'Remind after 3 days',
      trigger: { type: 'TIME', status: 'WAITING_ON_STUDENT', businessDays: 3 },
      actions: [{ type: 'EMAIL_STUDENT', subject: 'We are waiting for your answer', body: 'Please answer, or we will close this ticket.' }],
    });
    const close = await createOk(school.tokens.manager, {
      ...waiting,
      name: 'Close after 5 days',
      trigger: { type: 'TIME', status: 'WAITING_ON_STUDENT', businessDays: 5 },
      actions: [{ type: 'CLOSE', body: 'We closed this ticket as we did not hear back. Reopen it any time.' }],
    });
    clock.set(START);
    const ticketId = await report('VPN will not connect');
    await settle();
    expect(codes(await api.gql(SET_STATUS, { id: ticketId, status: 'WAITING_ON_STUDENT' }, { token: school.tokens.staff }))).toEqual([]);
    const id = fromGlobalId(ticketId, 'Ticket', 'id');
    const reminders = () => api.db.prisma.emailMessage.count({ where: { ticketId: id, kind: 'AUTOMATION' } });
    const sweepAt = async (time: string) => {
      clock.set(time);
      await Promise.all([runTimeRules(deps(), clock.now()), runTimeRules(deps(), clock.now())]);
      await settle();
      return ticketRow(ticketId);
    };

    // 23 working hours by Friday 17:00; the weekend and Monday's closure add nothing.
    expect((await sweepAt('2026-12-07T16:00:00Z')).status).toBe('WAITING_ON_STUDENT');
    expect(await reminders()).toBe(0);
    // Three business days: Tuesday 10:00.
    expect((await sweepAt('2026-12-08T10:00:00Z')).status).toBe('WAITING_ON_STUDENT');
    expect(await reminders()).toBe(1);
    // Without the closure day, five business days would be Wednesday 10:00: not yet.
    expect((await sweepAt('2026-12-09T12:00:00Z')).status).toBe('WAITING_ON_STUDENT');
    const closed = await sweepAt('2026-12-10T10:00:00Z');
    expect(closed.status).toBe('CLOSED');
    expect(await reminders()).toBe(1);
    expect(await api.db.prisma.automationRun.count({ where: { ruleId: fromGlobalId(close.id, 'AutomationRule', 'id') } })).toBe(1);

    const { ticket } = (await api.gql(HISTORY, { id: ticketId }, { token: school.tokens.staff })).data!;
    expect(
      ticket.history.filter((event: { automationRuleName: string | null }) => event.automationRuleName === 'Close after 5 days'),
    ).toEqual([
      expect.objectContaining({ type: 'RESOLVED', toStatus: 'RESOLVED' }),
      expect.objectContaining({ type: 'STATUS_CHANGED', toStatus: 'CLOSED' }),
    ]);
    // The student sees it closed, with the rule's words as the desk's (the rule's name is for staff).
    const MESSAGES =
      'query($id: ID!) { ticket(id: $id) { status messages(first: 10) { edges { node { author { id } automated automationRuleName } } } } }';
    const mine = (await api.gql(MESSAGES, { id: ticketId }, { token: school.tokens.alice })).data!.ticket;
    expect(mine.status).toBe('CLOSED');
    expect(mine.messages.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { author: null, automated: true, automationRuleName: null },
    ]);
    const staffView = (await api.gql(MESSAGES, { id: ticketId }, { token: school.tokens.staff })).data!.ticket;
    expect(staffView.messages.edges[0].node.automationRuleName).toBe('Close after 5 days');
  });

  it('dry-runs a rule: the tickets the caller may see that it would act on now', async () => {
    clock.set('2026-12-14T10:00:00Z');
    const ticketId = await report('Dry run candidate');
    await settle();
    const eventRule = {
      name: 'New sign-in tickets',
      departmentId: itId,
      trigger: { type: 'EVENT', events: ['TICKET_CREATED'] },
      conditions: [{ field: 'STATUS', operator: 'IS_ANY_OF', values: ['NEW'] }],
      actions: [{ type: 'WEBHOOK' }],
    };
    const dry = async (token: string, input: Record<string, unknown>) => api.gql(DRY_RUN, { input }, { token });
    const newCount = await api.db.prisma.ticket.count({ where: { status: 'NEW', departmentId: school.departments.it.id } });
    const result = (await dry(school.tokens.manager, eventRule)).data!.automationDryRun;
    expect(result.count).toBe(newCount);
    expect(result.tickets[0].id).toBe(ticketId);
    expect(codes(await dry(school.tokens.staff, eventRule))).toEqual(['FORBIDDEN']);
    expect(codes(await dry(school.tokens.otherStaff, eventRule))).toEqual(['FORBIDDEN']);

    await api.gql(SET_STATUS, { id: ticketId, status: 'WAITING_ON_STUDENT' }, { token: school.tokens.staff });
    const timeRule = { ...eventRule, conditions: [], trigger: { type: 'TIME', status: 'WAITING_ON_STUDENT', businessDays: 2 } };
    expect((await dry(school.tokens.manager, timeRule)).data!.automationDryRun.count).toBe(0);
    clock.set('2026-12-16T10:00:00Z');
    const later = (await dry(school.tokens.manager, timeRule)).data!.automationDryRun;
    expect(later.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([ticketId]);
  });

  it('matches in code exactly what its SQL finds, for every field and operator', async () => {
    const now = clock.now();
    const tickets = await api.db.prisma.ticket.findMany();
    // Some variety the reports above did not give.
    const sample = tickets[0]!;
    await api.db.prisma.ticket.update({ where: { id: sample.id }, data: { assigneeId: school.users.staff.id, priority: 'URGENT' } });
    const rows: TicketRow[] = await api.db.prisma.ticket.findMany();
    const valuesFor = (field: keyof typeof CONDITION_FIELDS): string[][] => {
      const definition = CONDITION_FIELDS[field];
      if (definition.kind === 'hours') return [['0'], ['1'], ['100']];
      if ('values' in definition) return [[definition.values[0]], [...definition.values.slice(1, 3)]];
      const seen = [...new Set(rows.map((row) => row[definition.column]).filter((value): value is string => value !== null))];
      return [[seen[0]!], seen.slice(0, 2)];
    };
    let compared = 0;
    for (const field of Object.keys(CONDITION_FIELDS) as Array<keyof typeof CONDITION_FIELDS>) {
      for (const operator of operatorsOf(field)) {
        for (const values of valuesFor(field)) {
          const condition: AutomationCondition = { field, operator, values };
          const inSql = await api.db.prisma.$queryRaw<
            Array<{ id: string }>
          >`SELECT t."id" FROM "Ticket" t WHERE ${conditionsSql([condition], now)}`;
          const inCode = rows.filter((row) => matchesConditions([condition], row, now)).map((row) => row.id);
          expect(inSql.map((row) => row.id).sort(), JSON.stringify(condition)).toEqual(inCode.sort());
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
