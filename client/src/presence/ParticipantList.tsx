import { useTranslation } from 'react-i18next';
import { useParticipants } from '../session/presence/useParticipants';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';

/** Who is on the map, with their colours; click someone to follow their viewport. */
export function ParticipantList() {
  const { t } = useTranslation();
  const { presence } = useSession();
  const participants = useParticipants(presence);
  const following = useUi((s) => s.following);
  const follow = useUi((s) => s.follow);
  const openDialog = useUi((s) => s.openDialog);
  return (
    <ul className="kk-participants" aria-label={t('presence.list')} data-testid="participants">
      {participants.map((p) => {
        const name = p.user.name || t('presence.anonymous');
        const isFollowed = following === p.clientId;
        return (
          <li key={p.clientId} data-testid="participant" data-self={p.self} data-client-id={p.clientId}>
            <button
              type="button"
              className="kk-avatar"
              style={{ background: p.user.color }}
              aria-pressed={p.self ? undefined : isFollowed}
              aria-label={
                p.self
                  ? t('presence.you', { name })
                  : isFollowed
                    ? t('presence.unfollow', { name })
                    : t('presence.follow', { name })
              }
              title={
                p.self
                  ? t('presence.you', { name })
                  : isFollowed
                    ? t('presence.unfollow', { name })
                    : t('presence.follow', { name })
              }
              onClick={() => (p.self ? openDialog('name') : follow(isFollowed ? null : p.clientId))}
            >
              {initials(name)}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
