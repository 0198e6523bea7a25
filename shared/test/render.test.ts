import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { jsPDF } from 'jspdf';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  applyMapFile,
  flowLabelSize,
  FLOW_LABEL_MAX_WIDTH,
  GEOMETRY,
  measureText,
  parseMapFile,
  readMap,
  stepBox,
  wrapLabel,
  type MapFile,
  type MapSnapshot,
} from '../src/index.js';
import {
  PNG_LIMITS,
  pngSize,
  renderMap,
  SUBSTITUTE,
  substitute,
  tileGrid,
  toPdf,
  toSvg,
  type CreatePdf,
  type Drawing,
  type TextPrimitive,
} from '../src/render/index.js';
import { fixtureDoc } from './helpers.js';

const DATE = new Date('2026-11-30T09:00:00Z');

function mapOf(file: MapFile): MapSnapshot {
  const doc = new Y.Doc();
  applyMapFile(doc, parseMapFile(JSON.stringify(file)));
  return readMap(doc);
}

/** Every text drawn, with the role of its group. */
const texts = (d: Drawing): (TextPrimitive & { role: string; id?: string | undefined })[] =>
  d.groups.flatMap((g) =>
    g.items.filter((p): p is TextPrimitive => p.type === 'text').map((p) => ({ ...p, role: g.role, id: g.id })),
  );

/** The SVG parsed, and every <text>'s content. */
function parseSvg(svg: string): { doc: unknown; texts: string[]; titles: string[] } {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, trimValues: false });
  const doc: unknown = parser.parse(svg);
  const found: string[] = [];
  const titles: string[] = [];
  const walk = (node: unknown, inText: boolean, inTitle: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inText, inTitle));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '#text') {
        if (inTitle) titles.push(String(value));
        else if (inText) found.push(String(value));
      } else if (key !== ':@') walk(value, inText || key === 'text', key === 'title');
    }
  };
  walk(doc, false, false);
  return { doc, texts: found, titles };
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const HOSTILE: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Kaart <b>"vet"</b> & \'zo\'',
  partners: [
    { id: 'p1', name: '<script>alert(1)</script>', color: '#0969da' },
    { id: 'p2', name: 'Ĳsselmeer één € 5', color: '#1a7f37' },
  ],
  steps: [
    {
      id: 's1',
      partner: 'p1',
      label: 'Aanvraag <img src=x onerror="alert(1)"> indienen',
      kind: 'start',
      x: 240,
      y: 38,
    },
    { id: 's2', partner: 'p2', label: 'Controle 📄👨‍👩‍👧 申请 ✅', kind: 'decision', x: 520, y: 38 },
    { id: 's3', partner: 'p2', label: `Loon${'heffingskorting'.repeat(5)}berekening`, kind: 'activity', x: 800, y: 38 },
    { id: 's4', partner: 'p1', label: '', kind: 'end', x: 1080, y: 38 },
  ],
  flows: [
    { id: 'f1', from: 's1', to: 's2', label: 'a < b && "c" \'d\'', kind: 'document', status: 'problem' },
    { id: 'f2', from: 's2', to: 's3', label: '€ 1.000,– 🚀', kind: 'information', status: 'attention' },
    { id: 'f3', from: 's3', to: 's4', label: '</text><foreignObject>', kind: 'sequence', status: 'ok' },
  ],
};

