// The school's departments and their categories, for admins (managers keep their own department's
// categories through the API): create one with its time zone and business hours, rename it, archive
// it (students can no longer report to it; its tickets stay), or merge it into another after a
// confirmation that says what moves. SLA targets and holidays live on each department's own
// "Hours and SLA" page.
import { useMutation, useQuery } from '@apollo/client/react';
import { categoryProblems, departmentProblems, WEEKDAYS, type FieldProblem } from '@studentdesk/domain';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { PRIORITY_OPTIONS, priorityLabel, ToneBadge } from '../components/Badges';
import { ConfirmButton } from '../components/ConfirmButton';
import { ListTable } from '../components/ListTable';
import { PanelForm } from '../components/PanelForm';
import { graphql } from '../gql';
import type { AdminDepartmentsQuery, Priority } from '../gql/graphql';
import { businessHoursText } from '../lib/business-hours';
import { formText } from '../lib/forms';
import { useAction } from '../lib/use-action';

const DEPARTMENTS = graphql(`
  query AdminDepartments {
    school {
      timeZone
    }
    departments(includeArchived: true) {
      id
      name
      slug
      timeZone
      archived
      mergedInto {
        name
      }
      businessHours {
        days
        opensAt
        closesAt
      }
      openTicketCount
      ticketCount
      memberCount
      categories(includeArchived: true) {
        id
        name
        description
        defaultPriority
        archived
      }
    }
  }
`);

const CREATE_DEPARTMENT = graphql(`
  mutation CreateDepartment($input: CreateDepartmentInput!) {
    createDepartment(input: $input) {
      id
    }
  }
`);

const UPDATE_DEPARTMENT = graphql(`
  mutation UpdateDepartment($input: UpdateDepartmentInput!) {
    updateDepartment(input: $input) {
      id
    }
  }
`);

const ARCHIVE_DEPARTMENT = graphql(`
  mutation ArchiveDepartment($id: ID!) {
    archiveDepartment(id: $id) {
      id
    }
  }
`);

const UNARCHIVE_DEPARTMENT = graphql(`
  mutation UnarchiveDepartment($id: ID!) {
    unarchiveDepartment(id: $id) {
      id
    }
  }
`);

const MERGE_DEPARTMENTS = graphql(`
  mutation MergeDepartments($fromId: ID!, $intoId: ID!) {
    mergeDepartments(fromId: $fromId, intoId: $intoId) {
      movedTickets
      renamedCategories {
        name
      }
    }
  }
`);

const CREATE_CATEGORY = graphql(`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
    }
  }
`);

const UPDATE_CATEGORY = graphql(`
  mutation UpdateCategory($input: UpdateCategoryInput!) {
    updateCategory(input: $input) {
      id
    }
  }
`);

const ARCHIVE_CATEGORY = graphql(`
  mutation ArchiveCategory($id: ID!) {
    archiveCategory(id: $id) {
      id
    }
  }
`);

const UNARCHIVE_CATEGORY = graphql(`
  mutation UnarchiveCategory($id: ID!) {
    unarchiveCategory(id: $id) {
      id
    }
  }
`);

const MERGE_CATEGORIES = graphql(`
  mutation MergeCategories($fromId: ID!, $intoId: ID!) {
    mergeCategories(fromId: $fromId, intoId: $intoId) {
      movedTickets
    }
  }
`);

type Department = AdminDepartmentsQuery['departments'][number];
type Category = Department['categories'][number];

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The form's problems as one message, or nothing: the API says the same, this only saves a round trip. */
function refuseProblems(problems: FieldProblem[]): void {
  if (problems.length) throw new Error(problems.map((problem) => problem.message).join(' '));
}

