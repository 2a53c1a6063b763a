// Files with a report or a reply: chosen with the file picker, taken with the phone's camera,
// dropped on the box or pasted (a screenshot from the clipboard), each uploaded at once to
// POST /attachments so that sending only names them; and the files shown on a message, images as
// thumbnails. A guest's uploads carry the upload token the first one was given.
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { say, useIntl, type IntlShape } from '../i18n/say.js';

/** What the desk takes (the API checks the bytes; this only narrows the picker). */
const ACCEPT =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.txt,.log,.csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf';
/** The API's default per message; it says so itself when the school allows fewer. */
const MAX_FILES = 10;

export interface Upload {
  key: string;
  name: string;
  status: 'uploading' | 'done' | 'failed';
  id?: string;
  /** A local preview of an image, before the upload is done. */
  preview?: string;
  /** Why it failed: the API's reason (TOO_LARGE, …) and its sentence, or nothing when the network failed. */
  failure?: { reason?: string; message?: string };
}

interface UploadAnswer {
  id?: string;
  uploadToken?: string;
  errors?: Array<{ message: string; extensions?: { reason?: string } }>;
}

/** The reasons the API gives for refusing a file (attachments/), each with its words in every catalog. */
const REASONS = ['TOO_LARGE', 'UNSUPPORTED_TYPE', 'EMPTY', 'UNREADABLE_IMAGE', 'INFECTED'] as const;
type Reason = (typeof REASONS)[number];
const isReason = (reason: string | undefined): reason is Reason => REASONS.includes(reason as Reason);

/** Why a file was not attached, in the page's language (in English, the API's own sentence). */
function failureInWords(intl: IntlShape, failure: Upload['failure']): string {
  if (!failure) return say(intl, 'attachments.failed');
  if (intl.locale === 'en' && failure.message) return failure.message;
  return isReason(failure.reason) ? say(intl, `attachments.reason.${failure.reason}`) : say(intl, 'attachments.notUploaded');
}

let nextKey = 0;

/** The uploads of one form: what was chosen, what is done, and what to send with the form. */
export function useAttachmentUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const uploadToken = useRef<string | undefined>(undefined);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const add = useCallback(async (files: File[]) => {
    for (const file of files) {
      const key = `upload-${(nextKey += 1)}`;
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      setUploads((current) => [...current, { key, name: file.name || 'pasted image.png', status: 'uploading', preview }]);
      const form = new FormData();
      form.append('file', file, file.name || 'pasted image.png');
      try {
        const response = await fetch('/attachments', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'apollo-require-preflight': 'true', ...(uploadToken.current && { 'x-upload-token': uploadToken.current }) },
          body: form,
        });
        const answer = (await response.json().catch(() => ({}))) as UploadAnswer;
        if (!response.ok || !answer.id) {
          const refusal = answer.errors?.[0];
          update(key, { status: 'failed', failure: { reason: refusal?.extensions?.reason, message: refusal?.message } });
          continue;
        }
        uploadToken.current ??= answer.uploadToken;
        update(key, { status: 'done', id: answer.id });
      } catch {
        // The network failed: no answer to tell why.
        update(key, { status: 'failed' });
      }
    }
  }, []);

  const forget = (upload: Upload) => upload.preview && URL.revokeObjectURL(upload.preview);
  const remove = (key: string) =>
    setUploads((current) => current.filter((upload) => (upload.key === key ? (forget(upload), false) : true)));
  const clear = () =>
    setUploads((current) => {
      current.forEach(forget);
      return [];
    });
  const attachmentIds = uploads.flatMap((upload) => (upload.status === 'done' && upload.id ? [upload.id] : []));
  return {
    uploads,
    add,
    remove,
    clear,
    busy: uploads.some((upload) => upload.status === 'uploading'),
    /** For the report's or reply's input. */
    input: () => (attachmentIds.length ? { attachmentIds, uploadToken: uploadToken.current ?? null } : {}),
  };
}

type Uploads = ReturnType<typeof useAttachmentUploads>;

/** The file, camera, drop and paste box; pasting anywhere in its form adds a pasted image. */
export function AttachmentPicker({ uploads }: { uploads: Uploads }) {
  const intl = useIntl();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const full = uploads.uploads.length >= MAX_FILES;
  const { add } = uploads;

  useEffect(() => {
    const form = box.current?.closest('form');
    if (!form) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (!files.length) return;
      // A pasted file is attached; pasted text still goes into the text box.
      event.preventDefault();
      void add(files);
    };
    form.addEventListener('paste', onPaste);
    return () => form.removeEventListener('paste', onPaste);
  }, [add]);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!full) void add([...event.dataTransfer.files]);
  };

  return (
    <div
      ref={box}
      className={dragging ? 'attachments dragging' : 'attachments'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <p className="hint" id={`${id}-hint`}>
        {say(intl, 'attachments.hint')}
      </p>
      <div className="attachment-buttons">
        <label className="button">
          {say(intl, 'attachments.attach')}
          <input
            type="file"
            multiple
            accept={ACCEPT}
            disabled={full}
            aria-describedby={`${id}-hint`}
            className="visually-hidden"
            onChange={(event) => {
              void add([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </label>
        <label className="button camera-button">
          {say(intl, 'attachments.photo')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            disabled={full}
            className="visually-hidden"
            onChange={(event) => {
              void add([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {uploads.uploads.length > 0 && (
        <ul className="attachment-list" aria-label={say(intl, 'attachments.chosen')}>
          {uploads.uploads.map((upload) => (
            <li key={upload.key} className={`attachment attachment-${upload.status}`}>
              {upload.preview && <img src={upload.preview} alt="" className="attachment-thumbnail" />}
              <span className="attachment-name" dir="auto">
                {upload.name}
              </span>{' '}
              <span role="status" className="hint">
                {upload.status === 'uploading'
                  ? say(intl, 'attachments.uploading')
                  : upload.status === 'done'
                    ? say(intl, 'attachments.done')
                    : failureInWords(intl, upload.failure)}
              </span>{' '}
              <button
                type="button"
                onClick={() => uploads.remove(upload.key)}
                aria-label={say(intl, 'attachments.removeNamed', { name: upload.name })}
              >
                {say(intl, 'attachments.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface ShownAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

const IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function sizeInWords(intl: IntlShape, bytes: number): string {
  const [amount, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return intl.formatNumber(amount, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
}

/** The files on a message: images as thumbnails opening the original, the rest as download links. */
export function AttachmentList({ attachments, trackingCode }: { attachments: readonly ShownAttachment[]; trackingCode?: string }) {
  const intl = useIntl();
  if (!attachments.length) return null;
  const code = trackingCode ? `?trackingCode=${encodeURIComponent(trackingCode)}` : '';
  return (
    <ul className="attachment-list" aria-label={say(intl, 'attachments.list')}>
      {attachments.map((file) => (
        <li key={file.id} className="attachment">
          <a
            href={`/attachments/${file.id}${code}`}
            target="_blank"
            rel="noreferrer"
            download={IMAGES.has(file.contentType) ? undefined : file.filename}
          >
            {IMAGES.has(file.contentType) && (
              <img
                src={`/attachments/${file.id}/thumbnail${code}`}
                alt={say(intl, 'attachments.thumbnail', { name: file.filename })}
                className="attachment-thumbnail"
                loading="lazy"
              />
            )}
            <span className="attachment-name" dir="auto">
              {file.filename}
            </span>
          </a>{' '}
          <span className="hint">{sizeInWords(intl, file.size)}</span>
        </li>
      ))}
    </ul>
  );
}
