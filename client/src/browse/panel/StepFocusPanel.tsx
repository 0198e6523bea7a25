import type { FlowEnd, MapSnapshot } from '@ketenkaart/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Depth } from '../browseStore';
import { cachedStepFocus } from '../focus/litSets';
import { FlowItem } from './FlowItem';
import { ReachList } from './ReachList';
import { StepButton } from './StepButton';

/**
 * "Mijn plek in de keten" for one step (rule CL-B4): before and after (direct and further), the
 * documents received and sent, the koppelvlakken on the lit chain with status and note, and
 * whom to ask, per partner.
 */
export function StepFocusPanel({
  map,
  id,
  depth,
}: {
  readonly map: MapSnapshot;
  readonly id: string;
  readonly depth: Depth;
}) {
  const { t } = useTranslation();
  const focus = useMemo(() => cachedStepFocus(map, id, depth), [map, id, depth]);
  if (!focus) return null;
  const { step } = focus;
  const partner = map.partnerById.get(step.partner);
  return (
    <div data-testid="browse-step-panel" data-step-id={id}>
      <p className="kk-browse-kicker">{t('browse.step.heading')}</p>
      <h2 data-testid="browse-panel-title">{step.label || t('browse.noName')}</h2>
      <p className="kk-browse-meta">
        {partner && !partner.unassigned && <span>{partner.name}</span>} · <span>{t(`kind.${step.kind}`)}</span>
      </p>
      {step.description && <p className="kk-browse-description">{step.description}</p>}
      {step.contact && (
        <p>
          <strong>{t('browse.step.contact')}:</strong> {step.contact}
        </p>
      )}
      <section aria-label={t('browse.step.beforeDirect')}>
        <ReachList
          map={map}
          reached={focus.before}
          direct={t('browse.step.beforeDirect')}
          further={t('browse.step.beforeFurther')}
          nothing={t('browse.step.nothingBefore')}
          testId="browse-before"
        />
      </section>
      <section aria-label={t('browse.step.afterDirect')}>
        <ReachList
          map={map}
          reached={focus.after}
          direct={t('browse.step.afterDirect')}
          further={t('browse.step.afterFurther')}
          nothing={t('browse.step.nothingAfter')}
          testId="browse-after"
        />
      </section>
      <h3>{t('browse.step.received')}</h3>
      <Documents map={map} ends={focus.received} line="from" testId="browse-received" />
      <h3>{t('browse.step.sent')}</h3>
      <Documents map={map} ends={focus.sent} line="to" testId="browse-sent" />
      <h3>{t('browse.step.koppelvlakken')}</h3>
      {focus.koppelvlakken.length === 0 ? (
        <p className="kk-browse-empty">{t('browse.step.noKoppelvlakken')}</p>
      ) : (
        <ul className="kk-browse-list">
          {focus.koppelvlakken.map((f) => (
            <FlowItem key={f.id} map={map} flow={f} testId="browse-koppelvlak" />
          ))}
        </ul>
      )}
      <h3>{t('browse.step.contacts')}</h3>
      {focus.contacts.length === 0 ? (
        <p className="kk-browse-empty">{t('browse.step.noContacts')}</p>
      ) : (
        focus.contacts.map((g) => (
          <section key={g.partnerId} data-testid="browse-contact-group" data-partner={g.partnerId}>
            <h4>{g.partner?.name ?? ''}</h4>
            <ul className="kk-browse-list">
              {g.contacts.map((c) => (
                <li key={c.step.id} data-testid="browse-contact">
                  <strong>{c.contact}</strong> — <StepButton map={map} id={c.step.id} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function Documents(props: {
  readonly map: MapSnapshot;
  readonly ends: readonly FlowEnd[];
  readonly line: 'from' | 'to';
  readonly testId: string;
}) {
  const { t } = useTranslation();
  if (props.ends.length === 0) return <p className="kk-browse-empty">{t('browse.step.noDocuments')}</p>;
  return (
    <ul className="kk-browse-list" data-testid={props.testId}>
      {props.ends.map((e) => (
        <li key={e.flow.id} data-testid={`${props.testId}-item`} data-flow-id={e.flow.id}>
          <strong>{e.flow.label || t('browse.noName')}</strong>{' '}
          {props.line === 'from' ? t('browse.step.from') : t('browse.step.to')}{' '}
          <StepButton map={props.map} id={e.step.id} />
        </li>
      ))}
    </ul>
  );
}
