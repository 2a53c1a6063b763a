// Tags are the whole school's labels: every staff member reads them and puts them on the tickets
// they work (creating a new one by naming it); renaming, recolouring and deleting one changes every
// department's tickets, so it is for admins.
import { mustBeStaff, mustKeepIn, type Decision, type Viewer } from '../auth/viewer.js';

export const canRead = (viewer: Viewer): Decision => mustBeStaff(viewer);

export const canManage = (viewer: Viewer): Decision =>
  mustKeepIn(viewer, null, {
    notManager: 'Only admins can rename or delete tags.',
    schoolWide: 'Only admins can rename or delete tags.',
    otherDepartment: 'Only admins can rename or delete tags.',
  });
