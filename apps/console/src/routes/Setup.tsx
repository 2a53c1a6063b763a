// First-run setup, opened from the link the API prints at start while there is no admin: names the
// school, sets its look, creates the first admin and signs them in. The token comes in the URL's
// fragment (#token=…), which browsers never send to the server.
import { useMutation } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client';
import {
  DEFAULT_ACCENT_COLOR,
  DEFAULT_PRIMARY_COLOR,
  firstAdminProblems,
  LOGO_DATA_URL_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  schoolSettingsProblems,
  type FieldProblem,
} from '@studentdesk/domain';
import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { SchoolProfileFragment, SchoolSettingsInput } from '../gql/graphql';
import { formText } from '../lib/forms';

const COMPLETE_SETUP = graphql(`
  mutation CompleteSetup($input: CompleteSetupInput!) {
    completeSetup(input: $input) {
      user {
        id
      }
    }
  }
`);

function tokenFromLink(): string {
  const fromFragment = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fromFragment ?? new URLSearchParams(window.location.search).get('token') ?? '';
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(new Error('The logo could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** The API's BAD_USER_INPUT names its fields (`fields`); anything else is a problem of the whole form. */
export function problemsFrom(error: unknown): { fields: FieldProblem[]; form: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const extensions = error.errors[0]?.extensions as { fields?: Array<{ field: string; messages: string[] }> } | undefined;
    if (extensions?.fields?.length)
      return { fields: extensions.fields.map((entry) => ({ field: entry.field, message: entry.messages.join(' ') })), form: '' };
    return { fields: [], form: error.errors.map((entry) => entry.message).join(' ') };
  }
  return { fields: [], form: error instanceof Error ? error.message : 'Setup failed.' };
}

/** A labelled input named `name`, with its hint and its problem (if any) tied to it for screen readers. */
export function Field({
  name,
  label,
  hint,
  problems,
  input = {},
  after,
}: {
  name: string;
  label: string;
  hint?: string;
  problems: FieldProblem[];
  /** The input's own attributes (type, autoComplete, required, defaultValue…). */
  input?: InputHTMLAttributes<HTMLInputElement>;
  /** Shown right after the input (a datalist it names). */
  after?: ReactNode;
}) {
  const problem = problems.find((entry) => entry.field === name);
  const describedBy = [hint && `${name}-hint`, problem && `${name}-problem`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} {...input} aria-describedby={describedBy} aria-invalid={Boolean(problem)} />
      {after}
      {hint && (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${name}-problem`} className="problem">
          {problem.message}
        </p>
      )}
    </div>
  );
}

/** The school's name, time zone, logo and colours (each empty unless `initial` has it): at first-run setup, and in the school's settings. */
export function SchoolFields({ initial = {}, problems }: { initial?: Partial<SchoolProfileFragment>; problems: FieldProblem[] }) {
  return (
    <>
      <Field name="schoolName" label="School name" problems={problems} input={{ required: true, defaultValue: initial.name }} />
      <Field
        name="timeZone"
        label="Time zone"
        hint="Opening hours and due times are counted in it, e.g. Europe/Amsterdam."
        problems={problems}
        input={{ list: 'time-zones', defaultValue: initial.timeZone, required: true }}
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
        label={initial.logoUrl ? 'New logo (optional)' : 'Logo (optional)'}
        hint={`A PNG, JPEG, GIF or WebP image of at most ${LOGO_DATA_URL_MAX_BYTES / 1000} kB, shown beside the school's name.`}
        problems={problems}
        input={{ type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp' }}
      />
      {initial.logoUrl && (
        <label className="check">
          <input type="checkbox" name="removeLogo" /> Remove the current logo
        </label>
      )}
      <Field
        name="primaryColor"
        label="Main colour"
        hint="Buttons and links; white text must stay readable on it."
        problems={problems}
        input={{ type: 'color', defaultValue: initial.primaryColor }}
      />
      <Field
        name="accentColor"
        label="Accent colour"
        hint="Highlights on white."
        problems={problems}
        input={{ type: 'color', defaultValue: initial.accentColor }}
      />
    </>
  );
}

type SchoolFieldValues = Omit<SchoolSettingsInput, 'passwordSignIn'>;

/**
 * What SchoolFields hold: the logo as a data: URL, else `currentLogo` unless the form removes it;
 * or the logo's problem when the new one is too large to send.
 */
export async function readSchoolFields(
  form: FormData,
  currentLogo: string | null = null,
): Promise<{ settings: SchoolFieldValues; logoProblem?: never } | { logoProblem: FieldProblem }> {
  const file = form.get('logo');
  const upload = file instanceof File && file.size > 0 ? file : undefined;
  if (upload && upload.size > LOGO_DATA_URL_MAX_BYTES)
    return { logoProblem: { field: 'logo', message: `The logo must be at most ${LOGO_DATA_URL_MAX_BYTES / 1000} kB.` } };
  const keptLogo = form.get('removeLogo') ? null : currentLogo;
  return {
    settings: {
      schoolName: formText(form, 'schoolName'),
      timeZone: formText(form, 'timeZone').trim(),
      logo: upload ? await readAsDataUrl(upload) : keptLogo,
      primaryColor: formText(form, 'primaryColor'),
      accentColor: formText(form, 'accentColor'),
    },
  };
}

export function Setup() {
  const [token] = useState(tokenFromLink);
  const [completeSetup, { loading }] = useMutation(COMPLETE_SETUP);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [formProblem, setFormProblem] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFormProblem('');
    const school = await readSchoolFields(form);
    if (school.logoProblem) {
      setProblems([school.logoProblem]);
      return;
    }
    const input = {
      token,
      ...school.settings,
      adminName: formText(form, 'adminName'),
      adminEmail: formText(form, 'adminEmail'),
      adminPassword: formText(form, 'adminPassword'),
    };
    const found = [...schoolSettingsProblems(input), ...firstAdminProblems(input)];
    setProblems(found);
    if (found.length) return;
    try {
      await completeSetup({ variables: { input } });
      // A fresh page, signed in by the session cookie, without the used link in the address bar.
      window.location.replace('/console/');
    } catch (error) {
      const { fields, form: whole } = problemsFrom(error);
      setProblems(fields);
      setFormProblem(whole);
    }
  }

  if (!token)
    return (
      <main className="sign-in">
        <h1>Set up StudentDesk</h1>
        <p role="alert" className="problem">
          Open the setup link StudentDesk printed when it started (it ends in #token=…), or create an admin with{' '}
          <code>pnpm --filter @studentdesk/db create-admin</code>.
        </p>
      </main>
    );

  return (
    <main className="setup">
      <h1>Set up StudentDesk</h1>
      <p>Name your school and create the first admin account. This link works once.</p>
      <form onSubmit={submit} noValidate aria-describedby={formProblem ? 'setup-problem' : undefined}>
        <fieldset>
          <legend>Your school</legend>
          <SchoolFields
            initial={{ timeZone: browserTimeZone(), primaryColor: DEFAULT_PRIMARY_COLOR, accentColor: DEFAULT_ACCENT_COLOR }}
            problems={problems}
          />
        </fieldset>
        <fieldset>
          <legend>The first admin (you)</legend>
          <Field name="adminName" label="Your name" problems={problems} input={{ autoComplete: 'name', required: true }} />
          <Field
            name="adminEmail"
            label="Your email"
            problems={problems}
            input={{ type: 'email', autoComplete: 'username', required: true }}
          />
          <Field
            name="adminPassword"
            label="Password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters; a passphrase is easiest.`}
            problems={problems}
            input={{ type: 'password', autoComplete: 'new-password', required: true }}
          />
        </fieldset>
        {formProblem && (
          <p id="setup-problem" role="alert" className="problem">
            {formProblem}
          </p>
        )}
        {problems.length > 0 && (
          <p role="alert" className="problem">
            Please correct the {problems.length === 1 ? 'field' : `${problems.length} fields`} marked above.
          </p>
        )}
        <button type="submit" className="primary" disabled={loading}>
          Finish setup
        </button>
      </form>
    </main>
  );
}
