// Files on a conversation, for staff: thumbnails of images and download links on the report and on
// each message, and files to send with a reply or note (file picker, drop, or paste a screenshot
// into the composer), each uploaded at once to POST /attachments so that sending only names them.
// The portal has its own (apps don't share components): the same protocol, the student's words.
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';

export interface ShownAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

const IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const sizeInWords = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The files on the report or a message: images as thumbnails opening the original, the rest as downloads. */
export function AttachmentList({ attachments }: { attachments: readonly ShownAttachment[] }) {
  if (!attachments.length) return null;
  return (
    <ul className="attachment-list" aria-label="Attachments">
      {attachments.map((file) => {
        const image = IMAGES.has(file.contentType);
        return (
          <li key={file.id} className="attachment">
            <a href={`/attachments/${file.id}`} target="_blank" rel="noreferrer" download={image ? undefined : file.filename}>
              {image && (
                <img
                  src={`/attachments/${file.id}/thumbnail`}
                  alt={`Thumbnail of ${file.filename}`}
                  className="attachment-thumbnail"
                  loading="lazy"
                />
              )}
              <span dir="auto">{file.filename}</span>
            </a>{' '}
            <span className="muted">{sizeInWords(file.size)}</span>
          </li>
        );
      })}
    </ul>
  );
}

interface Upload {
  key: string;
  name: string;
  status: 'uploading' | 'done' | 'failed';
  id?: string;
  error?: string;
}

let nextKey = 0;

/** A composer's uploads: what is attached, whether any is still uploading, and the ids to send. */
export function useAttachmentUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  const add = useCallback(async (files: File[]) => {
    for (const file of files) {
      const key = `upload-${(nextKey += 1)}`;
      const name = file.name || 'pasted image.png';
      setUploads((current) => [...current, { key, name, status: 'uploading' }]);
      const form = new FormData();
      form.append('file', file, name);
      try {
        const response = await fetch('/attachments', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'apollo-require-preflight': 'true' },
          body: form,
        });
        const answer = (await response.json().catch(() => ({}))) as { id?: string; errors?: Array<{ message: string }> };
        if (!response.ok || !answer.id) throw new Error(answer.errors?.[0]?.message ?? 'The file could not be uploaded.');
        update(key, { status: 'done', id: answer.id });
      } catch (error) {
        update(key, { status: 'failed', error: error instanceof Error ? error.message : 'The file could not be uploaded.' });
      }
    }
  }, []);
  const attachmentIds = uploads.flatMap((upload) => (upload.status === 'done' && upload.id ? [upload.id] : []));
  return {
    uploads,
    add,
    remove: (key: string) => setUploads((current) => current.filter((upload) => upload.key !== key)),
    clear: () => setUploads([]),
    busy: uploads.some((upload) => upload.status === 'uploading'),
    attachmentIds,
  };
}

/** The composer's file button and list; dropping on it or pasting a file anywhere in its form attaches. */
export function AttachmentPicker({ uploads }: { uploads: ReturnType<typeof useAttachmentUploads> }) {
  const box = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const { add } = uploads;
  useEffect(() => {
    const form = box.current?.closest('form');
    if (!form) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (!files.length) return;
      event.preventDefault();
      void add(files);
    };
    form.addEventListener('paste', onPaste);
    return () => form.removeEventListener('paste', onPaste);
  }, [add]);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void add([...event.dataTransfer.files]);
  };
  return (
    <div
      ref={box}
      className={dragging ? 'composer-attachments dragging' : 'composer-attachments'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <label className="button">
        Attach files
        <input
          type="file"
          multiple
          className="visually-hidden"
          onChange={(event) => {
            void add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </label>
      {uploads.uploads.length > 0 && (
        <ul className="attachment-list" aria-label="Files to send">
          {uploads.uploads.map((upload) => (
            <li key={upload.key} className={`attachment attachment-${upload.status}`}>
              <span dir="auto">{upload.name}</span>{' '}
              <span role="status" className="muted">
                {upload.status === 'uploading' ? 'Uploading…' : upload.status === 'done' ? 'Attached' : upload.error}
              </span>{' '}
              <button type="button" onClick={() => uploads.remove(upload.key)} aria-label={`Remove ${upload.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
