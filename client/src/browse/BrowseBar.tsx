import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { DEPTHS, useBrowse, type Depth, type Show } from './browseStore';

const depthKey = (d: Depth) => (d === 1 ? 'browse.depth1' : d === 2 ? 'browse.depth2' : 'browse.depthAll');
const SHOWS: readonly Show[] = ['map', 'text'];

/**
 * The browse row under the top bar: map or text, the depth of a step's chain, stop highlighting,
 * the "U bent hier" poster of a focused step or partner (rule CL-B9), and for an editor the way
 * back to editing (rule CL-B1).
 */
export function BrowseBar() {
  const { t } = useTranslation();
  const session = useSession();
  // A kept copy of a map the server does not know is read, not edited (CL-O3).
  const { keptCopy } = useConnectionState(session.connection);
  const show = useBrowse((s) => s.show);
  const depth = useBrowse((s) => s.depth);
  const focus = useBrowse((s) => s.focus);
  const setShow = useBrowse((s) => s.setShow);
  const setDepth = useBrowse((s) => s.setDepth);
  const setFocus = useBrowse((s) => s.setFocus);
  const setBrowsing = useUi((s) => s.setBrowsing);
  const openPoster = useUi((s) => s.openPoster);
  // A flow's document has no single place on the map to mark: the poster is of a step or a lane.
  const poster = focus && focus.kind !== 'flow' ? { kind: focus.kind, id: focus.id } : null;
  return (
    <div className="kk-browse-bar" data-testid="browse-bar">
      <div className="kk-segmented" role="group" aria-label={t('browse.show')}>
        {SHOWS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={show === s}
            data-testid={`browse-show-${s}`}
            onClick={() => setShow(s)}
          >
            {s === 'map' ? t('browse.showMap') : t('browse.showText')}
          </button>
        ))}
      </div>
      <div className="kk-segmented" role="group" aria-label={t('browse.depth')}>
        <span className="kk-segmented-label" aria-hidden="true">
          {t('browse.depth')}
        </span>
        {DEPTHS.map((d: Depth) => (
          <button
            key={String(d)}
            type="button"
            aria-pressed={depth === d}
            disabled={focus?.kind !== 'step'}
            data-testid={`browse-depth-${Number.isFinite(d) ? d : 'all'}`}
            onClick={() => setDepth(d)}
          >
            {t(depthKey(d))}
          </button>
        ))}
      </div>
      {focus && (
        <button type="button" data-testid="browse-clear" onClick={() => setFocus(null)}>
          {t('browse.clear')}
        </button>
      )}
      {poster && (
        <button
          type="button"
          data-testid="browse-poster"
          title={t('browse.posterHint')}
          onClick={() => openPoster(poster)}
        >
          {t('browse.poster')}
        </button>
      )}
      {session.editable && !keptCopy && (
        <button
          type="button"
          className="kk-browse-leave"
          data-testid="browse-leave"
          title={t('browse.leaveHint')}
          onClick={() => setBrowsing(false)}
        >
          {t('browse.leave')}
        </button>
      )}
    </div>
  );
}
