// The most items each plain list field (a list that is not a connection) returns: the one table.
// A field declares its maximum with `@MaxItems(LIST_MAXIMUM.x)`, the service or loader behind it
// reads no more than that many rows, and a query's cost counts that many items (query-cost.ts),
// so what a query may cost bounds what it may make the server do. docs/security.md lists them.
import {
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { Extensions } from 'type-graphql';

export const LIST_MAXIMUM = {
  /** Every list of departments: the public list, the dashboards' rows per department, the leaderboard. */
  departments: 50,
  /** The public list of active categories, and the dashboard's volume per category. */
  categories: 200,
  /** A department's categories (archived ones too when staff ask), and those a merge renamed. */
  categoriesPerDepartment: 50,
  /** Known issues not yet resolved. */
  activeIncidents: 20,
  recentlyResolvedIncidents: 20,
  relatedArticles: 5,
  /** An incident's updates, newest first. */
  incidentUpdates: 20,
  /** A message's or report's attachments: the most ATTACHMENTS_PER_MESSAGE may allow. */
  attachments: 20,
  /** A ticket's history: its latest changes. */
  ticketHistory: 200,
  /** A suggestion's latest comments. */
  suggestionComments: 20,
  /** A webhook delivery's latest attempts. */
  webhookAttempts: 20,
  /** The saved views a staff member sees: their own and those shared with their departments. */
  savedViews: 100,
  /** The canned responses a staff member can use. */
  cannedResponses: 200,
  /** The articles one canned response links. */
  cannedResponseArticles: 5,
  /** A canned response's versions: one per language StudentDesk speaks (LANGUAGES in @studentdesk/domain). */
  cannedResponseVersions: 5,
  /** Staff one may assign tickets to, and the perception gap per staff member. */
  staffMembers: 200,
  /** A staff member's notification settings: one per kind. */
  notificationKinds: 10,
  /** `searchArticles(first:)`: the most `first` may ask for. */
  articleSearch: 20,
  /** Pieces of one ticket search snippet (`TicketSearchEdge.highlights`): two fragments of a few words. */
  searchHighlights: 80,
  /** Articles and known issues suggested while a student types a report. */
  reportSuggestions: 5,
  /** Praise on a staff member's home page. */
  praiseOnHome: 10,
  /** A student's latest tickets in the panel beside a ticket. */
  studentPanelTickets: 20,
  /** The dashboard's backlog age buckets (BacklogAge). */
  backlogAges: 4,
  /** CSAT per department per week: the latest weeks, about ten departments' year. */
  weeklyCsat: 500,
  /** A department's SLA targets: one per priority. */
  slaPoliciesPerDepartment: 4,
  /** The days an iCal import touches: its own (ICAL_MAX_DAYS) and as many removed. */
  holidayImportDays: 2000,
  /** The events an iCal import leaves out: at most all of them (ICAL_MAX_EVENTS). */
  holidayImportSkipped: 500,
  /** The departments one person works in (`User.memberships`): setMembership and imports refuse more. */
  membershipsPerPerson: 10,
  /** Rows of a people import shown at once (`PeopleImport.rows(first:)`; `offset` walks the rest). */
  importRows: 1000,
  /** The kinds of audited action (AuditAction), with their meanings. */
  auditActions: 100,
  /** People found by a search on the privacy page. */
  privacyPeople: 20,
  /** The tables an erasure changes (ErasurePlan.changes). */
  erasureChanges: 20,
  /** The retention rules: one per RetentionRuleKind. */
  retentionRules: 10,
  /** The tickets one bulk update changes (BULK_UPDATE_MAX), and those its undo restores or skips. */
  bulkUpdateTickets: 500,
  /** The automation rules a staff member sees: school-wide and their departments' (RULES_PER_AUDIENCE each). */
  automationRules: 100,
  /** A rule's conditions (MAX_CONDITIONS). */
  automationConditions: 20,
  /** A rule's actions (MAX_ACTIONS). */
  automationActions: 10,
  /** The tickets a dry run shows (its first page). */
  automationDryRun: 20,
  /** The school's tags offered at once (autocomplete narrows them by name). */
  tags: 200,
  /** The tags on one ticket (TAGS_PER_TICKET), and those one macro adds. */
  tagsPerTicket: 20,
  /** The macros a staff member sees: their own and those shared with their departments. */
  macros: 100,
  /** The tickets linked to one ticket as related. */
  relatedTickets: 50,
} as const;

const MAX_ITEMS = 'maxItems';

/** Declares the most items a list field returns (one of LIST_MAXIMUM), for the cost of a query. */
export const MaxItems = (maximum: number) => Extensions({ [MAX_ITEMS]: maximum });

/** The declared maximum of a list field, or undefined. */
export function maxItemsOf(field: GraphQLField<unknown, unknown>): number | undefined {
  const maximum = field.extensions[MAX_ITEMS];
  return typeof maximum === 'number' ? maximum : undefined;
}

/** Whether a field is a plain list of objects (a connection's `edges` lists are counted by `first`). */
export function isObjectList(field: GraphQLField<unknown, unknown>): boolean {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(type) && !isLeafType(getNamedType(type)) && !getNamedType(type).name.endsWith('Edge');
}

/** "Type.field" of every list of objects without a declared maximum: none may exist (admission.ts refuses to start). */
export function listsWithoutMaximum(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => isObjectList(field) && maxItemsOf(field) === undefined)
        .map((field) => `${type.name}.${field.name}`),
    );
}
