/**
 * What only an edit link needs (rule CL-Z2): the edit kit (the commands that change the map,
 * shared's edit ops, zod), the editing toolbar and the side panels with their editors. A view
 * link never loads them. An editor's page waits for all of them before it shows the editor
 * (`SessionPage`), so the parts are there at the first paint, without a flash of empty places.
 */
import type { ComponentType } from 'react';
import { loadEditKit } from '../commands/editKit';

export interface EditorParts {
  readonly Toolbar: ComponentType;
  readonly SidePanel: ComponentType<{ readonly sheet: boolean }>;
}

let loaded: EditorParts | undefined;
let loading: Promise<EditorParts> | undefined;

/** Starts loading the editor's parts (once; a failed load is tried again on the next call). */
export function loadEditorParts(): Promise<EditorParts> {
  loading ??= Promise.all([loadEditKit(), import('../toolbar/Toolbar'), import('../panels/SidePanel')]).then(
    ([, toolbar, panel]) => (loaded = { Toolbar: toolbar.Toolbar, SidePanel: panel.SidePanel }),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The editor's parts once loaded; undefined on a view link. */
export function editorParts(): EditorParts | undefined {
  return loaded;
}
