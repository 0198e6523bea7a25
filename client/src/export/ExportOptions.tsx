import { WORDS, type Orientation, type PaperSize } from '@ketenkaart/shared/render';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../ui/SelectField';
import { DPIS, EXPORT_FORMATS, PAPERS, SCALES, type ExportSettings } from './exportSettings';

interface Props {
  readonly settings: ExportSettings;
  /** How many steps are selected (selection only needs at least one). */
  readonly selectionCount: number;
  /** The step or partner a "U bent hier" poster marks (CL-B9), or null: then there is no such option. */
  readonly highlightName: string | null;
  readonly onChange: (settings: ExportSettings) => void;
}

/** The export's options: the format, and what that format takes. */
export function ExportOptions({ settings, selectionCount, highlightName, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<ExportSettings>): void => onChange({ ...settings, ...patch });
  const { format } = settings;
  const paperFields = (
    <>
      <SelectField<PaperSize>
        label={t('export.paper')}
        value={settings.paper}
        testId="export-paper"
        options={PAPERS.map((p) => ({ value: p, label: p }))}
        onChange={(paper) => set({ paper })}
      />
      <SelectField<Orientation>
        label={t('export.orientation')}
        value={settings.orientation}
        testId="export-orientation"
        options={(['landscape', 'portrait'] as const).map((o) => ({ value: o, label: t(`export.orientations.${o}`) }))}
        onChange={(orientation) => set({ orientation })}
      />
    </>
  );
  return (
    <div className="kk-export-options">
      <fieldset>
        <legend>{t('export.format')}</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f} className="kk-radio">
            <input
              type="radio"
              name="export-format"
              value={f}
              data-testid={`export-format-${f}`}
              checked={format === f}
              onChange={() => set({ format: f })}
            />
            {t(`export.formats.${f}`)}
          </label>
        ))}
      </fieldset>
      {format === 'pdf' && (
        <>
          {paperFields}
          <SelectField<ExportSettings['tiles']>
            label={t('export.tiles')}
            value={settings.tiles}
            testId="export-tiles"
            options={[
              { value: 'none', label: t('export.tilesNone') },
              { value: 'A4', label: t('export.tilesSheets', { sheet: 'A4' }) },
              { value: 'A3', label: t('export.tilesSheets', { sheet: 'A3' }) },
            ]}
            onChange={(tiles) => set({ tiles })}
          />
        </>
      )}
      {format === 'png' && (
        <>
          <SelectField<ExportSettings['pngSize']>
            label={t('export.pngSize')}
            value={settings.pngSize}
            testId="export-png-size"
            options={[
              ...SCALES.map((s) => ({ value: `scale:${s}` as const, label: t('export.scale', { scale: s }) })),
              ...DPIS.map((d) => ({
                value: `dpi:${d}` as const,
                label: t('export.dpi', { dpi: d, paper: settings.paper }),
              })),
            ]}
            onChange={(pngSize) => set({ pngSize })}
          />
          {settings.pngSize.startsWith('dpi:') && paperFields}
          <SelectField<ExportSettings['background']>
            label={t('export.background')}
            value={settings.background}
            testId="export-background"
            options={(['white', 'transparent'] as const).map((b) => ({
              value: b,
              label: t(`export.backgrounds.${b}`),
            }))}
            onChange={(background) => set({ background })}
          />
        </>
      )}
      <label className="kk-radio">
        <input
          type="checkbox"
          data-testid="export-selection"
          disabled={selectionCount === 0}
          checked={settings.selectionOnly && selectionCount > 0}
          onChange={(e) => set({ selectionOnly: e.target.checked })}
        />
        {selectionCount > 0 ? t('export.selectionOnly', { count: selectionCount }) : t('export.selectionNone')}
      </label>
      {highlightName !== null && format !== 'json' && (
        <label className="kk-radio">
          <input
            type="checkbox"
            data-testid="export-highlight"
            checked={settings.highlight}
            onChange={(e) => set({ highlight: e.target.checked })}
          />
          {t('export.highlight', { mark: WORDS.youAreHere, name: highlightName })}
        </label>
      )}
    </div>
  );
}
