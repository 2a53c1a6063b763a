// Automation rules: managers keep their department's, admins every rule and the school-wide ones;
// staff read them. A rule is saved only once the preview (dry run) of exactly what is saved is shown.
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ActionOutcome } from '../components/ActionOutcome';
import { graphql } from '../gql';
import type {
  AutomationActionType,
  AutomationConditionField,
  AutomationConditionOperator,
  AutomationEvent,
  AutomationRuleInput,
  AutomationTriggerType,
} from '../gql/graphql';
import { useAction } from '../lib/use-action';
import { useViewer } from '../viewer';

const RULES = graphql(`
  query AutomationRules {
    departments {
      id
      name
    }
    tags {
      id
      name
    }
    automationRules {
      id
      name
      enabled
      department {
        id
        name
      }
      trigger {
        type
        events
        status
        businessDays
      }
      conditions {
        field
        operator
        values
      }
      actions {
        type
        status
        priority
        subject
        body
        internal
        tagIds
      }
    }
  }
`);
const DRY_RUN = graphql(`
  query AutomationPreview($input: AutomationRuleInput!) {
    automationDryRun(input: $input) {
      count
      tickets {
        id
        number
        title
      }
    }
  }
`);
const CREATE = graphql(`
  mutation CreateAutomationRule($input: AutomationRuleInput!) {
    createAutomationRule(input: $input) {
      id
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateAutomationRule($id: ID!, $input: AutomationRuleInput!) {
    updateAutomationRule(id: $id, input: $input) {
      id
    }
  }
`);
const SET_ENABLED = graphql(`
  mutation SetAutomationRuleEnabled($id: ID!, $enabled: Boolean!) {
    setAutomationRuleEnabled(id: $id, enabled: $enabled) {
      id
      enabled
    }
  }
`);

type Rule = NonNullable<ReturnType<typeof useRules>['data']>['automationRules'][number];
const useRules = () => useQuery(RULES);

const EVENTS: Record<AutomationEvent, string> = {
  TICKET_CREATED: 'Reported',
  TICKET_UPDATED: 'Updated (status, assignee, priority…)',
  STUDENT_REPLIED: 'The student replied',
  STAFF_REPLIED: 'Staff replied',
  RATED: 'Rated',
};
const TIMED: Record<string, string> = { WAITING_ON_STUDENT: 'Waiting on student', NEW: 'New', RESOLVED: 'Resolved' };
const FIELDS: Record<string, string> = {
  STATUS: 'Status',
  PRIORITY: 'Priority',
  CHANNEL: 'Channel',
  ASSIGNEE: 'Assignee',
  HOURS_SINCE_UPDATE: 'Hours since the last change',
};
const OPERATORS: Record<string, string[]> = {
  STATUS: ['IS_ANY_OF', 'IS_NONE_OF'],
  PRIORITY: ['IS_ANY_OF', 'IS_NONE_OF'],
  CHANNEL: ['IS_ANY_OF', 'IS_NONE_OF'],
  ASSIGNEE: ['IS_EMPTY', 'IS_NOT_EMPTY'],
  HOURS_SINCE_UPDATE: ['AT_LEAST', 'LESS_THAN'],
};
const OPERATOR_LABELS: Record<string, string> = {
  IS_ANY_OF: 'is any of',
  IS_NONE_OF: 'is none of',
  IS_EMPTY: 'is nobody',
  IS_NOT_EMPTY: 'is someone',
  AT_LEAST: 'at least',
  LESS_THAN: 'less than',
};
const ACTIONS: Record<string, string> = {
  EMAIL_STUDENT: 'Email the student',
  CLOSE: 'Close (resolving first)',
  SET_STATUS: 'Set status',
  SET_PRIORITY: 'Set priority',
  ADD_MESSAGE: 'Post a note or reply',
  WEBHOOK: 'Send the webhook event',
  ADD_TAGS: 'Add tags',
};

interface Draft {
  name: string;
  departmentId: string;
  triggerType: AutomationTriggerType;
  events: AutomationEvent[];
  status: string;
  businessDays: number;
  conditions: Array<{ field: string; operator: string; values: string }>;
  actions: Array<{ type: string; status: string; priority: string; subject: string; body: string; internal: boolean; tagIds: string[] }>;
}

const emptyAction = () => ({
  type: 'EMAIL_STUDENT',
  status: 'CLOSED',
  priority: 'HIGH',
  subject: '',
  body: '',
  internal: true,
  tagIds: [] as string[],
});

const newDraft = (departmentId: string): Draft => ({
  name: '',
  departmentId,
  triggerType: 'TIME',
  events: ['TICKET_CREATED'],
  status: 'WAITING_ON_STUDENT',
  businessDays: 5,
  conditions: [],
  actions: [emptyAction()],
});

