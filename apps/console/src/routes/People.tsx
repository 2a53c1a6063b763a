// The people of the desk, for admins: who works here (role, departments, whether they can sign in),
// placing them in departments, inviting someone new, and letting someone go. Deactivating asks who
// takes over their open tickets (a colleague sharing a department, or nobody: back to the queue).
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState } from 'react';
import { NavLink } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { ToneBadge } from '../components/Badges';
import { ConfirmButton } from '../components/ConfirmButton';
import { ListTable } from '../components/ListTable';
import { LoadMore } from '../components/LoadMore';
import { graphql } from '../gql';
import type { DepartmentRole, InvitationStatus, PeopleQuery, Role } from '../gql/graphql';
import { formText } from '../lib/forms';
import type { Tone } from '../lib/integrations';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';
import { useViewer } from '../viewer';

export const PERSON_FIELDS = graphql(`
  fragment PersonFields on User {
    id
    name
    email
    role
    active
    memberships {
      role
      department {
        id
        name
      }
    }
  }
`);

const PEOPLE = graphql(`
  query People($after: String) {
    departments {
      id
      name
    }
    staffAccounts(first: 100, after: $after) {
      edges {
        cursor
        node {
          ...PersonFields
        }
      }
      pageInfo {
        ...MorePages
      }
    }
    invitations(first: 20) {
      edges {
        node {
          id
          email
          name
          role
          status
          expiresAt
          department {
            id
            name
          }
        }
      }
    }
  }
`);

const INVITE_STAFF = graphql(`
  mutation InviteStaff($input: InviteStaffInput!) {
    inviteStaff(input: $input) {
      id
      email
    }
  }
`);

const REVOKE_INVITATION = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);

const DEACTIVATE_USER = graphql(`
  mutation DeactivateUser($userId: ID!, $reassignTo: ID) {
    deactivateUser(userId: $userId, reassignTo: $reassignTo) {
      ...PersonFields
    }
  }
`);

const SET_MEMBERSHIP = graphql(`
  mutation SetMembership($userId: ID!, $departmentId: ID!, $role: DepartmentRole!) {
    setMembership(userId: $userId, departmentId: $departmentId, role: $role) {
      ...PersonFields
    }
  }
`);

const REMOVE_MEMBERSHIP = graphql(`
  mutation RemoveMembership($userId: ID!, $departmentId: ID!) {
    removeMembership(userId: $userId, departmentId: $departmentId) {
      ...PersonFields
    }
  }
`);

const REACTIVATE_USER = graphql(`
  mutation ReactivateUser($userId: ID!) {
    reactivateUser(userId: $userId) {
      ...PersonFields
    }
  }
`);

type Person = PeopleQuery['staffAccounts']['edges'][number]['node'];

const ROLE_LABELS: Record<Role, string> = { STUDENT: 'Student', STAFF: 'Staff', MANAGER: 'Manager', ADMIN: 'Admin' };
const DEPARTMENT_ROLES: Record<DepartmentRole, string> = { STAFF: 'Staff', MANAGER: 'Manager' };

/** "IT (manager), Library": a person's departments, primary first. */
const departmentsText = (person: Person) =>
  person.memberships.map((membership) => `${membership.department.name}${membership.role === 'MANAGER' ? ' (manager)' : ''}`).join(', ') ||
  '—';
const INVITATION_STATES: Record<InvitationStatus, { label: string; tone: Tone }> = {
  PENDING: { label: 'Waiting', tone: 'waiting' },
  ACCEPTED: { label: 'Accepted', tone: 'ok' },
  EXPIRED: { label: 'Expired', tone: 'late' },
  REVOKED: { label: 'Withdrawn', tone: 'late' },
};

/** Deactivate, asking first who takes over the person's open tickets. */
function DeactivateButton({
  person,
  colleagues,
  onConfirm,
}: {
  person: Person;
  colleagues: Person[];
  onConfirm: (heir: string) => unknown;
}) {
  const [heir, setHeir] = useState('');
  const selectId = useId();
  return (
    <ConfirmButton
      label="Deactivate"
      accessibleName={`Deactivate ${person.name}`}
      question={`Deactivate ${person.name}?`}
      confirmLabel="Deactivate"
      onConfirm={() => onConfirm(heir)}
    >
      <p>They are signed out everywhere at once and can no longer sign in. You can reactivate the account later.</p>
      <label htmlFor={selectId}>Who takes over their open tickets?</label>
      <select id={selectId} value={heir} onChange={(event) => setHeir(event.currentTarget.value)}>
        <option value="">Nobody: back to the department’s unassigned queue</option>
        {colleagues.map((colleague) => (
          <option key={colleague.id} value={colleague.id}>
            {colleague.name} ({ROLE_LABELS[colleague.role]}
            {colleague.memberships.length ? `, ${departmentsText(colleague)}` : ''})
          </option>
        ))}
      </select>
    </ConfirmButton>
  );
}

