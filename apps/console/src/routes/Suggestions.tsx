// Voice of staff: raise an improvement, vote and comment on colleagues' ideas; managers decide.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ActionOutcome } from '../components/ActionOutcome';
import { graphql } from '../gql';
import type { SuggestionDecision, SuggestionStatus, SuggestionsQuery } from '../gql/graphql';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';
import { seesEveryDepartment, useViewer } from '../viewer';
import { formText } from '../lib/forms';

export const SUGGESTION_FIELDS = graphql(`
  fragment SuggestionFields on Suggestion {
    id
    title
    body
    status
    createdAt
    voteCount
    viewerHasVoted
    decisionReason
    decidedAt
    category {
      id
      name
    }
    author {
      id
      name
    }
    decidedBy {
      id
      name
    }
    comments {
      id
      body
      createdAt
      author {
        id
        name
      }
    }
  }
`);

const SUGGESTIONS = graphql(`
  query Suggestions($status: [SuggestionStatus!]) {
    categories {
      id
      name
    }
    suggestions(status: $status, first: 50) {
      edges {
        node {
          ...SuggestionFields
        }
      }
    }
  }
`);

const RAISE = graphql(`
  mutation RaiseSuggestion($input: RaiseSuggestionInput!) {
    raiseSuggestion(input: $input) {
      ...SuggestionFields
    }
  }
`);
const VOTE = graphql(`
  mutation VoteForSuggestion($id: ID!) {
    voteForSuggestion(suggestionId: $id) {
      ...SuggestionFields
    }
  }
`);
const WITHDRAW = graphql(`
  mutation WithdrawSuggestionVote($id: ID!) {
    withdrawSuggestionVote(suggestionId: $id) {
      ...SuggestionFields
    }
  }
`);
const COMMENT = graphql(`
  mutation CommentOnSuggestion($input: CommentOnSuggestionInput!) {
    commentOnSuggestion(input: $input) {
      id
    }
  }
`);
const DECIDE = graphql(`
  mutation DecideSuggestion($input: DecideSuggestionInput!) {
    decideSuggestion(input: $input) {
      ...SuggestionFields
    }
  }
`);

type SuggestionRow = SuggestionsQuery['suggestions']['edges'][number]['node'];
const STATUS_LABELS: Record<SuggestionStatus, string> = { OPEN: 'Open', ACCEPTED: 'Accepted', DECLINED: 'Declined' };

