/** Adding, editing, moving and removing partner lanes: forwarded to the edit kit, loaded for editors only (rule CL-Z2). */
import { kit } from './editKit';
import type * as Edit from './edit/partners';

export const addLane: typeof Edit.addLane = (...a) => kit().partners.addLane(...a);
export const renamePartner: typeof Edit.renamePartner = (...a) => kit().partners.renamePartner(...a);
export const editPartner: typeof Edit.editPartner = (...a) => kit().partners.editPartner(...a);
export const moveLane: typeof Edit.moveLane = (...a) => kit().partners.moveLane(...a);
export const removeLane: typeof Edit.removeLane = (...a) => kit().partners.removeLane(...a);
