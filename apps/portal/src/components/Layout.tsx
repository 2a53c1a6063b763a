// The frame of every page: skip link, header with who is signed in, and the main landmark whose
// heading receives focus after each navigation, so keyboard and screen-reader users start there.
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { graphql } from '../gql/index.js';
import { LanguageSwitch } from '@studentdesk/intl';
import { useSay } from '../i18n/say.js';
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
  const t = useSay();
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
        {t('layout.skip')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          {school?.logoUrl && <img src={school.logoUrl} alt="" className="logo" />}
          {schoolName}
        </Link>
        {viewer && (
          // One line on a phone too: a long name is cut short, the profile link and sign-out stay.
          <p className="signed-in">
            <span className="signed-in-as" dir="auto">
              {t('layout.signedInAs', { name: viewer.name })}
            </span>
            <Link to="/profile">{t('layout.profile')}</Link>
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                await signOut();
                window.location.assign('/sign-in');
              }}
            >
              {t('layout.signOut')}
            </button>
          </p>
        )}
        <nav aria-label={t('layout.nav')}>
          {viewer ? (
            <>
              <Link to="/">{t('layout.myTickets')}</Link>
              <Link to="/report">{t('layout.report')}</Link>
            </>
          ) : (
            <Link to="/sign-in">{t('layout.signIn')}</Link>
          )}
          <Link to="/help">{t('layout.help')}</Link>
          <Link to="/status">{t('layout.status')}</Link>
        </nav>
        <LanguageSwitch label={t('layout.language')} />
      </header>
      <KnownIssues />
      <main id="main">
        {/* Titles are often the student's own words (a ticket's title), in any direction. */}
        <h1 ref={heading} tabIndex={-1} dir="auto">
          {title}
        </h1>
        {children}
      </main>
      {viewer && (
        <footer className="site-footer">
          {/* The API's download (GET /privacy/export): the browser saves it as it arrives. */}
          <a href="/privacy/export?format=html" download>
            {t('layout.downloadData')}
          </a>{' '}
          (
          <a href="/privacy/export?format=json" download>
            {t('layout.asJson')}
          </a>
          )
        </footer>
      )}
    </>
  );
}
