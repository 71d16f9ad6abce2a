import { driftChart, lineageGraph, metricChart, timelineChart } from "./charts.js";

/**
 * The report's charts in the page: the same drawing code (charts.ts, d3's scales and shapes)
 * bundled for the browser (scripts/build.mjs writes it into the CLI as text; site.ts writes it
 * as assets/charts.js). A model page draws its charts from its data file when it opens, only
 * the drawings the screen shows, instead of the report drawing every chart twice at build time.
 */
(globalThis as { gitModelCharts?: unknown }).gitModelCharts = {
  metricChart,
  driftChart,
  timelineChart,
  lineageGraph,
};
