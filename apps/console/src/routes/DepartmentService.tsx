// "Hours and SLA" of one department: its opening hours (changed on the Departments page), its SLA
// targets per priority, and the days it is closed — added by hand or imported from an iCal feed,
// previewed before anything is written. Managers keep their own department's; admins any, and the
// days the whole school is closed.
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { ConfirmButton } from '../components/ConfirmButton';
import { ListTable } from '../components/ListTable';
import { graphql } from '../gql';
import type { HolidayChange, HolidayImportResultFragment, Priority } from '../gql/graphql';
import { formText } from '../lib/forms';
import { useAction } from '../lib/use-action';
import { isAdmin, useViewer } from '../viewer';

const SERVICE = graphql(`
  query DepartmentService($id: ID!, $from: String!) {
    departments {
      id
      name
    }
    department: node(id: $id) {
      __typename
      ... on Department {
        id
        name
        timeZone
        businessHours {
          days
          opensAt
          closesAt
        }
        slaPolicies {
          id
          priority
          firstResponseMinutes
          resolutionMinutes
          businessHoursOnly
        }
      }
    }
    holidays(departmentId: $id, from: $from, first: 100) {
      edges {
        node {
          id
          date
          name
          imported
          department {
            id
          }
        }
      }
    }
  }
`);
const SET_POLICY = graphql(`
  mutation SetSlaPolicy($input: SetSlaPolicyInput!) {
    setSlaPolicy(input: $input) {
      id
    }
  }
`);
const REMOVE_POLICY = graphql(`
  mutation RemoveSlaPolicy($id: ID!) {
    removeSlaPolicy(id: $id) {
      id
    }
  }
`);
const ADD_HOLIDAY = graphql(`
  mutation AddHoliday($input: AddHolidayInput!) {
    addHoliday(input: $input) {
      id
    }
  }
`);
const REMOVE_HOLIDAY = graphql(`
  mutation RemoveHoliday($id: ID!) {
    removeHoliday(id: $id) {
      id
    }
  }
`);
/** What a preview and an import answer alike. */
export const HOLIDAY_IMPORT = graphql(`
  fragment HolidayImportResult on HolidayImport {
    applied
    calendarName
    added
    removed
    days {
      date
      name
      change
      takenBy
    }
    skipped {
      name
      reason
    }
  }
`);
const PREVIEW_IMPORT = graphql(`
  mutation PreviewHolidayImport($input: HolidayImportInput!) {
    previewHolidayImport(input: $input) {
      ...HolidayImportResult
    }
  }
`);
const IMPORT = graphql(`
  mutation ImportHolidays($input: HolidayImportInput!) {
    importHolidays(input: $input) {
      ...HolidayImportResult
    }
  }
`);

