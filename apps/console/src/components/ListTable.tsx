// The console's lists: a dense table named by its heading (or a caption), scrolling sideways on a
// narrow screen rather than squeezing. A column given as { hidden } has a header only screen readers
// read (a checkbox or button column), and may hold a control of its own (select all). Row headers
// and cells are the caller's.
import type { ReactNode } from 'react';

type Column = string | { hidden: string; control?: ReactNode };

export function ListTable({
  labelledBy,
  caption,
  className = '',
  columns,
  actions = false,
  children,
}: {
  labelledBy?: string;
  caption?: string;
  className?: string;
  columns: Column[];
  actions?: boolean;
  children: ReactNode;
}) {
  const headers = actions ? [...columns, { hidden: 'Actions' }] : columns;
  return (
    <div className="table-scroll">
      <table className={`dense ${className}`.trim()} aria-labelledby={labelledBy}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {headers.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.hidden} scope="col">
                  <span className="visually-hidden">{column.hidden}</span>
                  {column.control}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
