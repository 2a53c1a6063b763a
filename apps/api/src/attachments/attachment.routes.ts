// The plain HTTP doors for files, beside /graphql: POST /attachments uploads one file (multipart,
// streamed) and answers its ID for a report or reply to reference; GET /attachments/{id} and
// /attachments/{id}/thumbnail download it, for whoever may see the message it is on. Authenticated
// as GraphQL is (session cookie or Bearer token); errors in GraphQL's shape with stable codes.
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import type { Attachment as AttachmentRow } from '@studentdesk/db';
import { Router, type Request, type Response } from 'express';
import type { GraphQLError } from 'graphql';
import type { Decision, Viewer } from '../auth/viewer.js';
import type { App } from '../context.js';
import { ClientError, ErrorCode } from '../errors.js';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';
import { canUpload } from './attachment.policy.js';
import { receiveFile, refusal, storeUpload, type Uploader } from './attachment.upload.js';
import { IMAGE_TYPES, servedContentType } from './content-types.js';
import type { AttachmentStorage } from './storage.js';
import { hashUploadToken, isUploadToken, newUploadToken } from './upload-token.js';

export const ATTACHMENTS_PATH = '/attachments';
/** Where a guest sends back the upload token of their earlier uploads. */
export const UPLOAD_TOKEN_HEADER = 'x-upload-token';
/** A downloaded file is data: nothing in it runs, loads or frames, even opened from the API's origin. */
const DOWNLOAD_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
};

/** May this viewer see the attachment (tickets/attachment-access.ts)? `trackingCode` lets a guest in. */
export type AttachmentAccess = (
  viewer: Viewer,
  attachment: AttachmentRow,
  request: { trackingCode?: string; clientAddress?: string },
) => Promise<Decision>;

interface RouteDeps {
  /** The caller, as GraphQL finds them; null for a token that is invalid, expired or revoked. */
  viewerOf: (req: Request) => Promise<Viewer | null>;
  access: AttachmentAccess;
  storage: AttachmentStorage;
}

function send(res: Response, error: GraphQLError) {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> }; code: string };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  res.status(http?.status ?? STATUS[extensions.code] ?? 400).json({ errors: [{ message: error.message, extensions }] });
}

const fromDecision = (decision: Extract<Decision, { allowed: false }>) =>
  new ClientError(decision.code, decision.message, decision.extensions);

const badToken = () => refusal(401, ErrorCode.UNAUTHENTICATED, 'The session token or API key is invalid, expired or revoked.');

/** `filename*` for every name, with a plain-ASCII fallback for old clients. */
function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function attachmentRoutes(app: App, deps: RouteDeps): Router {
  const router = Router();
  const settings = app.config.attachments;
  const scratchDir = join(app.config.dataDir, 'uploads-in-progress');

  router.post('/', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    try {
      // As Apollo's CSRF prevention asks of GraphQL: a header no plain HTML form can send, so a
      // cross-site page cannot upload with the student's cookie without CORS letting it.
      if (!req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name'])
        throw refusal(400, ErrorCode.BAD_REQUEST, 'Send the header "Apollo-Require-Preflight: true" with uploads (CSRF protection).');
      const viewer = await deps.viewerOf(req);
      if (!viewer) throw badToken();
      const decision = canUpload(viewer);
      if (!decision.allowed) throw fromDecision(decision);
      let uploader: Uploader;
      let uploadToken: string | undefined;
      if (viewer.kind === 'user') uploader = { uploaderId: viewer.user.id, uploadTokenHash: null };
      else {
        await app.limits.guestUploads.request(req.ip);
        const given = req.headers[UPLOAD_TOKEN_HEADER];
        uploadToken = isUploadToken(given) ? given : newUploadToken();
        uploader = { uploaderId: null, uploadTokenHash: hashUploadToken(uploadToken) };
      }
      const file = await receiveFile(req, settings.maxBytes, scratchDir);
      const row = await storeUpload({ prisma: app.prisma, storage: deps.storage, settings, now: app.clock.now() }, file, uploader);
      res.status(201).json({
        id: toGlobalId('Attachment', row.id),
        filename: row.filename,
        contentType: row.contentType,
        size: row.size,
        thumbnail: row.thumbnailKey !== null,
        ...(uploadToken && { uploadToken }),
      });
    } catch (error) {
      if (!(error instanceof ClientError)) {
        app.logger.error({ err: error }, 'attachment upload failed');
        return send(res, refusal(500, ErrorCode.INTERNAL_SERVER_ERROR, 'The file could not be stored. Try again.'));
      }
      // The rest of a refused body is not read: the connection closes after the answer.
      if (!req.complete) res.setHeader('connection', 'close');
      send(res, error);
    }
  });

  const download = (part: 'original' | 'thumbnail') => async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'private, no-cache');
    try {
      const viewer = await deps.viewerOf(req);
      if (!viewer) throw badToken();
      const parsed = parseGlobalId(String(req.params.id));
      const row = parsed?.type === 'Attachment' ? await app.prisma.attachment.findUnique({ where: { id: parsed.id } }) : null;
      const missing = () => refusal(404, ErrorCode.NOT_FOUND, 'There is no attachment with this ID.');
      if (!row) throw missing();
      const trackingCode = typeof req.query.trackingCode === 'string' ? req.query.trackingCode : undefined;
      const decision = await deps.access(viewer, row, { trackingCode, clientAddress: req.ip });
      if (!decision.allowed) throw fromDecision(decision);
      const key = part === 'thumbnail' ? row.thumbnailKey : row.storageKey;
      if (!key) throw refusal(404, ErrorCode.NOT_FOUND, 'Only images have thumbnails.');
      const etag = `"${row.sha256}${part === 'thumbnail' ? '-t' : ''}"`;
      res.setHeader('etag', etag);
      if (req.headers['if-none-match'] === etag) return void res.status(304).end();
      const stream = await deps.storage.get(key);
      if (!stream) throw missing();
      const image = part === 'thumbnail' || IMAGE_TYPES.has(row.contentType);
      res.setHeader('content-type', part === 'thumbnail' ? 'image/png' : servedContentType(row.contentType));
      if (part === 'original') res.setHeader('content-length', String(row.size));
      res.setHeader('content-disposition', contentDisposition(image ? 'inline' : 'attachment', row.filename));
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('content-security-policy', DOWNLOAD_CSP);
      res.setHeader('cross-origin-resource-policy', 'same-origin');
      await pipeline(stream, res).catch((error: unknown) => {
        // The headers are gone: a cut-off download is the only way left to say it failed.
        if (!res.destroyed) app.logger.error({ err: error }, 'attachment download failed while streaming');
        res.destroy();
      });
    } catch (error) {
      if (error instanceof ClientError) return send(res, error);
      app.logger.error({ err: error }, 'attachment download failed');
      send(res, refusal(500, ErrorCode.INTERNAL_SERVER_ERROR, 'The file could not be read. Try again.'));
    }
  };
  router.get('/:id', download('original'));
  router.get('/:id/thumbnail', download('thumbnail'));
  return router;
}
