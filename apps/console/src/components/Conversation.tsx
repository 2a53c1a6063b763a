// A ticket's conversation: the report, every message (the newest page first, earlier pages on
// request), the changes made in between, and the rating; in the order the staff member chose.
// "Jump to first unread" loads earlier pages until the first message the agent has not read is
// shown, and scrolls to it.
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../gql';
import type { ActivityFragment, ConversationPageFragment, TicketDetailFragment } from '../gql/graphql';
import {
  conversationEntries,
  CONVERSATION_CONTENTS,
  CONVERSATION_ORDERS,
  describeActivity,
  type ConversationContents,
  type ConversationOrder,
} from '../lib/conversation';
import { splitMentions } from '../lib/mentions';
import { useRememberedChoice } from '../lib/remembered';
import { formatDateTime } from '../lib/time';
import { AttachmentList } from './Attachments';
import { LoadMore } from './LoadMore';

export const CONVERSATION_PAGE = graphql(`
  fragment ConversationPage on MessageConnection {
    edges {
      cursor
      node {
        id
        body
        internal
        createdAt
        author {
          id
          name
          role
        }
        automationRuleName
        attachments {
          id
          filename
          contentType
          size
        }
      }
    }
    pageInfo {
      hasPreviousPage
      startCursor
    }
  }
`);

export const ACTIVITY = graphql(`
  fragment Activity on TicketEvent {
    type
    createdAt
    fromStatus
    toStatus
    fromPriority
    toPriority
    actor {
      id
      name
    }
    assignee {
      id
      name
    }
    toDepartment {
      id
      name
    }
    automationRuleName
    tagsAdded
    tagsRemoved
    macroName
  }
`);

// The same page size as TicketDetail's newest page.
const EARLIER_MESSAGES = graphql(`
  query EarlierMessages($ticketId: ID!, $before: String!) {
    ticket(id: $ticketId) {
      id
      messages(last: 50, before: $before) {
        ...ConversationPage
      }
    }
  }
`);

type Message = ConversationPageFragment['edges'][number]['node'];

/** How many frames to wait for loaded pages to render before giving up on scrolling. */
const RENDER_FRAMES = 120;

/** Scrolls to a message once it is on the page (the pages loaded for it render a frame or two later). */
function scrollToMessage(messageId: string, framesLeft = RENDER_FRAMES) {
  const target = document.getElementById(`message-${messageId}`);
  if (target) {
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  } else if (framesLeft > 0) requestAnimationFrame(() => scrollToMessage(messageId, framesLeft - 1));
}

const ORDER_LABELS: Record<ConversationOrder, string> = { newestFirst: 'Newest first', oldestFirst: 'Oldest first' };
const CONTENTS_LABELS: Record<ConversationContents, string> = { everything: 'Messages and changes', messagesOnly: 'Messages only' };

