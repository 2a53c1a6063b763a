// Provisioning: what an admin pastes into Microsoft Entra ID or Okta so the school's directory
// creates, changes and deactivates accounts here (SCIM 2.0). The secret token is an API key with
// only the scim:provision scope, shown once; revoking it stops provisioning from the next request.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ActionOutcome } from '../components/ActionOutcome';
import { ConfirmButton } from '../components/ConfirmButton';
import { ListTable } from '../components/ListTable';
import { ShownOnce } from '../components/ShownOnce';
import { graphql } from '../gql';
import { formText } from '../lib/forms';
import { keyState } from '../lib/integrations';
import { formatDateTime, useClock } from '../lib/time';
import { useAction } from '../lib/use-action';

const SCIM_TOKENS = graphql(`
  query ScimTokens {
    apiKeys(includeRevoked: false, first: 100) {
      edges {
        node {
          ...ApiKeyFields
        }
      }
    }
  }
`);

const CREATE_SCIM_TOKEN = graphql(`
  mutation CreateScimToken($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

const REVOKE_SCIM_TOKEN = graphql(`
  mutation RevokeScimToken($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
`);

/** Where the API answers SCIM: the console is served by the API, so it is this page's origin. */
export const tenantUrl = () => `${window.location.origin}/scim/v2`;

export default function Provisioning() {
  const { data, error, refetch } = useQuery(SCIM_TOKENS, { fetchPolicy: 'cache-and-network' });
  const [createToken, creating] = useMutation(CREATE_SCIM_TOKEN);
  const [revokeToken] = useMutation(REVOKE_SCIM_TOKEN);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { problem, done, run, submit } = useAction();
  const now = useClock();
  const tokens =
    data?.apiKeys.edges
      .map((edge) => edge.node)
      .filter((key) => key.scopes.includes('SCIM_PROVISION') && keyState(key, now) === 'active') ?? [];

  return (
    <section aria-labelledby="provisioning-title">
      <h1 id="provisioning-title">Provisioning (SCIM)</h1>
      <p className="muted">
        Let Microsoft Entra ID or Okta create accounts, keep names up to date and deactivate people who leave. People it creates are
        students; a role of staff or manager, or membership of a group named after a department, makes them staff of that department.
      </p>
      <ActionOutcome problem={problem} done={done} />

      <div className="panel">
        <h2 id="tenant-url-title">Tenant URL</h2>
        <label>
          Paste this as the Tenant URL (Entra ID) or the SCIM connector base URL (Okta)
          <input readOnly value={tenantUrl()} onFocus={(event) => event.currentTarget.select()} />
        </label>
        <p className="muted">
          Unique identifier field (Okta): <code>userName</code>. Authentication: HTTP header, bearer token — the secret token below.
        </p>
      </div>

      {created && (
        <ShownOnce
          title={`The secret token for “${created.name}”`}
          label="New secret token"
          secret={created.key}
          usage="Paste it as the Secret Token (Entra ID) or the bearer token (Okta), then test the connection."
          onDismiss={() => setCreated(null)}
        />
      )}

      <form
        className="panel"
        aria-labelledby="new-token-title"
        onSubmit={(event) =>
          submit(event, async (form) => {
            const result = await createToken({ variables: { input: { name: formText(form, 'name'), scopes: ['SCIM_PROVISION'] } } });
            if (result.data) setCreated({ name: result.data.createApiKey.apiKey.name, key: result.data.createApiKey.key });
            await refetch();
          })
        }
      >
        <h2 id="new-token-title">New secret token</h2>
        <label>
          Name (the identity provider, e.g. “Microsoft Entra ID”)
          <input name="name" required maxLength={100} autoComplete="off" defaultValue="Microsoft Entra ID" />
        </label>
        <button type="submit" className="primary" disabled={creating.loading}>
          Create secret token
        </button>
      </form>

      <h2 id="tokens-title">Secret tokens in use</h2>
      {error && <p role="alert">The tokens could not be loaded: {error.message}</p>}
      {tokens.length > 0 && (
        <ListTable labelledBy="tokens-title" columns={['Name', 'Created', 'Last used']} actions>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">
                {token.name} <code className="muted">{token.prefix}…</code>
              </th>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
              <td>
                <ConfirmButton
                  label="Revoke"
                  accessibleName={`Revoke ${token.name}`}
                  question={`Revoke “${token.name}”?`}
                  confirmLabel="Revoke token"
                  onConfirm={() =>
                    run(
                      () => revokeToken({ variables: { id: token.id } }),
                      `“${token.name}” is revoked: the provider is refused from its next request.`,
                    )
                  }
                >
                  <p>
                    The identity provider stops provisioning until it is given a new token. Accounts already provisioned stay as they are.
                  </p>
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {data && tokens.length === 0 && (
        <p className="empty">No secret token yet: create one above, then paste it into the identity provider.</p>
      )}
    </section>
  );
}
