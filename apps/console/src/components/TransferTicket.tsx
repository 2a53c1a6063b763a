// "Transfer…": the ticket moves to a category of another department, with a note for the team that
// receives it (posted as an internal note). Afterwards the agent may no longer work it, so they go
// back to their queue.
import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../gql';
import { formText } from '../lib/forms';
import { useAction } from '../lib/use-action';
import { ActionOutcome } from './ActionOutcome';

const TRANSFER_CATEGORIES = graphql(`
  query TransferCategories {
    categories {
      id
      name
      department {
        id
        name
      }
    }
  }
`);

const TRANSFER = graphql(`
  mutation TransferTicket($input: TransferTicketInput!) {
    transferTicket(input: $input) {
      id
    }
  }
`);

export function TransferTicket({
  ticket,
  queuePath,
}: {
  ticket: { id: string; number: string; department: { id: string } };
  queuePath: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const categories = useQuery(TRANSFER_CATEGORIES, { skip: !open });
  const [transfer, transferring] = useMutation(TRANSFER);
  const { problem, run } = useAction();
  const elsewhere = (categories.data?.categories ?? []).filter((category) => category.department.id !== ticket.department.id);
  const departments = [...new Map(elsewhere.map((category) => [category.department.id, category.department.name])).entries()];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const moved = await run(() =>
      transfer({ variables: { input: { ticketId: ticket.id, categoryId: formText(form, 'categoryId'), note: formText(form, 'note') } } }),
    );
    if (moved) {
      dialog.current?.close();
      void navigate(queuePath);
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Transfer…
      </button>
      <dialog ref={dialog} aria-labelledby="transfer-title">
        <form onSubmit={submit}>
          <h2 id="transfer-title">Transfer {ticket.number} to another department</h2>
          <label>
            New category
            <select name="categoryId" required defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {departments.map(([departmentId, name]) => (
                <optgroup key={departmentId} label={name}>
                  {elsewhere
                    .filter((category) => category.department.id === departmentId)
                    .map((category) => (
                      <option key={category.id} value={category.id}>
                        {category.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            Note for the receiving team (internal)
            <textarea name="note" required rows={3} maxLength={2000} />
          </label>
          <ActionOutcome problem={problem} />
          <div className="actions">
            <button type="submit" className="primary" disabled={transferring.loading}>
              Transfer
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
