// The portal's routes. Pages a first visit may not need are loaded on demand.
import { lazy, Suspense, useEffect } from 'react';
import { Layout } from './components/Layout.js';
import { LanguageProvider } from '@studentdesk/intl';
import { ENGLISH, loadCatalog } from './i18n/catalogs.js';
import { useSay } from './i18n/say.js';
import { navigate, usePath } from './router.js';
import { SignIn } from './routes/SignIn.js';
import { useSchool } from './school.js';
import { useAccountLanguage, useViewer } from './viewer.js';

const MyTickets = lazy(() => import('./routes/MyTickets.js').then((module) => ({ default: module.MyTickets })));
const Report = lazy(() => import('./routes/Report.js').then((module) => ({ default: module.Report })));
const ReportSent = lazy(() => import('./routes/ReportSent.js').then((module) => ({ default: module.ReportSent })));
const ReportAnswered = lazy(() => import('./routes/ReportAnswered.js').then((module) => ({ default: module.ReportAnswered })));
const TicketPage = lazy(() => import('./routes/TicketPage.js').then((module) => ({ default: module.TicketPage })));
const TrackPage = lazy(() => import('./routes/TicketPage.js').then((module) => ({ default: module.TrackPage })));
const ForgotPassword = lazy(() => import('./routes/PasswordReset.js').then((module) => ({ default: module.ForgotPassword })));
const ResetPassword = lazy(() => import('./routes/PasswordReset.js').then((module) => ({ default: module.ResetPassword })));
const LostLink = lazy(() => import('./routes/LostLink.js').then((module) => ({ default: module.LostLink })));
const StatusPage = lazy(() => import('./routes/StatusPage.js').then((module) => ({ default: module.StatusPage })));
const HelpCentre = lazy(() => import('./routes/HelpCentre.js').then((module) => ({ default: module.HelpCentre })));
const Profile = lazy(() => import('./routes/Profile.js').then((module) => ({ default: module.Profile })));
const ArticlePage = lazy(() => import('./routes/ArticlePage.js').then((module) => ({ default: module.ArticlePage })));

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Page() {
  const t = useSay();
  const path = usePath().split('?')[0]!;
  const { viewer, loading } = useViewer();
  const param = (pattern: RegExp) => {
    const match = pattern.exec(path);
    return match ? decodeURIComponent(match[1]!) : null;
  };

  const trackingCode = param(/^\/track\/([^/]+)$/);
  if (trackingCode) return <TrackPage trackingCode={trackingCode} />;
  if (path === '/track' || path === '/track/') return <LostLink />;
  if (path === '/help' || path === '/help/') return <HelpCentre />;
  if (path === '/status') return <StatusPage />;
  const slug = param(/^\/help\/([^/]+)$/);
  if (slug) return <ArticlePage slug={slug} />;
  const departmentArticle = /^\/help\/([^/]+)\/([^/]+)$/.exec(path);
  if (departmentArticle)
    return <ArticlePage departmentSlug={decodeURIComponent(departmentArticle[1]!)} slug={decodeURIComponent(departmentArticle[2]!)} />;
  if (path === '/report/guest') return <Report guest />;
  if (path === '/report/sent') return <ReportSent />;
  if (path === '/report/answered') return <ReportAnswered />;
  if (path === '/forgot-password') return <ForgotPassword />;
  if (path === '/reset-password') return <ResetPassword />;

  if (loading) return null;
  if (path === '/sign-in') return viewer ? <Redirect to="/" /> : <SignIn />;
  if (!viewer) return <Redirect to="/sign-in" />;
  if (path === '/') return <MyTickets />;
  if (path === '/report') return <Report guest={false} />;
  if (path === '/profile') return <Profile />;
  const ticketId = param(/^\/tickets\/([^/]+)$/);
  if (ticketId) return <TicketPage id={ticketId} />;
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
