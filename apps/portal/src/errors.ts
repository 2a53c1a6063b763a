// API errors in plain words, next to the field they concern (the API names it in extensions.field).
// In English the API's own sentence is shown (it is written for students and says the most); in the
// other languages each extensions.code has its words in the catalog.
import { CombinedGraphQLErrors } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';
import type { MessageKey } from './i18n/catalogs.js';
import { say, type IntlShape } from './i18n/say.js';
import type { SendOutcome } from './report/send-report.js';

export interface FormErrors {
  /** Messages by input field name, e.g. { title: 'Give the problem a short title.' }. */
  fields: Record<string, string>;
  /** What concerns no single field. */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** The codes (errors.ts in the API) the portal has words for; any other reads as `error.other`. */
const CODES_WITH_WORDS = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PASSWORD_SIGN_IN_OFF',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
]);

/** One API error as the student reads it, in the page's language. */
export function errorInWords(error: Pick<GraphQLFormattedError, 'message' | 'extensions'>, intl: IntlShape): string {
  if (intl.locale === 'en' && error.message) return error.message;
  const code = error.extensions?.code;
  return say(intl, typeof code === 'string' && CODES_WITH_WORDS.has(code) ? (`error.${code}` as MessageKey) : 'error.other');
}

/** What a failed query says: the API's words, or that the desk could not be reached. */
export function failureInWords(error: unknown, intl: IntlShape): string {
  if (!CombinedGraphQLErrors.is(error)) return say(intl, 'error.unreachable');
  return error.errors.map((graphQLError) => errorInWords(graphQLError, intl)).join(' ');
}

/** Splits an error into per-field messages and a message for the form. */
export function formErrors(error: unknown, intl: IntlShape): FormErrors {
  if (!CombinedGraphQLErrors.is(error)) return { fields: {}, form: say(intl, 'error.unreachable') };
  const english = intl.locale === 'en';
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
      result.fields[field] ??= english ? entry.messages.join(' ') : say(intl, 'error.field');
    }
    if (fieldPaths.length === 0) result.form = errorInWords(graphQLError, intl);
  }
  return result;
}

/** What the student reads when the report did not get through; it stays in the form either way. */
export function notSentErrors(outcome: Exclude<SendOutcome<unknown>, { kind: 'sent' }>, now: Date, intl: IntlShape): FormErrors {
  switch (outcome.kind) {
    case 'refused':
      return formErrors(outcome.error, intl);
    case 'rate-limited': {
      const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
      const when = new Date(now.getTime() + outcome.retryAfterSeconds * 1000);
      const time = intl.formatTime(when, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      return { fields: {}, form: say(intl, 'notSent.rateLimited', { time, minutes }) };
    }
    case 'still-busy':
      return { fields: {}, form: say(intl, 'notSent.busy') };
    case 'cancelled':
      return { fields: {}, form: say(intl, 'notSent.cancelled') };
    case 'unreachable':
      return { fields: {}, form: say(intl, 'notSent.unreachable') };
  }
}
