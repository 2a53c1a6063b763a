// What declaring an incident asks, from the queue (with the selected tickets) or the Incidents page
// (on its own): a title students recognise, a summary, and a category of the owning department,
// since reports in that category are shown the incident.
import { useState } from 'react';
import { Options } from './FilterSelect';
import { formText } from '../lib/forms';

export interface IncidentCategory {
  id: string;
  name: string;
  department: { id: string };
}

/** The department owning a new incident: the one chosen (admins), else the person's own. */
export function incidentDepartment(form: FormData): string | null {
  return formText(form, 'departmentId') || null;
}

export function IncidentFields({
  categories,
  departments,
  defaultDepartmentId,
}: {
  categories: readonly IncidentCategory[];
  /** Offered when the person may declare for more than one department (admins); else their own is used. */
  departments?: ReadonlyArray<{ id: string; name: string }>;
  defaultDepartmentId: string | null;
}) {
  const [departmentId, setDepartmentId] = useState(defaultDepartmentId ?? departments?.[0]?.id ?? '');
  const offered = categories.filter((category) => !departmentId || category.department.id === departmentId);
  return (
    <>
      <label>
        Title students will recognise
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the form opens on request; its first field takes focus as a dialog's would */}
        <input name="title" required maxLength={200} autoFocus />
      </label>
      <label>
        What is happening, and what students can do meanwhile
        <textarea name="summary" required rows={3} maxLength={5000} />
      </label>
      {departments && departments.length > 1 && (
        <label>
          Department that owns it
          <select name="departmentId" value={departmentId} onChange={(event) => setDepartmentId(event.currentTarget.value)}>
            <Options options={departments.map((department) => ({ value: department.id, label: department.name }))} />
          </select>
        </label>
      )}
      <label>
        Category it affects (its reporters see the incident)
        <select name="categoryId" defaultValue="" key={departmentId}>
          <option value="">None</option>
          <Options options={offered.map((category) => ({ value: category.id, label: category.name }))} />
        </select>
      </label>
    </>
  );
}
