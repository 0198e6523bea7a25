import { GEOMETRY, type LaneBand } from '@ketenkaart/shared';
import { useStore } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';

/** Under this on-screen header width the lane names are repeated at the canvas's left edge. */
const MIN_HEADER_PX = 110;

/**
 * Keeps every partner's name readable wherever the map is panned or zoomed: when a
 * lane's own header is off screen or too small, its name sticks to the left edge.
 */
export function LaneLabels({ bands }: { bands: readonly LaneBand[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const [x, y, zoom] = useStore((s) => s.transform);
  const headerRight = x + GEOMETRY.laneHeaderWidth * zoom;
  if (headerRight >= MIN_HEADER_PX && zoom >= 0.55) return null;
  return (
    <div className="kk-lane-labels" aria-hidden="true" data-testid="sticky-lane-labels">
      {bands.map((b) => {
        const partner = map.partnerById.get(b.partner);
        const top = y + b.top * zoom;
        const height = b.height * zoom;
        if (!partner || height < 12) return null;
        return (
          <div key={b.partner} className="kk-lane-label" style={{ top, height, borderColor: partner.color }}>
            <span style={{ background: partner.color }}>
              {partner.unassigned ? t('partner.unassigned') : partner.name}
            </span>
          </div>
        );
      })}
    </div>
  );
}
