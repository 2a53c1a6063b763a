// All of the agent's notifications, newest first, and how they hear of each kind (in the console
// bell, by email; several emails within a few minutes arrive as one).
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { LoadMore } from '../components/LoadMore';
import { describeNotification, MARK_NOTIFICATION_READ } from '../components/NotificationBell';
import { graphql } from '../gql';
import type { StaffNotificationKind } from '../gql/graphql';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';

const NOTIFICATIONS = graphql(`
  query MyNotifications($after: String) {
    myUnreadNotificationCount
    myNotifications(first: 30, after: $after) {
      edges {
        node {
          ...StaffNotificationItem
        }
      }
      pageInfo {
        ...MorePages
      }
    }
    myNotificationSettings {
      kind
      console
      email
    }
  }
`);

const MARK_ALL_READ = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead {
      marked
    }
  }
`);

const UPDATE_SETTING = graphql(`
  mutation UpdateNotificationSetting($input: NotificationSettingInput!) {
    updateNotificationSetting(input: $input) {
      kind
      console
      email
    }
  }
`);

const KIND_LABELS: Record<StaffNotificationKind, string> = {
  ASSIGNED_TO_ME: 'Someone assigns me a ticket',
  STUDENT_REPLIED: 'The student replies on a ticket I am assigned to or follow',
  SLA_ABOUT_TO_BREACH: 'One of my tickets is due within the hour',
  MENTIONED: 'A colleague mentions me in an internal note',
};

export function Notifications() {
  const { data, error, fetchMore, refetch } = useQuery(NOTIFICATIONS);
  const [markRead] = useMutation(MARK_NOTIFICATION_READ);
  const [markAllRead] = useMutation(MARK_ALL_READ);
  const [updateSetting] = useMutation(UPDATE_SETTING);
  const { problem, done, run } = useAction();
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p className="loading">Loading…</p>;
  const items = data.myNotifications.edges.map((edge) => edge.node);

  return (
    <section className="notifications-page" aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      <ActionOutcome problem={problem} done={done} />
      <p>
        {data.myUnreadNotificationCount} unread{' '}
        <button
          type="button"
          disabled={data.myUnreadNotificationCount === 0}
          onClick={() => void run(() => markAllRead().then(() => refetch()), 'All marked read.')}
        >
          Mark all read
        </button>
      </p>
      {items.length === 0 ? (
        <p className="muted">No notifications yet.</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.read ? 'read' : 'unread'}>
              <Link
                to={`/tickets/${item.ticket.id}`}
                onClick={() => void (!item.read && markRead({ variables: { id: item.id } }).catch(() => {}))}
              >
                {describeNotification(item)}
              </Link>{' '}
              <span className="muted">
                · {item.ticket.title} · {formatDateTime(item.createdAt)}
              </span>
              {item.excerpt && <p className="excerpt">{item.excerpt}</p>}
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        pageInfo={data.myNotifications.pageInfo}
        label="Show older notifications"
        onMore={(after) => fetchMore({ variables: { after } })}
      />

      <h2 id="notification-settings">Notification settings</h2>
      <table className="settings-table" aria-labelledby="notification-settings">
        <thead>
          <tr>
            <th scope="col">Tell me when…</th>
            <th scope="col">In the console</th>
            <th scope="col">By email</th>
          </tr>
        </thead>
        <tbody>
          {data.myNotificationSettings.map((setting) => (
            <tr key={setting.kind}>
              <th scope="row">{KIND_LABELS[setting.kind]}</th>
              {(['console', 'email'] as const).map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={`${KIND_LABELS[setting.kind]}: ${channel === 'console' ? 'in the console' : 'by email'}`}
                    checked={setting[channel]}
                    onChange={(event) => {
                      const input = {
                        kind: setting.kind,
                        console: setting.console,
                        email: setting.email,
                        [channel]: event.currentTarget.checked,
                      };
                      void run(() => updateSetting({ variables: { input } }).then(() => refetch()), 'Saved.');
                    }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
