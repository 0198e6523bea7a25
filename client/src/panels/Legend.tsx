import { STEP_KINDS } from '@ketenkaart/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { StepShape } from '../ui/StepShape';

/** What the shapes, lines and markers mean; drawn again only when the language changes (CL-R21). */
export const Legend = memo(function Legend() {
  const { t } = useTranslation();
  return (
    <div className="kk-legend" data-testid="legend">
      <h3>{t('legend.title')}</h3>
      <ul>
        {STEP_KINDS.map((k) => (
          <li key={k}>
            <span className="kk-legend-shape">
              <StepShape kind={k} color="#57606a" />
            </span>
            {t(`kind.${k}`)}
          </li>
        ))}
        <li>
          <span className="kk-legend-line kk-legend-kv" />
          {t('legend.koppelvlak')}
        </li>
        <li>
          <span className="kk-legend-line kk-legend-info" />
          {t('flowKind.information')}
        </li>
        <li>
          <span className="kk-marker kk-marker-attention">!</span> {t('status.attention')}
        </li>
        <li>
          <span className="kk-marker kk-marker-problem">!</span> {t('status.problem')}
        </li>
      </ul>
    </div>
  );
});
