// Placeholders in canned responses, e.g. "Hi {{student.firstName}}": a fixed vocabulary, filled in
// from the ticket being answered so staff greet the student by name without typing it.
export const PLACEHOLDERS = [
  'student.firstName',
  'student.name',
  'ticket.number',
  'ticket.title',
  'agent.firstName',
  'agent.name',
  'department.name',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+\.[A-Za-z]+)\s*\}\}/g;
const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** The first word of a name, for greetings: "Amara Okafor" → "Amara". */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}

/** Placeholders in the template that are not in the vocabulary, each once, in order of appearance. */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  return [...new Set(names.filter((name) => !KNOWN.has(name)))];
}

/** Fills in every known placeholder; anything else is left as written, so nothing silently disappears. */
export function renderPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(PLACEHOLDER, (written, name: string) => (KNOWN.has(name) ? values[name as Placeholder] : written));
}
