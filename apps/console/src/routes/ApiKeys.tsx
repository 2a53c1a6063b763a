// API keys for the school's other systems: one key per system, with only the scopes it needs. The
// key is shown once, right after it is made; revoking stops it from the next request.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ActionOutcome } from '../components/ActionOutcome';
import { ToneBadge } from '../components/Badges';
import { Checkboxes } from '../components/Checkboxes';
import { ConfirmButton } from '../components/ConfirmButton';
import { ListTable } from '../components/ListTable';
import { LoadMore } from '../components/LoadMore';
import { ShownOnce } from '../components/ShownOnce';
import { graphql } from '../gql';
import type { ApiKeyScope } from '../gql/graphql';
import { tickedValues, formText } from '../lib/forms';
import { endOfDay, keyState, localDay, SCOPE_MEANINGS, scopeName, SCOPES, type KeyState, type Tone } from '../lib/integrations';
import { formatDateTime, useClock } from '../lib/time';
import { useAction } from '../lib/use-action';

export const API_KEY_FIELDS = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    ...KeyValidity
    createdBy {
      id
      name
    }
  }
`);

const API_KEYS = graphql(`
  query ApiKeys($includeRevoked: Boolean!, $after: String) {
    apiKeys(includeRevoked: $includeRevoked, first: 50, after: $after) {
      edges {
        cursor
        node {
          ...ApiKeyFields
        }
      }
      pageInfo {
        ...MorePages
      }
    }
  }
`);

const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
`);

const KEY_STATES: Record<KeyState, { label: string; tone: Tone }> = {
  active: { label: 'Active', tone: 'ok' },
  expired: { label: 'Expired', tone: 'waiting' },
  revoked: { label: 'Revoked', tone: 'late' },
};

const SCOPE_CHOICES = SCOPES.map((scope) => ({ value: scope, label: scopeName(scope), meaning: SCOPE_MEANINGS[scope] }));

export default function ApiKeys() {
  const [includeRevoked, setIncludeRevoked] = useState(true);
  const { data, error, fetchMore, refetch } = useQuery(API_KEYS, { variables: { includeRevoked }, fetchPolicy: 'cache-and-network' });
  const [createApiKey, creating] = useMutation(CREATE_API_KEY);
  const [revokeApiKey] = useMutation(REVOKE_API_KEY);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { problem, done, run, submit } = useAction();
  const keys = data?.apiKeys.edges.map((edge) => edge.node) ?? [];
  const now = useClock();

  return (
    <section aria-labelledby="api-keys-title">
      <h1 id="api-keys-title">API keys</h1>
      <p className="muted">
        Other systems send a key as <code>Authorization: Bearer &lt;key&gt;</code>. Give each system its own key with only the scopes it
        needs, so one can be revoked without stopping the others.
      </p>
      <ActionOutcome problem={problem} done={done} />

      {created && (
        <ShownOnce
          title={`The key for “${created.name}”`}
          label="New API key"
          secret={created.key}
          usage="Paste it into the other system's settings; it sends it as a bearer token."
          onDismiss={() => setCreated(null)}
        />
      )}

      <form
        className="panel"
        aria-labelledby="new-key-title"
        onSubmit={(event) =>
          submit(event, async (form) => {
            const scopes = tickedValues<ApiKeyScope>(form, 'scopes', 'Choose at least one scope: a key without one can do nothing.');
            const result = await createApiKey({
              variables: { input: { name: formText(form, 'name'), scopes, expiresAt: endOfDay(formText(form, 'expiresOn')) } },
            });
            if (result.data) setCreated({ name: result.data.createApiKey.apiKey.name, key: result.data.createApiKey.key });
            await refetch();
          })
        }
      >
        <h2 id="new-key-title">New API key</h2>
        <label>
          Name (the system that will use it, e.g. “Moodle LMS”)
          <input name="name" required maxLength={100} autoComplete="off" />
        </label>
        <Checkboxes legend="What the key may do (at least one)" name="scopes" choices={SCOPE_CHOICES} />
        <label>
          Expires on (optional; the key works until the end of that day)
          <input name="expiresOn" type="date" min={localDay(new Date(now))} aria-describedby="expiry-hint" />
        </label>
        <p id="expiry-hint" className="muted">
          Leave empty for a key that works until it is revoked.
        </p>
        <button type="submit" className="primary" disabled={creating.loading}>
          Create key
        </button>
      </form>

      <div className="page-head">
        <h2 id="keys-list-title">Keys</h2>
        <label className="inline">
          <input type="checkbox" checked={includeRevoked} onChange={(event) => setIncludeRevoked(event.currentTarget.checked)} /> Show
          revoked keys
        </label>
      </div>
      {error && <p role="alert">The keys could not be loaded: {error.message}</p>}
      {keys.length > 0 && (
        <ListTable labelledBy="keys-list-title" columns={['Name', 'Scopes', 'Created', 'Last used', 'Expires', 'State']} actions>
          {keys.map((key) => {
            const state = KEY_STATES[keyState(key, now)];
            return (
              <tr key={key.id}>
                <th scope="row">
                  {key.name} <code className="muted">{key.prefix}…</code>
                </th>
                <td>{key.scopes.map(scopeName).join(', ')}</td>
                <td>
                  {formatDateTime(key.createdAt)}
                  {key.createdBy ? <span className="muted"> by {key.createdBy.name}</span> : null}
                </td>
                <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                <td>{key.expiresAt ? formatDateTime(key.expiresAt) : 'Never'}</td>
                <td>
                  <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
                  {key.revokedAt ? <span className="muted"> {formatDateTime(key.revokedAt)}</span> : null}
                </td>
                <td>
                  {!key.revokedAt && (
                    <ConfirmButton
                      label="Revoke"
                      accessibleName={`Revoke ${key.name}`}
                      question={`Revoke “${key.name}”?`}
                      confirmLabel="Revoke key"
                      onConfirm={() =>
                        run(
                          () => revokeApiKey({ variables: { id: key.id } }),
                          `“${key.name}” is revoked: it is refused from its next request.`,
                        )
                      }
                    >
                      <p>
                        Systems using this key are refused from their next request. This cannot be undone: if the system needs access again,
                        create a new key.
                      </p>
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            );
          })}
        </ListTable>
      )}
      {data && keys.length === 0 && (
        <p className="empty">
          {includeRevoked
            ? 'No API keys yet. Create one above for each system that calls the desk.'
            : 'No working API keys. Tick “Show revoked keys” to see the old ones.'}
        </p>
      )}
      <LoadMore pageInfo={data?.apiKeys.pageInfo} label="Load more keys" onMore={(after) => fetchMore({ variables: { after } })} />
    </section>
  );
}
