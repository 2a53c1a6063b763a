// A guest's proof of their own uploads: handed out with the first upload of a form, sent back with
// the next uploads and with the report or reply that references them. Only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sdu_';
const SHAPE = /^sdu_[\w-]{43}$/;

export const newUploadToken = (): string => PREFIX + randomBytes(32).toString('base64url');

export const isUploadToken = (value: unknown): value is string => typeof value === 'string' && SHAPE.test(value);

export const hashUploadToken = (token: string): string => createHash('sha256').update(token).digest('hex');
