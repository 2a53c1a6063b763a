// The signed-in person's profile at /profile: the name the desk greets them with, the language
// (the header's switch, saved on the account), and which emails about their tickets they want.
import { useMutation, useQuery } from '@apollo/client/react';
import { PERSON_NAME_MAX } from '@studentdesk/domain';
import { LanguageSwitch } from '@studentdesk/intl';
import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { failureInWords, formErrors, NO_ERRORS } from '../errors.js';
import { graphql } from '../gql/index.js';
import { say, useIntl } from '../i18n/say.js';

const PROFILE = graphql(`
  query MyProfile {
    me {
      id
      name
      email
      emailPreferences {
        staffReplyEmails
        ratingReminderEmails
      }
    }
  }
`);

const UPDATE_MY_PROFILE = graphql(`
  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      id
      name
      emailPreferences {
        staffReplyEmails
        ratingReminderEmails
      }
    }
  }
`);

type Choices = { staffReplyEmails: boolean; ratingReminderEmails: boolean };

export function Profile() {
  const intl = useIntl();
  const { data, error } = useQuery(PROFILE);
  const me = data?.me;
  return (
    <Layout title={say(intl, 'profile.title')}>
      {error && <p role="alert">{failureInWords(error, intl)}</p>}
      {me && (
        <ProfileForm
          key={me.id}
          email={me.email}
          name={me.name}
          choices={me.emailPreferences ?? { staffReplyEmails: true, ratingReminderEmails: true }}
        />
      )}
    </Layout>
  );
}

function ProfileForm(saved: { email: string; name: string; choices: Choices }) {
  const intl = useIntl();
  const [name, setName] = useState(saved.name);
  const [choices, setChoices] = useState(saved.choices);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [done, setDone] = useState(false);
  const [update, { loading }] = useMutation(UPDATE_MY_PROFILE);
  const choose = (choice: keyof Choices) => (event: { target: { checked: boolean } }) => {
    setChoices({ ...choices, [choice]: event.target.checked });
    setDone(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    try {
      const { staffReplyEmails, ratingReminderEmails } = choices;
      await update({ variables: { input: { name, staffReplyEmails, ratingReminderEmails } } });
      setDone(true);
    } catch (failure) {
      setErrors(formErrors(failure, intl));
    }
  };

  return (
    <>
      <form onSubmit={submit} className="card narrow" noValidate>
        <Field label={say(intl, 'profile.name')} hint={say(intl, 'profile.nameHint')} error={errors.fields.name}>
          <input
            autoComplete="name"
            value={name}
            maxLength={PERSON_NAME_MAX}
            onChange={(event) => {
              setName(event.target.value);
              setDone(false);
            }}
            required
            dir="auto"
          />
        </Field>
        <fieldset>
          <legend>{say(intl, 'profile.emails')}</legend>
          <p className="hint">{say(intl, 'profile.emailsTo', { email: saved.email })}</p>
          <label className="choice">
            <input type="checkbox" checked={choices.staffReplyEmails} onChange={choose('staffReplyEmails')} />
            {say(intl, 'profile.staffReplyEmails')}
          </label>
          <label className="choice">
            <input type="checkbox" checked={choices.ratingReminderEmails} onChange={choose('ratingReminderEmails')} />
            {say(intl, 'profile.ratingReminderEmails')}
          </label>
          <p className="hint">{say(intl, 'profile.alwaysSent')}</p>
        </fieldset>
        <FormError message={errors.form} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={loading}>
            {say(intl, loading ? 'common.sending' : 'profile.save')}
          </button>
          <span role="status">{done ? say(intl, 'profile.saved') : ''}</span>
        </div>
      </form>
      <div className="card narrow">
        {/* The header's switch: it changes the page at once and is kept on the account for every device and the emails. */}
        <LanguageSwitch label={say(intl, 'profile.language')} />
        <p className="hint">{say(intl, 'profile.languageHint')}</p>
      </div>
    </>
  );
}
