import { SignInOptionsDocument } from '../gql/graphql';
import { useMutation, useQuery } from '@apollo/client/react';
import { ssoProblemMessage } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import { formText } from '../lib/forms';

const SIGN_IN = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      user {
        id
        role
      }
    }
  }
`);

export const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** Staff, managers and admins sign in here; students are sent to the portal. */
export function SignIn({ notice }: { notice?: string }) {
  const [signIn, { loading }] = useMutation(SIGN_IN);
  const [signOut] = useMutation(SIGN_OUT);
  // Single sign-on sends people back here with ?sso_error= when it could not sign them in.
  const [problem, setProblem] = useState(
    () => notice ?? ssoProblemMessage(new URLSearchParams(window.location.search).get('sso_error')) ?? '',
  );
  const options = useQuery(SignInOptionsDocument).data?.signInOptions;
  const buttons = [options?.oidc, options?.saml].filter((button) => button !== null && button !== undefined);
  // Staff keep the password form unless the school switched it off for everyone.
  const passwordForm = options?.passwordSignIn !== 'NOBODY';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setProblem('');
    try {
      const result = await signIn({ variables: { email: formText(form, 'email'), password: formText(form, 'password') } });
      if (result.data?.signIn.user.role === 'STUDENT') {
        await signOut();
        setProblem('The console is for staff. Students can follow their tickets in the portal.');
        return;
      }
      // A fresh page: the websocket and the cache start out as the signed-in person.
      window.location.reload();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'Signing in failed.');
    }
  }

  return (
    <main className="sign-in">
      <h1>StudentDesk console</h1>
      {!passwordForm && problem && (
        <p id="sign-in-problem" role="alert" className="problem">
          {problem}
        </p>
      )}
      {passwordForm && (
        <form onSubmit={submit} aria-describedby={problem ? 'sign-in-problem' : undefined}>
          <label>
            Email
            {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the sign-in page is this one form */}
            <input name="email" type="email" autoComplete="username" required autoFocus />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          {problem && (
            <p id="sign-in-problem" role="alert" className="problem">
              {problem}
            </p>
          )}
          <button type="submit" className="primary" disabled={loading}>
            Sign in
          </button>
        </form>
      )}
      {passwordForm && (
        <p>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      )}
      {buttons.map((button) => (
        // A full page load: the API sends the browser on to the school's sign-in service.
        <a key={button.startPath} className="button sso" href={`${button.startPath}?app=console`}>
          {button.displayName}
        </a>
      ))}
    </main>
  );
}