describe('the renderer', () => {
  it('[SH-X1] draws every lane name, step label line and flow label of the template, with the title block', () => {
    const map = readMap(fixtureDoc());
    const d = renderMap(map, { date: DATE, snapshotName: 'Na de workshop' });
    const all = texts(d);
    const of = (role: string, id: string): string[] =>
      all.filter((t) => t.role === role && t.id === id).map((t) => t.text);
    for (const p of map.partners) expect(of('lane', p.id).join(' ')).toBe(p.name);
    for (const s of map.steps) expect(of('step', s.id)).toEqual(stepBox(s).lines);
    for (const f of map.flows) {
      const drawn = of('flow-label', f.id).filter((t) => t !== '!');
      if (!f.label) continue;
      const full = measureText(f.label, GEOMETRY.flowLabelFontSize, 'bold') + 34 <= FLOW_LABEL_MAX_WIDTH;
      if (full) expect(drawn).toEqual([f.label]);
      else expect(f.label.startsWith((drawn[0] ?? '').replace(/\u2026$/, ''))).toBe(true);
    }
    const title = all.filter((t) => t.role === 'title').map((t) => t.text);
    expect(title).toEqual([map.meta.title, '30 november 2026 \u00b7 Momentopname: Na de workshop']);
    // Every flow has its line and arrowhead.
    for (const f of map.flows) expect(d.groups.find((g) => g.role === 'flow' && g.id === f.id)?.items).toHaveLength(2);
  });

  it('[SH-X1] flows are routed as the canvas routes them: they leave the source on the right and enter the target on the left', () => {
    const map = readMap(fixtureDoc());
    const d = renderMap(map, { mapOnly: true });
    const box = (id: string) => {
      const g = d.groups.find((x) => x.role === 'step' && x.id === id);
      const xs = g!.items.flatMap((p) => (p.type === 'path' ? p.d.flatMap((s) => ('x' in s ? [s.x] : [])) : []));
      return { left: Math.min(...xs), right: Math.max(...xs) };
    };
    for (const f of map.flows) {
      const line = d.groups.find((g) => g.role === 'flow' && g.id === f.id)!.items[1]!;
      expect(line.type).toBe('path');
      const tip = line.type === 'path' ? line.d[0] : undefined;
      const x = tip && 'x' in tip ? tip.x : NaN;
      expect(x).toBeGreaterThanOrEqual(box(f.to).left - 2);
      expect(x).toBeLessThanOrEqual(box(f.to).left);
    }
  });

  it('[SH-X1] the drawing does not depend on anything but the snapshot and options', () => {
    const a = toSvg(renderMap(readMap(fixtureDoc()), { date: DATE }));
    const b = toSvg(renderMap(readMap(fixtureDoc()), { date: DATE }));
    expect(a).toBe(b);
  });

  it('[SH-X2] selection only: the selected steps, the flows between them, their lanes; nothing else', () => {
    const map = readMap(fixtureDoc());
    const chosen = map.steps.slice(0, 3).map((s) => s.id);
    const d = renderMap(map, { selection: [...chosen, 'no-such-step'] });
    const steps = d.groups.filter((g) => g.role === 'step').map((g) => g.id);
    expect(steps.sort()).toEqual([...chosen].sort());
    const flows = d.groups.filter((g) => g.role === 'flow').map((g) => g.id);
    expect(flows.sort()).toEqual(
      map.flows
        .filter((f) => chosen.includes(f.from) && chosen.includes(f.to))
        .map((f) => f.id)
        .sort(),
    );
    const lanes = d.groups.filter((g) => g.role === 'lane').map((g) => g.id);
    expect(lanes.sort()).toEqual([...new Set(map.steps.slice(0, 3).map((s) => s.partner))].sort());
  });

  it('[SH-X2] highlight marks one step or one lane with its label, and the legend names it', () => {
    const map = readMap(fixtureDoc());
    const step = map.steps[2]!;
    const d = renderMap(map, { highlight: { stepId: step.id, label: 'U bent hier' } });
    const h = d.groups.find((g) => g.role === 'highlight');
    expect(h?.id).toBe(step.id);
    expect(
      texts(d)
        .filter((t) => t.role === 'highlight')
        .map((t) => t.text),
    ).toEqual(['U bent hier']);
    expect(texts(d).some((t) => t.role === 'legend' && t.text === 'U bent hier')).toBe(true);
    const lane = renderMap(map, { highlight: { partnerId: map.partners[1]!.id, label: 'Uw organisatie' } });
    expect(lane.groups.find((g) => g.role === 'highlight')?.id).toBe(map.partners[1]!.id);
    // An unknown id highlights nothing and the legend does not mention it.
    const none = renderMap(map, { highlight: { stepId: 'nope', label: 'U bent hier' } });
    expect(texts(none).some((t) => t.text === 'U bent hier')).toBe(false);
  });

  it('[SH-X3] the legend lists only what the map uses', () => {
    const map = mapOf({
      format: 'ketenkaart',
      version: 1,
      title: 'Klein',
      partners: [{ id: 'a', name: 'Gemeente', color: '#0969da' }],
      steps: [
        { id: 's1', partner: 'a', label: 'Een', kind: 'activity', x: 240, y: 38 },
        { id: 's2', partner: 'a', label: 'Twee', kind: 'activity', x: 520, y: 38 },
      ],
      flows: [{ id: 'f1', from: 's1', to: 's2', label: 'brief' }],
    });
    const legend = texts(renderMap(map))
      .filter((t) => t.role === 'legend')
      .map((t) => t.text);
    expect(legend).toEqual(['Legenda', 'Processtap', 'Documentstroom', 'Gemeente']);
  });
});

