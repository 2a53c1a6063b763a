// The languages StudentDesk speaks, and how a person's language is chosen: their account's, else
// the first of their browser's (Accept-Language / navigator.languages) that we have, else English.
// Shared by the API (which stores the account's choice) and both web apps (which negotiate).

/** BCP 47 tags, in the order the language switchers list them. */
export const LANGUAGES = ['en', 'es', 'fr', 'ar', 'zh-Hans'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language in its own words, as a switcher shows it to someone who cannot read the current one. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ar: 'العربية',
  'zh-Hans': '简体中文',
};

export const isLanguage = (tag: unknown): tag is Language => typeof tag === 'string' && (LANGUAGES as readonly string[]).includes(tag);

/** The writing direction of a language, for `<html dir>`. */
export const textDirection = (language: Language): 'ltr' | 'rtl' => (language === 'ar' ? 'rtl' : 'ltr');

/** One preferred tag to one of ours: exact, then Simplified Chinese by script, then by language alone ("es-MX" → "es"). */
function matchTag(tag: string): Language | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.trim());
  } catch {
    return null;
  }
  const exact = LANGUAGES.find((language) => language.toLowerCase() === locale.baseName.toLowerCase());
  if (exact) return exact;
  // "zh", "zh-CN", "zh-SG" are written in Simplified characters; "zh-TW", "zh-HK" are not.
  if (locale.language === 'zh') return locale.maximize().script === 'Hans' ? 'zh-Hans' : null;
  return LANGUAGES.find((language) => language === locale.language) ?? null;
}

/** The first of the preferred languages (most wanted first) that StudentDesk speaks, or null. */
export function negotiateLanguage(preferred: readonly string[]): Language | null {
  for (const tag of preferred) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return null;
}

/** An `Accept-Language` header's tags, most wanted first ("fr-CH, fr;q=0.9, *;q=0.5" → ["fr-CH", "fr"]). */
export function acceptLanguageTags(header: string | null | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1, index };
    })
    .filter(({ tag, q }) => tag && tag !== '*' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}