function draftOf(rule: Rule): Draft {
  return {
    name: rule.name,
    departmentId: rule.department?.id ?? '',
    triggerType: rule.trigger.type,
    events: rule.trigger.events,
    status: rule.trigger.status ?? 'WAITING_ON_STUDENT',
    businessDays: rule.trigger.businessDays ?? 5,
    conditions: rule.conditions.map((condition) => ({ ...condition, values: condition.values.join(', ') })),
    actions: rule.actions.map((action) => ({
      type: action.type,
      status: action.status ?? 'CLOSED',
      priority: action.priority ?? 'HIGH',
      subject: action.subject ?? '',
      body: action.body ?? '',
      internal: action.internal ?? true,
      tagIds: action.tagIds,
    })),
  };
}

/** The draft as the API takes it. */
function inputOf(draft: Draft, enabled: boolean): AutomationRuleInput {
  return {
    name: draft.name,
    enabled,
    departmentId: draft.departmentId || null,
    trigger:
      draft.triggerType === 'EVENT'
        ? { type: 'EVENT', events: draft.events }
        : { type: 'TIME', status: draft.status as AutomationRuleInput['trigger']['status'], businessDays: draft.businessDays },
    conditions: draft.conditions.map((condition) => ({
      field: condition.field as AutomationConditionField,
      operator: condition.operator as AutomationConditionOperator,
      values: condition.values
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean),
    })),
    actions: draft.actions.map((action) => {
      const type = action.type as AutomationActionType;
      if (type === 'EMAIL_STUDENT') return { type, subject: action.subject, body: action.body };
      if (type === 'CLOSE') return { type, body: action.body };
      if (type === 'SET_STATUS') return { type, status: action.status as AutomationRuleInput['trigger']['status'] };
      if (type === 'SET_PRIORITY') return { type, priority: action.priority as never };
      if (type === 'ADD_MESSAGE') return { type, body: action.body, internal: action.internal };
      if (type === 'ADD_TAGS') return { type, tagIds: action.tagIds };
      return { type };
    }),
  };
}

function describeTrigger(rule: Rule): string {
  if (rule.trigger.type === 'TIME') {
    return `${TIMED[rule.trigger.status ?? ''] ?? rule.trigger.status} for ${rule.trigger.businessDays} business days`;
  }
  return rule.trigger.events.map((event) => EVENTS[event]).join(', ');
}

