import { koppelvlakken, LIMITS, type MapSnapshot } from '@ketenkaart/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { editMapMeta } from '../commands/mapMeta';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { DraftField } from '../ui/DraftField';
import { Legend } from './Legend';

/** With nothing selected: the map's title, description, counts and legend; for editors, deleting the map (CL-O1). */
export function MapPanel({ map }: { map: MapSnapshot }) {
  return (
    <MapDetails
      title={map.meta.title}
      description={map.meta.description}
      partners={map.partners.filter((p) => !p.unassigned).length}
      steps={map.steps.length}
      flows={map.flows.length}
      koppelvlakken={koppelvlakken(map).length}
    />
  );
}

interface DetailsProps {
  readonly title: string;
  readonly description: string;
  readonly partners: number;
  readonly steps: number;
  readonly flows: number;
  readonly koppelvlakken: number;
}

/** Drawn again only when one of its texts or counts changes, not on every edit of the map (CL-R21). */
const MapDetails = memo(function MapDetails(props: DetailsProps) {
  const { t } = useTranslation();
  const { doc, editable } = useSession();
  const { title, description, partners, steps, flows } = props;
  return (
    <section data-testid="map-panel">
      <h2>{t('panel.map')}</h2>
      <DraftField
        label={t('map.title')}
        value={title}
        testId="map-title-panel"
        readOnly={!editable}
        maxLength={LIMITS.titleChars}
        onCommit={(title) => editMapMeta(doc, { title })}
      />
      <DraftField
        label={t('map.description')}
        value={description}
        multiline
        testId="map-description"
        readOnly={!editable}
        maxLength={LIMITS.descriptionChars}
        onCommit={(description) => editMapMeta(doc, { description })}
      />
      <p className="kk-muted" data-testid="map-counts">
        {t('map.counts', {
          partners,
          steps,
          flows,
          koppelvlakken: props.koppelvlakken,
        })}
      </p>
      <Legend />
      {editable && (
        <p className="kk-delete-map">
          <button
            type="button"
            className="kk-danger"
            data-testid="delete-map"
            onClick={() => useUi.getState().openDialog('deleteMap')}
          >
            {t('admin.deleteMap')}
          </button>
        </p>
      )}
    </section>
  );
});
