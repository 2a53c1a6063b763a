import { PasswordSignIn } from '@studentdesk/db';
import { Field, ObjectType } from 'type-graphql';

@ObjectType('OidcSignIn', {
  description: 'A single sign-on button: through the school’s OpenID Connect provider or SAML identity provider.',
})
export class SingleSignOnButton {
  @Field(() => String, { description: 'The button’s label, e.g. "Sign in with Example School".' })
  displayName!: string;

  @Field(() => String, {
    description:
      'Where the button goes (a path on the API’s origin). Add `app=portal` or `app=console`, and `returnTo=<path>` to land somewhere other than the app’s home.',
  })
  startPath!: string;
}

@ObjectType({ description: 'How people can sign in here: what the sign-in pages offer.' })
export class SignInOptions {
  @Field(() => Boolean, { description: 'Email and password (the signIn mutation) works for someone: passwordSignIn is not NOBODY.' })
  password!: boolean;

  @Field(() => PasswordSignIn, {
    description: 'Who may sign in with a password: the portal (students) shows the form only for EVERYONE, the console unless NOBODY.',
  })
  passwordSignIn!: PasswordSignIn;

  @Field(() => SingleSignOnButton, {
    nullable: true,
    description: 'Single sign-on with OpenID Connect, when the school has set it up; null otherwise.',
  })
  oidc!: SingleSignOnButton | null;

  @Field(() => SingleSignOnButton, {
    nullable: true,
    description: 'Single sign-on with SAML 2.0, when the school has set it up; null otherwise.',
  })
  saml!: SingleSignOnButton | null;
}
