// Signing in as one of the demo school's people (packages/db's seed), over HTTP as a client would.
export async function signInAsDemo(url: string, email: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!) { signIn(email: $e, password: "studentdesk") { token } }',
      variables: { e: email },
    }),
  });
  const body = (await response.json()) as { data?: { signIn: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`could not sign in as ${email}: ${JSON.stringify(body.errors)}`);
  return body.data.signIn.token;
}
