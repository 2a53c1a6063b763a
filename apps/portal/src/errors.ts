// API errors in plain words, next to the field they concern (the API names it in extensions.field).
import { CombinedGraphQLErrors } from '@apollo/client';
import type { SendOutcome } from './report/send-report.js';

export interface FormErrors {
  /** Messages by input field name, e.g. { title: 'Give the problem a short title.' }. */
  fields: Record<string, string>;
  /** What concerns no single field. */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** Splits an error into per-field messages and a message for the form. */
export function formErrors(error: unknown): FormErrors {
  if (!CombinedGraphQLErrors.is(error)) {
    return { fields: {}, form: 'We could not reach the help desk. Check your connection and try again.' };
  }
  const result: FormErrors = { fields: {}, form: null };
  for (const graphQLError of error.errors) {
    const extensions = graphQLError.extensions ?? {};
    const fieldPaths = Array.isArray(extensions.fields)
      ? (extensions.fields as Array<{ field: string; messages: string[] }>)
      : typeof extensions.field === 'string'
        ? [{ field: extensions.field, messages: [graphQLError.message] }]
        : [];
    for (const entry of fieldPaths) {
      // "input.title" and "title" both concern the title field.
      const field = entry.field.split('.').pop()!;
      result.fields[field] ??= entry.messages.join(' ');
    }
    if (fieldPaths.length === 0) result.form = graphQLError.message;
  }
  return result;
}

const at = (date: Date) => date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** What the student reads when the report did not get through; it stays in the form either way. */
export function notSentErrors(outcome: Exclude<SendOutcome<unknown>, { kind: 'sent' }>, now: Date): FormErrors {
  const kept = 'Your report is saved on this device';
  switch (outcome.kind) {
    case 'refused':
      return formErrors(outcome.error);
    case 'rate-limited': {
      const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
      const when = new Date(now.getTime() + outcome.retryAfterSeconds * 1000);
      return {
        fields: {},
        form: `You have sent several reports in a short time. You can send this one from ${at(when)} (in about ${minutes} minute${minutes === 1 ? '' : 's'}). ${kept} until then.`,
      };
    }
    case 'still-busy':
      return { fields: {}, form: `The help desk is too busy to take reports just now. ${kept}: send it again in a few minutes.` };
    case 'cancelled':
      return { fields: {}, form: `Not sent. ${kept}: send it when you are ready.` };
    case 'unreachable':
      return { fields: {}, form: `We could not reach the help desk. ${kept}: send it again when you are back online.` };
  }
}
