/** The script of an HTML report: reads the report's JSON from the page and draws it. */
import type { ReportDocument } from '../../scenarios/studies/report/document.js';
import { renderReport } from './render.js';
import { reviveReport } from './revive.js';

const data = document.getElementById('ccsim-report');
const app = document.getElementById('app');
if (data && app) {
  renderReport(app, JSON.parse(data.textContent ?? '{}', reviveReport) as ReportDocument);
  // when the charts were drawn, in ms from navigation start (read by the browser tests)
  app.dataset.renderedMs = String(performance.now());
}
