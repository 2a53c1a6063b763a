// Reading a submitted form's fields the way the console's forms mean them.

/** The values ticked in a group of same-named checkboxes; at least one, or the message as an error for the form to show. */
export function tickedValues<T extends string>(form: FormData, name: string, noneTicked: string): T[] {
  const values = form.getAll(name).map(String) as T[];
  if (values.length === 0) throw new Error(noneTicked);
  return values;
}

/** A text field's value; '' when the form has no such field (or it holds a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
