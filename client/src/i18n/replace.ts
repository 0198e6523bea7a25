import type { Strings } from './strings';

/** The replace content texts, Dutch first; their own file so that features do not edit one shared list. */
export const replaceNl = {
  title: 'Inhoud vervangen',
  file: 'Bestand',
  open: 'Inhoud vervangen…',
  now: 'Nu op deze kaart: {{partners}}, {{steps}} en {{flows}}. Dat wordt allemaal vervangen door de inhoud van een JSON-bestand (ketenkaart-formaat, versie 1).',
  undoHint:
    'Vervangen is één stap: Ongedaan maken (Ctrl+Z) zet alles terug. De andere deelnemers zien de nieuwe inhoud meteen.',
  choose: 'JSON-bestand kiezen…',
  reading: 'Bestand wordt gecontroleerd…',
  incoming: 'In “{{title}}”: {{partners}}, {{steps}} en {{flows}}.',
  withoutPlaces: 'Het bestand geeft de stappen geen plaats: de kaart wordt na het vervangen opgemaakt.',
  confirm: 'Vervangen',
  applying: 'Bezig met vervangen…',
  failed: 'Vervangen is niet gelukt; er is niets veranderd.',
  layoutTimeout: 'Het opmaken duurde langer dan {{seconds}} seconden en is gestopt; er is niets veranderd.',
  partners_one: '{{count}} ketenpartner',
  partners_other: '{{count}} ketenpartners',
  steps_one: '{{count}} processtap',
  steps_other: '{{count}} processtappen',
  flows_one: '{{count}} stroom',
  flows_other: '{{count}} stromen',
  notJsonFile: 'Dit is geen JSON-bestand: sleep of kies een .json-bestand in het ketenkaart-formaat.',
  viewOnly: 'Deze kaart is alleen te bekijken: met deze link kan er geen bestand in worden geïmporteerd.',
  dropHome: 'Of sleep een .json-bestand op deze pagina.',
} as const;

export const replaceEn: Strings<typeof replaceNl> = {
  title: 'Replace content',
  file: 'File',
  open: 'Replace content…',
  now: 'On this map now: {{partners}}, {{steps}} and {{flows}}. All of it is replaced by the content of a JSON file (ketenkaart format, version 1).',
  undoHint:
    'Replacing is one step: Undo (Ctrl+Z) puts everything back. The other participants see the new content at once.',
  choose: 'Choose a JSON file…',
  reading: 'Checking the file…',
  incoming: 'In “{{title}}”: {{partners}}, {{steps}} and {{flows}}.',
  withoutPlaces: 'The file gives the steps no places: the map is laid out after replacing.',
  confirm: 'Replace',
  applying: 'Replacing…',
  failed: 'Replacing failed; nothing was changed.',
  layoutTimeout: 'Laying out took longer than {{seconds}} seconds and was stopped; nothing was changed.',
  partners_one: '{{count}} partner',
  partners_other: '{{count}} partners',
  steps_one: '{{count}} process step',
  steps_other: '{{count}} process steps',
  flows_one: '{{count}} flow',
  flows_other: '{{count}} flows',
  notJsonFile: 'This is not a JSON file: drop or choose a .json file in the ketenkaart format.',
  viewOnly: 'This map is view only: with this link no file can be imported into it.',
  dropHome: 'Or drop a .json file on this page.',
};
