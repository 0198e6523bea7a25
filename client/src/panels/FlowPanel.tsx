import { FLOW_KINDS, FLOW_STATUSES, isKoppelvlak, LIMITS, type Flow, type MapSnapshot } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { editFlow } from '../commands/flows';
import { useSession } from '../session/sessionContext';
import { DraftField } from '../ui/DraftField';
import { SelectField } from '../ui/SelectField';

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
        onCommit={(label) => editFlow(doc, flow.id, { label })}
      />
      <SelectField
        label={t('flow.kind')}
        testId="flow-kind"
        value={flow.kind}
        options={FLOW_KINDS.map((k) => ({ value: k, label: t(`flowKind.${k}`) }))}
        disabled={!editable}
        onChange={(kind) => editFlow(doc, flow.id, { kind })}
      />
      <SelectField
        label={t('flow.status')}
        testId="flow-status-select"
        value={flow.status}
        options={FLOW_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        disabled={!editable}
        onChange={(status) => editFlow(doc, flow.id, { status })}
      />
      <DraftField
        label={t('flow.note')}
        value={flow.note}
        multiline
        testId="flow-note"
        readOnly={!editable}
        maxLength={LIMITS.noteChars}
        onCommit={(note) => editFlow(doc, flow.id, { note })}
      />
    </section>
  );
}
