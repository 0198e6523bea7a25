import type { LaneBand } from '@ketenkaart/shared';
import { useStore } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';

/** The lane headers' name size (styles.css `.kk-lane-name`): under 11 px on screen it is too small. */
const LANE_NAME_PX = 16;
const LEGIBLE_PX = 11;

/**
 * Whether the lane names are pinned to the canvas's left edge instead of shown in the lane
 * headers (rule CL-R13): when the headers are panned (even partly) off screen, or zoomed out
 * below a legible size. The canvas then hides the headers' names, so each name shows once.
 */
export function lanesPinned([x, , zoom]: readonly [number, number, number], laneLeft: number): boolean {
  return x + laneLeft * zoom < -0.5 || LANE_NAME_PX * zoom < LEGIBLE_PX;
}

/**
 * Keeps every partner's name readable wherever the map is panned or zoomed: when the
 * lanes' own headers are off screen or too small, the names stick to the left edge.
 */
export function LaneLabels({ bands, laneLeft }: { bands: readonly LaneBand[]; laneLeft: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const transform = useStore((s) => s.transform);
  const [, y, zoom] = transform;
  if (!lanesPinned(transform, laneLeft)) return null;
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
