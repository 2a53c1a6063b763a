import { SignInOptionsDocument } from '../gql/graphql.js';
import { useMutation, useQuery } from '@apollo/client/react';
import { ssoProblemOf } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import { graphql } from '../gql/index.js';
import { say, useIntl } from '../i18n/say.js';
import { Link } from '../router.js';

const SIGN_IN = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      user {
        id
      }
    }
  }
`);

export function SignIn() {
  const intl = useIntl();
  // Sent back here by single sign-on with ?sso_error=: said once, above both ways in.
  const [ssoCode] = useState(() => ssoProblemOf(new URLSearchParams(window.location.search).get('sso_error')));
  const ssoProblem = ssoCode && say(intl, `sso.${ssoCode}`);
  const options = useQuery(SignInOptionsDocument).data?.signInOptions;
  const buttons = [options?.oidc, options?.saml].filter((button) => button !== null && button !== undefined);
  // Students get the password form only while the school lets everyone use one.
  const passwordForm = !options || options.passwordSignIn === 'EVERYONE';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [signIn, { loading }] = useMutation(SIGN_IN);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // An empty field is named as such, not answered with "the email or password is not right".
    const missing = {
      ...(email.trim() ? {} : { email: say(intl, 'signIn.needEmail') }),
      ...(password ? {} : { password: say(intl, 'signIn.needPassword') }),
    };
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, form: null });
      return;
    }
    try {
      await signIn({ variables: { email: email.trim(), password } });
      // A fresh page: the live-updates socket must reconnect with the new session cookie.
      window.location.assign('/');
    } catch (error) {
      setErrors(formErrors(error, intl));
    }
  };

  return (
    <Layout title={say(intl, 'layout.signIn')}>
      {ssoProblem && (
        <div className="card narrow">
          <FormError message={ssoProblem} />
        </div>
      )}
      {buttons.length > 0 && (
        <section className="card narrow" aria-label={say(intl, 'signIn.sso')}>
          {/* A full page load: the API sends the browser on to the school's sign-in service. */}
          {buttons.map((button) => (
            <a key={button.startPath} className="button primary" href={`${button.startPath}?app=portal`}>
              {button.displayName}
            </a>
          ))}
          {passwordForm && <p className="hint">{say(intl, 'signIn.orPassword')}</p>}
        </section>
      )}
      {passwordForm && (
        <form onSubmit={submit} className="card narrow" noValidate>
          <Field label={say(intl, 'field.schoolEmail')} error={errors.fields.email}>
            <input type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} required />
          </Field>
          <Field label={say(intl, 'signIn.password')} error={errors.fields.password}>
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
            />
          </Field>
          <FormError message={errors.form} />
          <button type="submit" className="primary" disabled={loading}>
            {say(intl, loading ? 'signIn.signingIn' : 'layout.signIn')}
          </button>
          <p>
            <Link to="/forgot-password">{say(intl, 'signIn.forgot')}</Link>
          </p>
        </form>
      )}
      <section className="card narrow callout" aria-labelledby="cannot-sign-in">
        <h2 id="cannot-sign-in">{say(intl, 'signIn.cannot')}</h2>
        <p>{say(intl, 'signIn.cannotBody')}</p>
        <Link to="/report/guest" className="button">
          {say(intl, 'report.guestTitle')}
        </Link>
        <p>
          <Link to="/track">{say(intl, 'signIn.lostLink')}</Link>
        </p>
      </section>
    </Layout>
  );
}
