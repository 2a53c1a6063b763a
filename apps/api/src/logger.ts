// The API's log: pino, JSON lines (or pretty ones at a terminal). Secrets never reach it: fields
// named like one are redacted wherever a log call puts them, URLs lose their query values and
// tracking codes (redactUrl), and anything shaped like a token, API key, tracking code or webhook
// secret is masked in every line written, whatever wrote it (an error's message included).
import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

/** Names of fields that hold a password, session token, tracking code, API key or webhook secret. */
const SECRET_FIELDS = ['password', 'token', 'trackingCode', 'key', 'secret', 'authToken'];
const REDACTED = '[Redacted]';
/** Session tokens (JWT), API keys, tracking codes and webhook secrets, as the API hands them out. */
const SECRET_SHAPES = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*|\b(?:sdk|sdt|whsec)_[\w+/=-]{8,}/g;
/** Paths whose next segment is a secret: the portal's tracking links. */
const SECRET_PATH = /(\/track\/)[^/?#]+/gi;

/** A URL fit for the log: tracking codes in the path and every query value (GET /graphql's variables, say) redacted. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = (queryAt === -1 ? url : url.slice(0, queryAt)).replace(SECRET_PATH, `$1${REDACTED}`);
  if (queryAt === -1) return path;
  const names = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => `${pair.split('=')[0]}=${REDACTED}`);
  return `${path}?${names.join('&')}`;
}

/** Masks secret-shaped text in a finished log line. */
export const maskSecrets = (line: string): string => line.replace(SECRET_SHAPES, REDACTED);

/** A destination for people reading along in a terminal (LOG_FORMAT=pretty). */
export const prettyLines = (): DestinationStream =>
  PinoPretty({ colorize: true, ignore: 'service,hostname', translateTime: 'SYS:HH:MM:ss.l' });

/** Logs JSON to stdout unless given another destination (tests read the lines to check what is logged). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // The pid tells apart the lines of several API processes (API_PROCESSES).
      base: { service: 'studentdesk-api', pid: process.pid },
      // Secrets never reach the log, at the top of a log call's object or one level down.
      redact: ['req.headers.authorization', 'req.headers.cookie', ...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`)],
      hooks: { streamWrite: maskSecrets },
    },
    destination,
  );
}
