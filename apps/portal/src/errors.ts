// API errors in plain words, next to the field they concern (the API names it in extensions.field).
import { CombinedGraphQLErrors } from '@apollo/client';

export interface FormErrors {
  /** Messages by input field name, e.g. { title: 'Give the problem a short title.' }. */
  fields: Record<string, string>;
  /** What concerns no single field. */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** True when the server answered (with errors): retrying the same request cannot help. */
export function isAnsweredByServer(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error);
}

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
