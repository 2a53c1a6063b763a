// Known issues: two happening now (students see them on the portal, tickets are linked to them)
// and three from the past, each with its updates and the tickets that were resolved together.
import type { IncidentStatus, Prisma, TicketChannel } from '../generated/prisma/client.js';
import type { Person } from './people.js';
import { uuidv7 } from './random.js';
import type { CategoryKey } from './school.js';
import type { ScriptKit } from './scripted.js';
import { AUTO_CLOSE_AFTER, judge, predict, ratingComment, type Beat, type Story } from './tickets.js';
import { Slots } from './stories.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface SeededIncident {
  id: string;
  title: string;
  categoryId: string;
  startedAt: number;
  resolvedAt: number | null;
}

export interface IncidentSeed {
  incidents: SeededIncident[];
  rows: { incidents: Prisma.IncidentCreateManyInput[]; updates: Prisma.IncidentUpdateCreateManyInput[] };
  stories: Story[];
}

/** A linked ticket: what the student wrote and, for open incidents, whether staff have replied yet. */
interface Report {
  category: CategoryKey;
  title: string;
  description: string;
  channel?: TicketChannel;
}

interface IncidentScript {
  title: string;
  summary: string;
  status: IncidentStatus;
  category: CategoryKey;
  /** Minutes before now that it started. */
  startedMinutesAgo: number;
  /** Minutes it lasted, for past incidents. */
  lastedMinutes?: number;
  /** Minutes after the start, and what was said. */
  updates: [number, string][];
  /** What staff tell a reporter while it is going on, and when it is over. */
  acknowledgement: string;
  resolution?: string;
  reports: Report[];
}

