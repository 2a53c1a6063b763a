// The console speaks the staff member's language: their account's, else their browser's (or the
// header's switch, remembered in the browser); <html lang dir> follows. The chrome is translated;
// the pages are English for now.
import { useMutation, useQuery } from '@apollo/client/react';
import { isLanguage, type Language } from '@studentdesk/domain';
import { LanguageProvider } from '@studentdesk/intl';
import { useCallback, type ReactNode } from 'react';
import { graphql } from './gql';
import type { SetMyLanguageMutation } from './gql/graphql';
import { ENGLISH, loadCatalog } from './i18n/catalogs';
import { useSchool } from './school';
import { VIEWER } from './viewer';

const SET_MY_LANGUAGE = graphql(`
  mutation SetMyLanguage($language: String) {
    setMyLanguage(language: $language) {
      id
      language
    }
  }
`);

export function ConsoleLanguage({ children }: { children: ReactNode }) {
  const school = useSchool();
  const viewer = useQuery(VIEWER, { skip: window.location.pathname.endsWith('/setup') }).data?.me;
  const [setMyLanguage] = useMutation(SET_MY_LANGUAGE);
  const viewerId = viewer?.id;
  const save = useCallback(
    (language: Language) => {
      if (!viewerId) return;
      void setMyLanguage({
        variables: { language },
        // The page switches at once; the account catches up. (__typename lets the cache find the User.)
        optimisticResponse: { setMyLanguage: { __typename: 'User', id: viewerId, language } } as SetMyLanguageMutation,
      });
    },
    [viewerId, setMyLanguage],
  );
  return (
    <LanguageProvider
      english={ENGLISH}
      loadCatalog={loadCatalog}
      accountLanguage={isLanguage(viewer?.language) ? viewer.language : null}
      saveOnAccount={viewerId ? save : undefined}
      timeZone={school?.timeZone}
    >
      {children}
    </LanguageProvider>
  );
}
