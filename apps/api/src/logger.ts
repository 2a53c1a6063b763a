import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

/** Names of fields that hold a password, session token, tracking code, API key or webhook secret. */
const SECRET_FIELDS = ['password', 'token', 'trackingCode', 'key', 'secret'];

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
    },
    destination,
  );
}
