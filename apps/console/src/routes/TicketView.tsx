// One ticket: the conversation (replies and internal notes clearly apart), the moves staff make,
// the SLA clocks, and the student beside it.
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { isResolved, mayAddMessage, MESSAGE_MAX, nextStatuses, STATUS_CHANGE_MOVES, type TicketStatus } from '@studentdesk/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { PRIORITY_OPTIONS, PriorityBadge, StatusBadge, statusLabel } from '../components/Badges';
import { Conversation } from '../components/Conversation';
import { IncidentFromTicket } from '../components/IncidentFromTicket';
import { MacroMenu } from '../components/MacroMenu';
import { MergeTicketAction } from '../components/MergeTicket';
import { RelatedTickets } from '../components/RelatedTickets';
import { TicketTags } from '../components/Tags';
import { TransferTicket } from '../components/TransferTicket';
import { Options } from '../components/FilterSelect';
import { SlaClock } from '../components/SlaClock';
import { StudentPanel } from '../components/StudentPanel';
import { ReplyComposer, type ComposerMode } from '../components/ReplyComposer';
import { PredictedScoreField, predictedScore } from '../components/PredictedScoreField';
import { graphql } from '../gql';
import type { Priority } from '../gql/graphql';
import { useKeys } from '../lib/keys';
import { formatDateTime, useClock } from '../lib/time';
import { useAction } from '../lib/use-action';
import { useQueueOrder } from '../queue-order';
import { useViewer } from '../viewer';
import { formText } from '../lib/forms';

export const TICKET_DETAIL = graphql(`
  fragment TicketDetail on Ticket {
    id
    number
    title
    description
    status
    priority
    contactName
    contactEmail
    createdAt
    updatedAt
    lastActivityAt
    myDraft {
      body
      internal
      updatedAt
    }
    ...SlaTimes
    expectedResolutionHours
    desiredOutcome
    attachments {
      id
      filename
      contentType
      size
    }
    predictedScore
    category {
      id
      name
    }
    department {
      id
      name
    }
    assignee {
      id
      name
    }
    tags {
      ...TagChip
    }
    incident {
      id
      title
      status
    }
    rating {
      score
      comment
      expectation
    }
    # The newest page; the conversation loads earlier ones (EarlierMessages) on request.
    messages(last: 50) {
      ...ConversationPage
    }
    history {
      ...Activity
    }
  }
`);

// Besides the detail: where the agent stands with the ticket, following it and the first message
// they had not read when they opened it (opening marks it read: see markTicketRead below).
const TICKET = graphql(`
  query TicketView($id: ID!) {
    ticket(id: $id) {
      ...TicketDetail
      viewerFollows
      followers {
        id
        name
      }
      firstUnreadMessage {
        id
      }
    }
  }
`);

const TICKET_UPDATED = graphql(`
  subscription TicketUpdated($ticketId: ID!) {
    ticketUpdated(ticketId: $ticketId) {
      ...TicketDetail
    }
  }
`);

const ASSIGNABLE = graphql(`
  query Assignable($departmentId: ID) {
    staffMembers(departmentId: $departmentId) {
      id
      name
    }
  }
`);

const ASSIGN = graphql(`
  mutation AssignTicket($ticketId: ID!, $assigneeId: ID) {
    assignTicket(ticketId: $ticketId, assigneeId: $assigneeId) {
      ...TicketDetail
    }
  }
`);
const CHANGE_PRIORITY = graphql(`
  mutation ChangePriority($ticketId: ID!, $priority: Priority!) {
    changeTicketPriority(ticketId: $ticketId, priority: $priority) {
      ...TicketDetail
    }
  }
`);
const CHANGE_STATUS = graphql(`
  mutation ChangeStatus($ticketId: ID!, $status: TicketStatus!) {
    updateTicketStatus(ticketId: $ticketId, status: $status) {
      ...TicketDetail
    }
  }
`);
const RESOLVE = graphql(`
  mutation ResolveTicket($input: ResolveTicketInput!) {
    resolveTicket(input: $input) {
      ...TicketDetail
    }
  }
`);

const MARK_TICKET_READ = graphql(`
  mutation MarkTicketRead($ticketId: ID!) {
    markTicketRead(ticketId: $ticketId) {
      id
    }
  }
`);

const FOLLOW = graphql(`
  mutation FollowTicket($ticketId: ID!) {
    followTicket(ticketId: $ticketId) {
      id
      viewerFollows
      followers {
        id
        name
      }
    }
  }
`);

