import { useMutation, useQuery } from '@apollo/client/react';
import { SEARCH_QUERY_MAX } from '@studentdesk/domain';
import { LanguageSwitch } from '@studentdesk/intl';
import { lazy, Suspense, useRef, useState } from 'react';
import { NavLink, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ACCOUNT_PAGES } from './components/AccountPages';
import { NotificationBell } from './components/NotificationBell';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { SIGN_OUT, SignIn } from './components/SignIn';
import { useSay } from './i18n/catalogs';
import { useKeys } from './lib/keys';
import { QueueOrderProvider } from './queue-order';
import { Admin } from './routes/Admin';
import { CannedResponses } from './routes/CannedResponses';
import { Automation } from './routes/Automation';
import { Macros } from './routes/Macros';
import { Home } from './routes/Home';
import { IncidentView, Incidents } from './routes/Incidents';
import { ArticleEditor, KnowledgeBase } from './routes/KnowledgeBase';
import { Leaderboard } from './routes/Leaderboard';
import { Notifications } from './routes/Notifications';
import { Queue } from './routes/Queue';
import { Search } from './routes/Search';
import { Setup } from './routes/Setup';
import { Suggestions } from './routes/Suggestions';
import { SchoolSettings } from './routes/SchoolSettings';
import { TicketRoute } from './routes/TicketView';
import { SchoolBrand, useSchool } from './school';
import { isAdmin, seesEveryDepartment, VIEWER, ViewerContext } from './viewer';

// Charts are the heaviest code: loaded when someone opens the insights.
const Insights = lazy(() => import('./routes/Insights'));
// The admin pages: a handful of people open them, now and then.
const ApiKeys = lazy(() => import('./routes/ApiKeys'));
const Provisioning = lazy(() => import('./routes/Provisioning'));
const Webhooks = lazy(() => import('./routes/Webhooks'));
const WebhookView = lazy(() => import('./routes/WebhookView'));
const EmailOutbox = lazy(() => import('./routes/EmailOutbox'));
const People = lazy(() => import('./routes/People'));
const Departments = lazy(() => import('./routes/Departments'));
const DepartmentService = lazy(() => import('./routes/DepartmentService'));
const MyDepartmentService = lazy(() => import('./routes/DepartmentService').then((module) => ({ default: module.MyDepartmentService })));
const PeopleImport = lazy(() => import('./routes/PeopleImport'));
const AuditLog = lazy(() => import('./routes/AuditLog'));
const Privacy = lazy(() => import('./routes/Privacy'));

