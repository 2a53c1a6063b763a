// When a colleague (or the student) changed the ticket while the agent was writing, the API refuses
// the reply with CONFLICT and lists the changes (reply(input: { basedOn })). The agent reads them
// here and either sends anyway or goes back to edit; nothing was sent in between.
import { CombinedGraphQLErrors } from '@apollo/client';
import type { TicketStatus } from '@studentdesk/domain';
import { statusLabel } from './Badges';

interface ConflictChange {
  type: string;
  actorName: string | null;
  toStatus: TicketStatus | null;
  excerpt: string | null;
}

export interface ReplyConflict {
  changes: ConflictChange[];
  changeCount: number;
  /** What to send as `basedOn` to confirm: the activity the agent has now been shown. */
  lastActivityAt: string;
}

/** The conflict an error reports, or null for any other error. */
export function replyConflictOf(error: unknown): ReplyConflict | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const found = error.errors.find((each) => each.extensions?.code === 'CONFLICT' && Array.isArray(each.extensions.changes));
  return found ? (found.extensions as unknown as ReplyConflict) : null;
}

function changeInWords({ type, actorName, toStatus, excerpt }: ConflictChange): string {
  const who = actorName ?? (type === 'REPLIED' ? 'The student' : 'StudentDesk');
  const quoted = excerpt ? `: “${excerpt}”` : '';
  switch (type) {
    case 'REPLIED':
      return `${who} replied${quoted}`;
    case 'NOTE_ADDED':
      return `${who} added a note${quoted}`;
    case 'STATUS_CHANGED':
      return toStatus ? `${who} set the status to ${statusLabel(toStatus)}` : `${who} changed the status`;
    case 'ASSIGNED':
      return `${who} changed who handles it`;
    case 'RESOLVED':
      return `${who} resolved it${quoted}`;
    case 'REOPENED':
      return `${who} reopened it`;
    default:
      return `${who} changed the ${type
        .replace(/_CHANGED$/, '')
        .replace(/_/g, ' ')
        .toLowerCase()}`;
  }
}

export function ReplyConflictNotice({
  conflict,
  onSendAnyway,
  onEdit,
}: {
  conflict: ReplyConflict;
  onSendAnyway: () => void;
  onEdit: () => void;
}) {
  const unlisted = conflict.changeCount - conflict.changes.length;
  return (
    <div className="conflict" role="alert">
      <p>
        <strong>The ticket changed while you were writing.</strong> Your message is not sent yet.
      </p>
      <ul>
        {conflict.changes.map((change, index) => (
          <li key={index}>{changeInWords(change)}</li>
        ))}
        {unlisted > 0 && <li>…and {unlisted} more</li>}
      </ul>
      <div className="actions">
        <button type="button" className="primary" onClick={onSendAnyway}>
          Send anyway
        </button>
        <button type="button" onClick={onEdit}>
          Edit first
        </button>
      </div>
    </div>
  );
}
