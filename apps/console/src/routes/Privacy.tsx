// Privacy, for admins: find a person, download everything the desk holds about them (JSON or a
// readable HTML page), erase them after seeing the dry run and typing their address, and set the
// retention rules with a dry run of each. docs/setup.md, "Privacy: export, erasure and retention".
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { ActionOutcome } from '../components/ActionOutcome';
import { graphql } from '../gql';
import type { PrivacyPeopleQuery, RetentionRuleKind } from '../gql/graphql';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';

const PRIVACY_PEOPLE = graphql(`
  query PrivacyPeople($search: String!) {
    privacyPeople(search: $search) {
      id
      name
      email
      role
      studentNumber
      active
    }
  }
`);

const PREVIEW_ERASURE = graphql(`
  query PreviewErasure($userId: ID!, $redactText: Boolean) {
    previewErasure(userId: $userId, redactText: $redactText) {
      refusal
      formerName
      changes {
        table
        change
        count
      }
    }
  }
`);

const ERASE_PERSON = graphql(`
  mutation ErasePerson($userId: ID!, $confirm: String!, $redactText: Boolean) {
    erasePerson(userId: $userId, confirm: $confirm, redactText: $redactText) {
      person {
        id
        name
        email
        studentNumber
        active
      }
    }
  }
`);

const RETENTION_RULES = graphql(`
  query RetentionRules {
    retentionRules {
      kind
      meaning
      afterDays
      enabled
      lastRunAt
      lastRunDeleted
    }
  }
`);

const PREVIEW_RETENTION = graphql(`
  query PreviewRetention($kind: RetentionRuleKind!, $afterDays: Int) {
    previewRetention(kind: $kind, afterDays: $afterDays) {
      kind
      afterDays
      cutoff
      count
      sampleIds
    }
  }
`);

const SET_RETENTION_RULE = graphql(`
  mutation SetRetentionRule($kind: RetentionRuleKind!, $afterDays: Int!, $enabled: Boolean!) {
    setRetentionRule(kind: $kind, afterDays: $afterDays, enabled: $enabled) {
      kind
      afterDays
      enabled
    }
  }
`);

type Person = PrivacyPeopleQuery['privacyPeople'][number];

const RULE_TITLES: Record<RetentionRuleKind, string> = {
  CLOSED_TICKETS: 'Closed tickets',
  INACTIVE_STUDENTS: 'Departed students without tickets',
};

const exportHref = (person: Person, format: 'json' | 'html') => `/privacy/export?userId=${encodeURIComponent(person.id)}&format=${format}`;

/** The dry run, then the typed confirmation, then the erasure. */
function Erasure({ person }: { person: Person }) {
  const [redactText, setRedactText] = useState(false);
  const [typed, setTyped] = useState('');
  const { data, loading } = useQuery(PREVIEW_ERASURE, { variables: { userId: person.id, redactText }, fetchPolicy: 'network-only' });
  const [erase] = useMutation(ERASE_PERSON);
  const { problem, done, run } = useAction();
  const ids = { redact: useId(), confirm: useId(), heading: useId() };
  const plan = data?.previewErasure;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      // The answer updates the person in Apollo's cache: the row above shows their new name.
      () => erase({ variables: { userId: person.id, confirm: typed, redactText } }),
      `${person.name} was erased: the account is now “${plan?.formerName ?? 'Former student'}”.`,
    );
  };

  return (
    <section aria-labelledby={ids.heading} className="panel">
      <h3 id={ids.heading}>Erase {person.name}</h3>
      <p>
        <input id={ids.redact} type="checkbox" checked={redactText} onChange={(event) => setRedactText(event.currentTarget.checked)} />{' '}
        <label htmlFor={ids.redact}>Also remove what they wrote (messages, ticket descriptions, rating comments)</label>
      </p>
      {loading && !plan ? <p role="status">Counting what would change…</p> : null}
      {plan && !done && (
        <>
          <table>
            <caption>Dry run: what erasing would change (nothing has changed yet)</caption>
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">What happens</th>
                <th scope="col">Rows</th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.map((change) => (
                <tr key={`${change.table}-${change.change}`}>
                  <th scope="row">{change.table}</th>
                  <td>{change.change}</td>
                  <td>{change.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.refusal ? (
            <p role="alert" className="problem">
              {plan.refusal}
            </p>
          ) : (
            <form onSubmit={submit}>
              <label htmlFor={ids.confirm}>Type {person.email} to confirm</label>
              <input id={ids.confirm} value={typed} autoComplete="off" onChange={(event) => setTyped(event.currentTarget.value)} />
              <button type="submit" className="danger" disabled={typed.trim().toLowerCase() !== person.email.toLowerCase()}>
                Erase {person.name}
              </button>
            </form>
          )}
        </>
      )}
      <ActionOutcome problem={problem} done={done} />
    </section>
  );
}

function FindPerson() {
  const [search, setSearch] = useState('');
  const [find, { data, error }] = useLazyQuery(PRIVACY_PEOPLE, { fetchPolicy: 'network-only' });
  const [erasing, setErasing] = useState<Person | null>(null);
  const ids = { search: useId(), heading: useId() };
  const people = data?.privacyPeople ?? [];

  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>A person’s data</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setErasing(null);
          void find({ variables: { search } });
        }}
      >
        <label htmlFor={ids.search}>Name, email address or student number</label>
        <input id={ids.search} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
        <button type="submit">Find</button>
      </form>
      {error && (
        <p role="alert" className="problem">
          {error.message}
        </p>
      )}
      <p role="status" className="status-line">
        {data ? `${people.length} ${people.length === 1 ? 'person' : 'people'} found.` : ''}
      </p>
      {people.length > 0 && (
        <table>
          <caption>People found</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Student number</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <th scope="row">
                  {person.name}
                  {person.active ? '' : ' (cannot sign in)'}
                </th>
                <td>{person.email}</td>
                <td>{person.studentNumber ?? '—'}</td>
                <td>
                  <a href={exportHref(person, 'json')} download aria-label={`Download JSON of ${person.name}`}>
                    Download JSON
                  </a>{' '}
                  <a href={exportHref(person, 'html')} download aria-label={`Download HTML of ${person.name}`}>
                    Download HTML
                  </a>{' '}
                  <button type="button" onClick={() => setErasing(person)} aria-label={`Erase… ${person.name}`}>
                    Erase…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {erasing && <Erasure key={erasing.id} person={erasing} />}
    </section>
  );
}

