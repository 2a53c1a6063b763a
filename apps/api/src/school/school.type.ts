import { PasswordSignIn } from '@studentdesk/db';
import { PASSWORD_MIN_LENGTH } from '@studentdesk/domain';
import { Field, InputType, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';

describeEnum(PasswordSignIn, 'PasswordSignIn', 'Who may sign in with email and password; the others use the school’s single sign-on.', {
  EVERYONE: 'Everyone with a password (the default).',
  STAFF_ONLY: 'Staff, managers and admins; students sign in with single sign-on.',
  NOBODY: 'Nobody: everyone signs in with single sign-on.',
});

@ObjectType({ description: 'The school running this StudentDesk: shown by both web apps and in every email. Public.' })
export class School {
  @Field(() => String, { description: 'The school’s name, as its students know it.' })
  name!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. Europe/Amsterdam.' })
  timeZone!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The logo as a data: URL of a small image (at most 100 kB); null when there is none.',
  })
  logoUrl!: string | null;

  @Field(() => String, { description: '#rrggbb, readable with white text on it (buttons, header).' })
  primaryColor!: string;

  @Field(() => String, { description: '#rrggbb, for highlights on white.' })
  accentColor!: string;

  @Field(() => PasswordSignIn, { description: 'Who may sign in with a password; signInOptions says the same to the sign-in pages.' })
  passwordSignIn!: PasswordSignIn;
}

@InputType({ description: 'The school’s settings: its name, time zone, logo and colours, and who may sign in with a password.' })
export class SchoolSettingsInput {
  @Field(() => String, { description: 'The school’s name, up to 120 characters.' })
  schoolName!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. Europe/Amsterdam.' })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'A PNG, JPEG, GIF or WebP image as a data: URL of at most 100 kB.' })
  logo?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '#rrggbb with at least 4.5:1 contrast to white text; StudentDesk’s blue without it.',
  })
  primaryColor?: string | null;

  @Field(() => String, { nullable: true, description: '#rrggbb with at least 3:1 contrast to white; StudentDesk’s teal without it.' })
  accentColor?: string | null;

  @Field(() => PasswordSignIn, {
    nullable: true,
    description:
      'Who may sign in with a password; left out, it stays as it is (EVERYONE at first-run setup). STAFF_ONLY and NOBODY need single sign-on set up, and NOBODY needs the admin to have signed in with it once (else they would lock themself out).',
  })
  passwordSignIn?: PasswordSignIn | null;
}

@InputType({ description: 'First-run setup: the school, and its first admin.' })
export class CompleteSetupInput extends SchoolSettingsInput {
  @Field(() => String, { description: 'The token of the setup link printed at start.' })
  token!: string;

  @Field(() => String, { description: 'The first admin’s name.' })
  adminName!: string;

  @Field(() => String, { description: 'The first admin’s email address: they sign in with it.' })
  adminEmail!: string;

  @Field(() => String, { description: `At least ${PASSWORD_MIN_LENGTH} characters.` })
  adminPassword!: string;
}
