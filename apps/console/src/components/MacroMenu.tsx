// "Macros" on a ticket: choose one of your macros or your department's, read what it will do here
// (the reply with this student's name filled in), then apply it all in one go. It is based on the
// activity the agent has seen, so a change made meanwhile stops it and is shown instead.
import { useMutation, useQuery } from '@apollo/client/react';
import type { TicketStatus } from '@studentdesk/domain';
import { useRef, useState } from 'react';
import { graphql } from '../gql';
import type { Priority } from '../gql/graphql';
import { useAction } from '../lib/use-action';
import { ActionOutcome } from './ActionOutcome';
import { priorityLabel, statusLabel } from './Badges';
import { TagList } from './Tags';

export const MACRO_SUMMARY = graphql(`
  fragment MacroSummary on Macro {
    id
    name
    status
    priority
    assignToMe
    replyInternal
    assignee {
      id
      name
    }
    tags {
      ...TagChip
    }
    department {
      id
      name
    }
  }
`);

const MACROS_FOR = graphql(`
  query MacrosFor($ticketId: ID!) {
    macros {
      ...MacroSummary
      replyFor(ticketId: $ticketId)
    }
  }
`);

const APPLY_MACRO = graphql(`
  mutation ApplyMacro($ticketId: ID!, $macroId: ID!, $basedOn: DateTime) {
    applyMacro(ticketId: $ticketId, macroId: $macroId, basedOn: $basedOn) {
      ...TicketDetail
    }
  }
`);

/** What a macro does, as a list of plain sentences (shared by the menu and the macros page). */
export function MacroEffects({
  macro,
  reply,
}: {
  macro: {
    status?: TicketStatus | null;
    priority?: Priority | null;
    assignToMe: boolean;
    assignee?: { name: string } | null;
    tags: ReadonlyArray<{ id: string; name: string; color?: string | null }>;
    replyInternal: boolean;
  };
  reply: string | null;
}) {
  return (
    <ul className="macro-effects">
      {reply !== null && (
        <li>
          {macro.replyInternal ? 'Adds an internal note:' : 'Replies to the student:'}
          <blockquote className="macro-reply">{reply}</blockquote>
        </li>
      )}
      {macro.assignToMe && <li>Assigns the ticket to you</li>}
      {macro.assignee && <li>Assigns the ticket to {macro.assignee.name}</li>}
      {macro.priority && <li>Sets the priority to {priorityLabel(macro.priority)}</li>}
      {macro.tags.length > 0 && (
        <li>
          Adds the tags <TagList tags={macro.tags} />
        </li>
      )}
      {macro.status && (
        <li>{macro.status === 'RESOLVED' ? 'Resolves the ticket with the reply' : `Sets the status to ${statusLabel(macro.status)}`}</li>
      )}
    </ul>
  );
}

export function MacroMenu({ ticket }: { ticket: { id: string; lastActivityAt: string } }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [chosenId, setChosenId] = useState('');
  const macros = useQuery(MACROS_FOR, { variables: { ticketId: ticket.id }, fetchPolicy: 'cache-and-network' });
  const [apply, applying] = useMutation(APPLY_MACRO);
  const { problem, done, run, clear } = useAction();
  const list = macros.data?.macros ?? [];
  const chosen = list.find((macro) => macro.id === chosenId);

  async function applyChosen() {
    if (!chosen) return;
    const applied = await run(
      () => apply({ variables: { ticketId: ticket.id, macroId: chosen.id, basedOn: ticket.lastActivityAt } }),
      `Applied “${chosen.name}”.`,
    );
    if (applied) dialog.current?.close();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          clear();
          void macros.refetch();
          dialog.current?.showModal();
        }}
      >
        Macros…
      </button>
      <ActionOutcome problem="" done={done} />
      <dialog ref={dialog} aria-labelledby="macro-title">
        <h2 id="macro-title">Apply a macro</h2>
        {list.length === 0 ? (
          <p className="muted">No macros yet: make one on the Macros page.</p>
        ) : (
          <label>
            Macro
            <select
              value={chosenId}
              onChange={(event) => {
                clear();
                setChosenId(event.currentTarget.value);
              }}
            >
              <option value="">Choose…</option>
              {list.map((macro) => (
                <option key={macro.id} value={macro.id}>
                  {macro.name}
                  {macro.department ? ` (${macro.department.name})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {chosen && (
          <section aria-label="What it will do">
            <h3>It will</h3>
            <MacroEffects macro={chosen} reply={chosen.replyFor ?? null} />
          </section>
        )}
        <ActionOutcome problem={problem} />
        <div className="actions">
          <button type="button" className="primary" disabled={!chosen || applying.loading} onClick={() => void applyChosen()}>
            Apply
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
