import { cleanup, render, screen } from '@testing-library/preact';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGLISH } from '../i18n/catalogs.js';
import { CharacterCount } from './CharacterCount.js';

const inEnglish = (value: string, max: number) =>
  render(
    <IntlProvider locale="en" messages={ENGLISH}>
      <CharacterCount value={value} max={max} />
    </IntlProvider>,
  );

describe('CharacterCount', () => {
  afterEach(cleanup);

  it('shows how much of the limit is used, with grouped numbers', () => {
    inEnglish('x'.repeat(1234), 10_000);
    expect(screen.getByText('1,234 of 10,000 characters').className).toBe('character-count');
  });

  it('says how many characters are too many once over the limit', () => {
    inEnglish('x'.repeat(12), 10);
    expect(screen.getByText('2 characters too many').className).toBe('character-count over');
    cleanup();
    inEnglish('x'.repeat(11), 10);
    expect(screen.getByText('1 character too many')).toBeDefined();
  });
});
