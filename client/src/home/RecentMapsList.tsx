import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverPath } from '../host/basePath';
import { localPath } from '../routing/route';
import { forgetMap, loadRecent } from '../store/recentMaps';
import { useRecentStatus } from './useRecentStatus';

/** The maps opened before on this device, newest first. */
export function RecentMapsList() {
  const { t, i18n } = useTranslation();
  const [maps, setMaps] = useState(loadRecent);
  const status = useRecentStatus(maps);
  return (
    <section aria-labelledby="kk-recent-title" className="kk-card">
      <h2 id="kk-recent-title">{t('home.recentTitle')}</h2>
      {maps.length === 0 ? (
        <p>{t('home.recentEmpty')}</p>
      ) : (
        <ul className="kk-recent" data-testid="recent-maps">
          {maps.map((m) => (
            <li key={m.id} data-testid="recent-map">
              <strong>{m.title || t('map.untitled')}</strong>
              <span className="kk-muted"> {new Date(m.openedAt).toLocaleString(i18n.language)}</span>
              {status.has(m.id) && (
                <span
                  className="kk-recent-status"
                  data-testid="recent-status"
                  title={t(status.get(m.id) === 'gone' ? 'home.recentGoneHint' : 'home.recentReplacedHint')}
                >
                  {t(status.get(m.id) === 'gone' ? 'home.recentGone' : 'home.recentReplaced')}
                </span>
              )}
              <span className="kk-row">
                {m.editUrl && <a href={serverPath(localPath(m.editUrl))}>{t('home.openEdit')}</a>}
                {m.viewUrl && <a href={serverPath(localPath(m.viewUrl))}>{t('home.openView')}</a>}
                <button
                  type="button"
                  className="kk-link-button"
                  aria-label={t('home.forget', { title: m.title || t('map.untitled') })}
                  onClick={() => {
                    forgetMap(m.id);
                    setMaps(loadRecent());
                  }}
                >
                  {t('home.forgetShort')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
