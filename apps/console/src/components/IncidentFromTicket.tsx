// "Turn into incident…": when one report turns out to be an outage, the agent declares the incident
// from it and links its related tickets in the same step (createIncident with their IDs); each
// student keeps their own ticket, now part of the incident. Then the incident's page opens.
import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../gql';
import { formText } from '../lib/forms';
import { useAction } from '../lib/use-action';
import { ActionOutcome } from './ActionOutcome';
import { RELATED_TICKETS } from './RelatedTickets';

const DECLARE = graphql(`
  mutation DeclareIncidentFromTicket($input: CreateIncidentInput!) {
    createIncident(input: $input) {
      id
    }
  }
`);

interface Source {
  id: string;
  number: string;
  title: string;
  category: { id: string; name: string };
  department: { id: string };
  incident?: { id: string } | null;
}

export function IncidentFromTicket({ ticket }: { ticket: Source }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const navigate = useNavigate();
  const related = useQuery(RELATED_TICKETS, { variables: { ticketId: ticket.id } }).data?.ticket?.relatedTickets ?? [];
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [declare, declaring] = useMutation(DECLARE);
  const { problem, run } = useAction();
  if (ticket.incident) return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let incidentId = '';
    const declared = await run(async () => {
      const result = await declare({
        variables: {
          input: {
            title: formText(form, 'title'),
            summary: formText(form, 'summary'),
            departmentId: ticket.department.id,
            categoryId: form.get('announce') === 'on' ? ticket.category.id : null,
            ticketIds: [ticket.id, ...related.filter((other) => !unchecked.has(other.id)).map((other) => other.id)],
          },
        },
      });
      incidentId = result.data?.createIncident.id ?? '';
    });
    if (declared && incidentId) {
      dialog.current?.close();
      void navigate(`/incidents/${incidentId}`);
    }
  }

  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        Turn into incident…
      </button>
      <dialog ref={dialog} aria-labelledby="incident-from-ticket-title">
        <form onSubmit={submit}>
          <h2 id="incident-from-ticket-title">Declare an incident from {ticket.number}</h2>
          <label>
            Title students will recognise
            <input name="title" required maxLength={200} defaultValue={ticket.title} />
          </label>
          <label>
            What is happening, and what students can do meanwhile
            <textarea name="summary" required rows={3} maxLength={5000} />
          </label>
          <label className="inline">
            <input type="checkbox" name="announce" defaultChecked /> Show it to students reporting in {ticket.category.name}
          </label>
          {related.length > 0 && (
            <fieldset>
              <legend>Link the related tickets too</legend>
              {related.map((other) => (
                <label key={other.id} className="inline">
                  <input
                    type="checkbox"
                    checked={!unchecked.has(other.id)}
                    onChange={() =>
                      setUnchecked((current) => {
                        const next = new Set(current);
                        if (next.has(other.id)) next.delete(other.id);
                        else next.add(other.id);
                        return next;
                      })
                    }
                  />{' '}
                  {other.number} {other.title}
                </label>
              ))}
            </fieldset>
          )}
          <ActionOutcome problem={problem} />
          <div className="actions">
            <button type="submit" className="primary" disabled={declaring.loading}>
              Declare incident
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
