import { LIMITS, type MapSnapshot, type Partner } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { editPartner, moveLane, renamePartner } from '../commands/partners';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { DraftField } from '../ui/DraftField';

/** Name, colour, description and place of one partner lane. */
export function PartnerPanel({ partner, map }: { partner: Partner; map: MapSnapshot }) {
  const { t } = useTranslation();
  const { doc, editable } = useSession();
  const askRemove = useUi((s) => s.askRemovePartner);
  const lanes = map.partners.filter((p) => !p.unassigned);
  const index = lanes.findIndex((p) => p.id === partner.id);
  const steps = map.steps.filter((s) => s.partner === partner.id).length;
  return (
    <section data-testid="partner-panel">
      <h2>{t('panel.partner')}</h2>
      <DraftField
        label={t('partner.name')}
        value={partner.name}
        testId="partner-name"
        readOnly={!editable}
        maxLength={LIMITS.nameChars}
        onCommit={(name) => renamePartner(doc, partner.id, name)}
      />
      <div className="kk-field">
        <label htmlFor="kk-partner-color">{t('partner.color')}</label>
        <input
          id="kk-partner-color"
          type="color"
          data-testid="partner-color"
          disabled={!editable}
          value={expand(partner.color)}
          onChange={(e) => editPartner(doc, partner.id, { color: e.target.value })}
        />
      </div>
      <DraftField
        label={t('partner.description')}
        value={partner.description}
        multiline
        testId="partner-description"
        readOnly={!editable}
        maxLength={LIMITS.descriptionChars}
        onCommit={(description) => editPartner(doc, partner.id, { description })}
      />
      <p className="kk-muted">{t('partner.stepCount', { count: steps })}</p>
      {editable && (
        <div className="kk-row">
          <button
            type="button"
            data-testid="partner-move-up"
            disabled={index <= 0}
            onClick={() => moveLane(doc, partner.id, index - 1)}
          >
            {t('partner.up')}
          </button>
          <button
            type="button"
            data-testid="partner-move-down"
            disabled={index >= lanes.length - 1}
            onClick={() => moveLane(doc, partner.id, index + 1)}
          >
            {t('partner.down')}
          </button>
          <button
            type="button"
            className="kk-danger"
            data-testid="partner-remove"
            onClick={() => askRemove(partner.id)}
          >
            {t('partner.removeShort')}
          </button>
        </div>
      )}
    </section>
  );
}

/** `<input type=color>` needs #rrggbb. */
function expand(color: string): string {
  return color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : color;
}