const PRIORITIES: Array<{ value: Priority; label: string }> = [
  { value: 'URGENT', label: 'Urgent' },
  { value: 'HIGH', label: 'High' },
  { value: 'NORMAL', label: 'Normal' },
  { value: 'LOW', label: 'Low' },
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CHANGE_WORDS: Record<HolidayChange, string> = {
  ADD: 'added',
  RENAME: 'renamed',
  UNCHANGED: 'already there',
  REMOVE: 'removed (moved in the feed)',
  TAKEN: 'left out: another holiday that day',
};

/** "Monday to Friday" for a run of days, else the days listed. */
function daysInWords(days: readonly number[]): string {
  if (days.length === 0) return 'No working days (clocks run around the clock)';
  const run = days.every((day, index) => index === 0 || day === days[index - 1]! + 1);
  if (run && days.length > 2) return `${WEEKDAYS[days[0]! - 1]} to ${WEEKDAYS[days[days.length - 1]! - 1]}`;
  return days.map((day) => WEEKDAYS[day - 1]).join(', ');
}

const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/** An SLA target in hours, empty when the priority has none. */
function TargetHoursCell(props: { name: string; label: string; minutes: number | undefined; disabled: boolean }) {
  return (
    <td>
      <input
        name={props.name}
        inputMode="decimal"
        aria-label={props.label}
        defaultValue={props.minutes === undefined ? '' : hours(props.minutes)}
        disabled={props.disabled}
        size={6}
      />
    </td>
  );
}

/** Hours as typed ("4", "1.5", "0,25") in whole minutes, or null when empty. */
function minutesOf(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? null : Math.round(value * 60);
}

const today = () => new Date().toISOString().slice(0, 10);

/** /hours-and-sla: the viewer's own department's page, or the first department for an admin without one. */
export function MyDepartmentService() {
  const viewer = useViewer();
  const { data } = useQuery(SERVICE_DEPARTMENTS, { skip: Boolean(viewer.department) });
  const id = viewer.department?.id ?? data?.departments[0]?.id;
  if (!id) return <p className="loading">Loading…</p>;
  return <Navigate to={`/admin/departments/${id}/service`} replace />;
}

const SERVICE_DEPARTMENTS = graphql(`
  query ServiceDepartments {
    departments {
      id
    }
  }
`);

export default function DepartmentService() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const navigate = useNavigate();
  const { data, error, refetch } = useQuery(SERVICE, { variables: { id, from: today() } });
  const mayChange = isAdmin(viewer) || (viewer.role === 'MANAGER' && viewer.department?.id === id);
  const department = data?.department?.__typename === 'Department' ? data.department : null;

  return (
    <section aria-labelledby="service-title">
      <h1 id="service-title">Hours and SLA{department ? `: ${department.name}` : ''}</h1>
      {isAdmin(viewer) && (
        <label>
          Department
          <select value={id} onChange={(event) => navigate(`/admin/departments/${event.currentTarget.value}/service`)}>
            {data?.departments.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <p role="alert">{error.message}</p>}
      {department && (
        <>
          <section className="panel" aria-labelledby="hours-title">
            <h2 id="hours-title">Opening hours</h2>
            <p>
              {daysInWords(department.businessHours.days)}, {department.businessHours.opensAt}–{department.businessHours.closesAt} (
              {department.timeZone})
            </p>
            <p className="muted">
              SLA targets counted in business hours only run inside these hours, and not on the holidays below. Opening hours and the time
              zone are changed with the department itself.
            </p>
          </section>
          <SlaTargets
            // Fresh fields for another department; after a save the fields already say what was saved.
            key={department.id}
            departmentId={department.id}
            policies={department.slaPolicies}
            mayChange={mayChange}
            onSaved={refetch}
          />
          <Holidays
            departmentId={department.id}
            holidays={data!.holidays.edges.map((edge) => edge.node)}
            mayChange={mayChange}
            onChanged={refetch}
          />
        </>
      )}
    </section>
  );
}

type Policy = { id: string; priority: Priority; firstResponseMinutes: number; resolutionMinutes: number; businessHoursOnly: boolean };

function SlaTargets(props: { departmentId: string; policies: Policy[]; mayChange: boolean; onSaved: () => unknown }) {
  const [setPolicy] = useMutation(SET_POLICY);
  const [removePolicy] = useMutation(REMOVE_POLICY);
  const { problem, done, run } = useAction();
  const headingId = useId();

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      for (const { value: priority, label } of PRIORITIES) {
        const existing = props.policies.find((policy) => policy.priority === priority);
        const first = minutesOf(formText(form, `${priority}-first`));
        const resolution = minutesOf(formText(form, `${priority}-resolution`));
        const businessHoursOnly = form.get(`${priority}-business`) === 'on';
        if (first === null && resolution === null) {
          if (existing) await removePolicy({ variables: { id: existing.id } });
          continue;
        }
        if (first === null || resolution === null) throw new Error(`${label}: give both targets, or neither.`);
        const unchanged =
          existing &&
          existing.firstResponseMinutes === first &&
          existing.resolutionMinutes === resolution &&
          existing.businessHoursOnly === businessHoursOnly;
        if (!unchanged) {
          const input = {
            departmentId: props.departmentId,
            priority,
            firstResponseMinutes: first,
            resolutionMinutes: resolution,
            businessHoursOnly,
          };
          await setPolicy({ variables: { input } }).catch((failure: Error) => {
            throw new Error(`${label}: ${failure.message}`);
          });
        }
      }
      await props.onSaved();
    }, 'SLA targets saved. Tickets reported from now on get them; earlier tickets keep their due times.');
  };

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={save}>
      <h2 id={headingId}>SLA targets</h2>
      <p className="muted">Hours until the first answer and the resolution are due. Leave both empty for no target.</p>
      <ListTable columns={['Priority', 'First response (hours)', 'Resolution (hours)', 'Business hours only']}>
        {PRIORITIES.map(({ value, label }) => {
          const policy = props.policies.find((candidate) => candidate.priority === value);
          return (
            <tr key={value}>
              <th scope="row">{label}</th>
              <TargetHoursCell
                name={`${value}-first`}
                label={`${label}: first response, hours`}
                minutes={policy?.firstResponseMinutes}
                disabled={!props.mayChange}
              />
              <TargetHoursCell
                name={`${value}-resolution`}
                label={`${label}: resolution, hours`}
                minutes={policy?.resolutionMinutes}
                disabled={!props.mayChange}
              />
              <td>
                <input
                  type="checkbox"
                  name={`${value}-business`}
                  aria-label={`${label}: count in business hours only`}
                  defaultChecked={policy?.businessHoursOnly ?? true}
                  disabled={!props.mayChange}
                />
              </td>
            </tr>
          );
        })}
      </ListTable>
      <ActionOutcome problem={problem} done={done} />
      {props.mayChange && (
        <button type="submit" className="primary">
          Save targets
        </button>
      )}
    </form>
  );
}

