// A ticket's conversation as staff read it: the messages loaded so far and, between them, the
// changes made to the ticket, in time order either way round.
import type { TicketStatus } from '@studentdesk/domain';
import { priorityLabel, statusLabel } from '../components/Badges';
import type { Priority } from '../gql/graphql';

export const CONVERSATION_ORDERS = ['newestFirst', 'oldestFirst'] as const;
export type ConversationOrder = (typeof CONVERSATION_ORDERS)[number];

export const CONVERSATION_CONTENTS = ['everything', 'messagesOnly'] as const;
export type ConversationContents = (typeof CONVERSATION_CONTENTS)[number];

interface Dated {
  createdAt: string;
}

/** What the history says about one change (the Activity fragment). */
export interface Activity extends Dated {
  type: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  fromPriority: Priority | null;
  toPriority: Priority | null;
  assignee: { name: string } | null;
  toDepartment: { name: string } | null;
  tagsAdded?: string[] | null;
  tagsRemoved?: string[] | null;
  macroName?: string | null;
}

export type ConversationEntry<Message, Event> = { kind: 'message'; message: Message } | { kind: 'activity'; activity: Event };

/** History entries the conversation already shows: the report, each message, and the rating. */
const SHOWN_ELSEWHERE = new Set(['CREATED', 'REPLIED', 'NOTE_ADDED', 'RATED']);

/**
 * Messages and changes in one list. While earlier messages are still unloaded (`earlierUnloaded`),
 * changes older than the first loaded message wait for them: their place is not known yet.
 */
export function conversationEntries<Message extends Dated, Event extends Activity>(
  messages: Message[],
  history: Event[],
  { order, contents, earlierUnloaded }: { order: ConversationOrder; contents: ConversationContents; earlierUnloaded: boolean },
): Array<ConversationEntry<Message, Event>> {
  const loadedFrom = earlierUnloaded && messages[0] ? Date.parse(messages[0].createdAt) : -Infinity;
  const activities =
    contents === 'messagesOnly'
      ? []
      : history.filter((event) => !SHOWN_ELSEWHERE.has(event.type) && Date.parse(event.createdAt) >= loadedFrom);
  const entries: Array<ConversationEntry<Message, Event>> = [
    ...messages.map((message) => ({ kind: 'message' as const, message })),
    ...activities.map((activity) => ({ kind: 'activity' as const, activity })),
  ];
  const time = (entry: ConversationEntry<Message, Event>) =>
    Date.parse(entry.kind === 'message' ? entry.message.createdAt : entry.activity.createdAt);
  // Stable: at the same instant a message comes before the change it went with (a resolution, then "Resolved").
  entries.sort((a, b) => time(a) - time(b));
  return order === 'newestFirst' ? entries.reverse() : entries;
}

/** One change in a few words: "Assigned to Priya Raman", "Status: New → Open". */
export function describeActivity(activity: Activity): string {
  switch (activity.type) {
    case 'ASSIGNED':
      return activity.assignee ? `Assigned to ${activity.assignee.name}` : 'Unassigned';
    case 'STATUS_CHANGED':
      return activity.fromStatus && activity.toStatus
        ? `Status: ${statusLabel(activity.fromStatus)} → ${statusLabel(activity.toStatus)}`
        : 'Status changed';
    case 'PRIORITY_CHANGED':
      return activity.fromPriority && activity.toPriority
        ? `Priority: ${priorityLabel(activity.fromPriority)} → ${priorityLabel(activity.toPriority)}`
        : 'Priority changed';
    case 'DEPARTMENT_CHANGED':
      return activity.toDepartment ? `Moved to ${activity.toDepartment.name}` : 'Moved to another department';
    case 'CATEGORY_CHANGED':
      return activity.toDepartment ? `Category changed, moved to ${activity.toDepartment.name}` : 'Category changed';
    case 'RESOLVED':
      return 'Resolved';
    case 'REOPENED':
      return 'Reopened';
    case 'INCIDENT_LINKED':
      return 'Linked to an incident';
    case 'TAGS_CHANGED':
      return [
        activity.tagsAdded?.length ? `Tagged ${activity.tagsAdded.join(', ')}` : '',
        activity.tagsRemoved?.length ? `Untagged ${activity.tagsRemoved.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
    case 'LINKED':
      return 'Linked to a related ticket';
    case 'UNLINKED':
      return 'Unlinked from a related ticket';
    case 'MACRO_APPLIED':
      return activity.macroName ? `Macro “${activity.macroName}” applied` : 'Macro applied';
    case 'SLA_BREACHED':
      return 'An SLA target was missed';
    default:
      return activity.type.charAt(0) + activity.type.slice(1).toLowerCase().replaceAll('_', ' ');
  }
}
