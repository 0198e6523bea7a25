/**
 * The node ids of lanes, as React Flow and the selection know them: `~lane:<partner id>`.
 * They start with `~`, which a model id never does.
 */
const LANE_PREFIX = '~lane:';

export const laneNodeId = (partner: string): string => `${LANE_PREFIX}${partner}`;
export const isLaneNodeId = (id: string): boolean => id.startsWith(LANE_PREFIX);
export const partnerOfLaneNode = (id: string): string => id.slice(LANE_PREFIX.length);
