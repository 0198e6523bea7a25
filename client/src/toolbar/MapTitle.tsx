import { LIMITS } from '@ketenkaart/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { editMapMeta } from '../commands/mapMeta';
import { useSession } from '../session/sessionContext';
import { useCanEdit } from '../session/useCanEdit';
import { useSnapshotValue } from '../session/snapshots/useSnapshot';
import { rememberMap } from '../store/recentMaps';
import { DraftField } from '../ui/DraftField';

/** The map's title, editable in place by editors. */
export function MapTitle() {
  const { t } = useTranslation();
  const session = useSession();
  // The snapshot keeps its meta object while the title and description are unchanged (CL-R21).
  const meta = useSnapshotValue(session.snapshots, (map) => map.meta);
  const canEdit = useCanEdit();
  useEffect(() => {
    if (meta.title) rememberMap({ id: session.id, title: meta.title });
    document.title = `${meta.title || t('map.untitled')} · ${t('app.name')}`;
  }, [meta.title, session.id, t]);
  if (!canEdit) {
    return (
      <h1 className="kk-title" data-testid="map-title" title={meta.title || t('map.untitled')}>
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
      onCommit={(title) => editMapMeta(session.doc, { title })}
    />
  );
}
