import type { TicketStatus } from '../gql/graphql.js';
import { STATUS_WORDS } from '../words.js';

export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`status status-${status.toLowerCase()}`}>{STATUS_WORDS[status]}</span>;
}
