import {
  LIMITS,
  FLOW_KINDS,
  FLOW_STATUSES,
  isKoppelvlak,
  updateFlow,
  type Flow,
  type FlowKind,
  type FlowStatus,
  type MapSnapshot,
} from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useSession } from '../editor/sessionContext';
import { DraftField } from './DraftField';

/** Label, kind, status and note of one flow. */
export function FlowPanel({ flow, map }: { flow: Flow; map: MapSnapshot }) {
  const { t } = useTranslation();
  const { doc, editable } = useSession();
  const from = map.stepById.get(flow.from);
  const to = map.stepById.get(flow.to);
  return (
    <section data-testid="flow-panel">
      <h2>{t('panel.flow')}</h2>
      <p className="kk-muted">
        {from?.label || t('step.noLabel')} → {to?.label || t('step.noLabel')}
      </p>
      {isKoppelvlak(map, flow) && (
        <p className="kk-koppelvlak-note" data-testid="flow-koppelvlak">
          {t('flow.koppelvlak', {
            from: map.partnerById.get(from?.partner ?? '')?.name ?? '',
            to: map.partnerById.get(to?.partner ?? '')?.name ?? '',
          })}
        </p>
      )}
      <DraftField
        label={t('flow.label')}
        value={flow.label}
        testId="flow-label-input"
        readOnly={!editable}
        maxLength={LIMITS.labelChars}
        onCommit={(label) => updateFlow(doc, flow.id, { label })}
      />
      <div className="kk-field">
        <label htmlFor="kk-flow-kind">{t('flow.kind')}</label>
        <select
          id="kk-flow-kind"
          data-testid="flow-kind"
          value={flow.kind}
          disabled={!editable}
          onChange={(e) => updateFlow(doc, flow.id, { kind: e.target.value as FlowKind })}
        >
          {FLOW_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`flowKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="kk-field">
        <label htmlFor="kk-flow-status">{t('flow.status')}</label>
        <select
          id="kk-flow-status"
          data-testid="flow-status-select"
          value={flow.status}
          disabled={!editable}
          onChange={(e) => updateFlow(doc, flow.id, { status: e.target.value as FlowStatus })}
        >
          {FLOW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <DraftField
        label={t('flow.note')}
        value={flow.note}
        multiline
        testId="flow-note"
        readOnly={!editable}
        maxLength={LIMITS.noteChars}
        onCommit={(note) => updateFlow(doc, flow.id, { note })}
      />
    </section>
  );
}
