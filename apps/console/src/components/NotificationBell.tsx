// The bell in the header: how many of the agent's notifications are unread, kept live by the
// staffNotificationReceived subscription (no reload), and the latest ones in a dropdown that
// leads to their tickets. /notifications lists them all, with the settings.
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import type { StaffNotificationItemFragment } from '../gql/graphql';
import { formatDateTime } from '../lib/time';

export const STAFF_NOTIFICATION_ITEM = graphql(`
  fragment StaffNotificationItem on StaffNotification {
    id
    kind
    read
    createdAt
    excerpt
    slaTarget
    dueAt
    actor {
      id
      name
    }
    ticket {
      id
      number
      title
    }
  }
`);

const BELL = graphql(`
  query NotificationBell {
    myUnreadNotificationCount
    myNotifications(first: 8) {
      edges {
        node {
          ...StaffNotificationItem
        }
      }
    }
  }
`);

const RECEIVED = graphql(`
  subscription StaffNotificationReceived {
    staffNotificationReceived {
      ...StaffNotificationItem
    }
  }
`);

export const MARK_NOTIFICATION_READ = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      read
    }
  }
`);

/** "Maya Manager assigned SD-12 to you": what happened, in words. */
export function describeNotification(notification: StaffNotificationItemFragment): string {
  const who = notification.actor?.name;
  const ticket = notification.ticket.number;
  switch (notification.kind) {
    case 'ASSIGNED_TO_ME':
      return `${who ?? 'Someone'} assigned ${ticket} to you`;
    case 'STUDENT_REPLIED':
      return `${who ?? 'The student'} replied on ${ticket}`;
    case 'MENTIONED':
      return `${who ?? 'A colleague'} mentioned you on ${ticket}`;
    case 'SLA_ABOUT_TO_BREACH':
      return `${ticket} needs ${notification.slaTarget === 'RESOLUTION' ? 'a resolution' : 'a first answer'}${
        notification.dueAt ? ` by ${formatDateTime(notification.dueAt)}` : ' soon'
      }`;
  }
}

export function NotificationBell() {
  const { data, refetch } = useQuery(BELL);
  const [open, setOpen] = useState(false);
  const [markRead] = useMutation(MARK_NOTIFICATION_READ);
  const panel = useRef<HTMLDivElement>(null);
  // A new notification: the count and the list are read again (the list is short).
  useSubscription(RECEIVED, { onData: () => void refetch() });
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const unread = data?.myUnreadNotificationCount ?? 0;
  const items = data?.myNotifications.edges.map((edge) => edge.node) ?? [];
  return (
    <div className="bell" ref={panel}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={`Notifications, ${unread} unread`}
        onClick={() => setOpen(!open)}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>{' '}
        <span className={`bell-count${unread ? ' unread' : ''}`}>{unread}</span>
      </button>
      {open && (
        <div id="bell-panel" className="bell-panel" role="region" aria-label="Notifications">
          {items.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <ul>
              {items.map((item) => (
                <li key={item.id} className={item.read ? 'read' : 'unread'}>
                  <Link
                    to={`/tickets/${item.ticket.id}`}
                    onClick={() => {
                      setOpen(false);
                      if (!item.read) void markRead({ variables: { id: item.id }, refetchQueries: ['NotificationBell'] }).catch(() => {});
                    }}
                  >
                    <strong>{describeNotification(item)}</strong>
                    <span className="muted"> · {item.ticket.title}</span>
                    {item.excerpt && <span className="excerpt">{item.excerpt}</span>}
                    <span className="muted when">{formatDateTime(item.createdAt)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/notifications" onClick={() => setOpen(false)}>
              All notifications and settings
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
