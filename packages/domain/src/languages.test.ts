import { describe, expect, it } from 'vitest';
import { acceptLanguageTags, negotiateLanguage, textDirection } from './languages.js';

describe('choosing a person’s language', () => {
  it('takes the first preferred language we speak, matching regions to the language', () => {
    expect(negotiateLanguage(['de-DE', 'es-MX', 'en'])).toBe('es');
    expect(negotiateLanguage(['fr-CA'])).toBe('fr');
    expect(negotiateLanguage(['ar-EG', 'en'])).toBe('ar');
    expect(negotiateLanguage(['EN-gb'])).toBe('en');
  });

  it('reads Chinese by script: Simplified for the mainland and Singapore, not Traditional', () => {
    expect(negotiateLanguage(['zh-CN'])).toBe('zh-Hans');
    expect(negotiateLanguage(['zh'])).toBe('zh-Hans');
    expect(negotiateLanguage(['zh-Hans-SG'])).toBe('zh-Hans');
    expect(negotiateLanguage(['zh-TW', 'fr'])).toBe('fr');
    expect(negotiateLanguage(['zh-Hant'])).toBeNull();
  });

  it('says nothing when no preferred language is ours, and ignores malformed tags', () => {
    expect(negotiateLanguage(['de', 'nl'])).toBeNull();
    expect(negotiateLanguage(['not a tag', '', 'fr'])).toBe('fr');
    expect(negotiateLanguage([])).toBeNull();
  });

  it('orders an Accept-Language header by quality, dropping the wildcard and refusals', () => {
    expect(acceptLanguageTags('de;q=0.5, ar, fr-CH;q=0.9, en;q=0, *;q=0.1')).toEqual(['ar', 'fr-CH', 'de']);
    expect(negotiateLanguage(acceptLanguageTags('de-AT, zh-CN;q=0.8, en;q=0.7'))).toBe('zh-Hans');
    expect(acceptLanguageTags(undefined)).toEqual([]);
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('zh-Hans')).toBe('ltr');
  });
});
