// The box staff write replies and internal notes in. What is typed is kept as the agent's draft on
// the server (saveReplyDraft) and comes back on any device; the reply carries the activity it was
// written against and a key of its own (reply-conflict on the API), so a colleague's answer in the
// meantime is shown before anything is sent and a double click sends once; colleagues see the
// agent typing (TicketPresence). In an internal note, "@" offers the colleagues who see the ticket
// and inserts a mention of the one chosen (lib/mentions.ts), which notifies them.
import { useMutation, useQuery } from '@apollo/client/react';
import { MESSAGE_MAX } from '@studentdesk/domain';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { graphql } from '../gql';
import { insertMention, mentionBeingTyped } from '../lib/mentions';
import { useViewer } from '../viewer';
import { AttachmentPicker, useAttachmentUploads } from './Attachments';
import { Options } from './FilterSelect';
import { replyConflictOf, ReplyConflictNotice, type ReplyConflict } from './ReplyConflict';
import { TicketPresenceLine, useAnnouncePresence } from './TicketPresence';

export type ComposerMode = 'reply' | 'note';

const CANNED_RESPONSES = graphql(`
  query CannedResponsesFor($departmentId: ID, $ticketId: ID!) {
    cannedResponses(departmentId: $departmentId) {
      id
      title
      renderedFor(ticketId: $ticketId)
    }
  }
`);

const MENTIONABLE = graphql(`
  query MentionableColleagues($departmentId: ID) {
    staffMembers(departmentId: $departmentId) {
      id
      name
    }
  }
`);

/** How many colleagues the mention list offers at once. */
const MENTION_CHOICES = 6;

const REPLY = graphql(`
  mutation Reply($input: ReplyInput!) {
    reply(input: $input) {
      id
    }
  }
`);

const SAVE_DRAFT = graphql(`
  mutation SaveReplyDraft($ticketId: ID!, $body: String!, $internal: Boolean!) {
    saveReplyDraft(ticketId: $ticketId, body: $body, internal: $internal)
  }
`);

/** Typing pauses this long before the draft is saved. */
const SAVE_AFTER_MS = 800;

interface ComposerTicket {
  id: string;
  contactName: string;
  lastActivityAt: string;
  department: { id: string };
  myDraft?: { body: string; internal: boolean; updatedAt: string } | null;
}

interface ReplyComposerProps {
  ticket: ComposerTicket;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** The page's action runner: shows what went wrong or what was done. */
  run: (action: () => Promise<unknown>, doneMessage: string) => Promise<boolean>;
  onSent: () => Promise<unknown>;
}

