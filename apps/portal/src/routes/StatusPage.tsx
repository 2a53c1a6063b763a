// The public status page at /status: what is broken now, with every update, how many students it
// affects, and "email me when it is fixed" (followIncident, without counting as affected); below,
// what was fixed in the last two weeks.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { progressKey } from '../components/KnownIssues.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import { graphql } from '../gql/index.js';
import { say, sayRich, useIntl } from '../i18n/say.js';
import { whenInWords } from '../words.js';
import { useViewer } from '../viewer.js';

const STATUS = graphql(`
  query StatusPage {
    activeIncidents {
      id
      title
      summary
      status
      startedAt
      affectedCount
      updates {
        body
        createdAt
      }
    }
    recentlyResolvedIncidents {
      id
      title
      resolvedAt
    }
  }
`);

const SUBSCRIBE = graphql(`
  mutation SubscribeToIncident($input: FollowIncidentInput!) {
    followIncident(input: $input) {
      id
    }
  }
`);

/** As often as the known-issue banner. */
const REFRESH_MS = 60_000;

function EmailMeWhenFixed({ incidentId }: { incidentId: string }) {
  const intl = useIntl();
  const { viewer } = useViewer();
  const [email, setEmail] = useState('');
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [subscribe, { loading }] = useMutation(SUBSCRIBE);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await subscribe({ variables: { input: { incidentId, affected: false, email: viewer ? null : email.trim() } } });
      setDone(true);
    } catch (error) {
      setErrors(formErrors(error, intl));
    }
  };
  if (done) return <p role="status">{say(intl, 'status.subscribed')}</p>;
  return (
    <form onSubmit={submit} noValidate>
      {!viewer && (
        <Field label={say(intl, 'status.email')} error={errors.fields.email}>
          <input type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
        </Field>
      )}
      <FormError message={errors.form} />
      <button type="submit" disabled={loading}>
        {say(intl, loading ? 'common.sending' : 'status.subscribe')}
      </button>
    </form>
  );
}

export function StatusPage() {
  const intl = useIntl();
  const { data, loading } = useQuery(STATUS, { pollInterval: REFRESH_MS });
  const active = data?.activeIncidents ?? [];
  const resolved = data?.recentlyResolvedIncidents ?? [];
  return (
    <Layout title={say(intl, 'status.title')}>
      {!loading && active.length === 0 && (
        <p className="card" role="status">
          {say(intl, 'status.allWell')}
        </p>
      )}
      {active.map((incident) => (
        <section key={incident.id} className="card incident" aria-labelledby={`incident-${incident.id}`}>
          <h2 id={`incident-${incident.id}`}>
            <bdi>{incident.title}</bdi>
          </h2>
          <p>
            {say(intl, progressKey(incident.status))}{' '}
            {say(intl, 'status.since', { when: whenInWords(incident.startedAt, intl), affected: incident.affectedCount })}
          </p>
          <p dir="auto">{incident.summary}</p>
          {incident.updates.length > 0 && (
            <ol className="incident-updates">
              {incident.updates.map((update) => (
                <li key={update.createdAt}>
                  {sayRich(intl, 'status.update', { when: whenInWords(update.createdAt, intl), body: <bdi>{update.body}</bdi> })}
                </li>
              ))}
            </ol>
          )}
          <EmailMeWhenFixed incidentId={incident.id} />
        </section>
      ))}
      {resolved.length > 0 && (
        <section className="card" aria-labelledby="recently-fixed">
          <h2 id="recently-fixed">{say(intl, 'status.recentlyFixed')}</h2>
          <ul>
            {resolved.map((incident) => (
              <li key={incident.id}>
                {sayRich(intl, 'status.fixed', { title: <bdi>{incident.title}</bdi>, when: whenInWords(incident.resolvedAt!, intl) })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