const SCRIPTS: IncidentScript[] = [
  {
    title: 'LMS sign-in failing',
    summary:
      'Many students cannot sign in to the LMS: the sign-in page returns to itself or shows "authentication failed". The portal, email and Wi-Fi work normally.',
    status: 'INVESTIGATING',
    category: 'it.lms',
    startedMinutesAgo: 155,
    updates: [
      [
        9,
        'We are aware that many students cannot sign in to the LMS. Other systems work normally. We are investigating and will update this page every hour.',
      ],
      [
        72,
        'The problem is in the single sign-on connection between the LMS and our login service. Assignment deadlines that fall today will be extended; lecturers have been informed.',
      ],
    ],
    acknowledgement:
      'Thank you for reporting this. Sign-in to the LMS is failing for many students right now; we are working on it and you can follow progress on the status page of the portal. I have linked your ticket, so you will hear from us here as soon as it is fixed. Deadlines that fall today will be extended.',
    reports: [
      {
        category: 'it.lms',
        title: "Can't log in to the LMS",
        description: 'When I sign in to the LMS it sends me back to the sign-in page again and again.',
      },
      {
        category: 'it.lms',
        title: 'LMS says "authentication failed"',
        description: 'I get "authentication failed" on the LMS, but my password works on the portal.',
      },
      {
        category: 'it.lms',
        title: 'Cannot submit assignment, LMS login broken',
        description: 'My assignment for Academic Writing is due at 17:00 and I cannot get into the LMS at all. Will the deadline be moved?',
        channel: 'API',
      },
      {
        category: 'it.lms',
        title: 'lms login loop',
        description: 'login page keeps reloading. tried chrome and firefox, cleared cookies.',
      },
      {
        category: 'it.lms',
        title: 'Locked out of the LMS during an online quiz',
        description: 'I was in the middle of the Statistics quiz and got logged out. Now I cannot sign in again.',
      },
      {
        category: 'it.login',
        title: 'Cannot sign in to LMS from home',
        description: 'I cannot sign in to the LMS from home. Is my account blocked?',
        channel: 'GUEST',
      },
      {
        category: 'it.lms',
        title: 'LMS sign-in error 500',
        description: 'After entering my code from the authenticator app I see an error page with code 500.',
      },
      {
        category: 'it.lms',
        title: 'Course pages not loading, sign-in required',
        description: 'Every course page asks me to sign in and then fails.',
      },
    ],
  },
  {
    title: 'Wi-Fi outage in Dorm B',
    summary: 'There is no Wi-Fi on floors 2 to 4 of Dorm B. The wired ports in the rooms and eduroam in the common room still work.',
    status: 'IDENTIFIED',
    category: 'it.wifi',
    startedMinutesAgo: 26 * 60,
    updates: [
      [40, 'Students in Dorm B report that Wi-Fi is down on several floors. Our network team is on the way.'],
      [
        190,
        'Identified: a network switch in the Dorm B basement has failed. The replacement arrives tomorrow morning. Until then, please use the wired port in your room or eduroam in the common room on the ground floor.',
      ],
    ],
    acknowledgement:
      'Thanks for letting us know. A network switch in Dorm B has failed and the replacement arrives tomorrow morning. Until then the wired port in your room works (Housing lends out cables at the front desk). I have linked your ticket to the outage, so you will be told here when it is fixed.',
    reports: [
      {
        category: 'it.wifi',
        title: 'No Wi-Fi in Dorm B',
        description: 'Since about 8 this morning there is no Wi-Fi in my room in Dorm B (3rd floor).',
      },
      {
        category: 'it.wifi',
        title: 'Wi-Fi down on the 2nd floor of Dorm B',
        description: 'None of us on the second floor have internet. The network does not even show up.',
      },
      {
        category: 'it.wifi',
        title: 'Internet not working in Dorm B, online exam tomorrow',
        description: 'I have an online exam tomorrow at 10:00 and there is no Wi-Fi in Dorm B. What should I do?',
      },
      { category: 'it.wifi', title: 'Dorm B wifi gone', description: 'wifi gone again in dorm b, 4th floor' },
      {
        category: 'housing.maintenance',
        title: 'No internet in my room (Dorm B)',
        description: 'Is the internet in Dorm B part of the rent? It has not worked all day and I need it for my studies.',
      },
      {
        category: 'housing.maintenance',
        title: 'Dorm B: internet and printer not working',
        description: 'The Wi-Fi and the shared printer on our floor do not work since this morning.',
      },
    ],
  },
  {
    title: 'Email delivery delayed',
    summary: 'Email from outside the school arrived with delays of up to five hours.',
    status: 'RESOLVED',
    category: 'it.email',
    startedMinutesAgo: 38 * 24 * 60 + 5 * 60,
    lastedMinutes: 5 * 60 + 20,
    updates: [
      [25, 'Mail from outside the school is arriving late. Internal mail is not affected. We are investigating with our mail provider.'],
      [140, 'The delay is caused by a spam-filter update at our provider. They are rolling it back.'],
      [320, 'Resolved: all delayed messages have been delivered. Nothing was lost.'],
    ],
    acknowledgement: 'Mail from outside the school is delayed at the moment; we are working on it with our provider. No messages are lost.',
    resolution:
      'The mail delay is over: our provider rolled back a faulty spam-filter update and all delayed messages have been delivered. Nothing was lost.',
    reports: [
      {
        category: 'it.email',
        title: 'Emails from outside not arriving',
        description: 'I am expecting an email from my internship company but nothing from outside arrives today.',
      },
      {
        category: 'it.email',
        title: 'Mail delayed by hours',
        description: 'A message sent to me at 9:00 arrived at 13:00. Is something wrong?',
      },
      {
        category: 'it.email',
        title: 'Missing verification email',
        description: 'I am trying to register for an exam platform and the verification email never comes.',
      },
    ],
  },
  {
    title: 'Payment portal unavailable',
    summary: 'Paying invoices online was not possible; direct debits were not affected.',
    status: 'RESOLVED',
    category: 'finaid.invoice',
    startedMinutesAgo: 74 * 24 * 60 + 9 * 60,
    lastedMinutes: 26 * 60,
    updates: [
      [35, 'The payment page shows an error after choosing a bank. We are in contact with the payment provider.'],
      [
        600,
        'The provider has found the cause (an expired certificate) and is replacing it. No late fees will be charged for invoices due this week.',
      ],
      [1560, 'Resolved: online payments work again.'],
    ],
    acknowledgement:
      'The payment page is down at the moment because of a problem at our payment provider. No late fees will be charged for invoices due this week.',
    resolution:
      'Online payments work again: the payment provider replaced an expired certificate. As promised, no late fees are charged for invoices that were due during the outage.',
    reports: [
      {
        category: 'finaid.invoice',
        title: 'Cannot pay my invoice online',
        description: 'After choosing my bank I get "payment could not be started". My invoice is due tomorrow.',
      },
      { category: 'finaid.invoice', title: 'Payment page error', description: 'The payment page gives an error. Will I get a late fee?' },
      {
        category: 'finaid.paymentPlans',
        title: 'First instalment cannot be paid',
        description: 'I want to pay my first instalment but the payment page does not work.',
      },
    ],
  },
  {
    title: 'Library catalogue search down',
    summary: 'Searching the library catalogue returned no results; loans and renewals still worked.',
    status: 'RESOLVED',
    category: 'library.loans',
    startedMinutesAgo: 19 * 24 * 60 + 3 * 60,
    lastedMinutes: 170,
    updates: [
      [15, 'Catalogue search returns no results at the moment. You can still renew loans in your account.'],
      [165, 'Resolved: the search index has been rebuilt and search works again.'],
    ],
    acknowledgement: 'The catalogue search is down right now; we are rebuilding the search index. Renewals in your account still work.',
    resolution: 'Catalogue search works again: the search index has been rebuilt.',
    reports: [
      {
        category: 'library.loans',
        title: 'Catalogue search gives no results',
        description: 'Every search in the catalogue returns nothing, even for books I borrowed last week.',
      },
      {
        category: 'library.eresources',
        title: 'Library search not working',
        description: 'I cannot find any e-books through the library search today.',
      },
    ],
  },
];

