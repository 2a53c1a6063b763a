// Saved views are personal, or shared with a department (auth/personal-or-shared.policy.ts).
import { personalOrSharedPolicy } from '../auth/personal-or-shared.policy.js';

export const { canKeep, canChange, canRead, listWhere } = personalOrSharedPolicy('view');
