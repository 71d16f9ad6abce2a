// The measurements behind the report's charting library (docs/decisions/report.md): bundle size
// and the time to draw one line chart with a dot per version and three stage-holder marks, at
// 100 and 10,000 versions, for each candidate.
//
//   mkdir /tmp/charteval && npm install --prefix /tmp/charteval @observablehq/plot chartist frappe-charts echarts
//   npm run build && node bench/charting.mjs --candidates /tmp/charteval
//
// Drawn at build time in node: d3-scale + d3-shape (the report's own charts.ts) and ECharts'
// server-side SVG renderer. Drawn in the browser (Debian's chromium, headless): Observable Plot,
// Chartist, Frappe Charts and ECharts' SVG renderer, each timed from the call to the SVG in the
// page (layout included). uPlot draws on a canvas, so it is not a candidate.

import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { launchHeadlessChromium } from "../scripts/chromium.mjs";
import { median } from "./timing.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const { values: opts } = parseArgs({
  options: {
    candidates: { type: "string", default: "/tmp/charteval" },
    runs: { type: "string", default: "15" },
  },
});
const RUNS = Number(opts.runs);
const SIZES = [100, 10_000];
const from = createRequire(join(opts.candidates, "package.json"));

/** A metric over versions, as the report charts it. */
function series(n) {
  return Array.from({ length: n }, (_, i) => ({
    version: `1.${Math.floor(i / 100)}.${i % 100}`,
    value: 0.02 - i * 1e-6 + Math.sin(i) * 1e-3,
  }));
}

async function bundle(contents, resolveDir, platform) {
  const r = await build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    write: false,
    logLevel: "silent",
  });
  const bytes = r.outputFiles[0].contents;
  return { text: r.outputFiles[0].text, min: bytes.length, gzip: gzipSync(bytes).length };
}

const kib = (b) => `${(b / 1024).toFixed(1)}`;
const rows = [];
let reportChart;

// --- d3-scale + d3-shape, at build time (the report's charts.ts) ----------------------------
{
  const size = await bundle('export * from "./src/registry/report/charts.ts";', ROOT, "node");
  const dir = mkdtempSync(join(tmpdir(), "charting-"));
  writeFileSync(join(dir, "charts.mjs"), size.text);
  const { metricChart } = await import(join(dir, "charts.mjs"));
  reportChart = metricChart;
  const times = {};
  for (const n of SIZES) {
    const points = series(n);
    const marks = [points[n - 1], points[Math.floor(n / 2)], points[1]].map((p, i) => ({
      version: p.version,
      label: `s${i}`,
      tone: "c1",
    }));
    const ms = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      metricChart({ title: "val_rmse", points, marks });
      ms.push(performance.now() - t);
    }
    times[n] = median(ms);
  }
  rows.push({
    name: "d3-scale + d3-shape (+ d3-hierarchy), SVG text at build time",
    where: "node, at build",
    size,
    times,
    browser: 0,
  });
}

// --- ECharts' SVG renderer on the server (ssr: true) -----------------------------------------
const echartsOption = (points) => ({
  animation: false,
  xAxis: { type: "category", data: points.map((p) => p.version) },
  yAxis: { type: "value", scale: true },
  series: [
    {
      type: "line",
      data: points.map((p) => p.value),
      showSymbol: points.length <= 300,
      markPoint: { data: [{ coord: [points.length - 1, points.at(-1).value], name: "production" }] },
    },
  ],
});
{
  const size = await bundle(
    'import * as echarts from "echarts/core"; import { LineChart } from "echarts/charts"; import { GridComponent, MarkPointComponent } from "echarts/components"; import { SVGRenderer } from "echarts/renderers"; echarts.use([LineChart, GridComponent, MarkPointComponent, SVGRenderer]); export { echarts };',
    opts.candidates,
    "node",
  );
  const echarts = from("echarts");
  const times = {};
  for (const n of SIZES) {
    const points = series(n);
    const ms = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 720, height: 260 });
      chart.setOption(echartsOption(points));
      chart.renderToSVGString();
      chart.dispose();
      ms.push(performance.now() - t);
    }
    times[n] = median(ms);
  }
  rows.push({
    name: "ECharts 6, SVG renderer with ssr: true",
    where: "node, at build",
    size,
    times,
    browser: 0,
  });
}