export function buildIncidents(kit: ScriptKit): IncidentSeed {
  const seed: IncidentSeed = { incidents: [], rows: { incidents: [], updates: [] }, stories: [] };
  for (const script of SCRIPTS) {
    const category = kit.school.category(script.category);
    const slug = category.department.slug;
    const lead = slug === 'it' ? kit.people.demo.manager : kit.manager(slug);
    const startedAt = Math.floor((kit.now - script.startedMinutesAgo * MINUTE) / 1000) * 1000;
    const resolvedAt = script.lastedMinutes === undefined ? null : startedAt + script.lastedMinutes * MINUTE;
    const incident: SeededIncident = { id: uuidv7(startedAt), title: script.title, categoryId: category.id, startedAt, resolvedAt };
    seed.incidents.push(incident);
    seed.rows.incidents.push({
      id: incident.id,
      title: script.title,
      summary: script.summary,
      status: script.status,
      departmentId: category.department.id,
      categoryId: category.id,
      createdById: lead.id,
      startedAt: new Date(startedAt),
      resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
      createdAt: new Date(startedAt),
    });
    for (const [minutes, body] of script.updates) {
      const at = startedAt + minutes * MINUTE;
      seed.rows.updates.push({ id: uuidv7(at), incidentId: incident.id, authorId: lead.id, body, createdAt: new Date(at) });
    }
    script.reports.forEach((report, index) => {
      // Reports arrive while the incident is going on, spread over its first hours.
      const end = resolvedAt ?? kit.now - 5 * MINUTE;
      const createdAt = Math.floor((startedAt + ((index + 0.5) / script.reports.length) * (end - startedAt) * 0.8) / 1000) * 1000;
      seed.stories.push(incidentStory(kit, script, incident, report, createdAt, lead));
    });
  }
  return seed;
}

/** Incident handling runs on the incident's own time, not the SLA clock: it is all hands on deck. */
function incidentStory(
  kit: ScriptKit,
  script: IncidentScript,
  incident: SeededIncident,
  report: Report,
  createdAt: number,
  lead: Person,
): Story {
  const { random } = kit;
  const draft = kit.draft({
    category: report.category,
    createdAt,
    student: kit.someStudent(),
    channel: report.channel,
    priority: script.status === 'RESOLVED' ? undefined : 'HIGH',
    title: report.title,
    description: report.description,
  });
  const slug = draft.department.slug;
  const agent = kit.staff(slug, random.int(0, 5));
  const until = incident.resolvedAt ?? kit.now;
  const within = (share: number) => createdAt + share * (until - createdAt);
  const beats: Beat[] = [
    { at: within(random.between(0.02, 0.1)), kind: 'link', by: lead, incidentId: incident.id },
    kit.assign(within(random.between(0.1, 0.2)), kit.manager(slug), agent),
  ];
  // Open incidents: some reporters have been answered, the newest are still waiting.
  const answered = incident.resolvedAt !== null || random.chance(0.6);
  if (answered) beats.push(kit.staffReply(draft, within(random.between(0.25, 0.6)), agent, script.acknowledgement));
  if (incident.resolvedAt === null || !script.resolution) return { draft, beats };

  const resolvedAt = incident.resolvedAt + random.between(2, 15) * MINUTE;
  const { score, expectation } = judge(random, draft, resolvedAt, false);
  beats.push(
    kit.resolve(draft, resolvedAt, agent, script.resolution, random.chance(0.8) ? predict(random, score, draft.department) : null),
  );
  if (random.chance(0.6)) {
    beats.push({
      at: resolvedAt + random.between(0.5, 30) * HOUR,
      kind: 'rate',
      score,
      expectation,
      comment: ratingComment(random, score, agent, new Slots(random, {})),
    });
  }
  beats.push({ at: resolvedAt + AUTO_CLOSE_AFTER, kind: 'close' });
  return { draft, beats, expect: resolvedAt + AUTO_CLOSE_AFTER < kit.now ? 'CLOSED' : 'RESOLVED' };
}

/** Students who found their answer on the incident banner and did not file a ticket. */
export function incidentDeflections(kit: ScriptKit, incidents: SeededIncident[], perIncident: number): Prisma.DeflectionCreateManyInput[] {
  const rows: Prisma.DeflectionCreateManyInput[] = [];
  for (const incident of incidents) {
    const end = incident.resolvedAt ?? kit.now;
    for (let i = 0; i < perIncident; i += 1) {
      const at = Math.floor(kit.random.between(incident.startedAt + 10 * MINUTE, end) / 1000) * 1000;
      rows.push({ id: uuidv7(at), incidentId: incident.id, categoryId: incident.categoryId, createdAt: new Date(at) });
    }
  }
  return rows;
}
