// One webhook: switch it off and on, replace its secret, delete it, and read its deliveries with
// the receiver's answers, sending any of them again. The API redelivers in place (the same
// delivery, one more attempt), so the row watches itself until the receiver has answered.
import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { ToneBadge } from '../components/Badges';
import { ConfirmButton } from '../components/ConfirmButton';
import { FilterSelect } from '../components/FilterSelect';
import { ListTable } from '../components/ListTable';
import { LoadMore } from '../components/LoadMore';
import { ShownOnce } from '../components/ShownOnce';
import { graphql } from '../gql';
import type { DeliveryFieldsFragment, WebhookDeliveryStatus, WebhookEventType } from '../gql/graphql';
import { attemptDueSoon, DELIVERY_STATUS_LABELS, deliveryState, eventName, EVENTS } from '../lib/integrations';
import { formatDateTime, useClock } from '../lib/time';
import { useAction } from '../lib/use-action';
import { SIGNING_USAGE, WebhookState } from './Webhooks';

const WEBHOOK = graphql(`
  query Webhook($id: ID!) {
    node(id: $id) {
      __typename
      ... on Webhook {
        ...WebhookFields
      }
    }
  }
`);

const UPDATE_WEBHOOK = graphql(`
  mutation UpdateWebhook($input: UpdateWebhookInput!) {
    updateWebhook(input: $input) {
      ...WebhookFields
    }
  }
`);

const ROTATE_WEBHOOK_SECRET = graphql(`
  mutation RotateWebhookSecret($webhookId: ID!) {
    rotateWebhookSecret(webhookId: $webhookId) {
      secret
      webhook {
        id
      }
    }
  }
`);

const DELETE_WEBHOOK = graphql(`
  mutation DeleteWebhook($webhookId: ID!) {
    deleteWebhook(webhookId: $webhookId)
  }
`);

export const DELIVERY_FIELDS = graphql(`
  fragment DeliveryFields on WebhookDelivery {
    id
    eventId
    eventType
    ...DeliveryProgress
    createdAt
    lastAttemptAt
    deliveredAt
    payload
    attemptLog {
      number
      createdAt
      durationMs
      responseStatus
      responseBody
      error
    }
  }
`);

const DELIVERIES = graphql(`
  query WebhookDeliveries($webhookId: ID!, $status: WebhookDeliveryStatus, $eventType: WebhookEventType, $after: String) {
    webhookDeliveries(webhookId: $webhookId, status: $status, eventType: $eventType, first: 20, after: $after) {
      edges {
        cursor
        node {
          ...DeliveryFields
        }
      }
      pageInfo {
        ...MorePages
      }
    }
  }
`);

const WATCH_DELIVERY = graphql(`
  query WatchDelivery($id: ID!) {
    node(id: $id) {
      __typename
      ... on WebhookDelivery {
        ...DeliveryFields
      }
    }
  }
`);

const REDELIVER = graphql(`
  mutation RedeliverWebhookDelivery($deliveryId: ID!) {
    redeliverWebhookDelivery(deliveryId: $deliveryId) {
      ...DeliveryFields
    }
  }
`);

const STATUS_OPTIONS = (Object.keys(DELIVERY_STATUS_LABELS) as WebhookDeliveryStatus[]).map((status) => ({
  value: status,
  label: DELIVERY_STATUS_LABELS[status],
}));
const EVENT_OPTIONS = EVENTS.map((event) => ({ value: event, label: eventName(event) }));

/** How much of a receiver's answer fits in a table cell; the whole (up to 2,000 characters) is under "Attempts". */
const ANSWER_PREVIEW = 160;

