// The guided report: category, title, description, how soon, what a good outcome is, and (without
// an account) who to reach. The draft is saved as the student types; sending (send-report.ts)
// retries with the draft's idempotency key, so one report never becomes two tickets, and waits as
// long as a busy desk asks, which the student may cut short. Sent offline, it waits on the device
// and goes by itself when the connection is back (offline.ts).
import { useMutation, useQuery } from '@apollo/client/react';
import { DESCRIPTION_MAX, isLanguage, TITLE_MAX } from '@studentdesk/domain';
import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { AttachmentPicker, useAttachmentUploads } from '../components/Attachments.js';
import { CharacterCount } from '../components/CharacterCount.js';
import { Field, FormError } from '../components/Field.js';
import { NO_ERRORS, notSentErrors } from '../errors.js';
import { missingFields } from './missing-fields.js';
import { graphql } from '../gql/index.js';
import { say, useIntl } from '../i18n/say.js';
import type { ReportProblemMutation } from '../gql/graphql.js';
import { discardDraft, loadDraft, newIdempotencyKey, saveDraft, type DraftOwner, type ReportDraft } from './draft.js';
import { keepsWaiting, loadCategories, saveCategories, useOnline, whenSendPressed } from './offline.js';
import { sendReport, sleep } from './send-report.js';
import { Suggestions, type Answer } from './Suggestions.js';

const CATEGORIES = graphql(`
  query ReportCategories {
    categories {
      id
      name
      description
      department {
        id
        name
      }
    }
  }
`);

const REPORT_PROBLEM = graphql(`
  mutation ReportProblem($input: ReportProblemInput!) {
    reportProblem(input: $input) {
      trackingCode
      ticket {
        id
        number
      }
    }
  }
`);

/** How soon the student needs it, in hours ('' for no particular rush), with its words in the catalog. */
export const HOW_SOON = [
  { hours: '4', words: 'report.howSoon.4' },
  { hours: '24', words: 'report.howSoon.24' },
  { hours: '72', words: 'report.howSoon.72' },
  { hours: '168', words: 'report.howSoon.168' },
  { hours: '', words: 'report.howSoon.none' },
] as const;

export type Reported = ReportProblemMutation['reportProblem'];

interface ReportFormProps {
  owner: DraftOwner;
  guest: boolean;
  onReported: (reported: Reported) => void;
  onAnswered: (answer: Answer) => void;
}

