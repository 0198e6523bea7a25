import { partnerFocus, type Flow, type MapSnapshot, type PartnerReach } from '@ketenkaart/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrowse } from '../browseStore';
import { FlowItem } from './FlowItem';
import { StepButton } from './StepButton';

/**
 * Partner focus (rule CL-B4): its steps in chain order, its koppelvlakken in and out with their
 * status, and the partners it depends on and that depend on it.
 */
export function PartnerFocusPanel({ map, id }: { readonly map: MapSnapshot; readonly id: string }) {
  const { t } = useTranslation();
  const focus = useMemo(() => partnerFocus(map, id), [map, id]);
  if (!focus) return null;
  return (
    <div data-testid="browse-partner-panel">
      <p className="kk-browse-kicker">{t('browse.partner.heading')}</p>
      <h2 data-testid="browse-panel-title">{focus.partner.name || t('browse.noName')}</h2>
      {focus.partner.description && <p className="kk-browse-description">{focus.partner.description}</p>}
      <h3>{t('browse.partner.steps')}</h3>
      <ol className="kk-browse-list" data-testid="browse-partner-steps">
        {focus.steps.map((s) => (
          <li key={s.id}>
            <StepButton map={map} id={s.id} />
          </li>
        ))}
      </ol>
      <Flows map={map} title={t('browse.partner.incoming')} flows={focus.incoming} testId="browse-incoming" />
      <Flows map={map} title={t('browse.partner.outgoing')} flows={focus.outgoing} testId="browse-outgoing" />
      <Partners title={t('browse.partner.dependsOn')} list={focus.dependsOn} testId="browse-depends-on" />
      <Partners title={t('browse.partner.dependents')} list={focus.dependents} testId="browse-dependents" />
    </div>
  );
}

function Flows(props: {
  readonly map: MapSnapshot;
  readonly title: string;
  readonly flows: readonly Flow[];
  readonly testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{props.title}</h3>
      {props.flows.length === 0 ? (
        <p className="kk-browse-empty">{t('browse.partner.none')}</p>
      ) : (
        <ul className="kk-browse-list">
          {props.flows.map((f) => (
            <FlowItem key={f.id} map={props.map} flow={f} testId={props.testId} />
          ))}
        </ul>
      )}
    </>
  );
}

function Partners(props: { readonly title: string; readonly list: readonly PartnerReach[]; readonly testId: string }) {
  const { t } = useTranslation();
  const setFocus = useBrowse((s) => s.setFocus);
  return (
    <>
      <h3>{props.title}</h3>
      {props.list.length === 0 ? (
        <p className="kk-browse-empty">{t('browse.partner.none')}</p>
      ) : (
        <ul className="kk-browse-list" data-testid={props.testId}>
          {props.list.map((r) => (
            <li key={r.partner.id}>
              <button
                type="button"
                className="kk-link"
                onClick={() => setFocus({ kind: 'partner', id: r.partner.id }, true)}
              >
                {r.partner.name}
              </button>
              {r.depth > 1 && <small className="kk-browse-depth"> ({t('browse.partner.viaOthers')})</small>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
