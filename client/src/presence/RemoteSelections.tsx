import { ViewportPortal, type Node } from '@xyflow/react';
import { useParticipants } from '../session/presence/useParticipants';
import { useSession } from '../session/sessionContext';

/** Outlines, in each participant's colour, around the steps and lanes they have selected. */
export function RemoteSelections({ nodes }: { nodes: readonly Node[] }) {
  const { presence } = useSession();
  const participants = useParticipants(presence);
  const others = participants.filter((p) => !p.self && p.selection.length > 0);
  if (others.length === 0) return null;
  // Only the selected nodes are looked up: a map of every node of a big map, per render, cost more.
  const wanted = new Set(others.flatMap((p) => p.selection));
  const byId = new Map<string, Node>();
  for (const n of nodes) if (wanted.has(n.id)) byId.set(n.id, n);
  return (
    <ViewportPortal>
      {others.flatMap((p, i) =>
        p.selection.map((id) => {
          const n = byId.get(id);
          if (!n) return null;
          const pad = 4 + i * 3;
          return (
            <div
              key={`${p.clientId}:${id}`}
              className="kk-remote-selection"
              data-testid="remote-selection"
              data-node-id={id}
              title={p.user.name}
              style={{
                borderColor: p.user.color,
                transform: `translate(${n.position.x - pad}px, ${n.position.y - pad}px)`,
                width: (n.width ?? 0) + pad * 2,
                height: (n.height ?? 0) + pad * 2,
              }}
            />
          );
        }),
      )}
    </ViewportPortal>
  );
}
