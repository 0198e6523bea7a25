import { useStore, ViewportPortal } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useParticipants } from '../session/presence/useParticipants';
import { useSession } from '../session/sessionContext';

/** Other participants' pointers, in map coordinates, drawn at a constant screen size. */
export function RemoteCursors() {
  const { t } = useTranslation();
  const { presence } = useSession();
  const participants = useParticipants(presence);
  const zoom = useStore((s) => s.transform[2]);
  return (
    <ViewportPortal>
      {participants.map((p) =>
        p.self || !p.cursor ? null : (
          <div
            key={p.clientId}
            className="kk-cursor"
            data-testid="remote-cursor"
            data-client-id={p.clientId}
            style={{ transform: `translate(${p.cursor.x}px, ${p.cursor.y}px) scale(${1 / zoom})` }}
          >
            <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden="true">
              <path d="M0,0 L0,16 L4.5,12 L8,20 L11,18.5 L7.5,11 L13,11 Z" fill={p.user.color} stroke="#fff" />
            </svg>
            <span style={{ background: p.user.color }}>{p.user.name || t('presence.anonymous')}</span>
          </div>
        ),
      )}
    </ViewportPortal>
  );
}
