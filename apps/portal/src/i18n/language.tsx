// Which language the portal speaks and the catalog it speaks with. The choice: the account's
// language when signed in, else what this browser chose before (the header's switch), else the
// first of the browser's languages (navigator.languages, the same list it sends as Accept-Language)
// that we have, else English. <html lang dir> follows, so Arabic reads right to left.
import { DEFAULT_LANGUAGE, isLanguage, negotiateLanguage, textDirection, type Language } from '@studentdesk/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl, type IntlShape } from 'react-intl';
import { ENGLISH, loadCatalog, type Catalog, type MessageKey } from './catalogs.js';

const STORAGE_KEY = 'studentdesk.language';

/** What this browser chose with the switch before, if anything (storage may be off). */
function storedLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The language before anyone is known to be signed in. */
export function browserLanguage(): Language {
  return storedLanguage() ?? negotiateLanguage(navigator.languages ?? [navigator.language]) ?? DEFAULT_LANGUAGE;
}

interface LanguageChoice {
  language: Language;
  /** Switches the page now and remembers the choice in this browser. */
  choose: (language: Language) => void;
}

const LanguageContext = createContext<LanguageChoice>({ language: DEFAULT_LANGUAGE, choose: () => {} });

export const useLanguage = () => useContext(LanguageContext);

interface LanguageProviderProps {
  /** The signed-in person's saved language, which wins over the browser's; null for guests and when unset. */
  accountLanguage: Language | null;
  /** Saves a choice on the account (signed in only); the browser remembers it either way. */
  saveOnAccount?: (language: Language) => void;
  /** Dates and times are said in the school's time zone; the reader's own until the school is known. */
  timeZone?: string | undefined;
  children: ReactNode;
}

export function LanguageProvider({ accountLanguage, saveOnAccount, timeZone, children }: LanguageProviderProps) {
  const [chosen, setChosen] = useState(browserLanguage);
  const language = accountLanguage ?? chosen;
  // The catalog shown; a new language's replaces it once it has arrived, so the page never goes blank on a switch.
  const [shown, setShown] = useState<{ language: Language; catalog: Catalog } | null>(() =>
    language === 'en' ? { language, catalog: ENGLISH } : null,
  );

  useEffect(() => {
    let current = true;
    void loadCatalog(language).then((catalog) => current && setShown({ language, catalog }));
    return () => {
      current = false;
    };
  }, [language]);

  useEffect(() => {
    if (!shown) return;
    document.documentElement.lang = shown.language;
    document.documentElement.dir = textDirection(shown.language);
  }, [shown]);

  const choose = useCallback(
    (next: Language) => {
      setChosen(next);
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private browsing without storage: the choice lasts for this page.
      }
      saveOnAccount?.(next);
    },
    [saveOnAccount],
  );
  const choice = useMemo(() => ({ language, choose }), [language, choose]);

  if (!shown) return null;
  return (
    <LanguageContext.Provider value={choice}>
      <IntlProvider locale={shown.language} messages={shown.catalog} defaultLocale="en" timeZone={timeZone}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

type Values = Parameters<IntlShape['formatMessage']>[1];

/** A message of the catalog in the page's language: say(intl, 'report.send'). */
export function say(intl: IntlShape, key: MessageKey, values?: Record<string, string | number | Date>): string {
  return intl.formatMessage({ id: key }, values);
}

/** A message with markup (<strong>, <link>) filled in by React elements. */
export function sayRich(intl: IntlShape, key: MessageKey, values: NonNullable<Values>): ReactNode {
  return intl.formatMessage({ id: key }, values);
}

/** `t('report.send')` for components. */
export function useSay() {
  const intl = useIntl();
  return useCallback((key: MessageKey, values?: Record<string, string | number | Date>) => say(intl, key, values), [intl]);
}

export { useIntl, type IntlShape };