export default function WebhookView() {
  const { id = '' } = useParams();
  const { data, error } = useQuery(WEBHOOK, { variables: { id } });
  const [updateWebhook, updating] = useMutation(UPDATE_WEBHOOK);
  const [rotateSecret] = useMutation(ROTATE_WEBHOOK_SECRET);
  const [deleteWebhook] = useMutation(DELETE_WEBHOOK);
  const [secret, setSecret] = useState('');
  const navigate = useNavigate();
  const { problem, done, run } = useAction();

  if (error) return <p role="alert">The webhook could not be loaded: {error.message}</p>;
  if (!data) return <p className="loading">Loading…</p>;
  const webhook = data.node?.__typename === 'Webhook' ? data.node : null;
  if (!webhook)
    return (
      <p>
        There is no such webhook. <Link to="/admin/webhooks">Back to the webhooks</Link>.
      </p>
    );

  return (
    <section aria-labelledby="webhook-title" className="webhook">
      <p className="crumbs">
        <Link to="/admin/webhooks">← Webhooks</Link>
      </p>
      <h1 id="webhook-title" className="url">
        {webhook.url}
      </h1>
      <p className="meta">
        <WebhookState active={webhook.active} /> Sends {webhook.events.map(eventName).join(', ')} · created{' '}
        {formatDateTime(webhook.createdAt)}
      </p>
      {webhook.description && <p>{webhook.description}</p>}
      <ActionOutcome problem={problem} done={done} />
      {secret && (
        <ShownOnce
          title="The new signing secret"
          label="Signing secret"
          secret={secret}
          usage={SIGNING_USAGE}
          onDismiss={() => setSecret('')}
        />
      )}

      <div className="actions">
        <button
          type="button"
          disabled={updating.loading}
          onClick={() =>
            run(
              () => updateWebhook({ variables: { input: { webhookId: webhook.id, active: !webhook.active } } }),
              webhook.active
                ? 'Disabled: it receives nothing, and deliveries waiting for a retry fail.'
                : 'Enabled: new events are delivered again.',
            )
          }
        >
          {webhook.active ? 'Disable webhook' : 'Enable webhook'}
        </button>
        <ConfirmButton
          label="Rotate secret"
          question="Replace the signing secret?"
          confirmLabel="Rotate secret"
          onConfirm={() =>
            run(async () => {
              const result = await rotateSecret({ variables: { webhookId: webhook.id } });
              if (result.data) setSecret(result.data.rotateWebhookSecret.secret);
            })
          }
        >
          <p>
            The old secret stops at once: from the next request on, the receiver must check signatures with the new one, which is shown only
            once.
          </p>
        </ConfirmButton>
        <ConfirmButton
          label="Delete webhook"
          question={`Delete the webhook to ${webhook.url}?`}
          confirmLabel="Delete webhook"
          onConfirm={() =>
            run(async () => {
              await deleteWebhook({ variables: { webhookId: webhook.id } });
              await navigate('/admin/webhooks', { state: { notice: `The webhook to ${webhook.url} is deleted.` } });
            })
          }
        >
          <p>It stops receiving events, and its deliveries are deleted with it. This cannot be undone.</p>
        </ConfirmButton>
      </div>

      <Deliveries webhookId={webhook.id} />
    </section>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [eventType, setEventType] = useState<WebhookEventType | ''>('');
  const { data, error, fetchMore, refetch } = useQuery(DELIVERIES, {
    variables: { webhookId, status: status || null, eventType: eventType || null },
    fetchPolicy: 'cache-and-network',
  });
  const [redeliver] = useMutation(REDELIVER);
  const { problem, done, run } = useAction();
  const deliveries = data?.webhookDeliveries.edges.map((edge) => edge.node) ?? [];

  return (
    <section aria-labelledby="deliveries-title">
      <div className="page-head">
        <h2 id="deliveries-title">Deliveries</h2>
        <button type="button" onClick={() => run(() => refetch())}>
          Refresh
        </button>
      </div>
      <div className="filters">
        <FilterSelect label="Status" every="Every status" value={status} options={STATUS_OPTIONS} onChange={setStatus} />
        <FilterSelect label="Event" every="Every event" value={eventType} options={EVENT_OPTIONS} onChange={setEventType} />
      </div>
      {error && <p role="alert">The deliveries could not be loaded: {error.message}</p>}
      <ActionOutcome problem={problem} done={done} />
      {deliveries.length > 0 && (
        <ListTable labelledBy="deliveries-title" columns={['Event', 'Status', 'Attempts', 'Last answer', 'Time']} actions>
          {deliveries.map((delivery) => (
            <DeliveryRow
              key={delivery.id}
              delivery={delivery}
              onRedeliver={() =>
                run(
                  () => redeliver({ variables: { deliveryId: delivery.id } }),
                  `${eventName(delivery.eventType)} sent again with the same event ID; its row shows the answer.`,
                )
              }
            />
          ))}
        </ListTable>
      )}
      {data && deliveries.length === 0 && (
        <p className="empty">
          {status || eventType
            ? 'No deliveries match these filters.'
            : 'No deliveries yet: one appears here as soon as an event this webhook wants happens.'}
        </p>
      )}
      <LoadMore
        pageInfo={data?.webhookDeliveries.pageInfo}
        label="Load older deliveries"
        onMore={(after) => fetchMore({ variables: { after } })}
      />
    </section>
  );
}

function DeliveryRow({ delivery, onRedeliver }: { delivery: DeliveryFieldsFragment; onRedeliver: () => void }) {
  // Often enough to start watching an attempt well before it is due (WATCH_WITHIN_MS).
  const now = useClock(5_000);
  const watching = attemptDueSoon(delivery, now);
  // The answer lands in the cache's copy of this delivery, and so in this row.
  useQuery(WATCH_DELIVERY, watching ? { variables: { id: delivery.id }, pollInterval: 1000, fetchPolicy: 'network-only' } : skipToken);
  const state = deliveryState(delivery, now);
  const last = delivery.attemptLog.at(-1);
  const event = eventName(delivery.eventType);

  return (
    <tr>
      <th scope="row">
        <code>{event}</code>
      </th>
      <td>
        <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
      </td>
      <td>{delivery.attempts}</td>
      <td className="answer">{last ? <Answer attempt={last} preview /> : <span className="muted">Not tried yet</span>}</td>
      <td>
        {formatDateTime(delivery.createdAt)}
        {delivery.lastAttemptAt && (
          <span className="muted">
            <br />
            last tried {formatDateTime(delivery.lastAttemptAt)}
          </span>
        )}
      </td>
      <td>
        <button
          type="button"
          onClick={onRedeliver}
          disabled={watching}
          aria-label={`Redeliver ${event} from ${formatDateTime(delivery.createdAt)}`}
        >
          Redeliver
        </button>
        <details>
          <summary>Attempts and payload</summary>
          <ol className="attempts">
            {delivery.attemptLog.map((attempt) => (
              <li key={attempt.number}>
                {formatDateTime(attempt.createdAt)}, {attempt.durationMs} ms: <Answer attempt={attempt} />
              </li>
            ))}
          </ol>
          <p className="muted">
            Event ID (the webhook-id header) <code>{delivery.eventId}</code>
          </p>
          <pre className="payload">{delivery.payload}</pre>
        </details>
      </td>
    </tr>
  );
}

function Answer({ attempt, preview = false }: { attempt: DeliveryFieldsFragment['attemptLog'][number]; preview?: boolean }) {
  if (attempt.responseStatus === null) return <span className="problem">No answer: {attempt.error ?? 'unknown reason'}</span>;
  const body = attempt.responseBody ?? '';
  const shown = preview && body.length > ANSWER_PREVIEW ? `${body.slice(0, ANSWER_PREVIEW)}…` : body;
  return (
    <>
      <span className={attempt.responseStatus >= 200 && attempt.responseStatus < 300 ? 'answer-ok' : 'problem'}>
        HTTP {attempt.responseStatus}
      </span>
      {shown && <code className="response-body"> {shown}</code>}
    </>
  );
}
