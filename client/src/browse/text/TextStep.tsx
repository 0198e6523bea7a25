import { chainIndex, type Flow, type MapSnapshot, type Step } from '@ketenkaart/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrowse } from '../browseStore';

interface Props {
  readonly map: MapSnapshot;
  readonly step: Step;
  /** Lit by the focus (true), dimmed (false), or no focus (null). */
  readonly lit: boolean | null;
  readonly litFlows: ReadonlySet<string> | null;
  readonly focused: boolean;
}

/** One step in the text view: its label (press to focus), kind, and the flows in and out. */
export const TextStep = memo(function TextStep({ map, step, lit, litFlows, focused }: Props) {
  const { t } = useTranslation();
  const index = chainIndex(map);
  const setFocus = useBrowse((s) => s.setFocus);
  const line = (f: Flow, side: 'in' | 'out') => {
    const other = map.stepById.get(side === 'in' ? f.from : f.to);
    const partner = map.partnerById.get(other?.partner ?? '')?.name ?? '';
    const label = f.kind === 'sequence' && !f.label ? t('browse.text.next') : f.label || t('browse.noName');
    return (
      <li key={`${side}:${f.id}`} data-flow-id={f.id} data-lit={litFlows?.has(f.id) ? 'on' : undefined}>
        <span className="kk-browse-dir">{side === 'in' ? t('browse.text.in') : t('browse.text.out')}:</span>{' '}
        <button type="button" className="kk-link" onClick={() => setFocus({ kind: 'flow', id: f.id })}>
          {t(side === 'in' ? 'browse.text.inLine' : 'browse.text.outLine', {
            label,
            step: other?.label ?? '',
            partner,
          })}
        </button>
        {f.status !== 'ok' && (
          <span className={`kk-browse-status kk-browse-status-${f.status}`}> {t(`browse.status.${f.status}`)}</span>
        )}
      </li>
    );
  };
  const ins = index.in.get(step.id) ?? [];
  const outs = index.out.get(step.id) ?? [];
  return (
    <li
      className="kk-browse-text-step"
      data-testid="text-step"
      data-step-id={step.id}
      data-lit={lit === null ? undefined : lit ? 'on' : 'off'}
      aria-current={focused ? 'true' : undefined}
    >
      <h4>
        <button
          type="button"
          className="kk-link"
          aria-pressed={focused}
          onClick={() => setFocus({ kind: 'step', id: step.id })}
        >
          {step.label || t('browse.noName')}
        </button>{' '}
        <small className="kk-browse-kind">{t(`kind.${step.kind}`)}</small>
      </h4>
      {step.description && <p className="kk-browse-description">{step.description}</p>}
      {(ins.length > 0 || outs.length > 0) && (
        <ul className="kk-browse-flows">
          {ins.map((f) => line(f, 'in'))}
          {outs.map((f) => line(f, 'out'))}
        </ul>
      )}
    </li>
  );
});
