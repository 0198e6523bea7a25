import { LIMITS, updateMeta } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useSession } from '../editor/sessionContext';
import { DraftField } from '../panels/DraftField';
import { useSnapshot } from '../sync/hooks';
import { useEffect } from 'react';
import { rememberMap } from '../home/recentMaps';

/** The map's title, editable in place by editors. */
export function MapTitle() {
  const { t } = useTranslation();
  const session = useSession();
  const { meta } = useSnapshot(session.snapshots);
  useEffect(() => {
    if (meta.title) rememberMap({ id: session.id, title: meta.title });
    document.title = `${meta.title || t('map.untitled')} · ${t('app.name')}`;
  }, [meta.title, session.id, t]);
  if (!session.editable) {
    return (
      <h1 className="kk-title" data-testid="map-title">
        {meta.title || t('map.untitled')}
      </h1>
    );
  }
  return (
    <DraftField
      className="kk-title-input"
      label={t('map.title')}
      hideLabel
      value={meta.title}
      placeholder={t('map.untitled')}
      testId="map-title"
      maxLength={LIMITS.titleChars}
      onCommit={(title) => updateMeta(session.doc, { title })}
    />
  );
}
