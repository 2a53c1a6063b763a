// Incidents: a recurring problem as one known issue. One update reaches every linked ticket and
// the portal's banner; resolving it resolves its tickets together.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ListTable } from '../components/ListTable';
import { PanelForm } from '../components/PanelForm';
import { ActionOutcome } from '../components/ActionOutcome';
import { IncidentFields, incidentDepartment } from '../components/IncidentFields';
import { PredictedScoreField, predictedScore } from '../components/PredictedScoreField';
import { StatusBadge } from '../components/Badges';
import { Options, optionsOf } from '../components/FilterSelect';
import { graphql } from '../gql';
import type { IncidentStatus } from '../gql/graphql';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';
import { formText } from '../lib/forms';
import { isAdmin, useViewer } from '../viewer';

const INCIDENTS = graphql(`
  query Incidents {
    incidents(first: 50) {
      edges {
        node {
          ...IncidentSummary
        }
      }
    }
    categories {
      id
      name
      department {
        id
      }
    }
    departments {
      id
      name
    }
  }
`);

const DECLARE_INCIDENT = graphql(`
  mutation DeclareIncident($input: CreateIncidentInput!) {
    createIncident(input: $input) {
      id
    }
  }
`);

export const INCIDENT_SUMMARY = graphql(`
  fragment IncidentSummary on Incident {
    id
    title
    status
    startedAt
    resolvedAt
    ticketCount
    viewerMayManage
    department {
      id
      name
    }
  }
`);

export const INCIDENT_DETAIL = graphql(`
  fragment IncidentDetail on Incident {
    ...IncidentSummary
    summary
    category {
      id
      name
    }
    updates {
      body
      createdAt
    }
  }
`);

const INCIDENT = graphql(`
  query Incident($id: ID!, $filter: TicketFilter) {
    node(id: $id) {
      __typename
      ... on Incident {
        ...IncidentDetail
      }
    }
    tickets(filter: $filter, first: 100) {
      edges {
        node {
          id
          number
          title
          status
          contactName
        }
      }
    }
  }
`);

const POST_UPDATE = graphql(`
  mutation PostIncidentUpdate($input: PostIncidentUpdateInput!) {
    postIncidentUpdate(input: $input) {
      ...IncidentDetail
    }
  }
`);

const RESOLVE_INCIDENT = graphql(`
  mutation ResolveIncident($input: ResolveIncidentInput!) {
    resolveIncident(input: $input) {
      ...IncidentDetail
    }
  }
`);

const STATUS_LABELS: Record<IncidentStatus, string> = {
  INVESTIGATING: 'Investigating',
  IDENTIFIED: 'Identified',
  MONITORING: 'Monitoring',
  RESOLVED: 'Resolved',
};

/** The states an update may move an open incident to; resolving has its own form. */
const UPDATE_STATUS_OPTIONS = optionsOf(['INVESTIGATING', 'IDENTIFIED', 'MONITORING'] as const, (status) => STATUS_LABELS[status]);

export function Incidents() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const { data, error } = useQuery(INCIDENTS, { fetchPolicy: 'cache-and-network' });
  const [declareIncident, declareState] = useMutation(DECLARE_INCIDENT);
  const [formOpen, setFormOpen] = useState(false);
  const { problem, submit } = useAction();

  async function declare(form: FormData) {
    const result = await declareIncident({
      variables: {
        input: {
          title: formText(form, 'title'),
          summary: formText(form, 'summary'),
          categoryId: formText(form, 'categoryId') || null,
          departmentId: incidentDepartment(form),
        },
      },
    });
    if (result.data) void navigate(`/incidents/${result.data.createIncident.id}`);
  }

  return (
    <section aria-labelledby="incidents-title">
      <div className="page-head">
        <h1 id="incidents-title">Incidents</h1>
        {!formOpen && (
          <button type="button" className="primary" onClick={() => setFormOpen(true)}>
            Declare incident
          </button>
        )}
      </div>
      <p className="muted">
        Declare one here, or select tickets in the queue and choose “Create incident from selected” to link them as you declare it.
      </p>
      {formOpen && data && (
        <PanelForm title="Declare an incident" onSubmit={(event) => submit(event, declare)}>
          <IncidentFields
            categories={data.categories}
            departments={isAdmin(viewer) ? data.departments : undefined}
            defaultDepartmentId={viewer.department?.id ?? null}
          />
          <ActionOutcome problem={problem} />
          <div className="actions">
            <button type="submit" className="primary" disabled={declareState.loading}>
              Declare incident
            </button>
            <button type="button" onClick={() => setFormOpen(false)}>
              Cancel
            </button>
          </div>
        </PanelForm>
      )}
      {error && <p role="alert">{error.message}</p>}
      <ListTable labelledBy="incidents-title" columns={['Incident', 'Status', 'Department', 'Tickets', 'Started']}>
        {data?.incidents.edges.map(({ node }) => (
          <tr key={node.id}>
            <td>
              <Link to={`/incidents/${node.id}`}>{node.title}</Link>
            </td>
            <td>
              <span className={`badge incident-${node.status.toLowerCase()}`}>{STATUS_LABELS[node.status]}</span>
            </td>
            <td>{node.department?.name ?? '—'}</td>
            <td>{node.ticketCount}</td>
            <td>{formatDateTime(node.startedAt)}</td>
          </tr>
        ))}
      </ListTable>
      {data && data.incidents.edges.length === 0 && <p className="empty">No incidents. Quiet day.</p>}
    </section>
  );
}

