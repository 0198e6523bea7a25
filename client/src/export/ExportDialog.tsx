import type { MapSnapshot } from '@ketenkaart/shared';
import { PNG_LIMITS, renderMap, WORDS } from '@ketenkaart/shared/render';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { useUi } from '../store/uiStore';
import { Modal } from '../ui/Modal';
import { ExportOptions } from './ExportOptions';
import { ExportPreview } from './ExportPreview';
import {
  DEFAULT_SETTINGS,
  describe,
  fileName,
  renderOptions,
  selectedSteps,
  type ExportSettings,
  type HighlightTarget,
} from './exportSettings';
import { download } from '../ui/download';
import { makeExport } from './makeExport';

type Progress =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly name: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * The export dialog (rules CL-X1 to CL-X3): format and its options, a preview drawn by the
 * shared renderer, and the download, made in this browser. Loaded only when first opened.
 */
export default function ExportDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const selected = useUi((s) => s.selected);
  const close = (): void => useUi.getState().openDialog(null);
  // Opened as a "U bent hier" poster (CL-B9): that target for as long as the dialog is open.
  const [target] = useState(() => useUi.getState().posterTarget);
  const [settings, setSettings] = useState<ExportSettings>(() => ({ ...DEFAULT_SETTINGS, highlight: target !== null }));
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  // The date of the title block: the day the dialog opened (UTC), the same for preview and file.
  const [date] = useState(() => new Date());
  const steps = useMemo(() => selectedSteps(map, selected), [map, selected]);
  const selectionOnly = settings.selectionOnly && steps.length > 0;
  const drawing = useMemo(
    () => renderMap(map, renderOptions({ ...settings, selectionOnly }, steps, date, target)),
    [map, settings, selectionOnly, steps, date, target],
  );
  const marked = targetName(map, target);
  const highlightOn = settings.highlight && marked !== null && settings.format !== 'json';
  const facts = describe(settings, drawing);
  const refused = facts.png && !facts.png.ok ? facts.png : null;
  const busy = progress.kind === 'busy';

  const start = async (): Promise<void> => {
    const name = fileName(map.meta.title, settings.format);
    setProgress({ kind: 'busy' });
    try {
      const blob = await makeExport({
        doc: session.doc,
        title: map.meta.title,
        drawing,
        settings,
        selection: selectionOnly ? steps : null,
        ...(facts.png ? { png: facts.png } : {}),
      });
      download(blob, name);
      if (live.current) setProgress({ kind: 'done', name });
    } catch (e) {
      if (live.current) setProgress({ kind: 'failed', reason: e instanceof Error ? e.message : String(e) });
    }
  };

  const largest =
    refused && refused.largest > 0
      ? refused.unit === 'scale'
        ? `${refused.largest}x`
        : `${refused.largest} dpi`
      : null;
  return (
    <Modal title={t('export.title')} onClose={close} testId="export-dialog">
      <div className="kk-export">
        <ExportOptions
          settings={settings}
          selectionCount={steps.length}
          highlightName={marked}
          onChange={setSettings}
        />
        <ExportPreview
          drawing={drawing}
          settings={settings}
          facts={facts}
          note={highlightOn ? t('export.highlightOn', { mark: WORDS.youAreHere, name: marked }) : null}
        />
      </div>
      {refused && (
        <p role="alert" className="kk-export-error" data-testid="export-too-large">
          {t(largest ? 'export.tooLarge' : 'export.tooLargeNone', {
            width: refused.width,
            height: refused.height,
            maxSide: PNG_LIMITS.maxSide,
            maxMpx: PNG_LIMITS.maxPixels / 1e6,
            largest: largest ?? '',
          })}
        </p>
      )}
      <div className="kk-row kk-export-actions">
        <button
          type="button"
          className="kk-primary"
          data-testid="export-download"
          disabled={busy || refused !== null}
          onClick={() => void start()}
        >
          {t('export.download')}
        </button>
        <button type="button" onClick={close}>
          {t('export.close')}
        </button>
        <span role="status" data-testid="export-status" data-state={progress.kind}>
          {busy && (
            <>
              <progress aria-label={t('export.busy')} /> {t('export.busy')}
            </>
          )}
          {progress.kind === 'done' && t('export.done', { name: progress.name })}
          {progress.kind === 'failed' && t('export.failed', { reason: progress.reason })}
        </span>
      </div>
    </Modal>
  );
}

/** The name of the poster's step or partner as the map has it now; null when there is none (or no more). */
function targetName(map: MapSnapshot, target: HighlightTarget | null): string | null {
  if (!target) return null;
  const found = target.kind === 'step' ? map.stepById.get(target.id) : map.partnerById.get(target.id);
  if (!found) return null;
  return ('label' in found ? found.label : found.name) || '…';
}
