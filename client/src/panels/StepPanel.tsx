import {
  LIMITS,
  moveStepToPartner,
  STEP_KINDS,
  updateStep,
  type MapSnapshot,
  type Step,
  type StepKind,
} from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useSession } from '../editor/sessionContext';
import { DraftField } from './DraftField';

/** Label, kind, lane, description and contact of one step. */
export function StepPanel({ step, map }: { step: Step; map: MapSnapshot }) {
  const { t } = useTranslation();
  const { doc, editable } = useSession();
  const lanes = map.partners.filter((p) => !p.unassigned);
  return (
    <section data-testid="step-panel">
      <h2>{t('panel.step')}</h2>
      <DraftField
        label={t('step.label')}
        value={step.label}
        testId="step-label-input"
        readOnly={!editable}
        maxLength={LIMITS.labelChars}
        onCommit={(label) => updateStep(doc, step.id, { label })}
      />
      <div className="kk-field">
        <label htmlFor="kk-step-kind">{t('step.kind')}</label>
        <select
          id="kk-step-kind"
          data-testid="step-kind"
          value={step.kind}
          disabled={!editable}
          onChange={(e) => updateStep(doc, step.id, { kind: e.target.value as StepKind })}
        >
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="kk-field">
        <label htmlFor="kk-step-lane">{t('step.partner')}</label>
        <select
          id="kk-step-lane"
          data-testid="step-partner"
          value={step.partner}
          disabled={!editable}
          onChange={(e) => moveStepToPartner(doc, step.id, e.target.value)}
        >
          {step.partner === map.partners.find((p) => p.unassigned)?.id && (
            <option value={step.partner}>{t('partner.unassigned')}</option>
          )}
          {lanes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <DraftField
        label={t('step.description')}
        value={step.description}
        multiline
        testId="step-description"
        readOnly={!editable}
        maxLength={LIMITS.descriptionChars}
        onCommit={(description) => updateStep(doc, step.id, { description })}
      />
      <DraftField
        label={t('step.contact')}
        value={step.contact}
        testId="step-contact"
        readOnly={!editable}
        maxLength={LIMITS.contactChars}
        onCommit={(contact) => updateStep(doc, step.id, { contact })}
      />
    </section>
  );
}
