// What a school's settings and its first admin must be: checked by the API before anything is
// written, by the console's setup form as it is filled, and by the create-admin command.

export interface SchoolSettingsInput {
  schoolName: string;
  timeZone: string;
  logo?: string | null;
  primaryColor?: string | null;
  accentColor?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const SCHOOL_NAME_MAX = 120;
export const PERSON_NAME_MAX = 120;
export const EMAIL_MAX = 254;
/** NIST SP 800-63B: at least 8, and we ask 12; long enough for any passphrase, short enough to hash cheaply. */
export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase or password manager, short enough that hashing it stays cheap. */
export const PASSWORD_MAX_LENGTH = 128;
/** A logo as a data URL is kept in the database and sent with every page: a small image only. */
export const LOGO_DATA_URL_MAX_BYTES = 100_000;

/** StudentDesk's own colours, used until a school picks its own. */
export const DEFAULT_PRIMARY_COLOR = '#1d4ed8';
export const DEFAULT_ACCENT_COLOR = '#0f766e';
/** WCAG 2.x: normal text needs 4.5:1; buttons carry white text on the primary colour. */
export const TEXT_CONTRAST_MIN = 4.5;
/** WCAG 1.4.11: borders and highlights need 3:1 against the white page. */
export const ACCENT_CONTRAST_MIN = 3;

const COLOR = /^#[0-9a-fA-F]{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOGO_DATA_URL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

const channel = (hex: string) => {
  const value = parseInt(hex, 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of #rrggbb. */
const luminance = (color: string) =>
  0.2126 * channel(color.slice(1, 3)) + 0.7152 * channel(color.slice(3, 5)) + 0.0722 * channel(color.slice(5, 7));

/** The WCAG contrast ratio of #rrggbb against white, from 1 to 21. */
export const contrastWithWhite = (color: string) => 1.05 / (luminance(color) + 0.05);

export function isTimeZone(value: string): boolean {
  if (!value || value !== value.trim()) return false;
  try {
    // Accepts every IANA name the runtime knows, links such as Asia/Calcutta included.
    new Intl.DateTimeFormat('en', { timeZone: value });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value);
  } catch {
    return false;
  }
}

export function emailProblem(email: string): string | undefined {
  if (email.length > EMAIL_MAX || !EMAIL.test(email)) return 'Enter an email address such as name@school.edu.';
  return undefined;
}

/** Names too close to the account to be a secret: the email's local part, when it is not tiny. */
const MIN_LOCAL_PART = 3;

/**
 * What a new password must be (NIST SP 800-63B §5.1.1.2), as far as the browser can tell: long
 * enough, not absurdly long, not the account's own name or the site's, and no composition rules.
 * The server adds the check against common passwords (@studentdesk/db's newPasswordProblem).
 */
export function passwordProblem(password: string, email = ''): string | undefined {
  // Characters as people count them (a code point each), not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters: a few words in a row work well.`;
  if (length > PASSWORD_MAX_LENGTH) return `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(password).size < 4) return 'Choose a password that is not one character repeated.';
  const lower = password.toLowerCase();
  const localPart = email.trim().toLowerCase().split('@')[0] ?? '';
  if (lower.includes('studentdesk') || (localPart.length >= MIN_LOCAL_PART && lower.includes(localPart))) {
    return 'A password should not contain your email address or the name of this site: choose another.';
  }
  return undefined;
}

/**
 * The logo travels as an image inside a data: URL, never as an address elsewhere: the pages load
 * nothing from other hosts (their Content-Security-Policy allows images from 'self' and data:).
 */
export function logoProblem(logo: string): string | undefined {
  if (!LOGO_DATA_URL.test(logo)) return 'The logo must be a PNG, JPEG, GIF or WebP image.';
  // Base64 carries 3 bytes in every 4 characters.
  if (((logo.length - logo.indexOf(',') - 1) * 3) / 4 > LOGO_DATA_URL_MAX_BYTES)
    return `The logo must be at most ${LOGO_DATA_URL_MAX_BYTES / 1000} kB.`;
  return undefined;
}

function colorProblem(color: string, minimum: number, use: string): string | undefined {
  if (!COLOR.test(color)) return 'Give the colour as #rrggbb, e.g. #1d4ed8.';
  const ratio = contrastWithWhite(color);
  if (ratio < minimum)
    return `This colour is too light for ${use} (contrast ${ratio.toFixed(1)}:1 with white, at least ${minimum}:1 needed); choose a darker one.`;
  return undefined;
}

/** Every problem of the school's settings, by field; empty when they can be saved. */
export function schoolSettingsProblems(input: SchoolSettingsInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string | undefined) => message && problems.push({ field, message });
  const name = input.schoolName.trim();
  add(
    'schoolName',
    name.length < 1 || name.length > SCHOOL_NAME_MAX ? `Give the school’s name, up to ${SCHOOL_NAME_MAX} characters.` : undefined,
  );
  add('timeZone', isTimeZone(input.timeZone) ? undefined : 'Choose a time zone such as Europe/Amsterdam or America/New_York.');
  if (input.logo) add('logo', logoProblem(input.logo));
  if (input.primaryColor) add('primaryColor', colorProblem(input.primaryColor, TEXT_CONTRAST_MIN, 'white text on buttons'));
  if (input.accentColor) add('accentColor', colorProblem(input.accentColor, ACCENT_CONTRAST_MIN, 'highlights on white'));
  return problems;
}

export interface FirstAdminInput {
  adminName: string;
  adminEmail: string;
  adminPassword: string;
}

export function firstAdminProblems(input: FirstAdminInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string | undefined) => message && problems.push({ field, message });
  const name = input.adminName.trim();
  add('adminName', name.length < 1 || name.length > PERSON_NAME_MAX ? `Give your name, up to ${PERSON_NAME_MAX} characters.` : undefined);
  add('adminEmail', emailProblem(input.adminEmail.trim()));
  add('adminPassword', passwordProblem(input.adminPassword, input.adminEmail));
  return problems;
}

/** The CSS custom properties both web apps set from the school's colours (their stylesheets read them). */
export function schoolCssVariables(school: { primaryColor: string; accentColor: string }): Record<string, string> {
  return { '--accent': school.primaryColor, '--school-accent': school.accentColor };
}
