import { useTranslation } from 'react-i18next';
import { useParticipants } from '../session/presence/useParticipants';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { initials } from './initials';

/**
 * Who is on the map, with their colours; click someone to follow their viewport, or yourself to
 * change your name. At most `max` are shown; the rest are counted (their names in the tooltip).
 */
export function ParticipantList({ max = 8 }: { readonly max?: number }) {
  const { t } = useTranslation();
  const { presence } = useSession();
  const participants = useParticipants(presence);
  const following = useUi((s) => s.following);
  const follow = useUi((s) => s.follow);
  const openDialog = useUi((s) => s.openDialog);
  return (
    <ul className="kk-participants" aria-label={t('presence.list')} data-testid="participants">
      {participants.slice(0, max).map((p) => {
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
      {participants.length > max && (
        <li
          className="kk-more"
          data-testid="participants-more"
          title={participants
            .slice(max)
            .map((p) => p.user.name || t('presence.anonymous'))
            .join(', ')}
        >
          +{participants.length - max}
        </li>
      )}
    </ul>
  );
}
