// Bulk actions on the queue's selected tickets: one assignee, status or priority for all of them,
// then a notice that offers the undo for as long as the API honours it (10 seconds).
import { useMutation } from '@apollo/client/react';
import type { TicketStatus } from '@studentdesk/domain';
import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import type { BulkUpdateTicketsInput } from '../gql/graphql';
import { useAction } from '../lib/use-action';
import { ActionOutcome } from './ActionOutcome';
import { PRIORITY_OPTIONS, priorityLabel, statusLabel } from './Badges';
import { Options, optionsOf, type Option } from './FilterSelect';

// What a bulk change (or its undo) can change on a ticket: the queue's rows update from these in the
// cache. Not the whole row: its lists (tags) would make 500 tickets cost more than a query may.
export const BULK_CHANGED = graphql(`
  fragment BulkChanged on Ticket {
    id
    status
    priority
    updatedAt
    ...SlaTimes
    assignee {
      id
      name
    }
  }
`);

const BULK_UPDATE = graphql(`
  mutation BulkUpdateTickets($input: BulkUpdateTicketsInput!) {
    bulkUpdateTickets(input: $input) {
      tickets {
        ...BulkChanged
      }
      undoToken
      undoExpiresAt
    }
  }
`);

const UNDO_BULK_UPDATE = graphql(`
  mutation UndoBulkUpdate($undoToken: String!) {
    undoBulkUpdate(undoToken: $undoToken) {
      restored {
        ...BulkChanged
      }
      skipped {
        number
        reason
      }
    }
  }
`);

/** The statuses a bulk update can give: resolving needs words for each student, reopening a reason. */
const BULK_STATUS_OPTIONS = optionsOf<TicketStatus>(['OPEN', 'WAITING_ON_STUDENT', 'CLOSED'], statusLabel);
const UNASSIGN = 'nobody';

const tickets = (count: number) => `${count} ticket${count === 1 ? '' : 's'}`;

/** What was done, as the notice says it, and how to take it back. */
export interface BulkChange {
  message: string;
  undoToken: string;
  undoExpiresAt: string;
}

/** The bulk bar's choices; each applies to every selected ticket at once. */
export function BulkActions({
  ticketIds,
  staffMembers,
  onChanged,
}: {
  ticketIds: string[];
  staffMembers: ReadonlyArray<{ id: string; name: string }>;
  onChanged: (change: BulkChange) => void;
}) {
  const [bulkUpdate, { loading }] = useMutation(BULK_UPDATE);
  const { problem, run } = useAction();

  const apply = (change: Omit<BulkUpdateTicketsInput, 'ticketIds'>, done: string) =>
    void run(async () => {
      const result = await bulkUpdate({ variables: { input: { ticketIds, ...change } } });
      const { undoToken, undoExpiresAt } = result.data!.bulkUpdateTickets;
      onChanged({ message: `${tickets(ticketIds.length)} ${done}.`, undoToken, undoExpiresAt: String(undoExpiresAt) });
    });

  const assignees = [
    { value: UNASSIGN, label: 'Nobody (unassign)' },
    ...staffMembers.map((member) => ({ value: member.id, label: member.name })),
  ];
  return (
    <div role="toolbar" aria-label="Change the selected tickets" className="bulk-actions">
      {staffMembers.length > 0 && (
        <BulkChoice
          label="Assign to…"
          options={assignees}
          disabled={loading}
          onChoose={(value) =>
            value === UNASSIGN
              ? apply({ clearAssignee: true }, 'unassigned')
              : apply({ assigneeId: value }, `assigned to ${staffMembers.find((member) => member.id === value)?.name}`)
          }
        />
      )}
      <BulkChoice
        label="Status…"
        options={BULK_STATUS_OPTIONS}
        disabled={loading}
        onChoose={(status) => apply({ status }, status === 'CLOSED' ? 'closed' : `set to ${statusLabel(status).toLowerCase()}`)}
      />
      <BulkChoice
        label="Priority…"
        options={PRIORITY_OPTIONS}
        disabled={loading}
        onChoose={(priority) => apply({ priority }, `set to ${priorityLabel(priority).toLowerCase()} priority`)}
      />
      <ActionOutcome problem={problem} />
    </div>
  );
}

/** A select that acts as soon as something is chosen, and goes back to "Choose…". */
function BulkChoice<T extends string>(props: {
  label: string;
  options: ReadonlyArray<Option<T>>;
  disabled: boolean;
  onChoose: (value: T) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        value=""
        disabled={props.disabled}
        onChange={(event) => {
          const value = event.currentTarget.value as T | '';
          if (value) props.onChoose(value);
        }}
      >
        <option value="">Choose…</option>
        <Options options={props.options} />
      </select>
    </label>
  );
}

/** "20 tickets closed. Undo (9)": the button counts down the seconds the undo still works, then goes. */
export function BulkUndoNotice({ change, onFinished, onUndone }: { change: BulkChange; onFinished: () => void; onUndone: () => void }) {
  const [undo, { loading }] = useMutation(UNDO_BULK_UPDATE);
  const [secondsLeft, setSecondsLeft] = useState(() => secondsUntil(change.undoExpiresAt));
  const [outcome, setOutcome] = useState('');
  const { problem, run } = useAction();

  useEffect(() => {
    if (outcome) return;
    const timer = setInterval(() => setSecondsLeft(secondsUntil(change.undoExpiresAt)), 1000);
    return () => clearInterval(timer);
  }, [change.undoExpiresAt, outcome]);
  useEffect(() => {
    if (secondsLeft <= 0 && !outcome) onFinished();
  }, [secondsLeft, outcome, onFinished]);

  const undoChange = () =>
    void run(async () => {
      const result = await undo({ variables: { undoToken: change.undoToken } });
      const { restored, skipped } = result.data!.undoBulkUpdate;
      setOutcome(
        skipped.length
          ? `${tickets(restored.length)} put back. Left as they are: ${skipped.map((skip) => `${skip.number} (${skip.reason})`).join(', ')}`
          : `${tickets(restored.length)} put back.`,
      );
      onUndone();
    });

  return (
    <div role="status" className="notice bulk-notice">
      {outcome || (
        <>
          {change.message}{' '}
          <button type="button" onClick={undoChange} disabled={loading}>
            Undo ({secondsLeft})
          </button>
        </>
      )}
      <ActionOutcome problem={problem} />
    </div>
  );
}

const secondsUntil = (iso: string) => Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / 1000));
