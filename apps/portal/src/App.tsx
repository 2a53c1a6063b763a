// The portal's routes. Pages a first visit may not need are loaded on demand; the page being
// opened starts downloading with the first script, beside the sign-in check, not after it.
import type { ApolloClient } from '@apollo/client';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Layout } from './components/Layout.js';
import { LanguageProvider } from '@studentdesk/intl';
import { ENGLISH, loadCatalog } from './i18n/catalogs.js';
import { useSay } from './i18n/say.js';
import { navigate, usePath } from './router.js';
import { SignIn } from './routes/SignIn.js';
import { useSchool } from './school.js';
import { useAccountLanguage, useViewer } from './viewer.js';

const load = {
  myTickets: () => import('./routes/MyTickets.js'),
  report: () => import('./routes/Report.js'),
  reportSent: () => import('./routes/ReportSent.js'),
  reportAnswered: () => import('./routes/ReportAnswered.js'),
  ticket: () => import('./routes/TicketPage.js'),
  passwordReset: () => import('./routes/PasswordReset.js'),
  lostLink: () => import('./routes/LostLink.js'),
  status: () => import('./routes/StatusPage.js'),
  help: () => import('./routes/HelpCentre.js'),
  article: () => import('./routes/ArticlePage.js'),
  profile: () => import('./routes/Profile.js'),
};

const MyTickets = lazy(() => load.myTickets().then((module) => ({ default: module.MyTickets })));
const Report = lazy(() => load.report().then((module) => ({ default: module.Report })));
const ReportSent = lazy(() => load.reportSent().then((module) => ({ default: module.ReportSent })));
const ReportAnswered = lazy(() => load.reportAnswered().then((module) => ({ default: module.ReportAnswered })));
const TicketPage = lazy(() => load.ticket().then((module) => ({ default: module.TicketPage })));
const TrackPage = lazy(() => load.ticket().then((module) => ({ default: module.TrackPage })));
const ForgotPassword = lazy(() => load.passwordReset().then((module) => ({ default: module.ForgotPassword })));
const ResetPassword = lazy(() => load.passwordReset().then((module) => ({ default: module.ResetPassword })));
const LostLink = lazy(() => load.lostLink().then((module) => ({ default: module.LostLink })));
const StatusPage = lazy(() => load.status().then((module) => ({ default: module.StatusPage })));
const HelpCentre = lazy(() => load.help().then((module) => ({ default: module.HelpCentre })));
const ArticlePage = lazy(() => load.article().then((module) => ({ default: module.ArticlePage })));
const Profile = lazy(() => load.profile().then((module) => ({ default: module.Profile })));

interface Route {
  path: RegExp;
  /** The page's code, fetched as soon as the route is known. */
  load?: () => Promise<unknown>;
  /** Only for a signed-in person: visitors go to the sign-in page. */
  signedIn?: boolean;
  /** Asks for the page's data before the page renders: a signed-in page renders only after the sign-in check. */
  prefetch?: (client: ApolloClient, params: string[]) => void;
  render: (params: string[]) => ReactNode;
}

const ROUTES: Route[] = [
  { path: /^\/track\/([^/]+)$/, load: load.ticket, render: ([code]) => <TrackPage trackingCode={code!} /> },
  { path: /^\/track\/?$/, load: load.lostLink, render: () => <LostLink /> },
  { path: /^\/help\/?$/, load: load.help, render: () => <HelpCentre /> },
  { path: /^\/status$/, load: load.status, render: () => <StatusPage /> },
  { path: /^\/help\/([^/]+)$/, load: load.article, render: ([slug]) => <ArticlePage slug={slug!} /> },
  {
    path: /^\/help\/([^/]+)\/([^/]+)$/,
    load: load.article,
    render: ([departmentSlug, slug]) => <ArticlePage departmentSlug={departmentSlug} slug={slug!} />,
  },
  { path: /^\/report\/guest$/, load: load.report, render: () => <Report guest /> },
  { path: /^\/report\/sent$/, load: load.reportSent, render: () => <ReportSent /> },
  { path: /^\/report\/answered$/, load: load.reportAnswered, render: () => <ReportAnswered /> },
  { path: /^\/forgot-password$/, load: load.passwordReset, render: () => <ForgotPassword /> },
  { path: /^\/reset-password$/, load: load.passwordReset, render: () => <ResetPassword /> },
  {
    path: /^\/$/,
    load: load.myTickets,
    signedIn: true,
    prefetch: (client) => void load.myTickets().then((module) => module.prefetchMyTickets(client)),
    render: () => <MyTickets />,
  },
  { path: /^\/report$/, load: load.report, signedIn: true, render: () => <Report guest={false} /> },
  { path: /^\/profile$/, load: load.profile, signedIn: true, render: () => <Profile /> },
  {
    path: /^\/tickets\/([^/]+)$/,
    load: load.ticket,
    signedIn: true,
    prefetch: (client, [id]) => void load.ticket().then((module) => module.prefetchTicket(client, id!)),
    render: ([id]) => <TicketPage id={id!} />,
  },
];

function routeFor(path: string): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match) return { route, params: match.slice(1).map((param) => decodeURIComponent(param)) };
  }
  return null;
}

/** Starts fetching the code and data of the page at `path` (the first page of a visit), beside everything else. */
export function preloadPage(path: string, client: ApolloClient) {
  const found = routeFor(path);
  void found?.route.load?.();
  found?.route.prefetch?.(client, found.params);
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Page() {
  const t = useSay();
  const path = usePath().split('?')[0]!;
  const { viewer, loading } = useViewer();
  const found = routeFor(path);
  if (found && !found.route.signedIn) return found.route.render(found.params);

  if (loading) return null;
  if (path === '/sign-in') return viewer ? <Redirect to="/" /> : <SignIn />;
  if (!viewer) return <Redirect to="/sign-in" />;
  if (found) return found.route.render(found.params);
  return (
    <Layout title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
    </Layout>
  );
}

function Pages() {
  const t = useSay();
  return (
    <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
      <Page />
    </Suspense>
  );
}

export function App() {
  const school = useSchool();
  const account = useAccountLanguage();
  return (
    <LanguageProvider
      english={ENGLISH}
      loadCatalog={loadCatalog}
      accountLanguage={account.language}
      saveOnAccount={account.save}
      timeZone={school?.timeZone}
    >
      <Pages />
    </LanguageProvider>
  );
}
