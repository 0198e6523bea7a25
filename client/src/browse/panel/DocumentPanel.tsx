import { followDocument, type MapSnapshot } from '@ketenkaart/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowItem } from './FlowItem';

/** "Document volgen" (rule CL-B4): every flow carrying the selected flow's document, in chain order. */
export function DocumentPanel({ map, id }: { readonly map: MapSnapshot; readonly id: string }) {
  const { t } = useTranslation();
  const trail = useMemo(() => followDocument(map, id), [map, id]);
  if (!trail) return null;
  return (
    <div data-testid="browse-document-panel">
      <p className="kk-browse-kicker">{t('browse.document.heading')}</p>
      <h2 data-testid="browse-panel-title">{trail.label || t('browse.noName')}</h2>
      <p className="kk-browse-meta">
        {trail.label ? t('browse.document.count', { count: trail.flows.length }) : t('browse.document.noLabel')}
      </p>
      <ol className="kk-browse-list kk-browse-trail">
        {trail.flows.map((f) => (
          <FlowItem key={f.id} map={map} flow={f} testId="browse-trail-flow" />
        ))}
      </ol>
    </div>
  );
}
