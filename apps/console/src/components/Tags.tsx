// Tags: chips in the queue and on a ticket; on a ticket, staff add tags (the school's tags offered
// as they type, a new name making a new tag) and take them off, each change a line in the history.
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { useAction } from '../lib/use-action';
import { ActionOutcome } from './ActionOutcome';

export const TAG_CHIP = graphql(`
  fragment TagChip on Tag {
    id
    name
    color
  }
`);

const TAG_SUGGESTIONS = graphql(`
  query TagSuggestions($search: String) {
    tags(search: $search) {
      ...TagChip
    }
  }
`);

const TAG_TICKET = graphql(`
  mutation TagTicket($input: TagTicketInput!) {
    tagTicket(input: $input) {
      id
      tags {
        ...TagChip
      }
      history {
        ...Activity
      }
    }
  }
`);

interface Chip {
  id: string;
  name: string;
  color?: string | null;
}

/** One tag as a chip; its colour, when it has one, marks its left edge. */
export function TagBadge({ tag, children }: { tag: Chip; children?: React.ReactNode }) {
  return (
    <span className="badge tag" style={tag.color ? { borderLeft: `0.5em solid ${tag.color}` } : undefined}>
      {tag.name}
      {children}
    </span>
  );
}

export function TagList({ tags }: { tags: readonly Chip[] }) {
  if (!tags.length) return null;
  return (
    <span className="tags">
      {tags.map((tag) => (
        <TagBadge key={tag.id} tag={tag} />
      ))}
    </span>
  );
}

/** The school's tags for a picker (autocomplete narrows them as one types). */
export function useTagOptions(search = '') {
  return useQuery(TAG_SUGGESTIONS, { variables: { search: search.trim() || null } }).data?.tags ?? [];
}

/** The ticket's tags with a way to take each off, and a field to add one. */
export function TicketTags({ ticketId, tags }: { ticketId: string; tags: readonly Chip[] }) {
  const listId = useId();
  const [name, setName] = useState('');
  const suggestions = useTagOptions(name).filter((tag) => !tags.some((on) => on.id === tag.id));
  const [tagTicket, tagging] = useMutation(TAG_TICKET);
  const { problem, run } = useAction();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const added = name.trim();
    if (!added) return;
    if (await run(() => tagTicket({ variables: { input: { ticketId, add: [added] } } }))) setName('');
  }

  return (
    <section className="ticket-tags" aria-label="Tags">
      {tags.map((tag) => (
        <TagBadge key={tag.id} tag={tag}>
          <button
            type="button"
            className="remove-tag"
            aria-label={`Remove tag ${tag.name}`}
            disabled={tagging.loading}
            onClick={() => void run(() => tagTicket({ variables: { input: { ticketId, remove: [tag.id] } } }))}
          >
            ×
          </button>
        </TagBadge>
      ))}
      <form onSubmit={add} className="inline">
        <input
          aria-label="Add tag"
          placeholder="Add tag"
          list={listId}
          value={name}
          maxLength={40}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <datalist id={listId}>
          {suggestions.map((tag) => (
            <option key={tag.id} value={tag.name} />
          ))}
        </datalist>
        <button type="submit" disabled={!name.trim() || tagging.loading}>
          Add tag
        </button>
      </form>
      <ActionOutcome problem={problem} />
    </section>
  );
}