export function ReportForm({ owner, guest, onReported, onAnswered }: ReportFormProps) {
  const intl = useIntl();
  const [draft, setDraft] = useState<ReportDraft>(() => loadDraft(owner));
  const [errors, setErrors] = useState(NO_ERRORS);
  const [sending, setSending] = useState(false);
  /** Seconds until the next try while the desk is busy; null when not waiting. */
  const [busyFor, setBusyFor] = useState<number | null>(null);
  const stopWaiting = useRef<AbortController | null>(null);
  /** A send under way (or done): the connection coming back must not start a second one. */
  const inFlight = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  /** Set when a send ends in errors: the first marked field then takes the focus. */
  const focusFirstError = useRef(false);
  const online = useOnline();
  const { data } = useQuery(CATEGORIES);
  const [keptCategories] = useState(loadCategories);
  const categories = data?.categories ?? keptCategories;
  const [reportProblem] = useMutation(REPORT_PROBLEM);
  const uploads = useAttachmentUploads();

  useEffect(() => saveDraft(owner, draft), [owner, draft]);
  useLayoutEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  useEffect(() => {
    if (data) saveCategories(data.categories);
  }, [data]);

  const change = (field: keyof ReportDraft) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setDraft((current) => ({ ...current, [field]: value }));
  };

  const input = () => ({
    categoryId: draft.categoryId,
    title: draft.title,
    description: draft.description,
    expectedResolutionHours: draft.expectedResolutionHours ? Number(draft.expectedResolutionHours) : null,
    desiredOutcome: draft.desiredOutcome || null,
    ...uploads.input(),
    // The language the student reads the form in: staff answer in it.
    language: isLanguage(intl.locale) ? intl.locale : null,
    // Blank means "not given": the API then answers with what is missing, in its own words.
    ...(guest
      ? {
          contactName: draft.contactName.trim() || null,
          contactEmail: draft.contactEmail.trim() || null,
          studentNumber: draft.studentNumber.trim() || null,
        }
      : {}),
  });

  const deliver = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setErrors(NO_ERRORS);
    const waiting = new AbortController();
    stopWaiting.current = waiting;
    const outcome = await sendReport({
      send: async (idempotencyKey) => (await reportProblem({ variables: { input: { ...input(), idempotencyKey } } })).data!.reportProblem,
      idempotencyKey: draft.idempotencyKey,
      newKey: newIdempotencyKey,
      onNewKey: (idempotencyKey) => setDraft((current) => ({ ...current, idempotencyKey })),
      onBusy: setBusyFor,
      signal: waiting.signal,
      sleep,
      now: Date.now,
    });
    setBusyFor(null);
    setSending(false);
    if (outcome.kind === 'sent') {
      // inFlight stays set: this form has sent its report and never sends it again.
      discardDraft(owner);
      onReported(outcome.result);
      return;
    }
    inFlight.current = false;
    const waitsForConnection = keepsWaiting(outcome.kind);
    setDraft((current) => ({ ...current, waitingToSend: waitsForConnection }));
    // Offline, the waiting notice says it all; online, the desk's answer (or its silence) is told.
    if (!waitsForConnection || navigator.onLine) {
      focusFirstError.current = true;
      setErrors(notSentErrors(outcome, new Date(), intl));
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const missing = Object.entries(missingFields(draft, guest));
    if (missing.length > 0) {
      focusFirstError.current = true;
      setErrors({
        fields: Object.fromEntries(missing.map(([field, key]) => [field, say(intl, key)])),
        form: say(intl, 'report.fixFirst', { count: missing.length }),
      });
      return;
    }
    if (whenSendPressed(online) === 'wait') {
      setErrors(NO_ERRORS);
      setDraft((current) => ({ ...current, waitingToSend: true }));
      return;
    }
    await deliver();
  };

  // A waiting report goes when the connection comes back, and when the form opens online (the page
  // was closed while it waited). Not on every render: a send that found no desk waits for the next.
  const sendWaiting = useEffectEvent(() => {
    if (draft.waitingToSend && navigator.onLine) void deliver();
  });
  useEffect(() => {
    const whenOnline = () => sendWaiting();
    window.addEventListener('online', whenOnline);
    // Just after the first render, not during it: sending changes what the form shows.
    const opened = setTimeout(whenOnline);
    return () => {
      window.removeEventListener('online', whenOnline);
      clearTimeout(opened);
    };
  }, []);

  const chosenCategory = categories.find((category) => category.id === draft.categoryId);

  return (
    <form ref={form} onSubmit={send} className="card report-form" noValidate>
      <Field
        label={say(intl, 'report.category')}
        hint={chosenCategory ? say(intl, 'report.handledBy', { department: chosenCategory.department.name }) : undefined}
        error={errors.fields.categoryId}
      >
        <select value={draft.categoryId} onChange={change('categoryId')} required>
          <option value="">{say(intl, 'report.chooseCategory')}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={say(intl, 'report.title')} hint={say(intl, 'report.titleHint')} error={errors.fields.title}>
        <input value={draft.title} onChange={change('title')} maxLength={TITLE_MAX} required dir="auto" />
      </Field>
      <Field label={say(intl, 'report.what')} hint={say(intl, 'report.whatHint')} error={errors.fields.description}>
        <textarea rows={5} value={draft.description} onChange={change('description')} required dir="auto" />
      </Field>
      <CharacterCount value={draft.description} max={DESCRIPTION_MAX} />
      <AttachmentPicker uploads={uploads} />
      <Suggestions
        text={`${draft.title} ${draft.description}`}
        categoryId={draft.categoryId}
        followAs={{ signedIn: !guest, email: draft.contactEmail }}
        onAnswered={(answer) => {
          discardDraft(owner);
          onAnswered(answer);
        }}
      />
      <Field label={say(intl, 'report.howSoon')} error={errors.fields.expectedResolutionHours}>
        <select value={draft.expectedResolutionHours} onChange={change('expectedResolutionHours')}>
          {HOW_SOON.map((option) => (
            <option key={option.hours} value={option.hours}>
              {say(intl, option.words)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={say(intl, 'report.outcome')} hint={say(intl, 'report.outcomeHint')} error={errors.fields.desiredOutcome}>
        <textarea rows={2} value={draft.desiredOutcome} onChange={change('desiredOutcome')} dir="auto" />
      </Field>
      {guest && (
        <fieldset>
          <legend>{say(intl, 'report.reach')}</legend>
          <Field label={say(intl, 'report.name')} error={errors.fields.contactName}>
            <input autoComplete="name" value={draft.contactName} onChange={change('contactName')} required dir="auto" />
          </Field>
          <Field label={say(intl, 'report.email')} hint={say(intl, 'report.emailHint')} error={errors.fields.contactEmail}>
            <input type="email" autoComplete="email" value={draft.contactEmail} onChange={change('contactEmail')} required />
          </Field>
          <Field label={say(intl, 'report.studentNumber')} error={errors.fields.studentNumber}>
            <input value={draft.studentNumber} onChange={change('studentNumber')} />
          </Field>
        </fieldset>
      )}
      {/* Always there, so screen readers announce the connection going and the report waiting. */}
      <p role="status" className={online ? undefined : 'offline-notice'}>
        {!online && say(intl, draft.waitingToSend ? 'report.waiting' : 'report.offline')}
      </p>
      <FormError message={errors.form} />
      <p role="status" className="hint">
        {busyFor !== null && say(intl, 'report.busy', { seconds: busyFor })}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={sending || uploads.busy} aria-disabled={sending || uploads.busy}>
          {say(intl, sending ? 'common.sending' : 'report.send')}
        </button>
        {busyFor !== null && (
          <button type="button" onClick={() => stopWaiting.current?.abort()}>
            {say(intl, 'report.stop')}
          </button>
        )}
      </div>
      <p className="hint">{say(intl, 'report.draftKept')}</p>
    </form>
  );
}
