/**
 * A label as people mean it: accents, case and spacing do not matter ("Loonaangifte",
 * " loonaangifte ", "LOONAANGIFTE" and "Lóónaangifte" are one document; rule SH-Q5).
 */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
