// Which language a web app speaks and the catalog it speaks with. The choice: the account's
// language when signed in, else what this browser chose before (the header's switch), else the
// first of the browser's languages (navigator.languages, the same list it sends as Accept-Language)
// that we have, else English. <html lang dir> follows, so Arabic reads right to left.
import { DEFAULT_LANGUAGE, isLanguage, negotiateLanguage, textDirection, type Language } from '@studentdesk/domain';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';

/** One language's messages, by key. */
export type Catalog = Readonly<Record<string, string>>;

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
  /** Switches the page now and remembers the choice in this browser (and on the account, when signed in). */
  choose: (language: Language) => void;
}

const LanguageContext = createContext<LanguageChoice>({ language: DEFAULT_LANGUAGE, choose: () => {} });

export const useLanguage = () => useContext(LanguageContext);

export interface LanguageProviderProps {
  /** The app's English catalog, in its first bundle: shown without a wait. */
  english: Catalog;
  /** Fetches another language's catalog (a chunk of its own). */
  loadCatalog: (language: Exclude<Language, 'en'>) => Promise<Catalog>;
  /** The signed-in person's saved language, which wins over the browser's; null for guests and when unset. */
  accountLanguage: Language | null;
  /** Saves a choice on the account (signed in only); the browser remembers it either way. */
  saveOnAccount?: ((language: Language) => void) | undefined;
  /** Dates and times are said in the school's time zone; the reader's own until the school is known. */
  timeZone?: string | undefined;
  children: ReactNode;
}

export function LanguageProvider({ english, loadCatalog, accountLanguage, saveOnAccount, timeZone, children }: LanguageProviderProps) {
  const [chosen, setChosen] = useState(browserLanguage);
  const language = accountLanguage ?? chosen;
  // The catalog shown; a new language's replaces it once it has arrived, so the page never goes blank on a switch.
  const [shown, setShown] = useState<{ language: Language; catalog: Catalog } | null>(() =>
    language === 'en' ? { language, catalog: english } : null,
  );

  useEffect(() => {
    let current = true;
    void (language === 'en' ? Promise.resolve(english) : loadCatalog(language)).then(
      (catalog) => current && setShown({ language, catalog }),
    );
    return () => {
      current = false;
    };
  }, [language, english, loadCatalog]);

  // Before the browser paints the new words, so Arabic never shows a frame laid out left to right.
  useLayoutEffect(() => {
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
