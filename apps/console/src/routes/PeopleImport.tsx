// Importing students and staff from a CSV file, for admins: paste it or choose the file, see the dry
// run (what happens to every row, rejected ones with the reason), then import. Nothing is written
// before the admin confirms; with rejected rows they confirm that only the others are imported.
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { NavLink } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { ToneBadge } from '../components/Badges';
import { FilterSelect, optionsOf } from '../components/FilterSelect';
import { ListTable } from '../components/ListTable';
import { graphql } from '../gql';
import type { ImportOutcome, Role } from '../gql/graphql';
import type { Tone } from '../lib/integrations';
import { useAction } from '../lib/use-action';

const PREVIEW_PEOPLE_IMPORT = graphql(`
  query PreviewPeopleImport($csv: String!, $outcome: ImportOutcome) {
    previewPeopleImport(csv: $csv) {
      totals {
        rows
        create
        update
        unchanged
        reject
      }
      rows(outcome: $outcome, first: 1000) {
        line
        email
        name
        role
        outcome
        reason
        changes
      }
    }
  }
`);

const IMPORT_PEOPLE = graphql(`
  mutation ImportPeople($csv: String!, $acceptRejected: Boolean!) {
    importPeople(csv: $csv, acceptRejected: $acceptRejected) {
      applied
      totals {
        create
        update
        reject
      }
    }
  }
`);

/** Unchanged rows get no badge: nothing happens to them. */
const OUTCOMES: Record<ImportOutcome, { label: string; tone: Tone | null }> = {
  CREATE: { label: 'Create', tone: 'ok' },
  UPDATE: { label: 'Update', tone: 'waiting' },
  UNCHANGED: { label: 'Unchanged', tone: null },
  REJECT: { label: 'Reject', tone: 'late' },
};
const ROLE_LABELS: Record<Role, string> = { STUDENT: 'Student', STAFF: 'Staff', MANAGER: 'Manager', ADMIN: 'Admin' };
const EXAMPLE = `email,name,role,department,studentNumber
linh.nguyen@students.school.edu,Linh Nguyen,student,,S2024017
tom.berg@school.edu,Tom Berg,staff,IT; Library,
mona.haddad@school.edu,Mona Haddad,manager,Financial Aid,`;

export default function PeopleImport() {
  const csvId = useId();
  const [csv, setCsv] = useState('');
  /** The text the shown dry run is of: importing sends exactly that. */
  const [previewed, setPreviewed] = useState('');
  const [outcome, setOutcome] = useState<ImportOutcome | ''>('');
  const [skipRejected, setSkipRejected] = useState(false);
  const [preview, previewing] = useLazyQuery(PREVIEW_PEOPLE_IMPORT, { fetchPolicy: 'no-cache' });
  const [importPeople, importing] = useMutation(IMPORT_PEOPLE);
  const { problem, done, run } = useAction();
  const plan = previewed && previewing.data?.previewPeopleImport;
  const totals = plan ? plan.totals : null;
  const writes = totals ? totals.create + totals.update : 0;

  const showPreview = (text: string, only: ImportOutcome | '') =>
    run(async () => {
      const result = await preview({ variables: { csv: text, outcome: only || null } });
      if (result.error) throw new Error(result.error.message);
      setPreviewed(text);
    });

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import people</h1>
      <p>
        <NavLink to="/admin/people">Back to People</NavLink>
      </p>
      <p className="muted">
        A CSV file with a header row. Columns: <code>email</code>, <code>name</code>, <code>role</code> (student, staff or manager),{' '}
        <code>department</code> (name or slug, several separated by “;”, empty for students) and <code>studentNumber</code> (optional,
        students only). Imported people get no password: they sign in with the school’s single sign-on or choose one with “Forgot password”.
        Nothing is written until you confirm the dry run.
      </p>
      <ActionOutcome problem={problem} done={done} />

      <form
        className="panel"
        aria-labelledby="import-file-title"
        onSubmit={(event) => {
          event.preventDefault();
          setSkipRejected(false);
          void showPreview(csv, outcome);
        }}
      >
        <h2 id="import-file-title">The file</h2>
        <label>
          Choose a CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={async (event) => {
              const file = event.currentTarget.files?.[0];
              if (file) setCsv(await file.text());
            }}
          />
        </label>
        <label htmlFor={csvId}>Or paste its contents</label>
        <textarea
          id={csvId}
          rows={8}
          value={csv}
          placeholder={EXAMPLE}
          spellCheck={false}
          onChange={(event) => setCsv(event.currentTarget.value)}
        />
        <button type="submit" className="primary" disabled={!csv.trim() || previewing.loading}>
          Preview the import
        </button>
      </form>

      {plan && totals && (
        <section aria-labelledby="dry-run-title">
          <h2 id="dry-run-title">Dry run</h2>
          <p role="status">
            {totals.rows} rows: {totals.create} to create, {totals.update} to update, {totals.unchanged} unchanged, {totals.reject}{' '}
            rejected.
          </p>
          <FilterSelect
            label="Show"
            every="Every row"
            value={outcome}
            options={optionsOf(Object.keys(OUTCOMES) as ImportOutcome[], (value) => `${OUTCOMES[value].label} only`)}
            onChange={(value) => {
              setOutcome(value);
              void showPreview(previewed, value);
            }}
          />
          {plan.rows.length > 0 ? (
            <ListTable labelledBy="dry-run-title" columns={['Line', 'Email', 'Name', 'Role', 'Outcome', 'Reason or changes']}>
              {plan.rows.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <th scope="row">{row.email || '—'}</th>
                  <td>{row.name}</td>
                  <td>{row.role ? ROLE_LABELS[row.role] : '—'}</td>
                  <td>
                    {OUTCOMES[row.outcome].tone ? (
                      <ToneBadge tone={OUTCOMES[row.outcome].tone!}>{OUTCOMES[row.outcome].label}</ToneBadge>
                    ) : (
                      OUTCOMES[row.outcome].label
                    )}
                  </td>
                  <td>{row.reason ?? row.changes.join('; ')}</td>
                </tr>
              ))}
            </ListTable>
          ) : (
            <p className="empty">No rows with this outcome.</p>
          )}
          {plan.rows.length >= 1000 && <p className="muted">The first 1,000 rows are shown.</p>}

          <div className="panel">
            {totals.reject > 0 && (
              <label>
                <input type="checkbox" checked={skipRejected} onChange={(event) => setSkipRejected(event.currentTarget.checked)} />
                Skip the {totals.reject} rejected {totals.reject === 1 ? 'row' : 'rows'} and import the others
              </label>
            )}
            <button
              type="button"
              className="primary"
              disabled={writes === 0 || (totals.reject > 0 && !skipRejected) || importing.loading}
              onClick={async () => {
                const summary = `Imported: ${totals.create} created, ${totals.update} updated${totals.reject ? `, ${totals.reject} rejected rows skipped` : ''}.`;
                if (await run(() => importPeople({ variables: { csv: previewed, acceptRejected: skipRejected } }), summary)) {
                  setPreviewed('');
                  setCsv('');
                }
              }}
            >
              Import {writes} {writes === 1 ? 'person' : 'people'}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}
