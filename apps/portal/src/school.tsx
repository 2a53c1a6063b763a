// The school's name, logo and colours (first-run setup, or the demo): in the header, the page
// title, and the colours the header, buttons and links use (and the phone's bar beside the header).
import { useQuery } from '@apollo/client/react';
import { schoolCssVariables } from '@studentdesk/domain';
import { useEffect } from 'react';
import { SchoolDocument, type SchoolQuery } from './gql/graphql.js';

export type School = NonNullable<SchoolQuery['school']>;

/** The school (null before setup or while loading), with its colours applied to the page. */
export function useSchool(): School | null {
  const { data } = useQuery(SchoolDocument);
  const school = data?.school ?? null;
  useEffect(() => {
    if (!school) return;
    for (const [name, value] of Object.entries(schoolCssVariables(school))) document.documentElement.style.setProperty(name, value);
    // The phone's bar continues the header, as the manifest the API serves says (theme_color).
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', school.primaryColor);
  }, [school]);
  return school;
}
