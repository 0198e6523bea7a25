import { LIMITS, STEP_KINDS, type MapSnapshot, type Step } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { editStep, moveStepToLane } from '../commands/steps';
import { useSession } from '../session/sessionContext';
import { DraftField } from '../ui/DraftField';
import { SelectField } from '../ui/SelectField';

/** Label, kind, lane, description and contact of one step. */
export function StepPanel({ step, map }: { step: Step; map: MapSnapshot }) {
  const { t } = useTranslation();
  const { doc, editable } = useSession();
  const lanes = map.partners.filter((p) => !p.unassigned).map((p) => ({ value: p.id, label: p.name }));
  // A step in the unassigned lane shows that lane, which is offered for no other step.
  const unassigned = step.partner === map.partners.find((p) => p.unassigned)?.id;
  return (
    <section data-testid="step-panel">
      <h2>{t('panel.step')}</h2>
      <DraftField
        label={t('step.label')}
        value={step.label}
        testId="step-label-input"
        readOnly={!editable}
        maxLength={LIMITS.labelChars}
        onCommit={(label) => editStep(doc, step.id, { label })}
      />
      <SelectField
        label={t('step.kind')}
        testId="step-kind"
        value={step.kind}
        options={STEP_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        disabled={!editable}
        onChange={(kind) => editStep(doc, step.id, { kind })}
      />
      <SelectField
        label={t('step.partner')}
        testId="step-partner"
        value={step.partner}
        options={unassigned ? [{ value: step.partner, label: t('partner.unassigned') }, ...lanes] : lanes}
        disabled={!editable}
        onChange={(partner) => moveStepToLane(doc, step.id, partner)}
      />
      <DraftField
        label={t('step.description')}
        value={step.description}
        multiline
        testId="step-description"
        readOnly={!editable}
        maxLength={LIMITS.descriptionChars}
        onCommit={(description) => editStep(doc, step.id, { description })}
      />
      <DraftField
        label={t('step.contact')}
        value={step.contact}
        testId="step-contact"
        readOnly={!editable}
        maxLength={LIMITS.contactChars}
        onCommit={(contact) => editStep(doc, step.id, { contact })}
      />
    </section>
  );
}
