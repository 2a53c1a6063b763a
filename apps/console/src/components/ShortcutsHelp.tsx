import { useEffect, useRef } from 'react';
import { ListTable } from './ListTable';
import { SHORTCUTS } from '../lib/keys';

/** The list of keyboard shortcuts, opened with "?". */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <ListTable labelledBy="shortcuts-title" columns={['Where', 'Key', 'Does']}>
        {Object.entries(SHORTCUTS).flatMap(([area, shortcuts]) =>
          Object.entries(shortcuts).map(([keys, action]) => (
            <tr key={`${area}-${keys}`}>
              <td>{area}</td>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          )),
        )}
      </ListTable>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
