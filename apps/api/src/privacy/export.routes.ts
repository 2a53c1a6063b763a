// GET /privacy/export?userId=<User global ID>&format=json|html: the download of a person's export,
// streamed (export.ts reads it a page at a time). Authenticated like GraphQL (session cookie or
// Bearer token); admins export anyone, a person without userId downloads their own. A plain HTTP
// download because a browser saves it as a file as it arrives, where a GraphQL answer would be
// one string in memory on both ends.
import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import type { App } from '../context.js';
import { ErrorCode } from '../errors.js';
import { parseGlobalId } from '../relay/global-id.js';
import { accountOf, personSections } from './export.js';
import { writeExport, type ExportFormat } from './export-format.js';
import { canExportPerson } from './privacy.policy.js';

export const PRIVACY_EXPORT_PATH = '/privacy/export';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
};

/** Errors in GraphQL's shape, so clients read one kind of error everywhere. */
function fail(res: Response, code: ErrorCode, message: string, field?: string) {
  res.status(STATUS[code] ?? 400).json({ errors: [{ message, extensions: { code, ...(field && { field }) } }] });
}

/** `viewerOf` finds the caller as GraphQL does; null for a token that is invalid or revoked. */
export function privacyRoutes(app: App, viewerOf: (req: Request) => Promise<Viewer | null>): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const viewer = await viewerOf(req);
    if (!viewer) return fail(res, ErrorCode.UNAUTHENTICATED, 'The session token or API key is invalid, expired or revoked.');
    const format = req.query.format ?? 'json';
    if (format !== 'json' && format !== 'html') return fail(res, ErrorCode.BAD_USER_INPUT, 'format is json or html.', 'format');
    const userIdParam = req.query.userId;
    let userId: string | undefined;
    if (userIdParam === undefined) userId = viewer.kind === 'user' ? viewer.user.id : undefined;
    else {
      const parsed = typeof userIdParam === 'string' ? parseGlobalId(userIdParam) : null;
      if (!parsed || parsed.type !== 'User') return fail(res, ErrorCode.BAD_USER_INPUT, 'userId is not a valid User ID.', 'userId');
      userId = parsed.id;
    }
    const decision = canExportPerson(viewer, userId ?? '');
    if (!decision.allowed) return fail(res, decision.code, decision.message);
    const person = await app.prisma.user.findUnique({ where: { id: userId! } });
    if (!person) return fail(res, ErrorCode.NOT_FOUND, 'There is no person with this ID.');

    const includeInternalNotes = isAdmin(viewer);
    const generatedAt = app.clock.now();
    await recordAudit(
      app.prisma,
      { viewer, clientAddress: req.ip, app },
      {
        action: AuditAction.PERSON_EXPORTED,
        subject: { type: 'User', id: person.id },
        details: { format, includesInternalNotes: includeInternalNotes },
      },
    );
    const school = await app.prisma.school.findUnique({ where: { id: 1 }, select: { name: true } });

    res.setHeader('content-type', CONTENT_TYPES[format]);
    res.setHeader('content-disposition', `attachment; filename="studentdesk-export-${person.id}.${format}"`);
    // The page is data, never code: nothing runs and nothing loads, even opened from the server.
    if (format === 'html') res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    const sink = async (chunk: string) => {
      if (res.destroyed) throw new Error('the client went away');
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    };
    try {
      await writeExport(
        {
          generatedAt,
          schoolName: school?.name ?? 'StudentDesk',
          includesInternalNotes: includeInternalNotes,
          person: await accountOf(app.prisma, person),
          sections: personSections(app.prisma, person, { includeInternalNotes }),
        },
        format,
        sink,
      );
      res.end();
    } catch (error) {
      // The headers are gone: a cut-off download is the only way left to say it failed.
      if (!res.destroyed) app.logger.error({ err: error }, 'person export failed while streaming');
      res.destroy();
    }
  });

  return router;
}
