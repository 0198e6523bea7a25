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
};
