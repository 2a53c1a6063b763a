// Every language says every message, and every message compiles with the same arguments as the
// English one: a missing key, a broken plural or a renamed {placeholder} fails here, not on a student's screen.
import { LANGUAGES, SSO_PROBLEM_MESSAGES, SSO_PROBLEMS, TICKET_STATUS_LABELS, TICKET_STATUSES } from '@studentdesk/domain';
import { catalogProblems } from '@studentdesk/intl/check';
import { expect, it } from 'vitest';
import { ENGLISH, loadCatalog } from './catalogs.js';

it.each(LANGUAGES)('the %s catalog has every message English has, each compiling with the same arguments', async (language) => {
  expect(catalogProblems(ENGLISH, await loadCatalog(language))).toEqual([]);
});

it('says statuses and sign-in problems in English word for word as the console and the emails do', () => {
  for (const status of TICKET_STATUSES) expect(ENGLISH[`status.${status}`]).toBe(TICKET_STATUS_LABELS.student[status]);
  for (const problem of SSO_PROBLEMS) expect(ENGLISH[`sso.${problem}`]).toBe(SSO_PROBLEM_MESSAGES[problem]);
});
