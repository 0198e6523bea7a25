import type { MapSnapshot, Reach } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { StepButton } from './StepButton';

/** Steps before or after the focus: the direct ones, then those further away with how far. */
export function ReachList(props: {
  readonly map: MapSnapshot;
  readonly reached: readonly Reach[];
  readonly direct: string;
  readonly further: string;
  readonly nothing: string;
  readonly testId: string;
}) {
  const { t } = useTranslation();
  const { map, reached, testId } = props;
  const direct = reached.filter((r) => r.depth === 1);
  const further = reached.filter((r) => r.depth > 1);
  return (
    <>
      <h4>{props.direct}</h4>
      {direct.length === 0 ? (
        <p className="kk-browse-empty">{props.nothing}</p>
      ) : (
        <ul className="kk-browse-list" data-testid={`${testId}-direct`}>
          {direct.map((r) => (
            <li key={r.step}>
              <StepButton map={map} id={r.step} />
            </li>
          ))}
        </ul>
      )}
      {further.length > 0 && (
        <>
          <h4>{props.further}</h4>
          <ul className="kk-browse-list" data-testid={`${testId}-further`}>
            {further.map((r) => (
              <li key={r.step}>
                <StepButton map={map} id={r.step} />{' '}
                <small className="kk-browse-depth">{t('browse.step.depthSteps', { count: r.depth })}</small>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
