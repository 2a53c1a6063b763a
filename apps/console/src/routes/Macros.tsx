// Macros: staff keep their own; managers share theirs with the departments they manage (admins with
// any). A macro sets a status, a priority, tags and an assignee and posts a reply, in one click on
// a ticket (components/MacroMenu.tsx).
import { useMutation, useQuery } from '@apollo/client/react';
import { MESSAGE_MAX, type TicketStatus } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { ActionOutcome } from '../components/ActionOutcome';
import { PRIORITY_OPTIONS, STATUS_OPTIONS } from '../components/Badges';
import { Options } from '../components/FilterSelect';
import { MacroEffects } from '../components/MacroMenu';
import { useTagOptions } from '../components/Tags';
import { graphql } from '../gql';
import type { Priority } from '../gql/graphql';
import { formText } from '../lib/forms';
import { useAction } from '../lib/use-action';
import { seesEveryDepartment, useViewer } from '../viewer';

const MACROS = graphql(`
  query ManageMacros {
    macros {
      ...MacroSummary
      replyBody
    }
  }
`);
const SAVE_MACRO = graphql(`
  mutation SaveMacro($input: SaveMacroInput!) {
    saveMacro(input: $input) {
      id
    }
  }
`);
const DELETE_MACRO = graphql(`
  mutation DeleteMacro($id: ID!) {
    deleteMacro(id: $id)
  }
`);

export function Macros() {
  const viewer = useViewer();
  const macros = useQuery(MACROS);
  const tags = useTagOptions();
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [save] = useMutation(SAVE_MACRO);
  const [remove] = useMutation(DELETE_MACRO);
  const { problem, done, run } = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const assign = formText(form, 'assign');
    const saved = await run(
      () =>
        save({
          variables: {
            input: {
              name: formText(form, 'name'),
              status: (formText(form, 'status') || null) as TicketStatus | null,
              priority: (formText(form, 'priority') || null) as Priority | null,
              tagIds,
              assignToMe: assign === 'me',
              replyBody: formText(form, 'replyBody') || null,
              replyInternal: form.get('replyInternal') === 'on',
              departmentId: form.get('shared') === 'on' ? (viewer.department?.id ?? null) : null,
            },
          },
        }),
      'Macro saved.',
    );
    if (saved) {
      formElement.reset();
      setTagIds([]);
      await macros.refetch();
    }
  }

  return (
    <section aria-labelledby="macros-title">
      <h1 id="macros-title">Macros</h1>
      <p className="muted">
        One click on a ticket sets its status, priority, tags and assignee and posts a reply. Placeholders such as{' '}
        <code>{'{{student.firstName}}'}</code> are filled in as in canned responses.
      </p>
      <ul className="macro-list">
        {(macros.data?.macros ?? []).map((macro) => (
          <li key={macro.id} className="panel">
            <h2>
              {macro.name} <span className="muted">{macro.department ? `shared with ${macro.department.name}` : 'yours'}</span>
            </h2>
            <MacroEffects macro={macro} reply={macro.replyBody ?? null} />
            <button
              type="button"
              onClick={() => void run(() => remove({ variables: { id: macro.id } }).then(() => macros.refetch()), 'Macro deleted.')}
            >
              Delete {macro.name}
            </button>
          </li>
        ))}
      </ul>
      <ActionOutcome problem={problem} done={done} />
      <form className="panel" onSubmit={submit} aria-labelledby="new-macro-title">
        <h2 id="new-macro-title">New macro</h2>
        <label>
          Name
          <input name="name" required maxLength={80} />
        </label>
        <label>
          Status
          <select name="status" defaultValue="">
            <option value="">Leave as it is</option>
            <Options options={STATUS_OPTIONS.filter((option) => option.value !== 'NEW')} />
          </select>
        </label>
        <label>
          Priority
          <select name="priority" defaultValue="">
            <option value="">Leave as it is</option>
            <Options options={PRIORITY_OPTIONS} />
          </select>
        </label>
        <label>
          Tags to add
          <select
            multiple
            value={tagIds}
            onChange={(event) => setTagIds([...event.currentTarget.selectedOptions].map((option) => option.value))}
          >
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assign
          <select name="assign" defaultValue="">
            <option value="">Leave as it is</option>
            <option value="me">To whoever applies it</option>
          </select>
        </label>
        <label>
          Reply
          <textarea name="replyBody" rows={4} maxLength={MESSAGE_MAX} />
        </label>
        <label className="inline">
          <input type="checkbox" name="replyInternal" /> Post the reply as an internal note
        </label>
        {seesEveryDepartment(viewer) && viewer.department && (
          <label className="inline">
            <input type="checkbox" name="shared" /> Share with {viewer.department.name}
          </label>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            Save macro
          </button>
        </div>
      </form>
    </section>
  );
}