export function ReplyComposer({ ticket, mode, onModeChange, textareaRef, run, onSent }: ReplyComposerProps) {
  const viewer = useViewer();
  const saved = ticket.myDraft;
  const [draft, setDraft] = useState(saved?.body ?? '');
  // The activity the draft was written against (a saved draft: its last save), and its key.
  const draftBasis = useRef<{ basedOn: string; idempotencyKey: string } | null>(
    saved ? { basedOn: saved.updatedAt, idempotencyKey: crypto.randomUUID() } : null,
  );
  const [conflict, setConflict] = useState<ReplyConflict | null>(null);
  const announceTyping = useAnnouncePresence(ticket.id);
  const otherDepartment = ticket.department.id !== viewer.department?.id;
  const canned = useQuery(CANNED_RESPONSES, {
    variables: { ticketId: ticket.id, departmentId: otherDepartment && viewer.role !== 'STAFF' ? ticket.department.id : null },
  });
  const [reply, replying] = useMutation(REPLY);
  const uploads = useAttachmentUploads();
  const [saveDraft] = useMutation(SAVE_DRAFT);
  const [caret, setCaret] = useState(0);
  const [mentionChoice, setMentionChoice] = useState(0);
  const [mentionDismissed, setMentionDismissed] = useState(false);
  const typing = mode === 'note' && !mentionDismissed ? mentionBeingTyped(draft, caret) : null;
  const colleagues = useQuery(MENTIONABLE, { variables: { departmentId: ticket.department.id }, skip: mode !== 'note' });
  const mentionable = typing
    ? (colleagues.data?.staffMembers ?? [])
        .filter((member) => member.id !== viewer.id && member.name.toLowerCase().includes(typing.query.toLowerCase()))
        .slice(0, MENTION_CHOICES)
    : [];

  // A saved note comes back as a note.
  useEffect(() => {
    if (saved?.internal) onModeChange('note');
    // Only what the page opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Saved once typing pauses, and at once when the page closes with something unsaved.
  const lastSaved = useRef({ body: saved?.body ?? '', internal: saved?.internal ?? false });
  const pending = useRef<() => void>(() => {});
  useEffect(() => {
    const internal = mode === 'note';
    if (draft === lastSaved.current.body && internal === lastSaved.current.internal) {
      pending.current = () => {};
      return;
    }
    const save = () => {
      pending.current = () => {};
      lastSaved.current = { body: draft, internal };
      void saveDraft({ variables: { ticketId: ticket.id, body: draft, internal } }).catch(() => {});
    };
    pending.current = save;
    const timer = setTimeout(save, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, mode, saveDraft, ticket.id]);
  useEffect(() => () => pending.current(), []);

  function editDraft(text: string) {
    // Written against what the agent saw when they began; other words are another message, with a new key.
    const basedOn = draftBasis.current?.basedOn ?? ticket.lastActivityAt;
    draftBasis.current = text.trim() ? { basedOn, idempotencyKey: crypto.randomUUID() } : null;
    setDraft(text);
    if (text.trim()) announceTyping();
  }

  function insertCanned(text: string) {
    const box = textareaRef.current;
    const start = box?.selectionStart ?? draft.length;
    const end = box?.selectionEnd ?? draft.length;
    editDraft(draft.slice(0, start) + text + draft.slice(end));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  function mention(member: { id: string; name: string }) {
    if (!typing) return;
    const next = insertMention(draft, typing.start, caret, member.name, member.id);
    editDraft(next.text);
    setCaret(next.caret);
    setMentionChoice(0);
    requestAnimationFrame(() => textareaRef.current?.setSelectionRange(next.caret, next.caret));
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (!draft.trim()) return;
    const basis = (draftBasis.current ??= { basedOn: ticket.lastActivityAt, idempotencyKey: crypto.randomUUID() });
    setConflict(null);
    await run(
      async () => {
        try {
          const files = uploads.attachmentIds.length ? { attachmentIds: uploads.attachmentIds } : {};
          await reply({ variables: { input: { ticketId: ticket.id, body: draft, internal: mode === 'note', ...basis, ...files } } });
        } catch (failure) {
          const changed = replyConflictOf(failure);
          if (!changed) throw failure;
          setConflict(changed);
          // Confirming sends what the agent has now been shown as its basis.
          basis.basedOn = changed.lastActivityAt;
          throw new Error('Not sent yet: see what changed below.');
        }
        // The API dropped the saved draft with the reply.
        draftBasis.current = null;
        lastSaved.current = { body: '', internal: mode === 'note' };
        setDraft('');
        uploads.clear();
        await onSent();
      },
      mode === 'note' ? 'Note added.' : 'Reply sent.',
    );
  }

  const firstName = ticket.contactName.split(' ')[0];
  return (
    <>
      <TicketPresenceLine ticketId={ticket.id} />
      <form className={`composer ${mode}`} onSubmit={send} aria-label={mode === 'note' ? 'Internal note' : 'Reply to the student'}>
        <div className="composer-tabs" role="group" aria-label="Message kind">
          <button type="button" aria-pressed={mode === 'reply'} onClick={() => onModeChange('reply')} aria-keyshortcuts="r">
            Reply to student <kbd>r</kbd>
          </button>
          <button type="button" aria-pressed={mode === 'note'} onClick={() => onModeChange('note')} aria-keyshortcuts="n">
            Internal note <kbd>n</kbd>
          </button>
          {mode === 'reply' && (canned.data?.cannedResponses.length ?? 0) > 0 && (
            <label className="canned">
              Canned response
              <select
                value=""
                onChange={(event) => {
                  const chosen = canned.data!.cannedResponses.find((response) => response.id === event.currentTarget.value);
                  if (chosen) insertCanned(chosen.renderedFor);
                }}
              >
                <option value="">Insert…</option>
                <Options options={canned.data!.cannedResponses.map((response) => ({ value: response.id, label: response.title }))} />
              </select>
            </label>
          )}
        </div>
        <label className="visually-hidden" htmlFor="composer-text">
          {mode === 'note' ? 'Internal note, visible to staff only' : `Reply to ${ticket.contactName}`}
        </label>
        <textarea
          id="composer-text"
          ref={textareaRef}
          rows={5}
          value={draft}
          maxLength={MESSAGE_MAX}
          aria-describedby="composer-count"
          role={mentionable.length ? 'combobox' : undefined}
          aria-expanded={mentionable.length ? true : undefined}
          aria-controls={mentionable.length ? 'mention-list' : undefined}
          aria-activedescendant={mentionable.length ? `mention-${mentionChoice}` : undefined}
          onChange={(event) => {
            editDraft(event.currentTarget.value);
            setCaret(event.currentTarget.selectionStart);
            setMentionDismissed(false);
            setMentionChoice(0);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={(event) => {
            if (mentionable.length) {
              const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
              if (step) {
                event.preventDefault();
                setMentionChoice((mentionChoice + step + mentionable.length) % mentionable.length);
                return;
              }
              if (event.key === 'Enter' || event.key === 'Tab') {
                event.preventDefault();
                mention(mentionable[mentionChoice] ?? mentionable[0]!);
                return;
              }
              if (event.key === 'Escape') {
                event.preventDefault();
                setMentionDismissed(true);
                return;
              }
            }
            if (event.key === 'Escape') event.currentTarget.blur();
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send(event);
          }}
          placeholder={
            mode === 'note' ? 'Only staff see this note. Type @ to mention a colleague.' : `Write to ${firstName}… (Ctrl+Enter sends)`
          }
        />
        {mentionable.length > 0 && (
          <ul id="mention-list" className="mention-list" role="listbox" aria-label="Mention a colleague">
            {mentionable.map((member, index) => (
              <li
                key={member.id}
                id={`mention-${index}`}
                role="option"
                aria-selected={index === mentionChoice}
                // Before the textarea loses focus: the choice is made where the caret is.
                onMouseDown={(event) => {
                  event.preventDefault();
                  mention(member);
                }}
              >
                {member.name}
              </li>
            ))}
          </ul>
        )}
        {conflict && (
          <ReplyConflictNotice
            conflict={conflict}
            onSendAnyway={() => void send()}
            onEdit={() => {
              setConflict(null);
              textareaRef.current?.focus();
            }}
          />
        )}
        <AttachmentPicker uploads={uploads} />
        <div className="actions">
          <span id="composer-count" className={`count${draft.length > MESSAGE_MAX * 0.9 ? ' near-limit' : ''}`}>
            {draft.length.toLocaleString('en')} / {MESSAGE_MAX.toLocaleString('en')} characters
          </span>
          <button type="submit" className="primary" disabled={replying.loading || uploads.busy || !draft.trim()}>
            {mode === 'note' ? 'Add note' : 'Send reply'}
          </button>
        </div>
      </form>
    </>
  );
}
