import { chainOrder, type Step } from '@ketenkaart/shared';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/sessionContext';
import { useSnapshot } from '../../session/snapshots/useSnapshot';
import { useBrowse } from '../browseStore';
import { useLitSets } from '../focus/useLitSets';
import { TextStep } from './TextStep';

/**
 * The chain as text (rule CL-B6): a heading per partner, in lane order, and its steps in chain
 * order, each with what comes in and goes out. The focus lights the same steps as on the map;
 * a focus from the search or a link scrolls its step into view. For screen readers, for people
 * who would rather read, and for phones.
 */
export function BrowseText() {
  const { t } = useTranslation();
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const lit = useLitSets();
  const focus = useBrowse((s) => s.focus);
  const reveal = useBrowse((s) => s.reveal);
  const root = useRef<HTMLDivElement>(null);
  const lanes = useMemo(() => {
    const order = chainOrder(map);
    const at = (s: Step): number => order.get(s.id) ?? 0;
    return map.partners.map((p) => ({
      partner: p,
      steps: map.steps.filter((s) => s.partner === p.id).sort((a, b) => at(a) - at(b)),
    }));
  }, [map]);
  // Once per reveal, as soon as the focused item is drawn (a deep link may open before the map arrives).
  const revealed = useRef(-1);
  useEffect(() => {
    const f = useBrowse.getState().focus;
    if (!f || !root.current || revealed.current === reveal) return;
    const attr = f.kind === 'partner' ? 'data-partner-id' : f.kind === 'step' ? 'data-step-id' : 'data-flow-id';
    const el = root.current.querySelector(`[${attr}="${CSS.escape(f.id)}"]`);
    if (!el) return;
    revealed.current = reveal;
    el.scrollIntoView({ block: 'center' });
  }, [reveal, lanes]);
  return (
    <div
      ref={root}
      className="kk-browse-text"
      id="kk-canvas"
      tabIndex={-1}
      role="region"
      aria-label={t('browse.text.label')}
      data-testid="browse-text"
      data-focus={lit ? 'on' : undefined}
    >
      <h2 className="kk-sr-only">{t('browse.text.heading')}</h2>
      {lanes.map(({ partner, steps }) => (
        <section
          key={partner.id}
          className="kk-browse-text-lane"
          data-partner-id={partner.id}
          data-lit={lit?.partners.has(partner.id) ? 'on' : undefined}
          style={{ borderLeftColor: partner.color }}
          aria-labelledby={`kk-text-lane-${partner.id}`}
        >
          <h3 id={`kk-text-lane-${partner.id}`}>
            <button
              type="button"
              className="kk-link"
              aria-pressed={focus?.kind === 'partner' && focus.id === partner.id}
              onClick={() => useBrowse.getState().setFocus({ kind: 'partner', id: partner.id })}
            >
              {partner.name || t('browse.noName')}
            </button>
          </h3>
          {steps.length === 0 ? (
            <p className="kk-browse-empty">{t('browse.text.noSteps')}</p>
          ) : (
            <ol className="kk-browse-text-steps">
              {steps.map((s) => (
                <TextStep
                  key={s.id}
                  map={map}
                  step={s}
                  lit={lit ? lit.steps.has(s.id) : null}
                  litFlows={lit?.flows ?? null}
                  focused={focus?.kind === 'step' && focus.id === s.id}
                />
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}
