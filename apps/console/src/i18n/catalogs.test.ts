// Every language has every message of the console's chrome, each compiling with English's arguments.
import { LANGUAGES } from '@studentdesk/domain';
import { catalogProblems } from '@studentdesk/intl/check';
import { expect, it } from 'vitest';
import { ENGLISH, loadCatalog } from './catalogs';

it.each(LANGUAGES)('the %s catalog has every message English has, each compiling with the same arguments', async (language) => {
  expect(catalogProblems(ENGLISH, await loadCatalog(language))).toEqual([]);
});
