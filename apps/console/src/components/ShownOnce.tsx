// A secret the API shows only once (a new API key, a webhook's signing secret): in a box to copy,
// with the warning that it is gone once the admin moves on. Focus lands on it, selected, so
// Ctrl+C works straight away.
import { useId, useState } from 'react';

export function ShownOnce({
  title,
  label,
  secret,
  usage,
  onDismiss,
}: {
  title: string;
  label: string;
  secret: string;
  usage: string;
  onDismiss: () => void;
}) {
  const headingId = useId();
  const [copyNote, setCopyNote] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyNote('Copied to the clipboard.');
    } catch {
      setCopyNote('The browser did not allow copying: select the text in the box and press Ctrl+C.');
    }
  }

  return (
    <section className="panel shown-once" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p className="warning">
        <strong>Copy it now: it will not be shown again.</strong> Only a fingerprint of it is kept, so nobody can look it up later; if it is
        lost, make a new one.
      </p>
      <label>
        {label}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the secret appears once, selected, ready to copy */}
        <input className="secret" readOnly value={secret} autoFocus onFocus={(event) => event.currentTarget.select()} spellCheck={false} />
      </label>
      <p className="muted">{usage}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={onDismiss}>
          I have stored it, hide it
        </button>
        <span role="status">{copyNote}</span>
      </div>
    </section>
  );
}