type HolidayRow = { id: string; date: string; name: string; imported: boolean; department: { id: string } | null };

function Holidays(props: { departmentId: string; holidays: HolidayRow[]; mayChange: boolean; onChanged: () => unknown }) {
  const viewer = useViewer();
  const [addHoliday] = useMutation(ADD_HOLIDAY);
  const [removeHoliday] = useMutation(REMOVE_HOLIDAY);
  const list = useAction();
  const add = useAction();
  const headingId = useId();

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Holidays</h2>
      <p className="muted">Days the desk is closed, from today on: this department’s and the whole school’s.</p>
      <ActionOutcome problem={list.problem} done={list.done} />
      {props.holidays.length === 0 ? (
        <p>No holidays ahead.</p>
      ) : (
        <ListTable labelledBy={headingId} columns={['Date', 'Name', 'Closed', 'Source']} actions={props.mayChange}>
          {props.holidays.map((holiday) => (
            <tr key={holiday.id}>
              <th scope="row">{holiday.date}</th>
              <td>{holiday.name}</td>
              <td>{holiday.department ? 'This department' : 'Whole school'}</td>
              <td>{holiday.imported ? 'iCal feed' : 'Added by hand'}</td>
              {props.mayChange && (
                <td>
                  {(holiday.department || isAdmin(viewer)) && (
                    <ConfirmButton
                      label="Remove"
                      accessibleName={`Remove ${holiday.name} on ${holiday.date}`}
                      question={`Open on ${holiday.date} after all?`}
                      confirmLabel="Remove the holiday"
                      onConfirm={() =>
                        list.run(async () => {
                          await removeHoliday({ variables: { id: holiday.id } });
                          await props.onChanged();
                        }, `${holiday.name} removed.`)
                      }
                    >
                      SLA clocks will count {holiday.date} as a working day again.
                    </ConfirmButton>
                  )}
                </td>
              )}
            </tr>
          ))}
        </ListTable>
      )}
      {props.mayChange && (
        <form
          aria-label="Add a holiday"
          className="inline-form"
          onSubmit={(event) =>
            add.submit(
              event,
              async (form) => {
                const input = {
                  date: formText(form, 'date'),
                  name: formText(form, 'name'),
                  departmentId: form.get('scope') === 'school' ? null : props.departmentId,
                };
                await addHoliday({ variables: { input } });
                await props.onChanged();
              },
              'Holiday added.',
            )
          }
        >
          <h3>Add a holiday</h3>
          <label>
            Date
            <input type="date" name="date" required />
          </label>
          <label>
            Name
            <input name="name" required maxLength={120} />
          </label>
          {isAdmin(viewer) && (
            <label>
              Closed
              <select name="scope" defaultValue="department">
                <option value="department">This department</option>
                <option value="school">Whole school</option>
              </select>
            </label>
          )}
          <button type="submit">Add holiday</button>
          <ActionOutcome problem={add.problem} done={add.done} />
        </form>
      )}
      {props.mayChange && <HolidayImport departmentId={props.departmentId} onImported={props.onChanged} />}
    </section>
  );
}

