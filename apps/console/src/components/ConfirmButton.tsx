// A button for what cannot be undone (revoke a key, delete a webhook, replace its secret): it asks
// first, in a modal dialog that says what will happen. Cancel comes first, so Enter on a dialog
// opened by mistake does no harm; Escape closes it too.
import { useId, useRef, type ReactNode } from 'react';

export function ConfirmButton(props: {
  /** The button's text, e.g. "Revoke". */
  label: string;
  /** Its name for screen readers when the row around it does not say what it acts on. */
  accessibleName?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => unknown;
  disabled?: boolean;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  return (
    <>
      <button
        type="button"
        className="danger"
        aria-label={props.accessibleName}
        disabled={props.disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={headingId}>
        <h2 id={headingId}>{props.question}</h2>
        {props.children}
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              dialog.current?.close();
              void props.onConfirm();
            }}
          >
            {props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
