/** Restoring a version (rule CL-V5): forwarded to the edit kit, loaded for editors only (rule CL-Z2). */
import { kit } from './editKit';
import type * as Edit from './edit/history';

export const restoreVersion: typeof Edit.restoreVersion = (...a) => kit().history.restoreVersion(...a);
