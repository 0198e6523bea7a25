import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

/**
 * The layer of every top-level folder of src/ (CL-Y1): a file imports only from its own
 * folder or from a folder of a strictly lower rank. `.` stands for the files directly in
 * src/ (the entry point, main.tsx).
 */
const LAYERS: Readonly<Record<string, number>> = {
  '.': 9,
  app: 8,
  browse: 7,
  home: 6,
  share: 6,
  export: 6,
  toolbar: 6,
  panels: 6,
  canvas: 6,
  presence: 5,
  history: 5,
  commands: 4,
  session: 3,
  ui: 2,
  routing: 1,
  store: 1,
  i18n: 1,
  api: 1,
  templates: 1,
  host: 0,
};

/** The edit ops of `@ketenkaart/shared`: only src/commands/ may call them (CL-Y2). */
const EDIT_OPS: ReadonlySet<string> = new Set([
  'addPartner',
  'updatePartner',
  'removePartner',
  'reorderPartners',
  'movePartner',
  'addStep',
  'updateStep',
  'moveSteps',
  'moveStepToPartner',
  'removeSteps',
  'removeStepsIn',
  'connect',
  'updateFlow',
  'disconnect',
  'updateMeta',
  'applyMapFile',
  'importJson',
  'applyLayout',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The top-level folder of a path inside src/, or `.` for a file directly in src/. */
function folderOf(path: string): string {
  const parts = relative(SRC, path).split(/[\\/]/);
  return parts.length > 1 ? (parts[0] ?? '.') : '.';
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function specifiers(text: string): string[] {
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? '');
}

const files = sources(SRC).map((path) => ({
  path,
  name: relative(SRC, path),
  folder: folderOf(path),
  text: readFileSync(path, 'utf8'),
}));

describe('layers', () => {
  it('[CL-Y1] every folder of src/ has a layer, and every layer names a folder', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((f) => LAYERS[f] === undefined)).toEqual([]);
    expect(Object.keys(LAYERS).filter((f) => f !== '.' && !folders.includes(f))).toEqual([]);
  });

  it('[CL-Y1] a folder imports only from itself and from folders of a lower layer', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(file.text)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file.path), spec);
        if (relative(SRC, target).startsWith('..')) {
          wrong.push(`${file.name} imports ${spec}, outside src/`);
          continue;
        }
        const to = folderOf(target);
        if (to === file.folder) continue;
        const from = LAYERS[file.folder] ?? Number.NaN;
        const toRank = LAYERS[to] ?? Number.NaN;
        if (!(toRank < from)) wrong.push(`${file.name} (${file.folder}, ${from}) imports ${spec} (${to}, ${toRank})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('[CL-B1] browse mode edits nothing: src/browse/ imports nothing from src/commands/', () => {
    const wrong = files
      .filter((f) => f.folder === 'browse')
      .flatMap((f) =>
        specifiers(f.text)
          .filter((spec) => spec.startsWith('.') && folderOf(resolve(dirname(f.path), spec)) === 'commands')
          .map((spec) => `${f.name} imports ${spec}`),
      );
    expect(wrong).toEqual([]);
    expect(files.some((f) => f.folder === 'browse')).toBe(true);
  });

  it('[CL-Y2] only src/commands/ calls doc.transact or an edit op of @ketenkaart/shared', () => {
    const wrong: string[] = [];
    for (const file of files) {
      if (file.folder === 'commands') continue;
      if (/\.transact\(/.test(file.text)) wrong.push(`${file.name} calls transact`);
      for (const m of file.text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]@ketenkaart\/shared['"]/g)) {
        const names = (m[1] ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => !s.startsWith('type '))
          .map((s) => s.split(/\s+as\s+/)[0] ?? '');
        for (const name of names) if (EDIT_OPS.has(name)) wrong.push(`${file.name} imports ${name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