function RetentionRuleForm({
  rule,
}: {
  rule: {
    kind: RetentionRuleKind;
    meaning: string;
    afterDays: number;
    enabled: boolean;
    lastRunAt?: unknown;
    lastRunDeleted?: number | null;
  };
}) {
  const [days, setDays] = useState(String(rule.afterDays));
  const [enabled, setEnabled] = useState(rule.enabled);
  const [preview, { data: dryRun, error: dryRunError }] = useLazyQuery(PREVIEW_RETENTION, { fetchPolicy: 'network-only' });
  const [save] = useMutation(SET_RETENTION_RULE, { refetchQueries: [RETENTION_RULES] });
  const { problem, done, run } = useAction();
  const ids = { days: useId(), enabled: useId(), heading: useId() };
  const afterDays = Number(days);
  const result = dryRun?.previewRetention;

  return (
    <section aria-labelledby={ids.heading} className="panel">
      <h3 id={ids.heading}>{RULE_TITLES[rule.kind]}</h3>
      <p>{rule.meaning}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => save({ variables: { kind: rule.kind, afterDays, enabled } }), 'Saved.');
        }}
      >
        <label htmlFor={ids.days}>After how many days</label>
        <input id={ids.days} type="number" min={30} max={36500} value={days} onChange={(event) => setDays(event.currentTarget.value)} />
        <span> (about {(afterDays / 365).toFixed(1)} years)</span>
        <p>
          <input id={ids.enabled} type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />{' '}
          <label htmlFor={ids.enabled}>Apply it every day</label>
        </p>
        <button type="button" onClick={() => void preview({ variables: { kind: rule.kind, afterDays } })}>
          Dry run
        </button>{' '}
        <button type="submit">Save</button>
      </form>
      <p role="status" className="status-line">
        {result ? `Dry run: ${result.count} would be removed now (older than ${formatDateTime(result.cutoff)}). Nothing was removed.` : ''}
      </p>
      {result && result.sampleIds.length > 0 && (
        <details>
          <summary>Sample IDs</summary>
          <ul>
            {result.sampleIds.map((id) => (
              <li key={id}>
                <code>{id}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {dryRunError && (
        <p role="alert" className="problem">
          {dryRunError.message}
        </p>
      )}
      <p>
        {rule.lastRunAt ? `Last run ${formatDateTime(rule.lastRunAt as string)}: ${rule.lastRunDeleted ?? 0} removed.` : 'Not run yet.'}
      </p>
      <ActionOutcome problem={problem} done={done} />
    </section>
  );
}

function Retention() {
  const { data, error } = useQuery(RETENTION_RULES);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Retention</h2>
      <p>Enabled rules run once a day. Satisfaction and SLA numbers keep counting what they remove.</p>
      {error && (
        <p role="alert" className="problem">
          {error.message}
        </p>
      )}
      {data?.retentionRules.map((rule) => (
        <RetentionRuleForm key={rule.kind} rule={rule} />
      ))}
    </section>
  );
}

export default function Privacy() {
  return (
    <section aria-labelledby="privacy-title">
      <h1 id="privacy-title">Privacy</h1>
      <FindPerson />
      <Retention />
    </section>
  );
}
