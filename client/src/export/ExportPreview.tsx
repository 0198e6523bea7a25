import { paperSize, toSvg, type Drawing } from '@ketenkaart/shared/render';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { describe, ExportSettings } from './exportSettings';

interface Props {
  readonly drawing: Drawing;
  readonly settings: ExportSettings;
  readonly facts: ReturnType<typeof describe>;
  /** Said under the preview: the "U bent hier" mark is on, and where (CL-B9). */
  readonly note: string | null;
}

/**
 * The preview: the drawing as the SVG export writes it (for a PDF on its page, inside the
 * margins), shown as an image, with what the file will be.
 */
export function ExportPreview({ drawing, settings, facts, note }: Props) {
  const { t } = useTranslation();
  const paper = settings.format === 'pdf' ? paperSize(settings.paper, settings.orientation) : null;
  const svg = useMemo(
    () =>
      paper
        ? toSvg(drawing, { page: { width: paper.widthMm * 4, height: paper.heightMm * 4, margin: 40 } })
        : toSvg(drawing, { transparent: settings.format === 'png' && settings.background === 'transparent' }),
    // The page's size only changes with the paper and orientation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [drawing, paper?.widthMm, paper?.heightMm, settings.format, settings.background],
  );
  const url = useMemo(() => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), [svg]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  let size = '';
  if (facts.png) size = t('export.sizePng', { width: facts.png.width, height: facts.png.height });
  else if (facts.tiles)
    size = t('export.sizeTiles', {
      pages: facts.tiles.cols * facts.tiles.rows,
      sheet: settings.tiles,
      cols: facts.tiles.cols,
      rows: facts.tiles.rows,
    });
  else if (paper)
    size = t('export.sizePdf', {
      paper: settings.paper,
      orientation: t(`export.orientations.${settings.orientation}`).toLowerCase(),
    });
  return (
    <figure className="kk-export-preview" data-testid="export-preview">
      <img src={url} alt={t('export.previewAlt')} data-testid="export-preview-image" />
      <figcaption className="kk-muted" data-testid="export-size">
        {size}
        {note && (
          <span className="kk-export-mark" data-testid="export-highlight-note">
            {note}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
