import { TYPE } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { compileCatalog } from './precompiled-messages.js';

const load = (json: string) => JSON.parse(compileCatalog(json)) as Record<string, unknown>;

describe('compileCatalog', () => {
  it('turns every message into the syntax tree that formats as the string did', () => {
    const catalog = load(
      JSON.stringify({ plain: 'Report a problem', counted: '{count, plural, one {# student} other {# students}} affected.' }),
    );
    expect(catalog.plain).toEqual([{ type: TYPE.literal, value: 'Report a problem' }]);
    const format = (key: string, values?: Record<string, number>) =>
      new IntlMessageFormat(catalog[key] as never, 'en').format(values) as string;
    expect(format('plain')).toBe('Report a problem');
    expect(format('counted', { count: 1 })).toBe('1 student affected.');
    expect(format('counted', { count: 3 })).toBe('3 students affected.');
  });

  it('refuses a catalog with a broken message, so the build fails instead of the page', () => {
    expect(() => compileCatalog(JSON.stringify({ broken: 'Hello {name' }))).toThrow();
  });
});
