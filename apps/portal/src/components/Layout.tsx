// The frame of every page: skip link, header with who is signed in, and the main landmark whose
// heading receives focus after each navigation, so keyboard and screen-reader users start there.
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { graphql } from '../gql/index.js';
import { Link, usePath } from '../router.js';
import { KnownIssues } from './KnownIssues.js';
import { useSchool } from '../school.js';
import { useViewer } from '../viewer.js';

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const path = usePath();
  const heading = useRef<HTMLHeadingElement>(null);
  const { viewer } = useViewer();
  const [signOut] = useMutation(SIGN_OUT);
  const school = useSchool();
  const schoolName = school?.name ?? 'StudentDesk';

  useEffect(() => {
    document.title = `${title} · ${schoolName}`;
  }, [title, schoolName]);
  useEffect(() => {
    heading.current?.focus();
  }, [path]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          {school?.logoUrl && <img src={school.logoUrl} alt="" className="logo" />}
          {schoolName}
        </Link>
        <nav aria-label="Main">
          {viewer ? (
            <>
              <Link to="/">My tickets</Link>
              <Link to="/report">Report a problem</Link>
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  await signOut();
                  window.location.assign('/sign-in');
                }}
              >
                Sign out
              </button>
            </>
          ) : (
            <Link to="/sign-in">Sign in</Link>
          )}
        </nav>
      </header>
      <KnownIssues />
      <main id="main">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
      {viewer && (
        <footer className="site-footer">
          {/* The API's download (GET /privacy/export): the browser saves it as it arrives. */}
          <a href="/privacy/export?format=html" download>
            Download my data
          </a>{' '}
          (
          <a href="/privacy/export?format=json" download>
            as JSON
          </a>
          )
        </footer>
      )}
    </>
  );
}
