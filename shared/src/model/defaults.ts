import type { z } from 'zod';
import type { flowSchema, partnerSchema, stepSchema } from './entities.js';

/** Defaults for optional fields (rule SH-J3). */
export const DEFAULTS = {
  partner: { color: '#6e7781', description: '' },
  step: { kind: 'activity', description: '', contact: '' },
  flow: { label: '', kind: 'document', status: 'ok', note: '' },
  meta: { description: '' },
} as const;

/**
 * The stored fields of an entity from a file record or an op's input, optional fields filled
 * with their defaults (rule SH-J3). Ids, positions and lane order are the caller's.
 */
export const partnerValues = (p: Omit<z.output<typeof partnerSchema>, 'id'>) => ({
  name: p.name,
  color: p.color ?? DEFAULTS.partner.color,
  description: p.description ?? DEFAULTS.partner.description,
});

export const stepValues = (s: Omit<z.output<typeof stepSchema>, 'id' | 'x' | 'y'>) => ({
  partner: s.partner,
  label: s.label,
  kind: s.kind ?? DEFAULTS.step.kind,
  description: s.description ?? DEFAULTS.step.description,
  contact: s.contact ?? DEFAULTS.step.contact,
});

export const flowValues = (f: Omit<z.output<typeof flowSchema>, 'id'>) => ({
  from: f.from,
  to: f.to,
  label: f.label ?? DEFAULTS.flow.label,
  kind: f.kind ?? DEFAULTS.flow.kind,
  status: f.status ?? DEFAULTS.flow.status,
  note: f.note ?? DEFAULTS.flow.note,
});