/** `firstUnreadId`: the first message the agent had not read when they opened the ticket. */
export function Conversation({ ticket, firstUnreadId = null }: { ticket: TicketDetailFragment; firstUnreadId?: string | null }) {
  const client = useApolloClient();
  const [jumping, setJumping] = useState(false);
  const [order, setOrder] = useRememberedChoice('conversationOrder', CONVERSATION_ORDERS, 'newestFirst');
  const [contents, setContents] = useRememberedChoice('conversationContents', CONVERSATION_CONTENTS, 'everything');
  const { edges, pageInfo } = ticket.messages;
  const entries = conversationEntries(
    edges.map((edge) => edge.node),
    ticket.history,
    { order, contents, earlierUnloaded: pageInfo.hasPreviousPage },
  );
  // The field policy of Ticket.messages joins the page to the ones shown; the network, as the cache holds them all.
  const loadEarlier = (before: string) =>
    client.query({ query: EARLIER_MESSAGES, variables: { ticketId: ticket.id, before }, fetchPolicy: 'network-only' });

  async function jumpToFirstUnread() {
    if (!firstUnreadId) return;
    setJumping(true);
    try {
      let found = edges.some((edge) => edge.node.id === firstUnreadId);
      let before = pageInfo.hasPreviousPage ? pageInfo.startCursor : null;
      while (!found && before) {
        const page = (await loadEarlier(before)).data?.ticket?.messages;
        found = page?.edges.some((edge) => edge.node.id === firstUnreadId) ?? false;
        before = page?.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
      }
    } finally {
      setJumping(false);
    }
    scrollToMessage(firstUnreadId);
  }

  const report = (
    <li key="report" className="message from-student">
      <p className="author">
        {ticket.contactName} <span className="muted">reported · {formatDateTime(ticket.createdAt)}</span>
      </p>
      <p className="body">{ticket.description}</p>
      {ticket.desiredOutcome && (
        <p className="body">
          <strong>A good outcome:</strong> {ticket.desiredOutcome}
        </p>
      )}
      <AttachmentList attachments={ticket.attachments} />
    </li>
  );
  // LoadMore pages onwards; onwards here is back in time.
  const earlier = pageInfo.hasPreviousPage && (
    <li key="earlier" className="earlier">
      <LoadMore
        pageInfo={{ hasNextPage: pageInfo.hasPreviousPage, endCursor: pageInfo.startCursor }}
        label="Show earlier messages"
        onMore={loadEarlier}
      />
    </li>
  );
  const rating = ticket.rating && (
    <li key="rating" className="message rating">
      <p className="author">
        {ticket.contactName} rated {ticket.rating.score}/5 · expectation {ticket.rating.expectation.toLowerCase()}
        {ticket.predictedScore ? ` · predicted ${ticket.predictedScore}` : ''}
      </p>
      {ticket.rating.comment && <p className="body">“{ticket.rating.comment}”</p>}
    </li>
  );
  const body = entries.map((entry) =>
    entry.kind === 'message' ? (
      <MessageItem
        key={entry.message.id}
        message={entry.message}
        contactName={ticket.contactName}
        firstUnread={entry.message.id === firstUnreadId}
      />
    ) : (
      <ActivityItem key={`${entry.activity.createdAt}-${entry.activity.type}-${entry.activity.actor?.id}`} activity={entry.activity} />
    ),
  );

  return (
    <section className="conversation-section" aria-labelledby="conversation-title">
      <div className="conversation-bar">
        <h2 id="conversation-title">Conversation</h2>
        <Choice label="Order" options={ORDER_LABELS} value={order} onChange={setOrder} />
        <Choice label="Show" options={CONTENTS_LABELS} value={contents} onChange={setContents} />
        {firstUnreadId && (
          <button type="button" onClick={() => void jumpToFirstUnread()} disabled={jumping}>
            {jumping ? 'Finding the first unread…' : 'Jump to first unread'}
          </button>
        )}
      </div>
      <ol className="conversation" aria-labelledby="conversation-title">
        {order === 'oldestFirst' ? [report, earlier, ...body, rating] : [rating, ...body, earlier, report]}
      </ol>
    </section>
  );
}

function Choice<Value extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Record<Value, string>;
  value: Value;
  onChange: (value: Value) => void;
}) {
  return (
    <div className="choice" role="group" aria-label={label}>
      {(Object.keys(options) as Value[]).map((option) => (
        <button key={option} type="button" aria-pressed={option === value} onClick={() => onChange(option)}>
          {options[option]}
        </button>
      ))}
    </div>
  );
}

function MessageItem({ message, contactName, firstUnread }: { message: Message; contactName: string; firstUnread: boolean }) {
  const fromStaff = (message.author && message.author.role !== 'STUDENT') || message.automationRuleName;
  return (
    <li
      id={`message-${message.id}`}
      tabIndex={-1}
      className={`message ${message.internal ? 'internal' : fromStaff ? 'from-staff' : 'from-student'}${firstUnread ? ' first-unread' : ''}`}
    >
      <p className="author">
        {firstUnread && <span className="badge unread-badge">First unread</span>}
        {message.internal && <span className="badge note-badge">Internal note</span>}{' '}
        {message.automationRuleName ? `Automation ‘${message.automationRuleName}’` : (message.author?.name ?? contactName)}{' '}
        <span className="muted">
          {message.internal ? 'staff only' : fromStaff ? 'replied' : 'wrote'} · {formatDateTime(message.createdAt)}
        </span>
      </p>
      <p className="body">
        {splitMentions(message.body).map((part, index) =>
          'mention' in part ? (
            <mark key={index} className="mention">
              @{part.mention}
            </mark>
          ) : (
            part.text
          ),
        )}
      </p>
      <AttachmentList attachments={message.attachments} />
    </li>
  );
}

function ActivityItem({ activity }: { activity: ActivityFragment }) {
  return (
    <li className="activity">
      {describeActivity(activity)}{' '}
      <span className="muted">
        ·{' '}
        {activity.automationRuleName ? `Automation ‘${activity.automationRuleName}’ · ` : activity.actor ? `${activity.actor.name} · ` : ''}
        {formatDateTime(activity.createdAt)}
      </span>
    </li>
  );
}
