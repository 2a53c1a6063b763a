import type { TicketStatus } from '@studentdesk/domain';
import { statusInWords } from '../words.js';

export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`status status-${status.toLowerCase()}`}>{statusInWords(status)}</span>;
}