/** Name, time zone, working days and hours: for a new department, or to change one. */
function DepartmentForm({
  title,
  department,
  schoolTimeZone,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  department?: Department;
  schoolTimeZone: string;
  submitLabel: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const days = department?.businessHours.days ?? [1, 2, 3, 4, 5];
  return (
    <PanelForm title={title} onSubmit={onSubmit}>
      <label>
        Name
        <input name="name" required maxLength={80} autoComplete="off" defaultValue={department?.name} />
      </label>
      <label>
        Time zone
        <input name="timeZone" list={`${id}-zones`} required defaultValue={department?.timeZone ?? schoolTimeZone} />
      </label>
      <datalist id={`${id}-zones`}>
        {Intl.supportedValuesOf('timeZone').map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <fieldset className="checkboxes">
        <legend>Business days</legend>
        {WEEKDAYS.map((weekday) => (
          <label key={weekday.day} className="inline">
            <input type="checkbox" name="days" value={weekday.day} defaultChecked={days.includes(weekday.day)} />
            {weekday.name}
          </label>
        ))}
      </fieldset>
      {/* Text, not type="time": a day that ends at midnight closes at 24:00, which a time input cannot hold. */}
      <div className="actions">
        <label>
          Opens at (HH:MM)
          <input
            name="opensAt"
            required
            inputMode="numeric"
            size={6}
            placeholder="09:00"
            defaultValue={department?.businessHours.opensAt ?? '09:00'}
          />
        </label>
        <label>
          Closes at (HH:MM, 24:00 for midnight)
          <input
            name="closesAt"
            required
            inputMode="numeric"
            size={6}
            placeholder="17:00"
            defaultValue={department?.businessHours.closesAt ?? '17:00'}
          />
        </label>
      </div>
      <FormActions submitLabel={submitLabel} onCancel={onCancel} />
    </PanelForm>
  );
}

/** A settings form's buttons: save, and cancel when editing. */
function FormActions({ submitLabel, onCancel }: { submitLabel: string; onCancel?: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary">
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

/** The department's settings from its form, checked as the API will check them. */
function departmentSettings(form: FormData) {
  const settings = {
    name: formText(form, 'name'),
    timeZone: formText(form, 'timeZone').trim(),
    businessHours: {
      days: form.getAll('days').map(Number),
      opensAt: formText(form, 'opensAt').trim(),
      closesAt: formText(form, 'closesAt').trim(),
    },
  };
  refuseProblems(departmentProblems(settings));
  return settings;
}

function CategoryForm({
  title,
  category,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  category?: Category;
  submitLabel: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  return (
    <PanelForm title={title} onSubmit={onSubmit}>
      <label>
        Name
        <input name="name" required maxLength={80} autoComplete="off" defaultValue={category?.name} />
      </label>
      <label>
        Description
        <input name="description" maxLength={300} autoComplete="off" defaultValue={category?.description ?? ''} />
      </label>
      <div>
        <label htmlFor={`${id}-priority`}>Default priority</label>
        <select id={`${id}-priority`} name="defaultPriority" defaultValue={category?.defaultPriority ?? 'NORMAL'}>
          {PRIORITY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <FormActions submitLabel={submitLabel} onCancel={onCancel} />
    </PanelForm>
  );
}

function categorySettings(form: FormData) {
  const settings = {
    name: formText(form, 'name'),
    description: formText(form, 'description'),
    defaultPriority: formText(form, 'defaultPriority') as Priority,
  };
  refuseProblems(categoryProblems(settings));
  return settings;
}

/** Merge, asking first into which other department or category (named by `optionLabel`) and saying what will move. */
function MergeButton<Target extends { id: string; name: string }>({
  name,
  kind,
  others,
  optionLabel,
  consequences,
  onConfirm,
}: {
  name: string;
  kind: 'department' | 'category';
  others: Target[];
  optionLabel: (other: Target) => string;
  consequences: (target: Target | undefined) => ReactNode;
  onConfirm: (intoId: string) => unknown;
}) {
  const [into, setInto] = useState(others[0]?.id ?? '');
  const selectId = useId();
  return (
    <ConfirmButton
      label="Merge…"
      accessibleName={`Merge ${name} into another ${kind}`}
      question={`Merge ${name} into another ${kind}?`}
      confirmLabel="Merge"
      disabled={others.length === 0}
      onConfirm={() => into && onConfirm(into)}
    >
      <label htmlFor={selectId}>Merge into</label>
      <select id={selectId} value={into} onChange={(event) => setInto(event.currentTarget.value)}>
        {others.map((other) => (
          <option key={other.id} value={other.id}>
            {optionLabel(other)}
          </option>
        ))}
      </select>
      {consequences(others.find((other) => other.id === into))}
    </ConfirmButton>
  );
}

/** useAction whose every change, once it worked, refetches the departments so the lists show it. */
function useRefetchingAction(refetch: () => Promise<unknown>) {
  const { problem, done, run, submit } = useAction();
  return {
    problem,
    done,
    run: (action: () => Promise<unknown>, doneMessage: string) =>
      run(async () => {
        await action();
        await refetch();
      }, doneMessage),
    submit: (event: FormEvent<HTMLFormElement>, action: (form: FormData) => Promise<unknown>, doneMessage: string) =>
      submit(
        event,
        async (form) => {
          await action(form);
          await refetch();
        },
        doneMessage,
      ),
  };
}

type RefetchingAction = ReturnType<typeof useRefetchingAction>;

function Categories({
  department,
  allCategories,
  run,
  submit,
}: {
  department: Department;
  allCategories: Array<Category & { departmentName: string }>;
  run: RefetchingAction['run'];
  submit: RefetchingAction['submit'];
}) {
  const headingId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [createCategory] = useMutation(CREATE_CATEGORY);
  const [updateCategory] = useMutation(UPDATE_CATEGORY);
  const [archiveCategory] = useMutation(ARCHIVE_CATEGORY);
  const [unarchiveCategory] = useMutation(UNARCHIVE_CATEGORY);
  const [mergeCategories] = useMutation(MERGE_CATEGORIES);
  const editedCategory = department.categories.find((category) => category.id === editing);
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>Categories of {department.name}</h3>
      {department.categories.length > 0 ? (
        <ListTable labelledBy={headingId} columns={['Category', 'Description', 'Default priority', 'Status']} actions>
          {department.categories.map((category) => (
            <tr key={category.id}>
              <th scope="row">{category.name}</th>
              <td>{category.description ?? '—'}</td>
              <td>{priorityLabel(category.defaultPriority)}</td>
              <td>{category.archived ? <ToneBadge tone="late">Archived</ToneBadge> : <ToneBadge tone="ok">Offered</ToneBadge>}</td>
              <td>
                <div className="actions">
                  <button type="button" aria-label={`Edit ${category.name}`} onClick={() => setEditing(category.id)}>
                    Edit
                  </button>
                  {category.archived ? (
                    <button
                      type="button"
                      aria-label={`Unarchive ${category.name}`}
                      onClick={() => run(() => unarchiveCategory({ variables: { id: category.id } }), `${category.name} is offered again.`)}
                    >
                      Unarchive
                    </button>
                  ) : (
                    <button
                      type="button"
                      aria-label={`Archive ${category.name}`}
                      onClick={() =>
                        run(
                          () => archiveCategory({ variables: { id: category.id } }),
                          `${category.name} is archived: no longer offered for new reports; its tickets keep it.`,
                        )
                      }
                    >
                      Archive
                    </button>
                  )}
                  <MergeButton
                    name={category.name}
                    kind="category"
                    others={allCategories.filter((other) => other.id !== category.id && !other.archived)}
                    optionLabel={(other) => `${other.name} (${other.departmentName})`}
                    consequences={(target) => (
                      <p>{`Its tickets, articles, incidents and suggestions move to ${target?.name ?? 'the other category'} (and to its department, if that is another one); each ticket’s history records the move. ${category.name} is then archived for good.`}</p>
                    )}
                    onConfirm={(intoId) =>
                      run(
                        () => mergeCategories({ variables: { fromId: category.id, intoId } }),
                        `${category.name} is merged; its tickets moved.`,
                      )
                    }
                  />
                </div>
              </td>
            </tr>
          ))}
        </ListTable>
      ) : (
        <p className="empty">No categories yet: students cannot report to {department.name} until it has one.</p>
      )}
      {editedCategory ? (
        <CategoryForm
          key={editedCategory.id}
          title={`Edit ${editedCategory.name}`}
          category={editedCategory}
          submitLabel="Save category"
          onCancel={() => setEditing(null)}
          onSubmit={(event) =>
            submit(
              event,
              async (form) => {
                await updateCategory({ variables: { input: { id: editedCategory.id, ...categorySettings(form) } } });
                setEditing(null);
              },
              'The category is saved.',
            )
          }
        />
      ) : (
        !department.archived && (
          <CategoryForm
            title={`New category in ${department.name}`}
            submitLabel="Add category"
            onSubmit={(event) =>
              submit(
                event,
                (form) => createCategory({ variables: { input: { departmentId: department.id, ...categorySettings(form) } } }),
                'The category is added.',
              )
            }
          />
        )
      )}
    </section>
  );
}

export default function Departments() {
  const { data, error, refetch } = useQuery(DEPARTMENTS, { fetchPolicy: 'cache-and-network' });
  const [createDepartment] = useMutation(CREATE_DEPARTMENT);
  const [updateDepartment] = useMutation(UPDATE_DEPARTMENT);
  const [archiveDepartment] = useMutation(ARCHIVE_DEPARTMENT);
  const [unarchiveDepartment] = useMutation(UNARCHIVE_DEPARTMENT);
  const [mergeDepartments] = useMutation(MERGE_DEPARTMENTS);
  const { problem, done, run, submit } = useRefetchingAction(refetch);
  const [editing, setEditing] = useState<string | null>(null);
  const departments = data?.departments ?? [];
  const schoolTimeZone = data?.school?.timeZone ?? 'UTC';
  const inUse = departments.filter((department) => !department.archived);
  const allCategories = departments.flatMap((department) =>
    department.archived ? [] : department.categories.map((category) => ({ ...category, departmentName: department.name })),
  );
  const edited = departments.find((department) => department.id === editing);

  return (
    <section aria-labelledby="departments-title">
      <h1 id="departments-title">Departments</h1>
      <p className="muted">
        Students choose a category when they report; its department handles the ticket within its business hours. Archived departments and
        categories are not offered any more; their tickets stay.
      </p>
      <ActionOutcome problem={problem} done={done} />
      {error && <p role="alert">The departments could not be loaded: {error.message}</p>}

      {edited ? (
        <DepartmentForm
          key={edited.id}
          title={`Edit ${edited.name}`}
          department={edited}
          schoolTimeZone={schoolTimeZone}
          submitLabel="Save department"
          onCancel={() => setEditing(null)}
          onSubmit={(event) =>
            submit(
              event,
              async (form) => {
                await updateDepartment({ variables: { input: { id: edited.id, ...departmentSettings(form) } } });
                setEditing(null);
              },
              'The department is saved.',
            )
          }
        />
      ) : (
        <DepartmentForm
          title="New department"
          schoolTimeZone={schoolTimeZone}
          submitLabel="Create department"
          onSubmit={(event) =>
            submit(
              event,
              (form) => createDepartment({ variables: { input: departmentSettings(form) } }),
              'The department is created. Add a category so students can report to it.',
            )
          }
        />
      )}

      <h2 id="department-list-title">All departments</h2>
      {departments.length > 0 && (
        <ListTable
          labelledBy="department-list-title"
          columns={['Department', 'Time zone', 'Business hours', 'Open tickets', 'Categories', 'Members', 'Status']}
          actions
        >
          {departments.map((department) => (
            <tr key={department.id}>
              <th scope="row">{department.name}</th>
              <td>{department.timeZone}</td>
              <td>{businessHoursText(department.businessHours)}</td>
              <td>{department.openTicketCount}</td>
              <td>{department.categories.filter((category) => !category.archived).length}</td>
              <td>{department.memberCount}</td>
              <td>
                {department.mergedInto ? (
                  <ToneBadge tone="late">Merged into {department.mergedInto.name}</ToneBadge>
                ) : department.archived ? (
                  <ToneBadge tone="late">Archived</ToneBadge>
                ) : (
                  <ToneBadge tone="ok">In use</ToneBadge>
                )}
              </td>
              <td>
                {!department.mergedInto && (
                  <div className="actions">
                    <button type="button" aria-label={`Edit ${department.name}`} onClick={() => setEditing(department.id)}>
                      Edit
                    </button>
                    <Link
                      to={`/admin/departments/${encodeURIComponent(department.id)}/service`}
                      aria-label={`Hours and SLA of ${department.name}`}
                    >
                      Hours and SLA
                    </Link>
                    {department.archived ? (
                      <button
                        type="button"
                        aria-label={`Unarchive ${department.name}`}
                        onClick={() =>
                          run(() => unarchiveDepartment({ variables: { id: department.id } }), `${department.name} is in use again.`)
                        }
                      >
                        Unarchive
                      </button>
                    ) : (
                      <ConfirmButton
                        label="Archive"
                        accessibleName={`Archive ${department.name}`}
                        question={`Archive ${department.name}?`}
                        confirmLabel="Archive"
                        onConfirm={() =>
                          run(() => archiveDepartment({ variables: { id: department.id } }), `${department.name} is archived.`)
                        }
                      >
                        <p>{`Students can no longer report to ${department.name} and pickers leave it out. Its ${plural(department.ticketCount, 'ticket')}, categories and people stay as they are, and staff still see them. You can unarchive it later.`}</p>
                      </ConfirmButton>
                    )}
                    <MergeButton
                      name={department.name}
                      kind="department"
                      others={inUse.filter((other) => other.id !== department.id)}
                      optionLabel={(other) => other.name}
                      consequences={(target) => (
                        <>
                          <p>
                            {`${plural(department.ticketCount, 'ticket')} (${department.openTicketCount} open), ${plural(department.categories.length, 'category', 'categories')} and ${plural(department.memberCount, 'member')} move to ${target?.name ?? 'it'}, with ${department.name}’s articles, canned responses, incidents, pending invitations, ratings and the SLA targets ${target?.name ?? 'it'} has none for. Categories whose name ${target?.name ?? 'it'} already uses get “(${department.name})” added. Each ticket’s history records the move.`}
                          </p>
                          <p>{`${department.name} is then archived for good: it cannot be unarchived, and its links lead to ${target?.name ?? 'the other department'}.`}</p>
                        </>
                      )}
                      onConfirm={(intoId) =>
                        run(
                          () => mergeDepartments({ variables: { fromId: department.id, intoId } }),
                          `${department.name} is merged and archived.`,
                        )
                      }
                    />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}

      <h2>Categories</h2>
      {departments
        .filter((department) => !department.mergedInto)
        .map((department) => (
          <Categories key={department.id} department={department} allCategories={allCategories} run={run} submit={submit} />
        ))}
    </section>
  );
}