type Feed = { ics: string | null; url: string | null; departmentId: string | null };

function HolidayImport(props: { departmentId: string; onImported: () => unknown }) {
  const viewer = useViewer();
  const [preview] = useMutation(PREVIEW_IMPORT);
  const [importFeed] = useMutation(IMPORT);
  const [feed, setFeed] = useState<Feed | null>(null);
  const [result, setResult] = useState<HolidayImportResultFragment | null>(null);
  const { problem, done, run } = useAction();
  const headingId = useId();

  const showPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    void run(async () => {
      const ics = file instanceof File && file.size > 0 ? await file.text() : formText(form, 'ics') || null;
      const url = formText(form, 'url') || null;
      const chosen = { ics, url, departmentId: form.get('scope') === 'school' ? null : props.departmentId };
      setResult(null);
      const response = await preview({ variables: { input: chosen } });
      setFeed(chosen);
      setResult(response.data!.previewHolidayImport);
    });
  };

  const confirm = () =>
    run(async () => {
      const response = await importFeed({ variables: { input: feed! } });
      const imported = response.data!.importHolidays;
      setFeed(null);
      setResult(imported);
      await props.onImported();
    }, 'Imported.');

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>Import an iCal feed</h3>
      <p className="muted">
        All-day events become holidays; events with a time of day or that repeat are left out. Importing the same feed again only applies
        what changed in it.
      </p>
      <form aria-labelledby={headingId} onSubmit={showPreview}>
        <label>
          .ics file
          <input type="file" name="file" accept=".ics,text/calendar" />
        </label>
        <label>
          or the feed’s address
          <input type="url" name="url" placeholder="https://…/holidays.ics" />
        </label>
        <label>
          or paste it
          <textarea name="ics" rows={3} />
        </label>
        {isAdmin(viewer) && (
          <label>
            Closes
            <select name="scope" defaultValue="department">
              <option value="department">This department</option>
              <option value="school">The whole school</option>
            </select>
          </label>
        )}
        <button type="submit">Preview</button>
      </form>
      <ActionOutcome problem={problem} done={done} />
      {result && (
        <div aria-live="polite">
          <h4>
            {result.applied ? 'Imported' : 'What importing will do'}
            {result.calendarName ? `: ${result.calendarName}` : ''}
          </h4>
          <p>
            {result.added} {result.added === 1 ? 'day' : 'days'} {result.applied ? 'added' : 'to add'}, {result.removed}{' '}
            {result.applied ? 'removed' : 'to remove'}
            {result.skipped.length > 0 ? `, ${result.skipped.length} ${result.skipped.length === 1 ? 'event' : 'events'} left out` : ''}.
          </p>
          {result.days.length > 0 && (
            <ListTable caption="Days of the feed" columns={['Date', 'Name', 'Change']}>
              {result.days.map((day) => (
                <tr key={`${day.date}-${day.change}-${day.name}`}>
                  <th scope="row">{day.date}</th>
                  <td>{day.name}</td>
                  <td>{day.change === 'TAKEN' ? `left out: ${day.takenBy} that day` : CHANGE_WORDS[day.change]}</td>
                </tr>
              ))}
            </ListTable>
          )}
          {result.skipped.length > 0 && (
            <ul aria-label="Events left out">
              {result.skipped.map((event, index) => (
                <li key={index}>
                  {event.name}: {event.reason}
                </li>
              ))}
            </ul>
          )}
          {!result.applied && feed && (
            <p>
              <button
                type="button"
                className="primary"
                onClick={confirm}
                disabled={result.added + result.removed === 0 && result.days.every((day) => day.change !== 'RENAME')}
              >
                Import {result.added} {result.added === 1 ? 'day' : 'days'}
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  setFeed(null);
                  setResult(null);
                }}
              >
                Cancel
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
