// The school's name, logo and colours (first-run setup, or the demo): in the header, the page
// title, and the colours every button and link uses.
import { useQuery } from '@apollo/client/react';
import { schoolCssVariables } from '@studentdesk/domain';
import { useEffect } from 'react';
import { SchoolDocument, type SchoolQuery } from './gql/graphql';

export type School = NonNullable<SchoolQuery['school']>;

/** The school (null before setup), with its colours applied to the page. */
export function useSchool(): School | null {
  const { data } = useQuery(SchoolDocument);
  const school = data?.school ?? null;
  useEffect(() => {
    if (!school) return;
    for (const [name, value] of Object.entries(schoolCssVariables(school))) document.documentElement.style.setProperty(name, value);
    document.title = `${school.name} · StudentDesk console`;
  }, [school]);
  return school;
}

export function SchoolBrand({ school }: { school: School | null }) {
  return (
    <span className="brand">
      {school?.logoUrl && <img src={school.logoUrl} alt="" className="logo" />}
      {school?.name ?? 'StudentDesk'}
    </span>
  );
}
