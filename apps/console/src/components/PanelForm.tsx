// A form in its own panel, named by its heading so a screen reader's form list reads the title.
import { useId, type FormEvent, type ReactNode } from 'react';

export function PanelForm({
  title,
  onSubmit,
  children,
}: {
  title: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={onSubmit}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </form>
  );
}
