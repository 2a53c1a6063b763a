import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Single sign-on through the school’s OpenID Connect provider.' })
export class OidcSignIn {
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
  @Field(() => Boolean, { description: 'Email and password (the signIn mutation).' })
  password!: boolean;

  @Field(() => OidcSignIn, { nullable: true, description: 'Single sign-on, when the school has set it up; null otherwise.' })
  oidc!: OidcSignIn | null;
}
