import type { FlowStatus, StepKind } from '@ketenkaart/shared';
import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The texts that every step and flow shows, translated once per language for the whole canvas. */
export interface CanvasTexts {
  readonly kind: Readonly<Record<StepKind, string>>;
  readonly status: Readonly<Record<FlowStatus, string>>;
  readonly noLabel: string;
  readonly stepLabel: string;
  readonly flowLabel: string;
  readonly contact: string;
}

export const CanvasTextsContext = createContext<CanvasTexts | null>(null);

/** Builds the canvas texts (in MapCanvas); one i18n subscription instead of one per node. */
export function useBuildCanvasTexts(): CanvasTexts {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      kind: {
        start: t('kind.start'),
        activity: t('kind.activity'),
        decision: t('kind.decision'),
        register: t('kind.register'),
        end: t('kind.end'),
      },
      status: { ok: t('status.ok'), attention: t('status.attention'), problem: t('status.problem') },
      noLabel: t('step.noLabel'),
      stepLabel: t('step.label'),
      flowLabel: t('flow.label'),
      contact: t('step.contact'),
    }),
    [t],
  );
}

export function useCanvasTexts(): CanvasTexts {
  const texts = useContext(CanvasTextsContext);
  if (!texts) throw new Error('useCanvasTexts outside MapCanvas');
  return texts;
}