const UNFOLLOW = graphql(`
  mutation UnfollowTicket($ticketId: ID!) {
    unfollowTicket(ticketId: $ticketId) {
      id
      viewerFollows
      followers {
        id
        name
      }
    }
  }
`);

/** Keyed by the ticket, so moving to the next one starts with an empty composer and no stale notices. */
export function TicketRoute() {
  const { id = '' } = useParams();
  return <TicketView key={id} id={id} />;
}

function TicketView({ id }: { id: string }) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const now = useClock();
  const queueOrder = useQueueOrder();
  const composer = useRef<HTMLTextAreaElement>(null);
  const resolveDialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const { problem, done, run } = useAction();

  const { data, error, refetch } = useQuery(TICKET, { variables: { id } });
  useSubscription(TICKET_UPDATED, { variables: { ticketId: id } });
  const ticket = data?.ticket;
  const assignable = useQuery(ASSIGNABLE, { variables: { departmentId: ticket?.department.id ?? null }, skip: !ticket });
  const [assign] = useMutation(ASSIGN);
  const [changePriority] = useMutation(CHANGE_PRIORITY);
  const [changeStatus] = useMutation(CHANGE_STATUS);
  const [resolve, resolving] = useMutation(RESOLVE);
  const [markRead] = useMutation(MARK_TICKET_READ);
  const [follow] = useMutation(FOLLOW);
  const [unfollow] = useMutation(UNFOLLOW);
  // What was unread when the page opened: the place to jump to (until the ticket is read again, after a reply).
  const firstUnreadId = ticket ? (ticket.firstUnreadMessage?.id ?? null) : undefined;
  const opened = ticket !== undefined && ticket !== null;
  // Opening the ticket reads it (and its notifications), once what was unread is known; so does
  // leaving it, for what arrived meanwhile.
  useEffect(() => {
    // The bell's count follows.
    if (opened) void markRead({ variables: { ticketId: id }, refetchQueries: ['NotificationBell'] }).catch(() => {});
  }, [opened, markRead, id]);
  useEffect(() => () => void markRead({ variables: { ticketId: id } }).catch(() => {}), [markRead, id]);

  const position = queueOrder.ticketIds.indexOf(id);
  const goTo = (offset: number) => {
    const next = queueOrder.ticketIds[position + offset];
    if (next) void navigate(`/tickets/${next}`);
  };
  const focusComposer = (next: ComposerMode) => {
    setMode(next);
    requestAnimationFrame(() => composer.current?.focus());
  };
  const assignTo = (assigneeId: string | null) =>
    run(() => assign({ variables: { ticketId: id, assigneeId } }), assigneeId === viewer.id ? 'Assigned to you.' : 'Assignment changed.');

  useKeys({
    j: () => goTo(1),
    k: () => goTo(-1),
    r: () => focusComposer('reply'),
    n: () => focusComposer('note'),
    a: () => void assignTo(viewer.id),
    e: () => resolveDialog.current?.showModal(),
    u: () => void navigate(queueOrder.queuePath),
  });

  if (error) return <p role="alert">{error.message}</p>;
  if (!ticket) return <p className="loading">Loading…</p>;
  const resolved = isResolved(ticket.status);

  async function submitResolution(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(
      () =>
        resolve({
          variables: {
            input: { ticketId: id, resolution: formText(form, 'resolution'), predictedScore: predictedScore(form) },
          },
        }),
      'Resolved. The student is asked to rate it.',
    );
    resolveDialog.current?.close();
  }

  return (
    <div className="ticket-layout">
      <article className="ticket" aria-labelledby="ticket-title">
        <header className="ticket-head">
          <p className="crumbs">
            <Link to={queueOrder.queuePath}>← Queue</Link>
            {position >= 0 && (
              <span className="muted">
                {' '}
                · {position + 1} of {queueOrder.ticketIds.length}
              </span>
            )}
          </p>
          <h1 id="ticket-title">
            <span className="number">{ticket.number}</span> {ticket.title}
          </h1>
          <p className="meta">
            <StatusBadge status={ticket.status} /> <PriorityBadge priority={ticket.priority} /> {ticket.category.name} ·{' '}
            {ticket.department.name} · reported {formatDateTime(ticket.createdAt)}
          </p>
          <p className="clocks">
            <SlaClock
              label="First response"
              dueAt={ticket.firstResponseDueAt}
              doneAt={ticket.firstRespondedAt}
              now={now}
              timeZone={ticket.department.timeZone}
              inWords
            />
            <SlaClock
              label="Resolution"
              dueAt={ticket.resolutionDueAt}
              doneAt={ticket.resolvedAt}
              pausedAt={ticket.slaPausedAt}
              now={now}
              timeZone={ticket.department.timeZone}
              inWords
            />
            {ticket.expectedResolutionHours && <span className="muted">Student expects it within {ticket.expectedResolutionHours} h</span>}
          </p>
          <TicketTags ticketId={id} tags={ticket.tags} />
          {ticket.incident && (
            <p className="notice">
              Part of incident <Link to={`/incidents/${ticket.incident.id}`}>{ticket.incident.title}</Link>
            </p>
          )}
        </header>

        <section className="moves" aria-label="Ticket actions">
          <button type="button" onClick={() => void assignTo(viewer.id)} disabled={ticket.assignee?.id === viewer.id} aria-keyshortcuts="a">
            Assign to me <kbd>a</kbd>
          </button>
          <label>
            Assignee
            <select value={ticket.assignee?.id ?? ''} onChange={(event) => void assignTo(event.currentTarget.value || null)}>
              <option value="">Nobody</option>
              {ticket.assignee && !assignable.data?.staffMembers.some((member) => member.id === ticket.assignee!.id) && (
                <option value={ticket.assignee.id}>{ticket.assignee.name}</option>
              )}
              {assignable.data?.staffMembers.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Priority
            <select
              value={ticket.priority}
              onChange={(event) =>
                void run(
                  () => changePriority({ variables: { ticketId: id, priority: event.currentTarget.value as Priority } }),
                  'Priority changed.',
                )
              }
            >
              <Options options={PRIORITY_OPTIONS} />
            </select>
          </label>
          <label>
            Status
            <select
              value={ticket.status}
              onChange={(event) =>
                void run(
                  () => changeStatus({ variables: { ticketId: id, status: event.currentTarget.value as TicketStatus } }),
                  'Status changed.',
                )
              }
            >
              <option value={ticket.status} disabled>
                {statusLabel(ticket.status)}
              </option>
              {/* Resolving and reopening have their own forms: they record what was done, or why. */}
              {nextStatuses(ticket.status, 'staff', STATUS_CHANGE_MOVES).map((status) => (
                <option key={status} value={status}>
                  {statusLabel(status)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            onClick={() => resolveDialog.current?.showModal()}
            disabled={resolved}
            aria-keyshortcuts="e"
          >
            Resolve <kbd>e</kbd>
          </button>
          <MacroMenu ticket={ticket} />
          <MergeTicketAction ticket={ticket} />
          <button
            type="button"
            aria-pressed={ticket.viewerFollows}
            title={
              ticket.followers?.length
                ? `Following: ${ticket.followers.map((follower) => follower.name).join(', ')}`
                : 'Nobody follows this ticket yet'
            }
            onClick={() =>
              void run(
                () => (ticket.viewerFollows ? unfollow : follow)({ variables: { ticketId: id } }),
                ticket.viewerFollows ? 'You no longer follow this ticket.' : 'Following: you hear when the student replies.',
              )
            }
          >
            {ticket.viewerFollows ? 'Following' : 'Follow'}
          </button>
          <TransferTicket ticket={ticket} queuePath={queueOrder.queuePath} />
          <IncidentFromTicket ticket={ticket} />
        </section>
        <ActionOutcome problem={problem} done={done} />

        <Conversation ticket={ticket} firstUnreadId={firstUnreadId} />
        <RelatedTickets ticketId={id} />

        {mayAddMessage(ticket.status, 'staff') && (
          <ReplyComposer ticket={ticket} mode={mode} onModeChange={focusComposer} textareaRef={composer} run={run} onSent={refetch} />
        )}

        <dialog ref={resolveDialog} aria-labelledby="resolve-title">
          <form onSubmit={submitResolution}>
            <h2 id="resolve-title">Resolve {ticket.number}</h2>
            <label>
              What was done (sent to {ticket.contactName.split(' ')[0]})
              {/* eslint-disable-next-line jsx-a11y/no-autofocus -- a modal dialog's first field takes focus when it opens (HTML's dialog focusing steps) */}
              <textarea name="resolution" rows={4} required maxLength={MESSAGE_MAX} autoFocus />
            </label>
            <PredictedScoreField legend={`How do you think ${ticket.contactName.split(' ')[0]} will rate this?`} />
            <div className="actions">
              <button type="submit" className="primary" disabled={resolving.loading}>
                Resolve
              </button>
              <button type="button" onClick={() => resolveDialog.current?.close()}>
                Cancel
              </button>
            </div>
          </form>
        </dialog>
      </article>
      <StudentPanel ticketId={id} />
    </div>
  );
}
