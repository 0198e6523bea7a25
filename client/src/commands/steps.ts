/** Adding, editing and moving steps: forwarded to the edit kit, loaded for editors only (rule CL-Z2). */
import { kit } from './editKit';
import type * as Edit from './edit/steps';

export const addStepInLane: typeof Edit.addStepInLane = (...a) => kit().steps.addStepInLane(...a);
export const addStepAt: typeof Edit.addStepAt = (...a) => kit().steps.addStepAt(...a);
export const editStep: typeof Edit.editStep = (...a) => kit().steps.editStep(...a);
export const moveStepToLane: typeof Edit.moveStepToLane = (...a) => kit().steps.moveStepToLane(...a);
export const placeSteps: typeof Edit.placeSteps = (...a) => kit().steps.placeSteps(...a);
