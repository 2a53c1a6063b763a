// What every answer of /graphql must look like, whatever it was sent: GraphQL's shape (data and/or
// errors, each error with a message and a code), never a server error status, nothing internal.

export interface RawAnswer {
  status: number;
  text: string;
}

/** Signs of internals a client must never see: stack frames, source paths, the ORM, SQL. */
const INTERNALS: Array<[string, RegExp]> = [
  ['a stack frame', / {4}at /],
  ['a stack trace', /stacktrace/i],
  ['a TypeScript source path', /\.ts:/],
  ['a dependency path', /node_modules/],
  ['the ORM', /prisma/i],
  ['SQL', /\bSELECT\b/],
];

export interface AnswerRules {
  /** What the request itself contained: an error may quote the client's own input. */
  sent?: string;
  /** The test broke the server on purpose: a 5xx status and INTERNAL_SERVER_ERROR are expected then, and only then. */
  serverBroken?: boolean;
}

/** Everything wrong with an answer; empty when it is clean. */
export function answerProblems(answer: RawAnswer, rules: AnswerRules = {}): string[] {
  const problems: string[] = [];
  if (answer.status >= 500 && !rules.serverBroken) problems.push(`status ${answer.status}`);
  for (const [what, pattern] of INTERNALS) {
    if (pattern.test(answer.text) && !(rules.sent !== undefined && pattern.test(rules.sent))) problems.push(`shows ${what}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [...problems, 'the body is not JSON'];
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [...problems, 'the body is not a JSON object'];
  const { data, errors, ...rest } = body as Record<string, unknown>;
  const unknownKeys = Object.keys(rest).filter((key) => key !== 'extensions');
  if (unknownKeys.length > 0) problems.push(`unexpected keys ${unknownKeys.join(', ')}`);
  if (errors === undefined) {
    if (typeof data !== 'object' || data === null) problems.push('neither errors nor data');
    return problems;
  }
  if (!Array.isArray(errors) || errors.length === 0) return [...problems, 'errors is not a non-empty list'];
  for (const error of errors as Array<Record<string, any>>) {
    if (typeof error?.message !== 'string' || error.message === '') problems.push('an error without a message');
    const code = error?.extensions?.code;
    if (typeof code !== 'string') problems.push(`an error without a code: ${JSON.stringify(error).slice(0, 200)}`);
    else if (code === 'INTERNAL_SERVER_ERROR' && !rules.serverBroken) problems.push('INTERNAL_SERVER_ERROR for a client’s request');
  }
  return problems;
}

/** The codes of the errors in an answer's body (none for a body that is not GraphQL's shape). */
export function answerCodes(text: string): string[] {
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
    return (body.errors ?? []).map((error) => error.extensions?.code ?? '');
  } catch {
    return [];
  }
}
