// Every language says every message, and every message compiles with the same arguments as the
// English one: a missing key, a broken plural or a renamed {placeholder} fails here, not on a student's screen.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES, TICKET_STATUS_LABELS, TICKET_STATUSES } from '@studentdesk/domain';
import { describe, expect, it } from 'vitest';
import { ENGLISH, loadCatalog } from './catalogs.js';

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

const sorted = (names: Set<string>) => [...names].sort();

describe.each(LANGUAGES)('the %s catalog', (language) => {
  it('has every message English has, and no other', async () => {
    const catalog = await loadCatalog(language);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(ENGLISH).sort());
  });

  it('compiles each message, using the same arguments and tags as English', async () => {
    const catalog = await loadCatalog(language);
    for (const [key, message] of Object.entries(catalog)) {
      let elements: MessageFormatElement[];
      try {
        elements = parse(message);
      } catch (error) {
        throw new Error(`${language} ${key} does not compile: ${(error as Error).message}`);
      }
      const english = parse(ENGLISH[key as keyof typeof ENGLISH]);
      expect(sorted(argumentsOf(elements)), `${language} ${key}`).toEqual(sorted(argumentsOf(english)));
    }
  });
});

it('says statuses in English word for word as the other apps and the emails do', () => {
  for (const status of TICKET_STATUSES) expect(ENGLISH[`status.${status}`]).toBe(TICKET_STATUS_LABELS.student[status]);
});