export function App() {
  const t = useSay();
  const { pathname } = useLocation();
  const school = useSchool();
  const { data, loading, error } = useQuery(VIEWER, { skip: pathname === '/setup' });
  const [signOut] = useMutation(SIGN_OUT);
  const [helpOpen, setHelpOpen] = useState(false);
  const navigate = useNavigate();
  const searchBox = useRef<HTMLInputElement>(null);
  // The queue binds "/" to its own filter box first (child effects run first) and claims the key.
  useKeys({ '?': () => setHelpOpen(true), '/': () => searchBox.current?.focus() });
  const accountPage = ACCOUNT_PAGES[pathname];

  // Reached from an email or the sign-in form: shown whoever is signed in, if anyone.
  if (accountPage) return accountPage();

  // Reached from the link printed at start, before anyone can sign in.
  if (pathname === '/setup') return <Setup />;
  if (loading) return <p className="loading">{t('app.loading')}</p>;
  if (error) return <p role="alert">{t('app.unreachable', { reason: error.message })}</p>;
  const viewer = data?.me;
  if (!viewer) return <SignIn />;
  if (viewer.role === 'STUDENT') return <SignIn notice={t('app.studentsNotice')} />;

  return (
    <ViewerContext.Provider value={viewer}>
      <QueueOrderProvider>
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header className="top">
          <SchoolBrand school={school} />
          <nav aria-label={t('nav.main')}>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
            <NavLink to="/queue">{t('nav.queue')}</NavLink>
            <NavLink to="/incidents">{t('nav.incidents')}</NavLink>
            <NavLink to="/insights">{t('nav.insights')}</NavLink>
            <NavLink to="/leaderboard">{t('nav.leaderboard')}</NavLink>
            <NavLink to="/suggestions">{t('nav.suggestions')}</NavLink>
            <NavLink to="/knowledge-base">{t('nav.knowledgeBase')}</NavLink>
            <NavLink to="/macros">{t('nav.macros')}</NavLink>
            {seesEveryDepartment(viewer) && <NavLink to="/canned-responses">{t('nav.cannedResponses')}</NavLink>}
            {seesEveryDepartment(viewer) && <NavLink to="/hours-and-sla">{t('nav.hoursAndSla')}</NavLink>}
            <NavLink to="/automation">{t('nav.automation')}</NavLink>
            {isAdmin(viewer) && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
          </nav>
          <form
            role="search"
            className="ticket-search"
            onSubmit={(event) => {
              event.preventDefault();
              const words = searchBox.current?.value.trim() ?? '';
              if (words) void navigate(`/search?q=${encodeURIComponent(words)}`);
            }}
          >
            <input
              ref={searchBox}
              type="search"
              aria-label={t('header.search')}
              placeholder={t('header.search')}
              maxLength={SEARCH_QUERY_MAX}
              aria-keyshortcuts="/"
            />
          </form>
          <NotificationBell />
          <span className="who">
            {viewer.name}
            {viewer.department ? ` · ${viewer.department.name}` : ''}
          </span>
          <button type="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            {t('header.shortcuts')} <kbd>?</kbd>
          </button>
          <button
            type="button"
            onClick={async () => {
              await signOut();
              window.location.reload();
            }}
          >
            {t('header.signOut')}
          </button>
          <LanguageSwitch label={t('header.language')} />
        </header>
        <main id="main">
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/queue" element={<Navigate to="/queue/mine" replace />} />
              <Route path="/queue/:view" element={<Queue />} />
              <Route path="/tickets/:id" element={<TicketRoute />} />
              <Route path="/search" element={<Search />} />
              <Route path="/notifications" element={<Notifications />} />
              <Route path="/incidents" element={<Incidents />} />
              <Route path="/incidents/:id" element={<IncidentView />} />
              <Route path="/insights" element={<Insights />} />
              <Route path="/leaderboard" element={<Leaderboard />} />
              <Route path="/suggestions" element={<Suggestions />} />
              <Route path="/canned-responses" element={<CannedResponses />} />
              <Route path="/automation" element={<Automation />} />
              <Route path="/macros" element={<Macros />} />
              <Route path="/knowledge-base" element={<KnowledgeBase />} />
              <Route path="/knowledge-base/:id" element={<ArticleEditor />} />
              {/* Outside the admins-only pages: a manager keeps their own department's hours and SLA too. */}
              <Route path="/hours-and-sla" element={<MyDepartmentService />} />
              <Route path="/admin/departments/:id/service" element={<DepartmentService />} />
              <Route path="/admin" element={<Admin />}>
                <Route index element={<Navigate to="people" replace />} />
                <Route path="people" element={<People />} />
                <Route path="departments" element={<Departments />} />
                <Route path="people/import" element={<PeopleImport />} />
                <Route path="provisioning" element={<Provisioning />} />
                <Route path="api-keys" element={<ApiKeys />} />
                <Route path="webhooks" element={<Webhooks />} />
                <Route path="webhooks/:id" element={<WebhookView />} />
                <Route path="email-outbox" element={<EmailOutbox />} />
                <Route path="school" element={<SchoolSettings />} />
                <Route path="audit-log" element={<AuditLog />} />
                <Route path="privacy" element={<Privacy />} />
              </Route>
              <Route
                path="*"
                element={
                  <p>
                    {t('app.nothingHere')} <NavLink to="/">{t('app.goHome')}</NavLink>.
                  </p>
                }
              />
            </Routes>
          </Suspense>
        </main>
        <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      </QueueOrderProvider>
    </ViewerContext.Provider>
  );
}