function RuleForm({
  initial,
  ruleId,
  enabled,
  departments,
  tags,
  onSaved,
  onCancel,
}: {
  initial: Draft;
  ruleId: string | null;
  enabled: boolean;
  departments: ReadonlyArray<{ id: string; name: string }>;
  /** The school's tags, for the ADD_TAGS action. */
  tags: ReadonlyArray<{ id: string; name: string }>;
  onSaved: () => Promise<unknown>;
  onCancel?: () => void;
}) {
  const viewer = useViewer();
  const [draft, setDraft] = useState(initial);
  const [preview, { data: previewData, variables: previewed }] = useLazyQuery(DRY_RUN, { fetchPolicy: 'network-only' });
  const [create] = useMutation(CREATE);
  const [update] = useMutation(UPDATE);
  const { problem, done, run } = useAction();
  const input = inputOf(draft, enabled);
  // Save only what was previewed: any change since asks for a new preview.
  const previewShown = previewData && JSON.stringify(previewed?.input) === JSON.stringify(input);
  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const setAction = (index: number, patch: Partial<Draft['actions'][number]>) =>
    change({ actions: draft.actions.map((action, at) => (at === index ? { ...action, ...patch } : action)) });
  const setCondition = (index: number, patch: Partial<Draft['conditions'][number]>) =>
    change({ conditions: draft.conditions.map((condition, at) => (at === index ? { ...condition, ...patch } : condition)) });

  return (
    <form
      className="panel automation-form"
      aria-label={ruleId ? `Edit ${initial.name}` : 'New rule'}
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          if (ruleId) await update({ variables: { id: ruleId, input } });
          else await create({ variables: { input } });
          await onSaved();
        }, 'Rule saved.');
      }}
    >
      <label>
        Name
        <input required maxLength={80} value={draft.name} onChange={(event) => change({ name: event.currentTarget.value })} />
      </label>
      <label>
        Acts on tickets of
        <select value={draft.departmentId} onChange={(event) => change({ departmentId: event.currentTarget.value })}>
          {viewer.role === 'ADMIN' && <option value="">Every department</option>}
          {departments
            .filter((department) => viewer.role === 'ADMIN' || department.id === viewer.department?.id)
            .map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
        </select>
      </label>
      <fieldset>
        <legend>When</legend>
        <label>
          Trigger
          <select
            value={draft.triggerType}
            onChange={(event) => change({ triggerType: event.currentTarget.value as AutomationTriggerType })}
          >
            <option value="TIME">After time in a status</option>
            <option value="EVENT">When something happens</option>
          </select>
        </label>
        {draft.triggerType === 'TIME' ? (
          <>
            <label>
              Status
              <select value={draft.status} onChange={(event) => change({ status: event.currentTarget.value })}>
                {Object.entries(TIMED).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Business days
              <input
                type="number"
                min={1}
                max={60}
                value={draft.businessDays}
                onChange={(event) => change({ businessDays: Number(event.currentTarget.value) })}
              />
            </label>
          </>
        ) : (
          (Object.keys(EVENTS) as AutomationEvent[]).map((event) => (
            <label key={event} className="inline">
              <input
                type="checkbox"
                checked={draft.events.includes(event)}
                onChange={(change_) =>
                  change({
                    events: change_.currentTarget.checked ? [...draft.events, event] : draft.events.filter((each) => each !== event),
                  })
                }
              />
              <span>{EVENTS[event]}</span>
            </label>
          ))
        )}
      </fieldset>
      <fieldset>
        <legend>Only tickets where</legend>
        {draft.conditions.map((condition, index) => (
          <div key={index} className="automation-row">
            <select
              aria-label={`Condition ${index + 1} field`}
              value={condition.field}
              onChange={(event) =>
                setCondition(index, { field: event.currentTarget.value, operator: OPERATORS[event.currentTarget.value]![0]! })
              }
            >
              {Object.entries(FIELDS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <select
              aria-label={`Condition ${index + 1} comparison`}
              value={condition.operator}
              onChange={(event) => setCondition(index, { operator: event.currentTarget.value })}
            >
              {(OPERATORS[condition.field] ?? []).map((operator) => (
                <option key={operator} value={operator}>
                  {OPERATOR_LABELS[operator]}
                </option>
              ))}
            </select>
            {!['IS_EMPTY', 'IS_NOT_EMPTY'].includes(condition.operator) && (
              <input
                aria-label={`Condition ${index + 1} values`}
                placeholder={condition.field === 'HOURS_SINCE_UPDATE' ? 'Hours' : 'e.g. HIGH, URGENT'}
                value={condition.values}
                onChange={(event) => setCondition(index, { values: event.currentTarget.value })}
              />
            )}
            <button type="button" onClick={() => change({ conditions: draft.conditions.filter((_, at) => at !== index) })}>
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => change({ conditions: [...draft.conditions, { field: 'PRIORITY', operator: 'IS_ANY_OF', values: '' }] })}
        >
          Add condition
        </button>
      </fieldset>
      <fieldset>
        <legend>Then</legend>
        {draft.actions.map((action, index) => (
          <div key={index} className="automation-row">
            <select
              aria-label={`Action ${index + 1}`}
              value={action.type}
              onChange={(event) => setAction(index, { type: event.currentTarget.value })}
            >
              {Object.entries(ACTIONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            {action.type === 'EMAIL_STUDENT' && (
              <input
                aria-label={`Action ${index + 1} subject`}
                placeholder="Subject"
                maxLength={200}
                value={action.subject}
                onChange={(event) => setAction(index, { subject: event.currentTarget.value })}
              />
            )}
            {['EMAIL_STUDENT', 'CLOSE', 'ADD_MESSAGE'].includes(action.type) && (
              <textarea
                aria-label={`Action ${index + 1} text`}
                rows={2}
                maxLength={5000}
                value={action.body}
                onChange={(event) => setAction(index, { body: event.currentTarget.value })}
              />
            )}
            {action.type === 'SET_STATUS' && (
              <select
                aria-label={`Action ${index + 1} status`}
                value={action.status}
                onChange={(event) => setAction(index, { status: event.currentTarget.value })}
              >
                <option value="OPEN">Open</option>
                <option value="WAITING_ON_STUDENT">Waiting on student</option>
                <option value="CLOSED">Closed (a resolved ticket)</option>
              </select>
            )}
            {action.type === 'SET_PRIORITY' && (
              <select
                aria-label={`Action ${index + 1} priority`}
                value={action.priority}
                onChange={(event) => setAction(index, { priority: event.currentTarget.value })}
              >
                {['LOW', 'NORMAL', 'HIGH', 'URGENT'].map((priority) => (
                  <option key={priority} value={priority}>
                    {priority.charAt(0) + priority.slice(1).toLowerCase()}
                  </option>
                ))}
              </select>
            )}
            {action.type === 'ADD_TAGS' && (
              <select
                multiple
                aria-label={`Action ${index + 1} tags`}
                value={action.tagIds}
                onChange={(event) => setAction(index, { tagIds: [...event.currentTarget.selectedOptions].map((option) => option.value) })}
              >
                {tags.map((tag) => (
                  <option key={tag.id} value={tag.id}>
                    {tag.name}
                  </option>
                ))}
              </select>
            )}
            {action.type === 'ADD_MESSAGE' && (
              <label className="inline">
                <input
                  type="checkbox"
                  checked={action.internal}
                  onChange={(event) => setAction(index, { internal: event.currentTarget.checked })}
                />
                <span>Internal note</span>
              </label>
            )}
            {draft.actions.length > 1 && (
              <button type="button" onClick={() => change({ actions: draft.actions.filter((_, at) => at !== index) })}>
                Remove
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => change({ actions: [...draft.actions, emptyAction()] })}>
          Add action
        </button>
      </fieldset>
      <ActionOutcome problem={problem} done={done} />
      <button type="button" onClick={() => void run(() => preview({ variables: { input } }))}>
        Preview matching tickets
      </button>
      {previewShown && (
        <div className="automation-preview" role="status">
          <p>
            Would act on <strong>{previewData.automationDryRun.count}</strong> ticket{previewData.automationDryRun.count === 1 ? '' : 's'}{' '}
            now.
          </p>
          <ul>
            {previewData.automationDryRun.tickets.map((ticket) => (
              <li key={ticket.id}>
                <Link to={`/tickets/${ticket.id}`}>
                  {ticket.number} {ticket.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="submit" className="primary" disabled={!previewShown} title={previewShown ? undefined : 'Preview the rule first'}>
        Save rule
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}

export function Automation() {
  const viewer = useViewer();
  const { data, error, refetch } = useRules();
  const [setEnabled] = useMutation(SET_ENABLED);
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const { problem, run } = useAction();
  const mayEdit = (rule: Rule) =>
    viewer.role === 'ADMIN' || (viewer.role === 'MANAGER' && rule.department !== null && rule.department.id === viewer.department?.id);
  const departments = data?.departments ?? [];
  const tags = data?.tags ?? [];

  return (
    <section aria-labelledby="automation-title">
      <h1 id="automation-title">Automation</h1>
      <p className="muted">Rules that act on tickets by themselves. Their changes show in each ticket’s activity under the rule’s name.</p>
      {error && <p role="alert">{error.message}</p>}
      <ActionOutcome problem={problem} />
      <table className="list-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Tickets of</th>
            <th scope="col">When</th>
            <th scope="col">Then</th>
            <th scope="col">On</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.automationRules.map((rule) => (
            <tr key={rule.id}>
              <td>{rule.name}</td>
              <td>{rule.department?.name ?? 'Every department'}</td>
              <td>{describeTrigger(rule)}</td>
              <td>{rule.actions.map((action) => ACTIONS[action.type] ?? action.type).join(', then ')}</td>
              <td>
                {mayEdit(rule) ? (
                  <input
                    type="checkbox"
                    aria-label={`${rule.name} switched on`}
                    checked={rule.enabled}
                    onChange={(event) => {
                      const enabled = event.currentTarget.checked;
                      void run(() => setEnabled({ variables: { id: rule.id, enabled } }));
                    }}
                  />
                ) : rule.enabled ? (
                  'On'
                ) : (
                  'Off'
                )}
              </td>
              <td>
                {mayEdit(rule) && (
                  <button type="button" onClick={() => setEditing(rule.id)}>
                    Edit
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data?.automationRules.length === 0 && <p className="muted">No rules yet.</p>}
      {editing &&
        data?.automationRules
          .filter((rule) => rule.id === editing)
          .map((rule) => (
            <RuleForm
              key={rule.id}
              initial={draftOf(rule)}
              ruleId={rule.id}
              enabled={rule.enabled}
              departments={departments}
              tags={tags}
              onSaved={async () => {
                setEditing(null);
                await refetch();
              }}
              onCancel={() => setEditing(null)}
            />
          ))}
      {(viewer.role === 'MANAGER' || viewer.role === 'ADMIN') && data && (
        <>
          <h2>New rule</h2>
          <RuleForm
            key={formKey}
            initial={newDraft(viewer.role === 'ADMIN' ? '' : (viewer.department?.id ?? ''))}
            ruleId={null}
            enabled
            departments={departments}
            tags={tags}
            onSaved={async () => {
              setFormKey((key) => key + 1);
              await refetch();
            }}
          />
        </>
      )}
    </section>
  );
}
