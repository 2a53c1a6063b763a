// For each app's catalog test: what is wrong with one language's catalog against the English one —
// a key missing or extra, a message that does not compile, other {arguments} or <tags> than English's.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Catalog } from './language.js';

/** The argument and tag names a message uses, e.g. ["minutes", "time"] or ["number", "<strong>"]. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.tag) {
      found.add(`<${element.value}>`);
      argumentsOf(element.children, found);
    } else if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    } else if (element.type !== TYPE.literal && element.type !== TYPE.pound) {
      found.add(element.value);
    }
  }
  return found;
}

const names = (elements: MessageFormatElement[]) => [...argumentsOf(elements)].sort().join(', ');

/** Each problem in a sentence naming the key; empty when the catalog is complete and sound. */
export function catalogProblems(english: Catalog, catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) if (!(key in catalog)) problems.push(`${key}: missing`);
  for (const [key, message] of Object.entries(catalog)) {
    if (!(key in english)) {
      problems.push(`${key}: not in English`);
      continue;
    }
    let elements: MessageFormatElement[];
    try {
      elements = parse(message);
    } catch (error) {
      problems.push(`${key}: does not compile (${(error as Error).message})`);
      continue;
    }
    const [ours, englishOnes] = [names(elements), names(parse(english[key]!))];
    if (ours !== englishOnes) problems.push(`${key}: uses {${ours}} where English uses {${englishOnes}}`);
  }
  return problems;
}
