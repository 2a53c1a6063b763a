// What a report still lacks before it can go, all of it at once: the student fixes everything in one
// pass instead of meeting one browser bubble (or one answer from the desk) after another.
import type { MessageKey } from '../i18n/catalogs.js';
import type { ReportDraft } from './draft.js';

/** Each field the desk needs, with what to say when it is empty (in English the API's own words); in the form's order. */
const REQUIRED: ReadonlyArray<readonly [keyof ReportDraft, MessageKey, 'everyone' | 'guest']> = [
  ['categoryId', 'report.categoryMissing', 'everyone'],
  ['title', 'report.titleMissing', 'everyone'],
  ['description', 'report.descriptionMissing', 'everyone'],
  ['contactName', 'report.nameMissing', 'guest'],
  ['contactEmail', 'report.emailMissing', 'guest'],
];

/** The empty required fields of the draft, by field, with the key of what to say. */
export function missingFields(draft: ReportDraft, guest: boolean): Record<string, MessageKey> {
  return Object.fromEntries(
    REQUIRED.filter(([field, , who]) => (who === 'everyone' || guest) && !String(draft[field] ?? '').trim()).map(([field, key]) => [
      field,
      key,
    ]),
  );
}
