/**
 * Draws a report document (scenarios/studies/report/document.ts) into an element: the title,
 * where it came from (scenario, file hash, command, seed, replications), notes, each section
 * with its charts and tables (sections/), and the definition of every figure shown. Used by the
 * HTML reports and by `ccsim serve`'s page, so both show the same charts.
 */
import type { ReportDocument, ReportSection } from '../../scenarios/studies/report/document.js';
import { h, table } from './dom.js';
import { clock } from './format.js';
import type { Defs } from './labels.js';
import { intraday } from './sections/intraday.js';
import { comparison, summary } from './sections/period.js';
import { staffing } from './sections/staffing.js';
import { sweep } from './sections/sweep.js';

/** Renders a whole report into `root` (replacing its content). */
export function renderReport(root: HTMLElement, doc: ReportDocument, o: { header?: boolean } = {}): void {
  const defs: Defs = new Map(doc.definitions.map((d) => [d.key, d]));
  root.replaceChildren();
  if (o.header !== false) {
    root.append(h('h1', {}, doc.title), provenance(doc));
  }
  if (doc.notes.length > 0) root.append(h('ul', { class: 'notes' }, ...doc.notes.map((n) => h('li', {}, n))));
  for (const s of doc.sections) root.append(section(s, defs, doc));
  root.append(h('section', { class: 'definitions' }, h('h2', {}, 'Definitions of the figures shown'),
    h('p', {}, 'Each figure has one definition (docs/figures.md and docs/channels.md in ccsim); counts of a scenario are over its period unless a chart says otherwise. Per channel, each figure follows the channel\'s kind: chat counts sessions and its service level is the first response within the channel\'s T; deferred work counts items, "answered" is handling started, and its service is the share handled within the deadline.'),
    table(['figure', 'key', 'definition'], doc.definitions.map((d) => [d.label, h('code', {}, d.key), d.definition]))));
}

/** The provenance block: enough to make the report again. */
function provenance(doc: ReportDocument): HTMLElement {
  const p = doc.provenance;
  const rows: [string, Node | string][] = [];
  if (p.scenario) {
    rows.push(['scenario', `${p.scenario.name} (${p.scenario.file})`]);
    rows.push(['file SHA-256', h('code', {}, p.scenario.sha256)]);
  }
  if (p.input) rows.push(['input', `${p.input.file} (SHA-256 ${p.input.sha256})`]);
  rows.push(['command', h('code', { class: 'command' }, p.command)]);
  if (p.seed !== undefined) rows.push(['seed', String(p.seed)]);
  if (p.replications !== undefined) rows.push(['replications', String(p.replications)]);
  rows.push(['made by', `ccsim ${p.version}`]);
  return h('dl', { class: 'provenance' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function section(s: ReportSection, defs: Defs, doc: ReportDocument): HTMLElement {
  const channels = doc.channels ?? [];
  switch (s.kind) {
    case 'comparison': return comparison(s, defs, channels);
    case 'summary': return summary(s, defs, channels);
    case 'intraday': return intraday(s, channels);
    case 'sweep': return sweep(s, defs, channels);
    case 'staffing': return staffing(s);
  }
}

export { clock };
