import { layoutOnImport, type MapFile } from '@ketenkaart/shared';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { countsOf, type ContentCounts, laidOutFile, replaceContent } from '../commands/replace';
import { readMapFile, type FileReading } from '../session/import/readMapFile';
import { LAYOUT_TIME_LIMIT_MS, timedWorkerLayout } from '../session/layout/workerLayout';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { useUi } from '../store/uiStore';
import { Modal } from '../ui/Modal';
import { ProblemList } from '../ui/ProblemList';

type Reading = FileReading | { readonly kind: 'none' } | { readonly kind: 'reading' };
type Applying = 'no' | 'busy' | 'failed' | 'timeout';

/**
 * "Replace this map's content" with a JSON v1 file (rules CL-J1-J5): says what the map holds
 * now and what the file brings, and replaces only when the person confirms; an invalid file
 * lists its problems and changes nothing. Opened from the toolbar (a file is chosen here) or by
 * a file dropped on the editor. A viewer who drops a file is told that this map is view only.
 */
export function ReplaceDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const dropped = useUi((s) => s.replaceFile);
  const map = useSnapshot(session.snapshots);
  // A dropped file is being read from the first render on (the effect below reads it).
  const [reading, setReading] = useState<Reading>(() =>
    dropped && session.editable ? { kind: 'reading' } : { kind: 'none' },
  );
  const [applying, setApplying] = useState<Applying>('no');
  const close = (): void => useUi.getState().openDialog(null);
  const latest = useRef(0);

  /** Reads a file; only the file chosen or dropped last is shown when its reading ends. */
  const startReading = useCallback((file: File): void => {
    const mine = ++latest.current;
    const done = (r: Reading): void => {
      if (mine === latest.current) setReading(r);
    };
    readMapFile(file).then(done, (e: unknown) => {
      console.error('reading the file failed', e);
      done({ kind: 'invalid', problems: [{ path: '$', code: 'notText', message: 'not a text' }] });
    });
  }, []);
  useEffect(() => {
    if (dropped && session.editable) startReading(dropped);
  }, [dropped, session.editable, startReading]);

  const counts = (c: ContentCounts): Record<'partners' | 'steps' | 'flows', string> => ({
    partners: t('replace.partners', { count: c.partners }),
    steps: t('replace.steps', { count: c.steps }),
    flows: t('replace.flows', { count: c.flows }),
  });

  if (!session.editable) {
    return (
      <Modal title={t('replace.title')} onClose={close} testId="replace-dialog">
        <p role="alert" data-testid="replace-refused">
          {t('replace.viewOnly')}
        </p>
        <div className="kk-row kk-end">
          <button type="button" onClick={close}>
            {t('common.close')}
          </button>
        </div>
      </Modal>
    );
  }

  const confirm = async (file: MapFile): Promise<void> => {
    setApplying('busy');
    try {
      replaceContent(session.doc, session.undo, await laidOutFile(file, timedWorkerLayout()));
      useUi.getState().select([]);
      close();
    } catch (e) {
      console.error('replace failed', e);
      setApplying(e instanceof Error && e.name === 'LayoutTimeout' ? 'timeout' : 'failed');
    }
  };
  const onChoose = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setReading({ kind: 'reading' });
    setApplying('no');
    startReading(file);
  };
  const valid = reading.kind === 'valid' ? reading.file : null;

  return (
    <Modal title={t('replace.title')} onClose={close} testId="replace-dialog">
      <div className="kk-replace">
        <p data-testid="replace-now">{t('replace.now', counts(countsOf(map)))}</p>
        <p className="kk-muted">{t('replace.undoHint')}</p>
        <label className="kk-file">
          <span className="kk-file-button">{t('replace.choose')}</span>
          <input
            className="kk-sr-only"
            type="file"
            accept="application/json,.json"
            data-testid="replace-file"
            disabled={applying === 'busy'}
            onChange={onChoose}
          />
        </label>
        {reading.kind === 'reading' && <p role="status">{t('replace.reading')}</p>}
        {reading.kind === 'notJson' && (
          <p role="alert" className="kk-error" data-testid="replace-not-json">
            {t('replace.notJsonFile')}
          </p>
        )}
        {reading.kind === 'invalid' && <ProblemList problems={reading.problems} />}
        {valid && (
          <p data-testid="replace-incoming">
            <strong>{t('replace.incoming', { title: valid.title, ...counts(countsOf(valid)) })}</strong>
            {layoutOnImport(valid) && <> {t('replace.withoutPlaces')}</>}
          </p>
        )}
        {applying === 'busy' && <p role="status">{t('replace.applying')}</p>}
        {(applying === 'failed' || applying === 'timeout') && (
          <p role="alert" className="kk-error">
            {applying === 'timeout'
              ? t('replace.layoutTimeout', { seconds: LAYOUT_TIME_LIMIT_MS / 1000 })
              : t('replace.failed')}
          </p>
        )}
        <div className="kk-row kk-end">
          <button type="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="kk-danger"
            data-testid="replace-confirm"
            disabled={!valid || applying === 'busy'}
            onClick={() => valid && void confirm(valid)}
          >
            {t('replace.confirm')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
