// The admin pages: the people of the desk, its departments and categories, the school's settings and
// integrations (API keys, webhooks), the email outbox, the audit log and privacy. Only admins see
// the link; anyone else who opens the address is told why there is nothing for them here (the API
// refuses them too, so this is a courtesy, not the lock).
import { NavLink, Outlet } from 'react-router';
import { isAdmin, useViewer } from '../viewer';

export function Admin() {
  const viewer = useViewer();
  if (!isAdmin(viewer)) {
    return (
      <section aria-labelledby="admin-title">
        <h1 id="admin-title">Admin</h1>
        <p role="alert" className="problem">
          Only admins can open this page: it manages staff accounts, departments, API keys, webhooks and the email outbox. If something
          there needs changing, ask an admin.
        </p>
        <p>
          <NavLink to="/">Go home</NavLink>
        </p>
      </section>
    );
  }
  return (
    <>
      <nav aria-label="Admin" className="tabs">
        <NavLink to="/admin/people" end>
          People
        </NavLink>
        <NavLink to="/admin/people/import">Import people</NavLink>
        <NavLink to="/admin/departments">Departments</NavLink>
        <NavLink to="/admin/provisioning">Provisioning</NavLink>
        <NavLink to="/admin/api-keys">API keys</NavLink>
        <NavLink to="/admin/webhooks">Webhooks</NavLink>
        <NavLink to="/admin/email-outbox">Email outbox</NavLink>
        <NavLink to="/admin/audit-log">Audit log</NavLink>
        <NavLink to="/admin/school">School</NavLink>
        <NavLink to="/admin/privacy">Privacy</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
