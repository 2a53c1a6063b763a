// "Forgot password?": ask for a link by email, then choose a new password with it. The link's token
// rides in the address's fragment (#token=…), which no server or log sees.
import { useMutation } from '@apollo/client/react';
import { PASSWORD_MIN_LENGTH } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import { say, useIntl } from '../i18n/say.js';
import { RequestPasswordResetDocument, ResetPasswordDocument } from '../gql/graphql.js';
import { Link } from '../router.js';

export function ForgotPassword() {
  const intl = useIntl();
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
      setErrors(formErrors(error, intl));
    }
  };

  return (
    <Layout title={say(intl, 'forgot.title')}>
      {sentTo ? (
        <p role="status" className="card narrow">
          {say(intl, 'forgot.sent', { email: sentTo })}
        </p>
      ) : (
        <form onSubmit={submit} className="card narrow" noValidate>
          <p>{say(intl, 'forgot.intro')}</p>
          <Field label={say(intl, 'field.schoolEmail')} error={errors.fields.email}>
            <input type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} required />
          </Field>
          <FormError message={errors.form} />
          <button type="submit" className="primary" disabled={loading}>
            {say(intl, loading ? 'common.sending' : 'forgot.send')}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">{say(intl, 'forgot.back')}</Link>
      </p>
    </Layout>
  );
}

export function ResetPassword() {
  const intl = useIntl();
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
      setErrors(formErrors(error, intl));
    }
  };

  return (
    <Layout title={say(intl, 'reset.title')}>
      <form onSubmit={submit} className="card narrow" noValidate>
        <p>{say(intl, 'reset.intro')}</p>
        <Field
          label={say(intl, 'reset.newPassword')}
          hint={say(intl, 'reset.hint', { min: PASSWORD_MIN_LENGTH })}
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
          {say(intl, loading ? 'reset.saving' : 'reset.submit')}
        </button>
      </form>
      {errors.fields.token && (
        <p>
          <Link to="/forgot-password">{say(intl, 'reset.askNew')}</Link>
        </p>
      )}
    </Layout>
  );
}
