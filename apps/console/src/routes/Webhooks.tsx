// Webhooks: addresses the desk POSTs events to, signed with a secret shown once. This page lists
// them and adds new ones; each webhook's own page has its switches and its deliveries.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { ToneBadge } from '../components/Badges';
import { Checkboxes } from '../components/Checkboxes';
import { ListTable } from '../components/ListTable';
import { LoadMore } from '../components/LoadMore';
import { ShownOnce } from '../components/ShownOnce';
import { graphql } from '../gql';
import type { WebhookEventType } from '../gql/graphql';
import { tickedValues, formText } from '../lib/forms';
import { EVENT_MEANINGS, eventName, EVENTS } from '../lib/integrations';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';

export const WEBHOOK_FIELDS = graphql(`
  fragment WebhookFields on Webhook {
    id
    url
    description
    events
    active
    createdAt
  }
`);

const WEBHOOKS = graphql(`
  query Webhooks($after: String) {
    webhooks(first: 50, after: $after) {
      edges {
        cursor
        node {
          ...WebhookFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CREATE_WEBHOOK = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        ...WebhookFields
      }
    }
  }
`);

const EVENT_CHOICES = EVENTS.map((event) => ({ value: event, label: eventName(event), meaning: EVENT_MEANINGS[event] }));

export const SIGNING_USAGE =
  'Each request carries webhook-id, webhook-timestamp and webhook-signature headers (the Standard Webhooks format): the receiver checks the signature with this secret.';

/** Where a webhook stands, in the same words on the list and on its page. */
export const WebhookState = ({ active }: { active: boolean }) => (
  <ToneBadge tone={active ? 'ok' : 'waiting'}>{active ? 'Enabled' : 'Disabled'}</ToneBadge>
);

export default function Webhooks() {
  // Always asked afresh: a webhook deleted on its own page must not linger here.
  const { data, error, fetchMore, refetch } = useQuery(WEBHOOKS, { fetchPolicy: 'network-only' });
  const [createWebhook, creating] = useMutation(CREATE_WEBHOOK);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const { problem, done, submit } = useAction();
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? '';
  const webhooks = data?.webhooks.edges.map((edge) => edge.node) ?? [];

  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <p className="muted">
        The desk POSTs each event as JSON to every enabled webhook that wants it, and retries failures for a day. Open a webhook to see its
        deliveries and the receiver’s answers.
      </p>
      <ActionOutcome problem={problem} />
      <p role="status" className="status-line">
        {done || notice}
      </p>

      {created && (
        <ShownOnce
          title={`The signing secret for ${created.url}`}
          label="Signing secret"
          secret={created.secret}
          usage={SIGNING_USAGE}
          onDismiss={() => setCreated(null)}
        />
      )}

      <form
        className="panel"
        aria-labelledby="new-webhook-title"
        onSubmit={(event) =>
          submit(event, async (form) => {
            const events = tickedValues<WebhookEventType>(
              form,
              'events',
              'Choose at least one event: a webhook without one receives nothing.',
            );
            const description = formText(form, 'description').trim();
            const result = await createWebhook({
              variables: { input: { url: formText(form, 'url'), events, description: description || null } },
            });
            if (result.data) setCreated({ url: result.data.createWebhook.webhook.url, secret: result.data.createWebhook.secret });
            await refetch();
          })
        }
      >
        <h2 id="new-webhook-title">New webhook</h2>
        <label>
          URL the desk POSTs events to
          <input name="url" type="url" required placeholder="https://lms.example.edu/studentdesk-events" autoComplete="off" />
        </label>
        <Checkboxes legend="Events to send (at least one)" name="events" choices={EVENT_CHOICES} />
        <label>
          Description (optional: what the receiver is, for whoever looks after it)
          <input name="description" maxLength={200} autoComplete="off" />
        </label>
        <button type="submit" className="primary" disabled={creating.loading}>
          Add webhook
        </button>
      </form>

      <h2 id="webhook-list-title">Webhooks</h2>
      {error && <p role="alert">The webhooks could not be loaded: {error.message}</p>}
      {webhooks.length > 0 && (
        <ListTable labelledBy="webhook-list-title" columns={['URL', 'Events', 'State', 'Created']}>
          {webhooks.map((webhook) => (
            <tr key={webhook.id}>
              <th scope="row">
                <Link to={`/admin/webhooks/${encodeURIComponent(webhook.id)}`}>{webhook.url}</Link>
                {webhook.description && <p className="muted">{webhook.description}</p>}
              </th>
              <td>{webhook.events.map(eventName).join(', ')}</td>
              <td>
                <WebhookState active={webhook.active} />
              </td>
              <td>{formatDateTime(webhook.createdAt)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      {data && webhooks.length === 0 && <p className="empty">No webhooks yet. Add one above to tell another system when tickets change.</p>}
      <LoadMore pageInfo={data?.webhooks.pageInfo} label="Load more webhooks" onMore={(after) => fetchMore({ variables: { after } })} />
    </section>
  );
}
