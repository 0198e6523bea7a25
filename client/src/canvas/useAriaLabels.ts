import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** React Flow's built-in accessibility texts, translated. */
export function useAriaLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      'node.a11yDescription.default': t('a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('a11y.nodeNoKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t('a11y.moved', { direction, x, y }),
      'edge.a11yDescription.default': t('a11y.edge'),
      'controls.ariaLabel': t('a11y.controls'),
      'controls.zoomIn.ariaLabel': t('toolbar.zoomIn'),
      'controls.zoomOut.ariaLabel': t('toolbar.zoomOut'),
      'controls.fitView.ariaLabel': t('toolbar.fit'),
      'controls.interactive.ariaLabel': t('a11y.interactive'),
      'minimap.ariaLabel': t('a11y.minimap'),
      'handle.ariaLabel': t('a11y.handle'),
    }),
    [t],
  );
}
