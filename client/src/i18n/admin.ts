import type { Strings } from './strings';

/** The administration texts, Dutch first; their own file so that features do not edit one shared list. */
export const adminNl = {
  title: 'Beheer',
  deleteMap: 'Kaart verwijderen',
  deleteTitle: 'Deze kaart verwijderen?',
  deleteText:
    'De kaart wordt voor iedereen definitief verwijderd, met alle partners, stappen, stromen en contactgegevens. De bewerklink en de kijklink werken daarna niet meer; wie de kaart nu open heeft, ziet dat ze verwijderd is.',
  deleteIrreversible: 'Dit kan niet ongedaan worden gemaakt.',
  deleteConfirm: 'Definitief verwijderen',
  deleting: 'Bezig met verwijderen…',
  deleteFailed: 'De kaart kon niet worden verwijderd. Probeer het later opnieuw.',
  deleteDenied: 'Deze link mag de kaart niet (meer) verwijderen. Alleen een geldige bewerklink kan dat.',
  deleted: 'De kaart is verwijderd.',
  deletedElsewhere: 'Deze kaart is verwijderd. De links werken niet meer.',
  copyDropped: 'De kopie op dit apparaat is gewist.',
  keptCopy: 'De server heeft deze kaart niet (meer). De kopie op dit apparaat blijft bewaard.',
  keptCopyHelp:
    'Er wordt niets verstuurd. Sla de kopie op als nieuwe kaart met nieuwe links, of wis haar als u haar niet meer nodig hebt.',
  saveAsNew: 'Als nieuwe kaart opslaan',
  savingAsNew: 'Bezig met opslaan…',
  saveAsNewFailed:
    'De kopie kon niet als nieuwe kaart worden opgeslagen. Ze blijft op dit apparaat bewaard; probeer het later opnieuw.',
  wipeCopy: 'Kopie op dit apparaat wissen',
  wipeTitle: 'De kopie op dit apparaat wissen?',
  wipeText:
    'De server heeft deze kaart niet, dus deze kopie is misschien de enige. Na het wissen is de kaart ook van dit apparaat verdwenen.',
  wipeConfirm: 'Kopie wissen',
} as const;

export const adminEn: Strings<typeof adminNl> = {
  title: 'Administration',
  deleteMap: 'Delete map',
  deleteTitle: 'Delete this map?',
  deleteText:
    'The map is deleted for everyone, for good, with all its partners, steps, flows and contact details. The edit link and the view link stop working; whoever has the map open now sees that it was deleted.',
  deleteIrreversible: 'This cannot be undone.',
  deleteConfirm: 'Delete for good',
  deleting: 'Deleting…',
  deleteFailed: 'The map could not be deleted. Try again later.',
  deleteDenied: 'This link may not (or no longer) delete the map. Only a valid edit link can.',
  deleted: 'The map was deleted.',
  deletedElsewhere: 'This map was deleted. Its links no longer work.',
  copyDropped: 'The copy on this device has been removed.',
  keptCopy: 'The server does not have this map (any more). The copy on this device is kept.',
  keptCopyHelp: 'Nothing is sent. Save the copy as a new map with new links, or remove it if you no longer need it.',
  saveAsNew: 'Save as new map',
  savingAsNew: 'Saving…',
  saveAsNewFailed: 'The copy could not be saved as a new map. It stays on this device; try again later.',
  wipeCopy: 'Remove the copy from this device',
  wipeTitle: 'Remove the copy from this device?',
  wipeText:
    'The server does not have this map, so this copy may be the only one. Once removed, the map is gone from this device too.',
  wipeConfirm: 'Remove copy',
};