// --- In the browser ---------------------------------------------------------------------------
const browserCandidates = [
  {
    name: "Observable Plot",
    entry:
      'import * as Plot from "@observablehq/plot"; window.draw = (points) => { const el = Plot.plot({ width: 720, height: 260, marks: [Plot.lineY(points, { x: (d, i) => i, y: "value" }), Plot.dot(points.length <= 300 ? points : [], { x: (d, i) => i, y: "value" })] }); document.body.append(el); return el; };',
  },
  {
    name: "Chartist",
    entry:
      'import { LineChart } from "chartist"; window.draw = (points) => { const el = document.createElement("div"); el.style.width = "720px"; el.style.height = "260px"; document.body.append(el); new LineChart(el, { labels: points.map((p) => p.version), series: [points.map((p) => p.value)] }, { showPoint: points.length <= 300, width: 720, height: 260 }); return el; };',
  },
  {
    name: "Frappe Charts",
    entry:
      'import { Chart } from "frappe-charts"; window.draw = (points) => { const el = document.createElement("div"); document.body.append(el); new Chart(el, { type: "line", height: 260, animate: false, data: { labels: points.map((p) => p.version), datasets: [{ values: points.map((p) => p.value) }] }, lineOptions: { hideDots: points.length > 300 ? 1 : 0 } }); return el; };',
  },
  {
    name: "ECharts 6, SVG renderer",
    entry: `import * as echarts from "echarts/core"; import { LineChart } from "echarts/charts"; import { GridComponent, MarkPointComponent } from "echarts/components"; import { SVGRenderer } from "echarts/renderers"; echarts.use([LineChart, GridComponent, MarkPointComponent, SVGRenderer]); const option = ${echartsOption.toString()}; window.draw = (points) => { const el = document.createElement("div"); el.style.width = "720px"; el.style.height = "260px"; document.body.append(el); echarts.init(el, null, { renderer: "svg" }).setOption(option(points)); return el; };`,
  },
];

const browser = await launchHeadlessChromium();
// The report's own page draws nothing in the browser: it only lays out the SVG text.
{
  const page = await browser.newPage();
  await page.setContent("<body></body>");
  const metricChart = reportChart;
  {
    const times = {};
    for (const n of SIZES) {
      const svg = metricChart({ title: "val_rmse", points: series(n), marks: [] });
      const ms = [];
      for (let r = 0; r < RUNS; r++) {
        ms.push(
          await page.evaluate((text) => {
            const t = performance.now();
            const el = document.createElement("div");
            el.innerHTML = text;
            document.body.append(el);
            el.getBoundingClientRect();
            const spent = performance.now() - t;
            el.remove();
            return spent;
          }, svg),
        );
      }
      times[n] = median(ms);
    }
    rows[0].browserTimes = times;
  }
  await page.close();
}
for (const candidate of browserCandidates) {
  const size = await bundle(candidate.entry, opts.candidates, "browser");
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setContent(`<body><script>${size.text.replace(/<\/script/gi, "<\\/script")}</script></body>`);
  const times = {};
  for (const n of SIZES) {
    const points = series(n);
    const ms = [];
    for (let r = 0; r < RUNS; r++) {
      ms.push(
        await page.evaluate((data) => {
          const t = performance.now();
          const el = window.draw(data);
          el.getBoundingClientRect();
          const spent = performance.now() - t;
          el.remove();
          return spent;
        }, points),
      );
    }
    times[n] = median(ms);
  }
  if (errors.length) console.error(`${candidate.name}: ${errors[0]}`);
  rows.push({ name: candidate.name, where: "browser", size, times, browser: size.gzip });
  await page.close();
}
await browser.close();

console.log(
  `\nOne line chart, a dot per version up to 300, median of ${RUNS} runs (ms); sizes of the minified bundle (KiB)\n`,
);
console.log(
  "| library | draws | bundle min | bundle gzip | ms at 100 | ms at 10,000 | browser ms at 100 | browser ms at 10,000 |",
);
console.log("|---|---|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const b = r.browserTimes ?? (r.where === "browser" ? r.times : null);
  const node = r.where === "browser" ? null : r.times;
  console.log(
    `| ${r.name} | ${r.where} | ${kib(r.size.min)} | ${kib(r.size.gzip)} | ${node ? node[100].toFixed(2) : "-"} | ${node ? node[10000].toFixed(2) : "-"} | ${b ? b[100].toFixed(2) : "-"} | ${b ? b[10000].toFixed(2) : "-"} |`,
  );
}
