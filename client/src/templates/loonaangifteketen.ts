import type { MapFile } from '@ketenkaart/shared';

const Y = 38;

/** The loonaangifteketen (payroll-tax chain), simplified from public knowledge: a JSON v1 map. */
export const loonaangifteketen: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Loonaangifteketen',
  description:
    'Van salarisadministratie tot uitkering en statistiek: hoe de loonaangifte van de werkgever via Belastingdienst en UWV bij de afnemers en het CBS komt.',
  partners: [
    { id: 'werkgever', name: 'Werkgever', color: '#0969da', description: 'Doet elke periode loonaangifte.' },
    { id: 'belastingdienst', name: 'Belastingdienst', color: '#1a7f37', description: '' },
    { id: 'uwv', name: 'UWV', color: '#8250df', description: 'Beheert de polisadministratie.' },
    { id: 'cbs', name: 'CBS', color: '#9a6700', description: '' },
    { id: 'afnemers', name: 'Afnemers', color: '#bf3989', description: 'Bijvoorbeeld SVB, gemeenten en DUO.' },
  ],
  steps: [
    { id: 'w1', partner: 'werkgever', label: 'Salarisadministratie bijwerken', kind: 'start', x: 200, y: Y },
    { id: 'w2', partner: 'werkgever', label: 'Loonaangifte opstellen', kind: 'activity', x: 440, y: Y },
    { id: 'b1', partner: 'belastingdienst', label: 'Loonaangifte ontvangen', kind: 'activity', x: 680, y: Y },
    { id: 'b2', partner: 'belastingdienst', label: 'Aangifte controleren', kind: 'decision', x: 920, y: Y },
    { id: 'b3', partner: 'belastingdienst', label: 'Loonheffing innen', kind: 'activity', x: 1160, y: Y },
    { id: 'u1', partner: 'uwv', label: 'Polisadministratie bijwerken', kind: 'register', x: 1160, y: Y },
    { id: 'u2', partner: 'uwv', label: 'Gegevens leveren', kind: 'activity', x: 1400, y: Y },
    { id: 'c1', partner: 'cbs', label: 'Statistiek samenstellen', kind: 'activity', x: 1640, y: Y },
    { id: 'c2', partner: 'cbs', label: 'Publicatie', kind: 'end', x: 1880, y: Y },
    { id: 'a1', partner: 'afnemers', label: 'Uitkering of toeslag vaststellen', kind: 'end', x: 1640, y: Y },
  ],
  flows: [
    { id: 'f1', from: 'w1', to: 'w2', kind: 'sequence' },
    { id: 'f2', from: 'w2', to: 'b1', label: 'Loonaangifte', kind: 'document' },
    { id: 'f3', from: 'b1', to: 'b2', kind: 'sequence' },
    {
      id: 'f4',
      from: 'b2',
      to: 'w2',
      label: 'Herstelverzoek',
      kind: 'document',
      note: 'Als de aangifte niet correct is.',
    },
    {
      id: 'f5',
      from: 'b2',
      to: 'u1',
      label: 'Gegevens inkomstenverhouding',
      kind: 'information',
      status: 'attention',
      note: 'Hier ontstaan in workshops de meeste vragen.',
    },
    { id: 'f6', from: 'b2', to: 'b3', kind: 'sequence' },
    { id: 'f7', from: 'u1', to: 'u2', kind: 'sequence' },
    { id: 'f8', from: 'u2', to: 'a1', label: 'Polisgegevens', kind: 'information' },
    { id: 'f9', from: 'u2', to: 'c1', label: 'Microdata', kind: 'information' },
    { id: 'f10', from: 'c1', to: 'c2', kind: 'sequence' },
  ],
};
