import type { PartnerChanges } from '@ketenkaart/shared';
import type { TFunction } from 'i18next';
import { changeEntries } from './describe';
import type { Comparison } from './useHistoryState';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The change report as a printable HTML page (rule CL-V4): the map's title, the two versions
 * compared, the summary per partner and the list of every change. Self-contained (its own
 * styles, no scripts), so it can be printed or sent as a file. Every text is escaped.
 */
export function changeReport(
  c: Comparison,
  labels: { readonly from: string; readonly to: string; readonly made: string; readonly lang: string },
  t: TFunction,
): string {
  const plain = { interpolation: { escapeValue: false } };
  const title = t('history.report.title', { title: c.to.title, ...plain });
  const stepName = new Map([...c.from.steps, ...c.to.steps].map((s) => [s.id, s.label || s.id]));
  const flowName = new Map(
    [...c.from.flows, ...c.to.flows].map((f) => [
      f.id,
      f.label || `${stepName.get(f.from) ?? f.from} → ${stepName.get(f.to) ?? f.to}`,
    ]),
  );
  const list = (ids: readonly string[], names: Map<string, string>, how: string): string =>
    ids.map((id) => `<li>${escape(names.get(id) ?? id)} <em>(${escape(how)})</em></li>`).join('');
  const partner = (p: PartnerChanges): string => {
    if (p.total === 0 && p.lane === 'same') return '';
    const steps =
      list(p.steps.added, stepName, t('history.changes.added')) +
      list(p.steps.removed, stepName, t('history.changes.removed')) +
      list(p.steps.edited, stepName, t('history.changes.edited')) +
      list(p.steps.moved, stepName, t('history.changes.moved'));
    const links =
      list(p.koppelvlakken.added, flowName, t('history.changes.added')) +
      list(p.koppelvlakken.removed, flowName, t('history.changes.removed')) +
      list(p.koppelvlakken.changed, flowName, t('history.changes.edited'));
    return `<section><h3>${escape(t('history.partners.heading', { name: p.name, ...plain }))}</h3>
${p.lane === 'same' ? '' : `<p>${escape(t(`history.partners.lane.${p.lane}`))}</p>`}
${steps ? `<h4>${escape(t('history.partners.steps'))}</h4><ul>${steps}</ul>` : ''}
${links ? `<h4>${escape(t('history.partners.koppelvlakken'))}</h4><ul>${links}</ul>` : ''}</section>`;
  };
  const entries = changeEntries(c, t)
    .map(
      (e) =>
        `<tr><td>${escape(t(`history.changes.${e.what}`))}</td><td>${escape(e.name)}</td><td>${escape(
          t(`history.changes.${e.mark}`),
        )}</td><td>${e.details.map(escape).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escape(labels.lang)}"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:Inter,system-ui,sans-serif;margin:24px;color:#1f2328;font-size:12pt}
h1{font-size:18pt;margin:0 0 4px}h3{margin:18px 0 4px;font-size:13pt}h4{margin:8px 0 2px;font-size:11pt}
table{border-collapse:collapse;width:100%;margin-top:8px}td,th{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
section{break-inside:avoid}.meta{color:#59636e}
@media print{body{margin:0}}
</style></head><body>
<h1>${escape(title)}</h1>
<p class="meta">${escape(t('history.report.compared', { from: labels.from, to: labels.to, ...plain }))}<br>${escape(
    t('history.report.made', { time: labels.made, ...plain }),
  )}</p>
<h2>${escape(t('history.partners.title'))}</h2>
${c.partners.map(partner).join('\n') || `<p>${escape(t('history.changes.none'))}</p>`}
<h2>${escape(t('history.changes.title'))}</h2>
${entries ? `<table><tbody>${entries}</tbody></table>` : `<p>${escape(t('history.changes.none'))}</p>`}
</body></html>
`;
}

/** Opens the report in a new tab, from which it can be printed or saved. */
export function openReport(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
