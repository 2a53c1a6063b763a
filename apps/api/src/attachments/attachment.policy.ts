// Who may upload: people signed in, and guests (reporting or replying by tracking link; counted per
// address, attachment.routes.ts). API keys report through their own channel, without files.
import { ALLOW, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export function canUpload(viewer: Viewer): Decision {
  return viewer.kind === 'apiKey'
    ? refuse(ErrorCode.FORBIDDEN, 'Files are attached by people; API keys cannot upload attachments.')
    : ALLOW;
}