describe('the SVG', () => {
  it('[SH-X5] parses as XML, embeds the font, has no script, event handler or foreignObject', () => {
    const svg = toSvg(renderMap(mapOf(HOSTILE), { date: DATE }));
    parseSvg(svg);
    expect(svg).toMatch(
      /@font-face\{font-family:'Ketenkaart Inter';font-weight:400;src:url\(data:font\/ttf;base64,AAEAAA/,
    );
    expect(svg).toMatch(/font-weight:700/);
    expect(svg).not.toMatch(/<script|<foreignObject|<img|\son[a-z]+\s*=|javascript:|<iframe/i);
    expect(svg).not.toMatch(/href=/);
  });

  it('[SH-X4, SH-X5] labels with markup, quotes, accents, €, emoji, CJK and very long words come out escaped and wrapped', () => {
    const map = mapOf(HOSTILE);
    const d = renderMap(map);
    const { texts: shown, titles } = parseSvg(toSvg(d));
    const drawn = shown.map(unescape);
    // Markup is text: the whole label survives, as characters.
    expect(drawn).toContain('<script>alert(1)</script>');
    expect(drawn.join(' ')).toContain('Aanvraag <img src=x');
    expect(drawn).toContain('a < b && "c" \'d\'');
    expect(drawn).toContain('</text><foreignObject>');
    // Accents and € are in the font; emoji and CJK are drawn as the substitute, one mark per emoji,
    // the original kept as the text's title, and the legend says what the mark means.
    expect(drawn).toContain('Ĳsselmeer één € 5');
    expect(drawn.join(' ')).toContain(`Controle ${SUBSTITUTE}${SUBSTITUTE} ${SUBSTITUTE}${SUBSTITUTE} ${SUBSTITUTE}`);
    expect(titles.map(unescape)).toContain('€ 1.000,– 🚀');
    // A label cut short keeps its whole text as the title of its last line.
    const longLabel = 'Een heel lange naam van een processtap '.repeat(4).trim();
    const cut = parseSvg(
      toSvg(renderMap(mapOf({ ...HOSTILE, steps: [{ ...HOSTILE.steps[0]!, label: longLabel }], flows: [] }))),
    );
    expect(cut.texts.map(unescape).some((t) => t.endsWith('\u2026'))).toBe(true);
    expect(cut.titles.map(unescape)).toContain(longLabel);
    expect(d.substituted).toBe(true);
    expect(drawn.some((t) => t.startsWith(`${SUBSTITUTE} = `))).toBe(true);
    // The very long word is broken over lines, each within the box.
    const long = map.stepById.get('s3')!;
    const box = stepBox(long);
    expect(box.lines.length).toBeGreaterThan(1);
    for (const line of box.lines) {
      expect(drawn).toContain(line);
      expect(measureText(line, GEOMETRY.labelFontSize)).toBeLessThanOrEqual(box.width);
    }
  });

  it('[SH-X5] seeded random labels of markup, quotes, controls, surrogates and emoji always give valid XML with every line', () => {
    const seed = Number(process.env.RENDER_SEED ?? 20261130);
    const gen = prng.create(seed);
    const pieces = [
      '<',
      '>',
      '&',
      '"',
      "'",
      ']]>',
      '<!--',
      '\u0000',
      '\u0007',
      '\ud800',
      '\udfff',
      '\ufffe',
      '😀',
      '👩‍💻',
      '申',
      'é',
      '€',
      ' ',
      'aa',
      'Loonaangifte',
    ];
    const text = (): string => Array.from({ length: prng.uint32(gen, 1, 12) }, () => prng.oneOf(gen, pieces)).join('');
    let drawn = 0;
    for (let round = 0; round < 20; round++) {
      const file: MapFile = {
        format: 'ketenkaart',
        version: 1,
        title: text(),
        partners: [{ id: 'p', name: text(), color: '#0969da' }],
        steps: [
          { id: 'a', partner: 'p', label: text(), kind: 'activity', x: 240, y: 38 },
          { id: 'b', partner: 'p', label: text(), kind: 'decision', x: 600, y: 38 },
        ],
        flows: [{ id: 'f', from: 'a', to: 'b', label: text(), status: 'problem' }],
      };
      let map: MapSnapshot;
      try {
        map = mapOf(file);
      } catch {
        continue; // a label the format refuses (a control character) is not a map
      }
      const d = renderMap(map, { date: DATE });
      const svg = toSvg(d);
      const parsed = parseSvg(svg);
      const expected = texts(d).map((t) =>
        t.text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd'),
      );
      expect(parsed.texts.map(unescape), `seed ${seed} round ${round}`).toEqual(expected);
      expect(svg, `seed ${seed} round ${round}`).not.toMatch(/<script|<foreignObject|<!--/);
      drawn++;
    }
    expect(drawn).toBeGreaterThan(10);
  });

  it('[SH-X4] substitute: every character the font lacks becomes one visible mark; nothing is dropped silently', () => {
    expect(substitute('Café € 5')).toEqual({ text: 'Café € 5', substituted: false });
    expect(substitute('👨‍👩‍👧 ok').text).toBe(`${SUBSTITUTE} ok`);
    expect(substitute('🇳🇱').text).toBe(SUBSTITUTE);
    expect(substitute('申请').text).toBe(`${SUBSTITUTE}${SUBSTITUTE}`);
    expect(substitute('a\u0007b').text).toBe('a b');
    expect(substitute('\ud800x').text).toBe(`${SUBSTITUTE}x`);
  });

  it('[SH-X5] page placement fits the drawing inside the margins, centred', () => {
    const d = renderMap(readMap(fixtureDoc()));
    const svg = toSvg(d, { page: { width: 1000, height: 1000, margin: 50 } });
    const m = /translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)/.exec(svg)!;
    const [x, y, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
    expect(d.width * s).toBeCloseTo(900, 0);
    expect(x).toBeCloseTo(50, 0);
    expect(y).toBeCloseTo((1000 - d.height * s) / 2, 0);
  });
});

describe('PNG sizes', () => {
  it('[SH-X6] a size within the limits is exact; past them it is refused with the largest possible', () => {
    const d = { width: 2000, height: 1000 };
    expect(pngSize(d, { scale: 2 })).toEqual({ ok: true, width: 4000, height: 2000 });
    const big = { width: 10_000, height: 5_000 };
    const refused = pngSize(big, { scale: 4 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.largest).toBeGreaterThan(1);
    expect(refused.message).toContain(`largest possible is ${refused.largest}x`);
    const largest = pngSize(big, { scale: refused.largest });
    expect(largest.ok).toBe(true);
    expect(pngSize(big, { scale: refused.largest + 0.01 }).ok).toBe(false);
    if (largest.ok) expect(largest.width * largest.height).toBeLessThanOrEqual(PNG_LIMITS.maxPixels);
    // A0 at 300 dpi is 139.5 Mpx and fits; at 600 dpi it does not.
    expect(pngSize(d, { paper: 'A0', orientation: 'landscape', dpi: 300 }).ok).toBe(true);
    const a0 = pngSize(d, { paper: 'A0', orientation: 'landscape', dpi: 600 });
    expect(a0.ok).toBe(false);
    if (!a0.ok) expect(a0.message).toContain(`${a0.largest} dpi`);
    // A drawing too big for even 1x says so.
    const huge = pngSize({ width: 40_000, height: 100 }, { scale: 1 });
    expect(huge.ok === false && huge.largest === 0 && /even at the smallest/.test(huge.message)).toBe(true);
  });
});

describe('the PDF', () => {
  const create: CreatePdf = (o) => new jsPDF(o);
  it('[SH-X7] a poster is one page of the paper size in points, with the font embedded', () => {
    const bytes = toPdf(renderMap(readMap(fixtureDoc())), { size: 'A0', orientation: 'landscape' }, create);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toMatch(/\/MediaBox \[0 0 3370\.39\d* 2383\.93\d*\]/);
    expect(text).toMatch(/\/FontFile2/);
    expect(text).not.toMatch(/Helvetica/);
  });

  it('[SH-X7] a tiled poster is cut over sheets with overlap: every part of the poster is on a sheet', () => {
    const grid = tileGrid({ size: 'A0', orientation: 'landscape', tiles: { sheet: 'A4' } })!;
    expect(grid.sheet.widthPt).toBeCloseTo(841.89, 1);
    // A0 landscape is 1189 mm wide: A4 landscape sheets show 277 mm each, 10 mm shared.
    expect(grid.cols).toBe(Math.ceil((1189 - 10) / (277 - 10)));
    expect(grid.rows).toBe(Math.ceil((841 - 10) / (190 - 10)));
    const bytes = toPdf(
      renderMap(readMap(fixtureDoc())),
      { size: 'A2', orientation: 'landscape', tiles: { sheet: 'A4' } },
      create,
    );
    const text = new TextDecoder('latin1').decode(bytes);
    const a2 = tileGrid({ size: 'A2', orientation: 'landscape', tiles: { sheet: 'A4' } })!;
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(a2.cols * a2.rows);
  });
});

describe('labels cut short in the PDF', () => {
  /** jsPDF, recording every text it is asked to write with the font size and rendering mode. */
  function recordingPdf(): { create: CreatePdf; written: { text: string; x: number; size: number; mode: string }[] } {
    const written: { text: string; x: number; size: number; mode: string }[] = [];
    const create: CreatePdf = (o) => {
      const doc = new jsPDF(o);
      const text = doc.text.bind(doc);
      Object.assign(doc, {
        text: (t: string, x: number, y: number, options: { renderingMode?: string }) => {
          written.push({ text: t, x, size: doc.getFontSize(), mode: options.renderingMode ?? 'fill' });
          return text(t, x, y, options as never);
        },
      });
      return doc;
    };
    return { create, written };
  }

  it('[SH-X8] a step or flow label cut short is whole in the PDF, as invisible text as wide as its drawn line', () => {
    const stepLabel = 'Een heel lange naam van een processtap '.repeat(4).trim();
    const flowLabel = 'Een gegevensstroom met een naam die veel te lang is voor een label op de lijn 🚀';
    const file: MapFile = {
      ...HOSTILE,
      steps: [
        { ...HOSTILE.steps[0]!, label: stepLabel },
        { ...HOSTILE.steps[1]!, label: 'Kort' },
      ],
      flows: [{ ...HOSTILE.flows[0]!, label: flowLabel }],
    };
    const drawing = renderMap(mapOf(file));
    const cut = texts(drawing).filter((t) => t.whole !== undefined);
    // One line of each label ends cut short; its whole label is kept, as the font draws it.
    expect(cut.map((t) => t.whole)).toEqual([stepLabel, flowLabel.replace('🚀', SUBSTITUTE)]);
    for (const t of cut) expect(t.text.endsWith('\u2026')).toBe(true);

    const { create, written } = recordingPdf();
    toPdf(drawing, { size: 'A3', orientation: 'landscape' }, create);
    const invisible = written.filter((w) => w.mode === 'invisible');
    expect(invisible.map((w) => w.text)).toEqual(cut.map((t) => t.whole));
    // Each is written right after its drawn line, at the same place, sized to span that line.
    for (const whole of invisible) {
      const i = written.indexOf(whole);
      const line = written[i - 1]!;
      expect(line.mode).toBe('fill');
      expect(whole.x).toBe(line.x);
      const t = cut.find((c) => c.whole === whole.text)!;
      const weight = t.weight === 'bold' ? 'bold' : 'regular';
      const drawnWidth = measureText(t.text, line.size, weight);
      expect(measureText(whole.text, whole.size, weight)).toBeCloseTo(drawnWidth, 0);
    }
    // Labels drawn whole get no second copy.
    expect(written.filter((w) => w.text === 'Kort')).toHaveLength(1);
  });
});

describe('flow labels', () => {
  it('[SH-R2] a flow label is as wide as its text plus padding and marker, at most 240 px', () => {
    expect(flowLabelSize({ label: '', status: 'ok' })).toBeNull();
    expect(flowLabelSize({ label: '', status: 'problem' })).toEqual({ width: 34, height: 20 });
    expect(flowLabelSize({ label: 'x'.repeat(200), status: 'ok' })!.width).toBe(240);
    expect(wrapLabel('x'.repeat(200), 13, 226, 1).truncated).toBe(true);
  });
});
