// "Forgot password?": ask for a link by email, then choose a new password with it. The link's token
// rides in the address's fragment (#token=…), which no server or log sees.
import { useMutation } from '@apollo/client/react';
import { PASSWORD_MIN_LENGTH } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import { RequestPasswordResetDocument, ResetPasswordDocument } from '../gql/graphql.js';
import { Link } from '../router.js';

export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [requestReset, { loading }] = useMutation(RequestPasswordResetDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await requestReset({ variables: { email } });
      setSentTo(email);
    } catch (error) {
      setErrors(formErrors(error));
    }
  };

  return (
    <Layout title="Forgot your password?">
      {sentTo ? (
        <p role="status" className="card narrow">
          If {sentTo} has an account, we have sent it a link to choose a new password. It works once, for 30 minutes. Check your spam folder
          if it does not arrive in a few minutes.
        </p>
      ) : (
        <form onSubmit={submit} className="card narrow" noValidate>
          <p>Enter your school email. We will send a link to choose a new password.</p>
          <Field label="School email" error={errors.fields.email}>
            <input type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} required />
          </Field>
          <FormError message={errors.form} />
          <button type="submit" className="primary" disabled={loading}>
            {loading ? 'Sending…' : 'Send the link'}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </Layout>
  );
}

export function ResetPassword() {
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [resetPassword, { loading }] = useMutation(ResetPasswordDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
    try {
      await resetPassword({ variables: { token, newPassword } });
      // A fresh page: the live-updates socket must reconnect with the new session cookie.
      window.location.assign('/');
    } catch (error) {
      setErrors(formErrors(error));
    }
  };

  return (
    <Layout title="Choose a new password">
      <form onSubmit={submit} className="card narrow" noValidate>
        <p>Setting a new password signs your account out on every other device.</p>
        <Field
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words in a row are easy to remember and hard to guess.`}
          error={errors.fields.newPassword}
        >
          <input
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            required
            minLength={12}
            maxLength={128}
          />
        </Field>
        <FormError message={errors.fields.token ?? errors.form} />
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Saving…' : 'Set password and sign in'}
        </button>
      </form>
      {errors.fields.token && (
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      )}
    </Layout>
  );
}
