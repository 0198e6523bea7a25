import { LIMITS } from '@ketenkaart/shared';
import type { NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { moveLane, renamePartner } from '../../commands/partners';
import { useSession } from '../../session/sessionContext';
import { useUi } from '../../store/uiStore';
import { InlineEdit } from '../../ui/InlineEdit';
import type { LaneNode as LaneNodeType } from '../derive/flowTypes';

/** A partner's swimlane: a header with the name (drag handle, move and remove buttons) and a tinted band. */
export const LaneNode = memo(function LaneNode({ id, data, selected }: NodeProps<LaneNodeType>) {
  const { t } = useTranslation();
  const session = useSession();
  const editing = useUi((s) => s.editing === id);
  const setEditing = useUi((s) => s.setEditing);
  const askRemove = useUi((s) => s.askRemovePartner);
  const { partner, index, count, editable } = data;
  const name = partner.unassigned ? t('partner.unassigned') : partner.name;
  const canEdit = editable && !partner.unassigned;
  return (
    <div
      className={`kk-lane${selected ? ' kk-selected' : ''}${partner.unassigned ? ' kk-lane-unassigned' : ''}`}
      style={{ '--lane-color': partner.color } as CSSProperties}
      data-testid="lane"
      data-partner-id={partner.id}
    >
      <div className="kk-lane-header">
        {canEdit && (
          <span className="kk-lane-handle" title={t('partner.dragHandle')} aria-hidden="true">
            ⠿
          </span>
        )}
        {editing && canEdit ? (
          <InlineEdit
            value={partner.name}
            label={t('partner.name')}
            maxLength={LIMITS.nameChars}
            onCommit={(value) => renamePartner(session.doc, partner.id, value)}
            onDone={() => setEditing(null)}
          />
        ) : (
          <span className="kk-lane-name" data-testid="lane-name" onDoubleClick={() => canEdit && setEditing(id)}>
            {name}
          </span>
        )}
        {canEdit && (
          <span className="kk-lane-buttons nodrag">
            <button
              type="button"
              aria-label={t('partner.moveUp', { name })}
              data-testid="lane-move-up"
              disabled={index === 0}
              onClick={() => moveLane(session.doc, partner.id, index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={t('partner.moveDown', { name })}
              data-testid="lane-move-down"
              disabled={index >= count - 1}
              onClick={() => moveLane(session.doc, partner.id, index + 1)}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={t('partner.remove', { name })}
              data-testid="lane-remove"
              onClick={() => askRemove(partner.id)}
            >
              ×
            </button>
          </span>
        )}
      </div>
    </div>
  );
});