export function IncidentView() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(INCIDENT, { variables: { id, filter: { incidentId: id } } });
  const [postUpdate, posting] = useMutation(POST_UPDATE);
  const [resolveIncident, resolving] = useMutation(RESOLVE_INCIDENT);
  const { problem, done, submit } = useAction();

  if (error) return <p role="alert">{error.message}</p>;
  const incident = data?.node?.__typename === 'Incident' ? data.node : null;
  if (!data) return <p className="loading">Loading…</p>;
  if (!incident) return <p>There is no such incident.</p>;
  const tickets = data.tickets.edges.map((edge) => edge.node);

  async function postStatusUpdate(form: FormData) {
    const status = (formText(form, 'status') || null) as IncidentStatus | null;
    await postUpdate({ variables: { input: { incidentId: id, body: formText(form, 'body'), status } } });
    await refetch();
  }

  async function resolveWithTickets(form: FormData) {
    await resolveIncident({
      variables: { input: { incidentId: id, resolution: formText(form, 'resolution'), predictedScore: predictedScore(form) } },
    });
    await refetch();
  }

  return (
    <section aria-labelledby="incident-title" className="incident">
      <p className="crumbs">
        <Link to="/incidents">← Incidents</Link>
      </p>
      <h1 id="incident-title">{incident.title}</h1>
      <p className="meta">
        <span className={`badge incident-${incident.status.toLowerCase()}`}>{STATUS_LABELS[incident.status]}</span> {incident.ticketCount}{' '}
        linked ticket
        {incident.ticketCount === 1 ? '' : 's'} · started {formatDateTime(incident.startedAt)}
        {incident.category ? ` · ${incident.category.name}` : ''}
      </p>
      <p>{incident.summary}</p>
      <ActionOutcome problem={problem} done={done} />

      {incident.status !== 'RESOLVED' && incident.viewerMayManage && (
        <div className="two-columns">
          <PanelForm
            title="Post an update"
            onSubmit={(event) => submit(event, postStatusUpdate, 'Update posted to every open linked ticket and the portal.')}
          >
            <label>
              Update for students (posted on every open linked ticket and on the portal)
              <textarea name="body" rows={3} required maxLength={5000} />
            </label>
            <label>
              New status
              <select name="status" defaultValue="">
                <option value="">Keep “{STATUS_LABELS[incident.status]}”</option>
                <Options options={UPDATE_STATUS_OPTIONS} />
              </select>
            </label>
            <button type="submit" className="primary" disabled={posting.loading}>
              Post update
            </button>
          </PanelForm>
          <PanelForm
            title="Resolve the incident"
            onSubmit={(event) => submit(event, resolveWithTickets, 'Incident resolved with every linked ticket.')}
          >
            <label>
              What was done (the resolution of every linked ticket)
              <textarea name="resolution" rows={3} required maxLength={5000} />
            </label>
            <PredictedScoreField legend="How do you think the students will rate this?" />
            <button type="submit" className="primary" disabled={resolving.loading}>
              Resolve incident and its tickets
            </button>
          </PanelForm>
        </div>
      )}

      <h2 id="linked-tickets-title">Linked tickets</h2>
      <ListTable labelledBy="linked-tickets-title" columns={['Ticket', 'Student', 'Status']}>
        {tickets.map((ticket) => (
          <tr key={ticket.id}>
            <td>
              <Link to={`/tickets/${ticket.id}`}>
                <span className="number">{ticket.number}</span> {ticket.title}
              </Link>
            </td>
            <td>{ticket.contactName}</td>
            <td>
              <StatusBadge status={ticket.status} />
            </td>
          </tr>
        ))}
      </ListTable>

      <h2>Updates</h2>
      <ul className="updates">
        {incident.updates.map((update) => (
          <li key={update.createdAt}>
            <p className="muted">{formatDateTime(update.createdAt)}</p>
            <p>{update.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