export function Suggestions() {
  const [status, setStatus] = useState<SuggestionStatus | ''>('OPEN');
  const { data, error, refetch } = useQuery(SUGGESTIONS, { variables: { status: status ? [status] : null } });
  const [raise] = useMutation(RAISE);
  const { problem, submit } = useAction();

  return (
    <section aria-labelledby="suggestions-title">
      <h1 id="suggestions-title">Suggestions</h1>
      <form
        className="panel"
        aria-labelledby="raise-title"
        onSubmit={(event) =>
          submit(event, async (form) => {
            await raise({
              variables: {
                input: { title: formText(form, 'title'), body: formText(form, 'body'), categoryId: formText(form, 'categoryId') },
              },
            });
            await refetch();
          })
        }
      >
        <h2 id="raise-title">Suggest an improvement</h2>
        <label>
          The idea in a line
          <input name="title" required maxLength={200} />
        </label>
        <label>
          What to change, and why
          <textarea name="body" required rows={3} maxLength={5000} />
        </label>
        <label>
          Category of problems it would improve
          <select name="categoryId" required defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {data?.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
        <ActionOutcome problem={problem} />
        <button type="submit" className="primary">
          Raise suggestion
        </button>
      </form>
      <label>
        Show
        <select value={status} onChange={(event) => setStatus(event.currentTarget.value as SuggestionStatus | '')}>
          <option value="OPEN">Open</option>
          <option value="ACCEPTED">Accepted</option>
          <option value="DECLINED">Declined</option>
          <option value="">All</option>
        </select>
      </label>
      {error && <p role="alert">{error.message}</p>}
      <ul className="suggestions">
        {data?.suggestions.edges.map(({ node }) => (
          <SuggestionItem key={node.id} suggestion={node} onChange={() => void refetch()} />
        ))}
      </ul>
      {data && data.suggestions.edges.length === 0 && <p className="empty">No suggestions here yet.</p>}
    </section>
  );
}

function SuggestionItem({ suggestion, onChange }: { suggestion: SuggestionRow; onChange: () => void }) {
  const viewer = useViewer();
  const [vote] = useMutation(VOTE);
  const [withdraw] = useMutation(WITHDRAW);
  const [comment] = useMutation(COMMENT);
  const [decide] = useMutation(DECIDE);
  const { problem, run, submit } = useAction();
  const changed = async (action: Promise<unknown>) => {
    await action;
    onChange();
  };

  return (
    <li className="suggestion panel" aria-labelledby={`suggestion-${suggestion.id}`}>
      <h3 id={`suggestion-${suggestion.id}`}>{suggestion.title}</h3>
      <p className="meta">
        <span className={`badge suggestion-${suggestion.status.toLowerCase()}`}>{STATUS_LABELS[suggestion.status]}</span>{' '}
        {suggestion.category?.name ?? 'No category'} · by {suggestion.author.name} · {formatDateTime(suggestion.createdAt)}
      </p>
      <p>{suggestion.body}</p>
      {suggestion.status === 'OPEN' ? (
        <button
          type="button"
          aria-pressed={suggestion.viewerHasVoted}
          onClick={() => void run(() => (suggestion.viewerHasVoted ? withdraw : vote)({ variables: { id: suggestion.id } }))}
        >
          {suggestion.viewerHasVoted ? 'Voted' : 'Vote'} · {suggestion.voteCount}
        </button>
      ) : (
        <p className="decision">
          {STATUS_LABELS[suggestion.status]} by {suggestion.decidedBy?.name ?? 'a manager'}
          {suggestion.decidedAt ? ` on ${formatDateTime(suggestion.decidedAt)}` : ''}
          {suggestion.decisionReason ? `: ${suggestion.decisionReason}` : ''} · {suggestion.voteCount} vote
          {suggestion.voteCount === 1 ? '' : 's'}
        </p>
      )}
      <details>
        <summary>Comments ({suggestion.comments.length})</summary>
        <ul className="comments">
          {suggestion.comments.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.author.name}</strong> <span className="muted">{formatDateTime(entry.createdAt)}</span>
              <p>{entry.body}</p>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(event) =>
            submit(event, (form) =>
              changed(comment({ variables: { input: { suggestionId: suggestion.id, body: formText(form, 'body') } } })),
            )
          }
        >
          <label>
            Your comment
            <textarea name="body" rows={2} required maxLength={2000} />
          </label>
          <button type="submit">Comment</button>
        </form>
      </details>
      {suggestion.status === 'OPEN' && seesEveryDepartment(viewer) && (
        <form
          className="decide"
          onSubmit={(event) =>
            submit(event, (form) =>
              changed(
                decide({
                  variables: {
                    input: {
                      suggestionId: suggestion.id,
                      decision: formText(form, 'decision') as SuggestionDecision,
                      reason: formText(form, 'reason') || null,
                    },
                  },
                }),
              ),
            )
          }
        >
          <fieldset>
            <legend>Decision</legend>
            <label className="inline">
              <input type="radio" name="decision" value="ACCEPTED" required /> Accept
            </label>
            <label className="inline">
              <input type="radio" name="decision" value="DECLINED" /> Decline
            </label>
          </fieldset>
          <label>
            Reason (required to decline)
            <input name="reason" maxLength={2000} />
          </label>
          <button type="submit">Record decision</button>
        </form>
      )}
      <ActionOutcome problem={problem} />
    </li>
  );
}
