/** Editing the map's title and description: forwarded to the edit kit, loaded for editors only (rule CL-Z2). */
import { kit } from './editKit';
import type * as Edit from './edit/mapMeta';

export const editMapMeta: typeof Edit.editMapMeta = (...a) => kit().mapMeta.editMapMeta(...a);
