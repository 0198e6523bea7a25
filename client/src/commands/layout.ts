/** Laying the map out (rule CL-AL3): forwarded to the edit kit, loaded for editors only (rule CL-Z2). */
import { kit } from './editKit';
import type * as Edit from './edit/layout';

export const layoutMap: typeof Edit.layoutMap = (...a) => kit().layout.layoutMap(...a);
