// The audit log: who did what to which record, when and from where, newest first. Admins narrow it
// by action and period and export what they narrowed as CSV (every page, not only the loaded ones).
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { DateRangePicker, lastDays, toApiRange, type DateRangeValue } from '../components/DateRangePicker';
import { FilterSelect } from '../components/FilterSelect';
import { ListTable } from '../components/ListTable';
import { LoadMore } from '../components/LoadMore';
import { graphql } from '../gql';
import type { AuditAction, AuditLogQuery } from '../gql/graphql';
import { downloadCsv, toCsv, type Column } from '../lib/csv';
import { formatDateTime } from '../lib/time';

const AUDIT_ACTIONS = graphql(`
  query AuditActions {
    auditActions {
      action
      meaning
    }
  }
`);

const AUDIT_LOG = graphql(`
  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          at
          action
          address
          subjectType
          subjectId
          details
          actor {
            id
            name
          }
          actorApiKey {
            id
            name
          }
        }
      }
      pageInfo {
        ...MorePages
      }
    }
  }
`);

type Entry = AuditLogQuery['auditLog']['edges'][number]['node'];

/** STAFF_INVITED → "Staff invited": the schema's names read as words without a second list of them. */
export const actionWords = (action: string) => action.charAt(0) + action.slice(1).toLowerCase().replaceAll('_', ' ');

const actorOf = (entry: Entry) => entry.actor?.name ?? (entry.actorApiKey ? `API key “${entry.actorApiKey.name}”` : 'The system');
const entriesWord = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;
/** The export pages through the whole narrowed log; past this many entries, narrow the period. */
const EXPORT_LIMIT = 50_000;

const CSV_COLUMNS: Column<Entry>[] = [
  { header: 'When (UTC)', value: (entry) => entry.at },
  { header: 'Action', value: (entry) => entry.action },
  { header: 'Actor', value: actorOf },
  { header: 'From address', value: (entry) => entry.address },
  { header: 'Record type', value: (entry) => entry.subjectType },
  { header: 'Record ID', value: (entry) => entry.subjectId },
  { header: 'Details', value: (entry) => entry.details },
];

export default function AuditLog() {
  const client = useApolloClient();
  const [action, setAction] = useState<AuditAction | ''>('');
  const [period, setPeriod] = useState<DateRangeValue>(() => lastDays(30));
  const [exporting, setExporting] = useState<string | null>(null);
  const range = toApiRange(period);
  const filter = { actions: action ? [action] : null, since: range.from, until: range.to };
  const { data, error, fetchMore } = useQuery(AUDIT_LOG, { variables: { filter, first: 50 }, fetchPolicy: 'cache-and-network' });
  const entries = data?.auditLog.edges.map((edge) => edge.node) ?? [];
  const actionOptions =
    useQuery(AUDIT_ACTIONS).data?.auditActions.map((info) => ({ value: info.action, label: actionWords(info.action) })) ?? [];

  async function exportCsv() {
    const rows: Entry[] = [];
    let after: string | null = null;
    setExporting('Exporting…');
    try {
      do {
        const page: { data?: AuditLogQuery } = await client.query({
          query: AUDIT_LOG,
          variables: { filter, first: 100, after },
          fetchPolicy: 'network-only',
        });
        const log = page.data!.auditLog;
        rows.push(...log.edges.map((edge) => edge.node));
        after = log.pageInfo.hasNextPage ? (log.pageInfo.endCursor ?? null) : null;
        setExporting(`Exporting… ${entriesWord(rows.length)} so far`);
      } while (after && rows.length < EXPORT_LIMIT);
      downloadCsv(`audit-log-${period.from}-to-${period.to}${action ? `-${action.toLowerCase()}` : ''}.csv`, toCsv(CSV_COLUMNS, rows));
      setExporting(
        after
          ? `Exported the newest ${entriesWord(rows.length)}; narrow the period for the rest.`
          : `Exported ${entriesWord(rows.length)}.`,
      );
    } catch (failure) {
      setExporting(`The export stopped: ${(failure as Error).message}`);
    }
  }

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">
        Every admin and permission-relevant action: who did it, to which record, when and from which address. Entries are never changed or
        removed.
      </p>
      <div className="filters">
        <FilterSelect label="Action" every="Every action" value={action} options={actionOptions} onChange={setAction} />
        <DateRangePicker value={period} onChange={setPeriod} />
        <button type="button" onClick={() => void exportCsv()} disabled={exporting?.startsWith('Exporting') ?? false}>
          Download CSV
        </button>
      </div>
      <p role="status">{exporting}</p>
      {error && <p role="alert">The audit log could not be loaded: {error.message}</p>}
      {entries.length > 0 && (
        <ListTable labelledBy="audit-title" columns={['When', 'Action', 'Who', 'Record', 'From', 'Details']}>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at)}</td>
              <th scope="row">{actionWords(entry.action)}</th>
              <td>{actorOf(entry)}</td>
              <td>{entry.subjectType ?? '—'}</td>
              <td>{entry.address ?? '—'}</td>
              <td>
                <code>{entry.details}</code>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {data && entries.length === 0 && <p className="empty">Nothing was recorded in this period{action ? ' for this action' : ''}.</p>}
      <LoadMore pageInfo={data?.auditLog.pageInfo} label="Load older entries" onMore={(after) => fetchMore({ variables: { after } })} />
    </section>
  );
}
