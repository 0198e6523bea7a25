/** Drawing and editing flows: forwarded to the edit kit, loaded for editors only (rule CL-Z2). */
import { kit } from './editKit';
import type * as Edit from './edit/flows';

export const connectSteps: typeof Edit.connectSteps = (...a) => kit().flows.connectSteps(...a);
export const editFlow: typeof Edit.editFlow = (...a) => kit().flows.editFlow(...a);
