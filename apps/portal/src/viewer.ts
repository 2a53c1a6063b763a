// Who is signed in, from the session cookie (the API reads it; the page cannot).
import { useMutation, useQuery } from '@apollo/client/react';
import { isLanguage, type Language } from '@studentdesk/domain';
import { useCallback } from 'react';
import type { SetMyLanguageMutation } from './gql/graphql.js';
import { graphql } from './gql/index.js';

const ME = graphql(`
  query Me {
    me {
      id
      name
      email
      role
      language
    }
  }
`);

const SET_MY_LANGUAGE = graphql(`
  mutation SetMyLanguage($language: String) {
    setMyLanguage(language: $language) {
      id
      language
    }
  }
`);

export function useViewer() {
  const { data, loading } = useQuery(ME);
  return { viewer: data?.me ?? null, loading: loading && !data };
}

/** The signed-in person's saved language (null when unset or nobody is signed in), and how to save another. */
export function useAccountLanguage() {
  const { viewer } = useViewer();
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
  return { language: isLanguage(viewer?.language) ? viewer.language : null, save: viewerId ? save : undefined };
}
