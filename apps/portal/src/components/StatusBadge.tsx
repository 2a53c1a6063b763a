import type { TicketStatus } from '@studentdesk/domain';
import { useIntl } from '../i18n/say.js';
import { statusInWords } from '../words.js';

export function StatusBadge({ status }: { status: TicketStatus }) {
  const intl = useIntl();
  return <span className={`status status-${status.toLowerCase()}`}>{statusInWords(status, intl)}</span>;
}
