// Admin → School: the school's name, time zone, logo and colours (as at first-run setup), and who may
// sign in with a password. Switching password sign-in off needs single sign-on (the choices say so
// when there is none); the API also refuses "off for everyone" to an admin who has never signed in
// with their school account, who would lock themself out.
import { useMutation, useQuery } from '@apollo/client/react';
import { schoolSettingsProblems, type FieldProblem } from '@studentdesk/domain';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { SchoolDocument, SignInOptionsDocument, type PasswordSignIn } from '../gql/graphql';
import { formText } from '../lib/forms';
import { problemsFrom, readSchoolFields, SchoolFields } from './Setup';

const UPDATE_SCHOOL = graphql(`
  mutation UpdateSchool($input: SchoolSettingsInput!) {
    updateSchool(input: $input) {
      ...SchoolProfile
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
  const { data: schoolData, loading: loadingSchool } = useQuery(SchoolDocument);
  const { data: signInData, loading: loadingSignIn } = useQuery(SignInOptionsDocument);
  const [updateSchool, { loading }] = useMutation(UPDATE_SCHOOL, { refetchQueries: ['School', 'SignInOptions'] });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [formProblem, setFormProblem] = useState('');
  const [saved, setSaved] = useState('');

  if (loadingSchool || loadingSignIn || !schoolData || !signInData) return <p role="status">Loading…</p>;
  const school = schoolData.school;
  const { passwordSignIn, oidc, saml } = signInData.signInOptions;
  const singleSignOn = oidc ?? saml;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFormProblem('');
    setSaved('');
    const fields = await readSchoolFields(form, school?.logoUrl);
    if (fields.logoProblem) {
      setProblems([fields.logoProblem]);
      return;
    }
    const input = {
      ...fields.settings,
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
          <SchoolFields initial={school ?? undefined} problems={problems} />
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
                defaultChecked={passwordSignIn === choice.value}
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
