// The admin pages' lists: a dense table named by its heading, scrolling sideways on a narrow
// screen rather than squeezing. Row headers and cells are the caller's.
import type { ReactNode } from 'react';

export function ListTable({
  labelledBy,
  columns,
  actions = false,
  children,
}: {
  labelledBy: string;
  columns: string[];
  actions?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="dense" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
