import { describe, expect, it } from 'vitest';
import { conversationEntries, describeActivity, type Activity, type ConversationEntry } from './conversation.js';

const change = (type: string, createdAt: string, fields: Partial<Activity> = {}): Activity => ({
  type,
  createdAt,
  fromStatus: null,
  toStatus: null,
  fromPriority: null,
  toPriority: null,
  assignee: null,
  toDepartment: null,
  ...fields,
});
const message = (id: string, createdAt: string) => ({ id, createdAt });
const kinds = (entries: Array<ConversationEntry<{ id: string }, Activity>>) =>
  entries.map((entry) => (entry.kind === 'message' ? entry.message.id : entry.activity.type));

describe('the conversation', () => {
  const messages = [message('first', '2026-03-02T10:00:00.000Z'), message('resolution', '2026-03-02T12:00:00.000Z')];
  const history = [
    change('CREATED', '2026-03-02T09:00:00.000Z'),
    change('ASSIGNED', '2026-03-02T09:30:00.000Z'),
    change('REPLIED', '2026-03-02T10:00:00.000Z'),
    change('PRIORITY_CHANGED', '2026-03-02T11:00:00.000Z'),
    change('RESOLVED', '2026-03-02T12:00:00.000Z'),
  ];

  it('puts the changes between the messages, without repeating the messages themselves', () => {
    const options = { order: 'oldestFirst', contents: 'everything', earlierUnloaded: false } as const;
    expect(kinds(conversationEntries(messages, history, options))).toEqual([
      'ASSIGNED',
      'first',
      'PRIORITY_CHANGED',
      'resolution',
      'RESOLVED',
    ]);
    expect(kinds(conversationEntries(messages, history, { ...options, order: 'newestFirst' }))).toEqual([
      'RESOLVED',
      'resolution',
      'PRIORITY_CHANGED',
      'first',
      'ASSIGNED',
    ]);
    expect(kinds(conversationEntries(messages, history, { ...options, contents: 'messagesOnly' }))).toEqual(['first', 'resolution']);
  });

  it('holds back changes older than the loaded messages until the earlier ones arrive', () => {
    const options = { order: 'oldestFirst', contents: 'everything', earlierUnloaded: true } as const;
    expect(kinds(conversationEntries(messages, history, options))).toEqual(['first', 'PRIORITY_CHANGED', 'resolution', 'RESOLVED']);
  });

  it('says what changed', () => {
    const at = '2026-03-02T09:30:00.000Z';
    expect(describeActivity(change('ASSIGNED', at, { assignee: { name: 'Priya Raman' } }))).toBe('Assigned to Priya Raman');
    expect(describeActivity(change('ASSIGNED', at))).toBe('Unassigned');
    expect(describeActivity(change('STATUS_CHANGED', at, { fromStatus: 'NEW', toStatus: 'OPEN' }))).toBe('Status: New → Open');
    expect(describeActivity(change('PRIORITY_CHANGED', at, { fromPriority: 'NORMAL', toPriority: 'URGENT' }))).toBe(
      'Priority: Normal → Urgent',
    );
    expect(describeActivity(change('DEPARTMENT_CHANGED', at, { toDepartment: { name: 'Library' } }))).toBe('Moved to Library');
    expect(describeActivity(change('INCIDENT_LINKED', at))).toBe('Linked to an incident');
    expect(describeActivity(change('TAGS_CHANGED', at, { tagsAdded: ['wifi', 'exam week'], tagsRemoved: ['old'] }))).toBe(
      'Tagged wifi, exam week; Untagged old',
    );
    expect(describeActivity(change('TAGS_CHANGED', at, { tagsAdded: [], tagsRemoved: ['old'] }))).toBe('Untagged old');
    expect(describeActivity(change('MACRO_APPLIED', at, { macroName: 'Reset link sent' }))).toBe('Macro “Reset link sent” applied');
  });
});
