// One ticket, live: status, who handles it, when to expect an answer, the conversation, and what
// the student can do next (reply; once resolved, rate or reopen).
import { useMutation, useSubscription } from '@apollo/client/react';
import { isResolved, MESSAGE_MAX } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { AttachmentList, AttachmentPicker, useAttachmentUploads } from '../components/Attachments.js';
import { CharacterCount } from '../components/CharacterCount.js';
import { Field, FormError } from '../components/Field.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import type { TicketDetailsFragment } from '../gql/graphql.js';
import { say, sayRich, useIntl } from '../i18n/say.js';
import { expectationInWords, handlerInWords, whenInWords } from '../words.js';
import { RatingForm } from './RatingForm.js';
import { REOPEN, REPLY, TICKET_LIVE } from './ticket.documents.js';

interface TicketViewProps {
  ticket: TicketDetailsFragment;
  /** For a reporter who did not sign in; proves access on every request. */
  trackingCode?: string;
  viewerId?: string;
  /** Score chosen from a one-click link in the email. */
  preselectedScore?: number;
  refetch: () => unknown;
}

export function TicketView({ ticket, trackingCode, viewerId, preselectedScore, refetch }: TicketViewProps) {
  const intl = useIntl();
  const { error: liveError } = useSubscription(TICKET_LIVE, { variables: { ticketId: ticket.id, trackingCode: trackingCode ?? null } });
  const resolved = isResolved(ticket.status);
  const expectation = expectationInWords(ticket, intl);

  return (
    <div className="ticket">
      <section className="card ticket-summary" aria-label={say(intl, 'ticket.status')}>
        <p className="ticket-meta">
          <span className="ticket-number">{ticket.number}</span> · <bdi>{ticket.category.name}</bdi> · <bdi>{ticket.department.name}</bdi>
        </p>
        <p>
          <StatusBadge status={ticket.status} /> <span className="assignee">{handlerInWords(ticket, intl)}</span>
        </p>
        {expectation && <p className="expectation">{expectation}</p>}
        {ticket.incident && (
          <p className="incident-note">{sayRich(intl, 'ticket.incident', { title: <bdi>{ticket.incident.title}</bdi> })}</p>
        )}
        {liveError && <p className="hint">{say(intl, 'ticket.livePaused')}</p>}
      </section>

      <section aria-labelledby="conversation-heading" className="conversation">
        <h2 id="conversation-heading">{say(intl, 'ticket.conversation')}</h2>
        <ol className="messages">
          <li className="message mine">
            <p className="message-meta">{say(intl, 'ticket.reported', { when: whenInWords(ticket.createdAt, intl) })}</p>
            <p className="message-body" dir="auto">
              {ticket.description}
            </p>
            {ticket.desiredOutcome && (
              <p className="message-body">
                {say(intl, 'ticket.outcome')} <bdi>{ticket.desiredOutcome}</bdi>
              </p>
            )}
            <AttachmentList attachments={ticket.attachments} trackingCode={trackingCode} />
          </li>
          {ticket.messages.edges.map(({ node: message }) => {
            // A rule's message has no author either, but it is the desk's, not the student's.
            const mine = !message.automated && (!message.author || message.author.id === viewerId);
            return (
              <li key={message.id} className={mine ? 'message mine' : 'message staff'}>
                <p className="message-meta">
                  {sayRich(intl, 'ticket.byline', {
                    who: mine ? say(intl, 'ticket.you') : <bdi>{message.author?.name ?? say(intl, 'ticket.helpDesk')}</bdi>,
                    when: whenInWords(message.createdAt, intl),
                  })}
                </p>
                <p className="message-body" dir="auto">
                  {message.body}
                </p>
                <AttachmentList attachments={message.attachments} trackingCode={trackingCode} />
              </li>
            );
          })}
        </ol>
      </section>

      {!resolved && <ReplyForm ticketId={ticket.id} trackingCode={trackingCode} onSent={refetch} />}
      {resolved && !ticket.rating && (
        <RatingForm ticketId={ticket.id} trackingCode={trackingCode} preselectedScore={preselectedScore} onRated={refetch} />
      )}
      {ticket.rating && (
        <section className="card" aria-labelledby="rating-heading">
          <h2 id="rating-heading">{say(intl, 'ticket.yourRating')}</h2>
          <p>
            {ticket.rating.comment
              ? sayRich(intl, 'ticket.ratedWithComment', { score: ticket.rating.score, comment: <bdi>{ticket.rating.comment}</bdi> })
              : say(intl, 'ticket.rated', { score: ticket.rating.score })}
          </p>
        </section>
      )}
      {resolved && <ReopenForm ticketId={ticket.id} trackingCode={trackingCode} />}
    </div>
  );
}

function ReplyForm({ ticketId, trackingCode, onSent }: { ticketId: string; trackingCode?: string; onSent: () => unknown }) {
  const intl = useIntl();
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [reply, { loading }] = useMutation(REPLY);
  const uploads = useAttachmentUploads();
  const send = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await reply({ variables: { input: { ticketId, body, trackingCode: trackingCode ?? null, ...uploads.input() } } });
      setBody('');
      uploads.clear();
      setErrors(NO_ERRORS);
      await onSent();
    } catch (error) {
      setErrors(formErrors(error, intl));
    }
  };
  return (
    <form className="card reply-form" onSubmit={send} noValidate>
      <Field label={say(intl, 'reply.label')} error={errors.fields.body}>
        <textarea rows={3} value={body} onChange={(event) => setBody(event.target.value)} required dir="auto" />
      </Field>
      <CharacterCount value={body} max={MESSAGE_MAX} />
      <AttachmentPicker uploads={uploads} />
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={loading || uploads.busy}>
        {say(intl, loading ? 'common.sending' : 'reply.send')}
      </button>
    </form>
  );
}

function ReopenForm({ ticketId, trackingCode }: { ticketId: string; trackingCode?: string }) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [reopen, { loading }] = useMutation(REOPEN);
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {say(intl, 'reopen.open')}
        </button>
      </p>
    );
  }
  const send = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await reopen({ variables: { ticketId, reason, trackingCode: trackingCode ?? null } });
      setOpen(false);
    } catch (error) {
      setErrors(formErrors(error, intl));
    }
  };
  return (
    <form className="card" onSubmit={send} noValidate aria-labelledby="reopen-heading">
      <h2 id="reopen-heading">{say(intl, 'reopen.heading')}</h2>
      <Field label={say(intl, 'reopen.what')} error={errors.fields.reason}>
        <textarea rows={3} value={reason} onChange={(event) => setReason(event.target.value)} required dir="auto" />
      </Field>
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={loading}>
        {say(intl, 'reopen.submit')}
      </button>
    </form>
  );
}
