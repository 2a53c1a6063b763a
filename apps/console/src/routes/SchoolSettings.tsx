// Admin → School: the school's name, time zone, logo and colours (as at first-run setup), and who may
// sign in with a password. Switching password sign-in off needs single sign-on (the choices say so
// when there is none); the API also refuses "off for everyone" to an admin who has never signed in
// with their school account, who would lock themself out.
import { useMutation, useQuery } from '@apollo/client/react';
import { LOGO_DATA_URL_MAX_BYTES, schoolSettingsProblems, type FieldProblem } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { PasswordSignIn } from '../gql/graphql';
import { formText } from '../lib/forms';
import { Field, problemsFrom, readAsDataUrl } from './Setup';

const SCHOOL_SETTINGS = graphql(`
  query SchoolSettings {
    school {
      name
      timeZone
      logoUrl
      primaryColor
      accentColor
      passwordSignIn
    }
    signInOptions {
      oidc {
        displayName
      }
      saml {
        displayName
      }
    }
  }
`);

const UPDATE_SCHOOL = graphql(`
  mutation UpdateSchool($input: SchoolSettingsInput!) {
    updateSchool(input: $input) {
      name
      timeZone
      logoUrl
      primaryColor
      accentColor
      passwordSignIn
    }
  }
`);

const PASSWORD_CHOICES: Array<{ value: PasswordSignIn; label: string; hint: string }> = [
  { value: 'EVERYONE', label: 'Everyone', hint: 'Students and staff may sign in with a password.' },
  { value: 'STAFF_ONLY', label: 'Staff only', hint: 'Students sign in with their school account; staff may still use a password.' },
  { value: 'NOBODY', label: 'Nobody', hint: 'Everyone signs in with their school account. Sign in with yours once first.' },
];

export function SchoolSettings() {
  const { data, loading: loadingSchool } = useQuery(SCHOOL_SETTINGS);
  const [updateSchool, { loading }] = useMutation(UPDATE_SCHOOL, { refetchQueries: ['School', 'SchoolSettings'] });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [formProblem, setFormProblem] = useState('');
  const [saved, setSaved] = useState('');

  if (loadingSchool || !data) return <p role="status">Loading…</p>;
  const school = data.school;
  const singleSignOn = data.signInOptions.oidc ?? data.signInOptions.saml;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFormProblem('');
    setSaved('');
    const file = form.get('logo');
    const upload = file instanceof File && file.size > 0 ? file : undefined;
    if (upload && upload.size > LOGO_DATA_URL_MAX_BYTES) {
      setProblems([{ field: 'logo', message: `The logo must be at most ${LOGO_DATA_URL_MAX_BYTES / 1000} kB.` }]);
      return;
    }
    const keptLogo = form.get('removeLogo') ? null : (school?.logoUrl ?? null);
    const input = {
      schoolName: formText(form, 'schoolName'),
      timeZone: formText(form, 'timeZone').trim(),
      logo: upload ? await readAsDataUrl(upload) : keptLogo,
      primaryColor: formText(form, 'primaryColor'),
      accentColor: formText(form, 'accentColor'),
      passwordSignIn: (formText(form, 'passwordSignIn') || 'EVERYONE') as PasswordSignIn,
    };
    const found = schoolSettingsProblems(input);
    setProblems(found);
    if (found.length) return;
    try {
      await updateSchool({ variables: { input } });
      setSaved('Saved.');
    } catch (error) {
      const { fields, form: whole } = problemsFrom(error);
      setProblems(fields);
      setFormProblem(whole);
    }
  }

  const passwordProblem = problems.find((entry) => entry.field === 'passwordSignIn');
  return (
    <section className="setup" aria-labelledby="school-title">
      <h1 id="school-title">School</h1>
      <form onSubmit={submit} noValidate aria-describedby={formProblem ? 'school-problem' : undefined}>
        <fieldset>
          <legend>Name and look</legend>
          <Field name="schoolName" label="School name" problems={problems} input={{ required: true, defaultValue: school?.name ?? '' }} />
          <Field
            name="timeZone"
            label="Time zone"
            hint="Opening hours and due times are counted in it, e.g. Europe/Amsterdam."
            problems={problems}
            input={{ list: 'time-zones', defaultValue: school?.timeZone ?? '', required: true }}
            after={
              <datalist id="time-zones">
                {Intl.supportedValuesOf('timeZone').map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            }
          />
          <Field
            name="logo"
            label={school?.logoUrl ? 'New logo (optional)' : 'Logo (optional)'}
            hint={`A PNG, JPEG, GIF or WebP image of at most ${LOGO_DATA_URL_MAX_BYTES / 1000} kB, shown beside the school's name.`}
            problems={problems}
            input={{ type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp' }}
          />
          {school?.logoUrl && (
            <label className="check">
              <input type="checkbox" name="removeLogo" /> Remove the current logo
            </label>
          )}
          <Field
            name="primaryColor"
            label="Main colour"
            hint="Buttons and links; white text must stay readable on it."
            problems={problems}
            input={{ type: 'color', defaultValue: school?.primaryColor }}
          />
          <Field
            name="accentColor"
            label="Accent colour"
            hint="Highlights on white."
            problems={problems}
            input={{ type: 'color', defaultValue: school?.accentColor }}
          />
        </fieldset>
        <fieldset aria-describedby={passwordProblem ? 'passwordSignIn-problem' : 'password-sign-in-hint'}>
          <legend>Password sign-in</legend>
          <p id="password-sign-in-hint" className="hint">
            {singleSignOn
              ? `Who may sign in with a password. The others use “${singleSignOn.displayName}”. Guests can always report a problem without signing in.`
              : 'Single sign-on is not set up (see docs/setup.md), so everyone signs in with a password.'}
          </p>
          {PASSWORD_CHOICES.map((choice) => (
            <label key={choice.value} className="check">
              <input
                type="radio"
                name="passwordSignIn"
                value={choice.value}
                defaultChecked={(school?.passwordSignIn ?? 'EVERYONE') === choice.value}
                disabled={!singleSignOn && choice.value !== 'EVERYONE'}
              />{' '}
              {choice.label}: <span className="hint">{choice.hint}</span>
            </label>
          ))}
          {passwordProblem && (
            <p id="passwordSignIn-problem" className="problem">
              {passwordProblem.message}
            </p>
          )}
        </fieldset>
        {formProblem && (
          <p id="school-problem" role="alert" className="problem">
            {formProblem}
          </p>
        )}
        <p role="status" className="status-line">
          {saved}
        </p>
        <button type="submit" className="primary" disabled={loading}>
          Save
        </button>
      </form>
    </section>
  );
}