/**
 * A person's departments, in a dialog: change their role in one, take them out of one, or add one.
 * Each change is saved at once and shows in the table behind.
 */
function MembershipsButton({ person, departments }: { person: Person; departments: ReadonlyArray<{ id: string; name: string }> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const addId = useId();
  const addRoleId = useId();
  const { problem, done, run, clear } = useAction();
  const [setMembership] = useMutation(SET_MEMBERSHIP);
  const [removeMembership] = useMutation(REMOVE_MEMBERSHIP);
  const [adding, setAdding] = useState('');
  const [addRole, setAddRole] = useState<DepartmentRole>('STAFF');
  const outside = departments.filter((department) => !person.memberships.some((membership) => membership.department.id === department.id));
  const set = (departmentId: string, name: string, role: DepartmentRole) =>
    run(
      () => setMembership({ variables: { userId: person.id, departmentId, role } }),
      `${person.name} is ${role === 'MANAGER' ? 'a manager' : 'staff'} of ${name}.`,
    );
  return (
    <>
      <button
        type="button"
        aria-label={`Departments of ${person.name}`}
        onClick={() => {
          clear();
          dialog.current?.showModal();
        }}
      >
        Departments
      </button>
      <dialog ref={dialog} aria-labelledby={headingId}>
        <h2 id={headingId}>Departments of {person.name}</h2>
        <p className="muted">They work the queue of each department; managers also run it. The first is their primary department.</p>
        <ActionOutcome problem={problem} done={done} />
        {person.memberships.length > 0 ? (
          <ul>
            {person.memberships.map((membership) => (
              <li key={membership.department.id}>
                <label htmlFor={`${headingId}-${membership.department.id}`}>{membership.department.name}</label>{' '}
                <select
                  id={`${headingId}-${membership.department.id}`}
                  value={membership.role}
                  onChange={(event) =>
                    set(membership.department.id, membership.department.name, event.currentTarget.value as DepartmentRole)
                  }
                >
                  <option value="STAFF">{DEPARTMENT_ROLES.STAFF}</option>
                  <option value="MANAGER">{DEPARTMENT_ROLES.MANAGER}</option>
                </select>{' '}
                <button
                  type="button"
                  aria-label={`Remove ${person.name} from ${membership.department.name}`}
                  onClick={() =>
                    run(
                      () => removeMembership({ variables: { userId: person.id, departmentId: membership.department.id } }),
                      `${person.name} left ${membership.department.name}.`,
                    )
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No department yet.</p>
        )}
        {outside.length > 0 && (
          <div>
            <label htmlFor={addId}>Add to department</label>
            <select id={addId} value={adding} onChange={(event) => setAdding(event.currentTarget.value)}>
              <option value="">Choose a department</option>
              {outside.map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name}
                </option>
              ))}
            </select>
            <label htmlFor={addRoleId}>As</label>
            <select id={addRoleId} value={addRole} onChange={(event) => setAddRole(event.currentTarget.value as DepartmentRole)}>
              <option value="STAFF">{DEPARTMENT_ROLES.STAFF}</option>
              <option value="MANAGER">{DEPARTMENT_ROLES.MANAGER}</option>
            </select>
            <button
              type="button"
              disabled={!adding}
              onClick={async () => {
                const department = outside.find((candidate) => candidate.id === adding)!;
                if (await set(department.id, department.name, addRole)) setAdding('');
              }}
            >
              Add
            </button>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}

export default function People() {
  const viewer = useViewer();
  const formId = useId();
  const { data, error, fetchMore, refetch } = useQuery(PEOPLE, { fetchPolicy: 'cache-and-network' });
  const [inviteStaff, inviting] = useMutation(INVITE_STAFF);
  const [revokeInvitation] = useMutation(REVOKE_INVITATION);
  const [deactivateUser] = useMutation(DEACTIVATE_USER);
  const [reactivateUser] = useMutation(REACTIVATE_USER);
  const { problem, done, run, submit } = useAction();
  const people = data?.staffAccounts.edges.map((edge) => edge.node) ?? [];
  const invitations = data?.invitations.edges.map((edge) => edge.node) ?? [];
  /** Who may take someone's tickets: active colleagues sharing one of their departments, and admins. */
  const shares = (one: Person, other: Person) =>
    one.memberships.some((membership) => other.memberships.some((theirs) => theirs.department.id === membership.department.id));
  const colleaguesOf = (person: Person) =>
    people.filter((other) => other.id !== person.id && other.active && (other.role === 'ADMIN' || shares(person, other)));

  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">People</h1>
      <p className="muted">
        Staff join by invitation: they choose their own password from the link in the email, valid for 7 days. Many people at once:{' '}
        <NavLink to="/admin/people/import">import them from a CSV file</NavLink>.
      </p>
      <ActionOutcome problem={problem} done={done} />

      <form
        className="panel"
        aria-labelledby="invite-title"
        onSubmit={(event) =>
          submit(
            event,
            async (form) => {
              await inviteStaff({
                variables: {
                  input: {
                    email: formText(form, 'email'),
                    name: formText(form, 'name'),
                    role: formText(form, 'role') as Role,
                    departmentId: formText(form, 'departmentId'),
                  },
                },
              });
              await refetch();
            },
            'The invitation is on its way.',
          )
        }
      >
        <h2 id="invite-title">Invite someone</h2>
        <label>
          Name
          <input name="name" required maxLength={100} autoComplete="off" />
        </label>
        <label>
          Email
          <input name="email" type="email" required autoComplete="off" />
        </label>
        {/* Labels beside the lists, not around them: a wrapping label would add every option to the list's name. */}
        <div>
          <label htmlFor={`${formId}-role`}>Role</label>
          <select id={`${formId}-role`} name="role" defaultValue="STAFF">
            <option value="STAFF">Staff: works the department’s tickets</option>
            <option value="MANAGER">Manager: also sees every department’s numbers</option>
            <option value="ADMIN">Admin: runs the desk</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${formId}-department`}>Department</label>
          <select id={`${formId}-department`} name="departmentId" required defaultValue="">
            <option value="" disabled>
              Choose a department
            </option>
            {data?.departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={inviting.loading}>
          Send invitation
        </button>
      </form>

      {error && <p role="alert">The people could not be loaded: {error.message}</p>}

      <h2 id="staff-list-title">Staff accounts</h2>
      {people.length > 0 && (
        <ListTable labelledBy="staff-list-title" columns={['Name', 'Email', 'Role', 'Departments', 'Status']} actions>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row">{person.name}</th>
              <td>{person.email}</td>
              <td>{ROLE_LABELS[person.role]}</td>
              <td>{departmentsText(person)}</td>
              <td>{person.active ? <ToneBadge tone="ok">Active</ToneBadge> : <ToneBadge tone="late">Deactivated</ToneBadge>}</td>
              <td>
                <MembershipsButton person={person} departments={data?.departments ?? []} />{' '}
                {person.id === viewer.id ? null : person.active ? (
                  <DeactivateButton
                    person={person}
                    colleagues={colleaguesOf(person)}
                    onConfirm={(heir) =>
                      run(
                        () => deactivateUser({ variables: { userId: person.id, reassignTo: heir || null } }),
                        `${person.name} is deactivated and signed out.`,
                      )
                    }
                  />
                ) : (
                  <button
                    type="button"
                    aria-label={`Reactivate ${person.name}`}
                    onClick={() => run(() => reactivateUser({ variables: { userId: person.id } }), `${person.name} can sign in again.`)}
                  >
                    Reactivate
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <LoadMore pageInfo={data?.staffAccounts.pageInfo} label="Load more people" onMore={(after) => fetchMore({ variables: { after } })} />

      <h2 id="invitations-title">Recent invitations</h2>
      {invitations.length > 0 ? (
        <ListTable labelledBy="invitations-title" columns={['Name', 'Email', 'Role', 'Department', 'Status']} actions>
          {invitations.map((invitation) => {
            const state = INVITATION_STATES[invitation.status];
            return (
              <tr key={invitation.id}>
                <th scope="row">{invitation.name}</th>
                <td>{invitation.email}</td>
                <td>{ROLE_LABELS[invitation.role]}</td>
                <td>{invitation.department.name}</td>
                <td>
                  <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
                  {invitation.status === 'PENDING' && <span className="muted"> until {formatDateTime(invitation.expiresAt)}</span>}
                </td>
                <td>
                  {invitation.status === 'PENDING' && (
                    <button
                      type="button"
                      aria-label={`Withdraw the invitation to ${invitation.email}`}
                      onClick={() =>
                        run(
                          () => revokeInvitation({ variables: { id: invitation.id } }),
                          `The invitation to ${invitation.email} is withdrawn.`,
                        )
                      }
                    >
                      Withdraw
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </ListTable>
      ) : (
        data && <p className="empty">No invitations yet.</p>
      )}
    </section>
  );
}
