// The pages someone reaches from an email or the sign-in form, before they are signed in: asking
// for a password reset, choosing a new password with the link, and accepting a staff invitation.
// The link's token rides in the address's fragment (#token=…), which no server or log sees.
import { useMutation } from '@apollo/client/react';
import { PASSWORD_MIN_LENGTH } from '@studentdesk/domain';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import { RequestPasswordResetDocument, ResetPasswordDocument } from '../gql/graphql';
import { formText } from '../lib/forms';

const ACCEPT_INVITATION = graphql(`
  mutation AcceptInvitation($token: String!, $password: String!) {
    acceptInvitation(token: $token, password: $password) {
      expiresAt
    }
  }
`);

const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words in a row are easy to remember and hard to guess.`;

const linkToken = () => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

function AccountPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="sign-in">
      <h1>{title}</h1>
      {children}
      <p>
        <Link to="/">Back to sign in</Link>
      </p>
    </main>
  );
}

/** A form that runs `action` with its fields and shows the API's refusal in words. */
function useAccountForm(action: (form: FormData) => Promise<unknown>) {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem('');
    setBusy(true);
    try {
      await action(new FormData(event.currentTarget));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'That did not work.');
    } finally {
      setBusy(false);
    }
  }
  const alert = problem ? (
    <p id="account-problem" role="alert" className="problem">
      {problem}
    </p>
  ) : null;
  return { onSubmit, busy, alert, describedBy: problem ? 'account-problem' : undefined };
}

function NewPasswordField({ name, label }: { name: string; label: string }) {
  return (
    <>
      <label>
        {label}
        <input
          name={name}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={128}
          aria-describedby="password-hint"
        />
      </label>
      <p id="password-hint" className="muted">
        {PASSWORD_HINT}
      </p>
    </>
  );
}

export function ForgotPassword() {
  const [requestReset] = useMutation(RequestPasswordResetDocument);
  const [sentTo, setSentTo] = useState('');
  const form = useAccountForm(async (fields) => {
    const email = formText(fields, 'email');
    await requestReset({ variables: { email } });
    setSentTo(email);
  });
  return (
    <AccountPage title="Forgot your password?">
      {sentTo ? (
        <p role="status">
          If {sentTo} has an account, we have sent it a link to choose a new password. It works once, for 30 minutes. Check your spam folder
          if it does not arrive in a few minutes.
        </p>
      ) : (
        <form onSubmit={form.onSubmit} aria-describedby={form.describedBy}>
          <p>Enter the email address you sign in with. We will send a link to choose a new password.</p>
          <label>
            Email
            <input name="email" type="email" autoComplete="username" required />
          </label>
          {form.alert}
          <button type="submit" className="primary" disabled={form.busy}>
            Send the link
          </button>
        </form>
      )}
    </AccountPage>
  );
}

/** A fresh page once signed in: the websocket and the cache start out as the signed-in person. */
const enterConsole = () => window.location.assign(import.meta.env.BASE_URL);

export function ResetPassword() {
  const [resetPassword] = useMutation(ResetPasswordDocument);
  const form = useAccountForm(async (fields) => {
    await resetPassword({ variables: { token: linkToken(), newPassword: formText(fields, 'newPassword') } });
    enterConsole();
  });
  return (
    <AccountPage title="Choose a new password">
      <form onSubmit={form.onSubmit} aria-describedby={form.describedBy}>
        <p>Setting a new password signs your account out on every other device.</p>
        <NewPasswordField name="newPassword" label="New password" />
        {form.alert}
        <button type="submit" className="primary" disabled={form.busy}>
          Set password and sign in
        </button>
      </form>
    </AccountPage>
  );
}

export function AcceptInvitation() {
  const [acceptInvitation] = useMutation(ACCEPT_INVITATION);
  const form = useAccountForm(async (fields) => {
    await acceptInvitation({ variables: { token: linkToken(), password: formText(fields, 'password') } });
    enterConsole();
  });
  return (
    <AccountPage title="Join the help desk">
      <form onSubmit={form.onSubmit} aria-describedby={form.describedBy}>
        <p>Choose the password you will sign in with. Your email address is the one the invitation came to.</p>
        <NewPasswordField name="password" label="Password" />
        {form.alert}
        <button type="submit" className="primary" disabled={form.busy}>
          Create my account
        </button>
      </form>
    </AccountPage>
  );
}

/** The pages above by path: they show whether or not someone is signed in. */
export const ACCOUNT_PAGES: Record<string, () => ReactNode> = {
  '/forgot-password': () => <ForgotPassword />,
  '/reset-password': () => <ResetPassword />,
  '/accept-invitation': () => <AcceptInvitation />,
};
