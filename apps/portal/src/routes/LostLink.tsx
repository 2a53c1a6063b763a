// "Lost the link to your ticket?": the email address reported with and the ticket's number bring a
// new tracking link by email (requestTicketLink). The page says the same whether or not they
// match, as the API does, so it tells nobody which tickets or addresses exist.
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { formErrors, NO_ERRORS } from '../errors.js';
import { graphql } from '../gql/index.js';
import { say, useIntl } from '../i18n/say.js';
import { Link } from '../router.js';

const REQUEST_TICKET_LINK = graphql(`
  mutation RequestTicketLink($email: String!, $ticketNumber: String!) {
    requestTicketLink(email: $email, ticketNumber: $ticketNumber)
  }
`);

export function LostLink() {
  const intl = useIntl();
  const [email, setEmail] = useState('');
  const [ticketNumber, setTicketNumber] = useState('');
  const [sent, setSent] = useState<{ email: string; number: string } | null>(null);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [requestLink, { loading }] = useMutation(REQUEST_TICKET_LINK);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      ...(email.trim() ? {} : { email: say(intl, 'lostLink.needEmail') }),
      ...(ticketNumber.trim() ? {} : { ticketNumber: say(intl, 'lostLink.needNumber') }),
    };
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    try {
      await requestLink({ variables: { email: email.trim(), ticketNumber: ticketNumber.trim() } });
      setSent({ email: email.trim(), number: ticketNumber.trim().toUpperCase() });
    } catch (error) {
      setErrors(formErrors(error, intl));
    }
  };

  return (
    <Layout title={say(intl, 'lostLink.title')}>
      {sent ? (
        <p role="status" className="card narrow">
          {say(intl, 'lostLink.sent', sent)}
        </p>
      ) : (
        <form onSubmit={submit} className="card narrow" noValidate>
          <p>{say(intl, 'lostLink.intro')}</p>
          <Field label={say(intl, 'lostLink.email')} error={errors.fields.email}>
            <input type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
          </Field>
          <Field label={say(intl, 'lostLink.number')} hint={say(intl, 'lostLink.numberHint')} error={errors.fields.ticketNumber}>
            <input
              type="text"
              inputMode="text"
              autoCapitalize="characters"
              value={ticketNumber}
              onChange={(event) => setTicketNumber(event.target.value)}
              required
            />
          </Field>
          <FormError message={errors.form} />
          <button type="submit" className="primary" disabled={loading}>
            {say(intl, loading ? 'common.sending' : 'lostLink.send')}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">{say(intl, 'forgot.back')}</Link>
      </p>
    </Layout>
  );
}
