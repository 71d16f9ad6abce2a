import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import{monitoringFile,recommendationHeadline}from"./chunk-5I5GBPFJ.js";import{selectAmong}from"./chunk-JQDCLSVW.js";import{goalOf}from"./chunk-DEBJ7C3L.js";import{streamJsonl}from"./chunk-M3JAXURM.js";import"./chunk-MBZJJNE4.js";import{MonitoringAccumulator,MonitoringLineSchema}from"./chunk-HOQS7UTG.js";import"./chunk-JXICBTZ3.js";import{historyEntries}from"./chunk-UZH2P5I5.js";import{parseJsonl}from"./chunk-WDWZMQBR.js";import{listVersions}from"./chunk-HX4PNOR7.js";import"./chunk-IFRF6GVB.js";import{lookupField}from"./chunk-N5SXPGFL.js";import{readStageLogs}from"./chunk-I7BRUWHW.js";import"./chunk-JLN72FAU.js";import"./chunk-3BON5M4S.js";import"./chunk-6R3H4KBE.js";import"./chunk-HWY4VDS4.js";import"./chunk-IV5KYFLD.js";import{formatBytes,formatNumber}from"./chunk-OQX6MEXB.js";import"./chunk-3I6GJK3A.js";import"./chunk-5D2XNJAI.js";import"./chunk-4CEQLJUX.js";import"./chunk-5DCMTIDQ.js";import"./chunk-RCI7RXNK.js";import"./chunk-X23DMM5I.js";import"./chunk-5DOYYWTL.js";import"./chunk-YOBA7LCM.js";import"./chunk-BD5PQ65D.js";import"./chunk-PK44DES3.js";import{compareText}from"./chunk-JJ6VQEKF.js";import"./chunk-3I4IMFLA.js";import"./chunk-7YZGR423.js";import"./chunk-6BCR7DCG.js";import{isInside}from"./chunk-IEZTRWDD.js";import{usage}from"./chunk-QV55HSDE.js";import"./chunk-2S4ELBJK.js";import{join as join2,resolve as resolve2}from"node:path";import{statSync}from"node:fs";import{basename}from"node:path";async function readFacts(registry,options={}){let[models,repositoryUrl]=await Promise.all([registry.models(),options.repositoryUrl!==void 0?Promise.resolve(options.repositoryUrl):repositoryWebUrl(registry,options.env??process.env)]);return{generatedAt:(options.now??new Date).toISOString().replace(/\.\d{3}Z$/,"Z"),title:basename(registry.top),repositoryUrl,root:registry.root,stages:registry.config.stages,initialStage:registry.config.initialStage,displacedTo:registry.config.displacedTo??null,models}}async function readHistories(registry,models){if(models.length===0)return new Map;let logs=await readStageLogs(registry,"all");return new Map(models.map(m=>[m,logs.has(m)?historyEntries(registry,logs.get(m)):[]]))}async function readModel(registry,model,now){let[summaries,stages,monitoring]=await Promise.all([listVersions(registry,model),registry.readStages(model).catch(()=>({})),readMonitoring(registry,model)]),versions=summaries.map(s2=>({version:s2.version,stage:s2.stage,created_at:s2.created_at,size:s2.size,metrics:s2.metrics,metadata:s2.metadata,problem:s2.problem??null})),holders={};for(let[stage,held]of Object.entries(stages)){let list=(Array.isArray(held)?held:[held]).filter(v=>typeof v=="string");list.length&&(holders[stage]=list)}let rank=rankOf(registry,model,versions),best=null,bestNote=null;try{let selection=selectAmong(registry,model,summaries,now?{now}:{}),winner=selection.candidates.find(c=>c.version===selection.winner);best=selection.winner?{version:selection.winner,value:winner?.value??winner?.score??null}:null,bestNote=best?selection.warnings[0]??null:"no version meets the selection policy"}catch(e){bestNote=e.message}return{name:model,versions,holders,rank,best,bestNote,monitoring}}function rankOf(registry,model,versions){let rank=registry.config.selectFor(model)?.rank;if(rank?.metric)return{by:"metric",metric:rank.metric,goal:rank.goal??"min"};let counts=new Map;for(let v of versions)for(let name of Object.keys(v.metrics))counts.set(name,(counts.get(name)??0)+1);let common=[...counts].sort((a2,b)=>b[1]-a2[1]||compareText(a2[0],b[0]))[0]?.[0],metric=common===void 0?null:`metrics.${common}`;return{by:rank?.score?"score":"newest",metric,goal:metric?goalOf(registry.config,model,metric):"min"}}var READ_WHOLE_BYTES=1024*1024;async function readMonitoring(registry,model){let path2=registry.abs(monitoringFile(registry,model)),size=statSize(path2);if(size===null)return null;let accumulator=new MonitoringAccumulator(registry.config.monitorFor(model)),recent=[],take=l=>{accumulator.add(l),recent.push(l),recent.length>2*2e3&&recent.splice(0,recent.length-2e3)},records,issues;if(size<=READ_WHOLE_BYTES){let read=parseJsonl(registry.readText(monitoringFile(registry,model))??"",MonitoringLineSchema);for(let{value:value2}of read.records)take(value2);records=read.records.length,issues=read.issues.length}else{let read=await streamJsonl(path2,MonitoringLineSchema,take);records=read.records,issues=read.issueCount}if(records===0&&issues===0)return null;let status=accumulator.status();return{total:records,lines:recent.slice(-2e3),status,recommendation:recommendationHeadline(status),issues}}function statSize(path2){try{return statSync(path2).size}catch{return null}}async function repositoryWebUrl(registry,env){if(env.GITHUB_REPOSITORY&&/^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY))return`${(env.GITHUB_SERVER_URL||"https://github.com").replace(/\/+$/,"")}/${env.GITHUB_REPOSITORY}`;let remote=await registry.git.run(["remote","get-url","--","origin"],{allowFailure:!0});return remote.code!==0?null:webUrlOfRemote(remote.stdout.toString("utf8").trim())}function webUrlOfRemote(url){let match=/^(?:https?|ssh):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url)??/^[\w.-]+@([\w.-]+):([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);return match?`https://${match[1]}/${match[2]}/${match[3]}`:null}var report_default=`/* git-model report: one stylesheet for every page. Light and dark schemes follow the system. */
:root {
  color-scheme: light dark;
  --bg: #f7f8fa;
  --panel: #ffffff;
  --text: #1d2330;
  --muted: #5c6578;
  --border: #dde1e8;
  --grid: #e8ebf0;
  --accent: #3056d3;
  --line: #3056d3;
  --row-hover: #f0f3fa;
  --c0: #7a8496;
  --c1: #c77700;
  --c2: #1f8a4c;
  --c3: #8a5cd1;
  --c4: #c2410c;
  --c5: #0e7490;
  --ok: #1f8a4c;
  --warn: #b45309;
  --bad: #c62828;
  --info: #3056d3;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.06);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f141b;
    --panel: #171d26;
    --text: #e6e9ef;
    --muted: #9aa4b5;
    --border: #2a3240;
    --grid: #232b37;
    --accent: #7c9bff;
    --line: #7c9bff;
    --row-hover: #1d2531;
    --c0: #9aa4b5;
    --c1: #f0a13a;
    --c2: #4cc182;
    --c3: #b593ff;
    --c4: #ff8a5b;
    --c5: #38bdd8;
    --ok: #4cc182;
    --warn: #f0a13a;
    --bad: #ff6b6b;
    --info: #7c9bff;
    --shadow: none;
  }
}
* {
  box-sizing: border-box;
}
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
}
a {
  color: var(--accent);
  text-decoration: none;
}
a:hover,
a:focus-visible {
  text-decoration: underline;
}
code,
.mono {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.9em;
}
.topbar {
  display: flex;
  align-items: baseline;
  gap: 0.75rem;
  flex-wrap: wrap;
  padding: 0.8rem 1.25rem;
  background: var(--panel);
  border-bottom: 1px solid var(--border);
}
.topbar .brand {
  font-weight: 650;
  color: var(--text);
}
.topbar .where {
  color: var(--muted);
  font-size: 0.9rem;
}
main {
  max-width: 1320px;
  margin: 0 auto;
  padding: 1.25rem;
}
h1 {
  font-size: 1.6rem;
  margin: 0.2rem 0 0.4rem;
  letter-spacing: -0.01em;
}
h2 {
  font-size: 1.15rem;
  margin: 0 0 0.75rem;
}
h3 {
  font-size: 0.95rem;
  margin: 0 0 0.4rem;
  color: var(--muted);
  font-weight: 600;
}
.lede {
  color: var(--muted);
  margin: 0 0 1.25rem;
}
.since {
  color: var(--muted);
  font-size: 0.8rem;
}
td .since {
  display: block;
}
.badge {
  display: inline-block;
  padding: 0.05rem 0.5rem;
  border-radius: 999px;
  font-size: 0.8rem;
  font-weight: 600;
  border: 1px solid currentColor;
  white-space: nowrap;
  background: transparent;
}
figure {
  margin: 0;
}
svg.lineage-graph text {
  fill: var(--text);
  font-size: 12px;
  font-family: inherit;
}
.panel {
  background: var(--panel);
  border: 1px solid var(--border);
  border-radius: 10px;
  padding: 1rem 1.1rem;
  margin: 0 0 1.1rem;
  box-shadow: var(--shadow);
  min-width: 0;
}
.cards {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
  gap: 0.75rem;
  margin: 0 0 1.1rem;
}
.card {
  background: var(--panel);
  border: 1px solid var(--border);
  border-radius: 10px;
  padding: 0.7rem 0.9rem;
  box-shadow: var(--shadow);
}
.card dt {
  color: var(--muted);
  font-size: 0.8rem;
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
.card dd {
  margin: 0.15rem 0 0;
  font-size: 1.1rem;
  font-weight: 600;
  overflow-wrap: anywhere;
}
.card .badge {
  white-space: normal;
}
.chart-narrow {
  display: none;
}
.card .since {
  display: block;
  font-size: 0.8rem;
  font-weight: 400;
  color: var(--muted);
}
.table-wrap {
  overflow-x: auto;
  -webkit-overflow-scrolling: touch;
}
table {
  border-collapse: collapse;
  width: 100%;
  font-size: 0.92rem;
}
caption {
  text-align: left;
  color: var(--muted);
  font-size: 0.85rem;
  padding: 0 0 0.5rem;
  caption-side: top;
}
th,
td {
  padding: 0.45rem 0.6rem;
  border-bottom: 1px solid var(--border);
  text-align: left;
  vertical-align: top;
  white-space: nowrap;
}
thead th {
  font-size: 0.78rem;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: var(--muted);
  font-weight: 600;
  background: var(--panel);
  position: sticky;
  top: 0;
}
tbody tr:hover {
  background: var(--row-hover);
}
td.num,
th.num {
  text-align: right;
  font-variant-numeric: tabular-nums;
}
td.wrap {
  white-space: normal;
  min-width: 14rem;
}
th button.sort {
  all: unset;
  cursor: pointer;
  display: inline-flex;
  gap: 0.25rem;
  align-items: center;
}
th button.sort:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
  border-radius: 3px;
}
th button.sort::after {
  content: "\u2195";
  opacity: 0.35;
  font-size: 0.9em;
}
th[aria-sort="ascending"] button.sort::after {
  content: "\u2191";
  opacity: 1;
}
th[aria-sort="descending"] button.sort::after {
  content: "\u2193";
  opacity: 1;
}
.muted {
  color: var(--muted);
}
.stage-badge {
  color: var(--c0);
}
.c0 {
  --tone: var(--c0);
}
.c1 {
  --tone: var(--c1);
}
.c2 {
  --tone: var(--c2);
}
.c3 {
  --tone: var(--c3);
}
.c4 {
  --tone: var(--c4);
}
.c5 {
  --tone: var(--c5);
}
.stage-badge[class*=" c"] {
  color: var(--tone);
}
.status-ok {
  color: var(--ok);
}
.status-plan-retraining {
  color: var(--warn);
}
.status-retrain-now {
  color: var(--bad);
}
.status-propose-promotion {
  color: var(--info);
}
.status-no-data {
  color: var(--muted);
}
.holders {
  display: flex;
  flex-wrap: wrap;
  gap: 0.4rem;
  margin: 0 0 1rem;
}
.controls {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
  margin: 0 0 0.6rem;
  align-items: center;
}
.controls input,
.controls select {
  font: inherit;
  color: var(--text);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.3rem 0.5rem;
  min-width: 0;
}
.controls input {
  flex: 1 1 12rem;
}
.controls .count {
  color: var(--muted);
  font-size: 0.85rem;
}
/* Charts: d3 draws the marks at build time; the page colours them. */
svg.chart {
  width: 100%;
  height: auto;
  display: block;
  overflow: visible;
}
svg.chart text {
  fill: var(--muted);
  font-size: 11px;
  font-family: inherit;
}
svg .grid {
  stroke: var(--grid);
  stroke-width: 1;
}
svg .line {
  fill: none;
  stroke: var(--line);
  stroke-width: 2;
  stroke-linejoin: round;
  stroke-linecap: round;
}
svg .dot,
svg .run {
  fill: var(--panel);
  stroke: var(--line);
  stroke-width: 1.5;
}
svg .holder-mark {
  fill: var(--tone, var(--accent));
  stroke: var(--panel);
  stroke-width: 2;
}
svg.chart .mark-label {
  fill: var(--tone, var(--text));
  font-weight: 650;
  font-size: 11.5px;
}
svg .threshold line {
  stroke-dasharray: 5 4;
  stroke-width: 1.5;
}
svg .threshold.warn line {
  stroke: var(--warn);
}
svg .threshold.retrain line {
  stroke: var(--bad);
}
svg.chart .threshold.warn text {
  fill: var(--warn);
}
svg.chart .threshold.retrain text {
  fill: var(--bad);
}
svg .win {
  fill: var(--c3);
  stroke: var(--panel);
  stroke-width: 1;
}
svg .span rect {
  fill: var(--tone);
  opacity: 0.85;
}
svg.chart .span-label {
  fill: #fff;
  font-size: 11px;
  font-weight: 600;
  pointer-events: none;
}
svg .link {
  fill: none;
  stroke: var(--border);
  stroke-width: 1.5;
}
svg .node circle {
  fill: var(--tone, var(--line));
  stroke: var(--panel);
  stroke-width: 1.5;
}
svg .node.external circle {
  fill: var(--panel);
  stroke: var(--muted);
  stroke-dasharray: 2 2;
}
svg.sparkline {
  display: block;
  overflow: visible;
}
svg.lineage-graph {
  display: block;
  max-width: none;
  overflow: visible;
}
svg.sparkline .line {
  stroke-width: 1.5;
}
.legend {
  display: flex;
  flex-wrap: wrap;
  gap: 0.9rem;
  margin: 0.5rem 0 0;
  font-size: 0.85rem;
  color: var(--muted);
  padding: 0;
  list-style: none;
}
.legend li::before {
  content: "";
  display: inline-block;
  width: 0.7rem;
  height: 0.7rem;
  border-radius: 50%;
  background: var(--tone, var(--line));
  margin-right: 0.35rem;
  vertical-align: -0.05rem;
}
.legend li.win-key::before {
  background: var(--c3);
  border-radius: 0;
  clip-path: polygon(50% 0, 100% 100%, 0 100%);
}
.legend li.warn-key::before {
  background: var(--warn);
  border-radius: 0;
  height: 0.15rem;
  vertical-align: 0.2rem;
}
.legend li.retrain-key::before {
  background: var(--bad);
  border-radius: 0;
  height: 0.15rem;
  vertical-align: 0.2rem;
}
.small-multiples {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 1rem;
}
.small-multiples figure {
  margin: 0;
}
figcaption {
  color: var(--muted);
  font-size: 0.85rem;
  margin-top: 0.35rem;
}
.details-panel {
  border-color: var(--accent);
}
.details-panel[hidden] {
  display: none;
}
.details-panel header {
  display: flex;
  justify-content: space-between;
  align-items: baseline;
  gap: 1rem;
  flex-wrap: wrap;
}
.details-panel .close {
  font: inherit;
  cursor: pointer;
  background: none;
  border: 1px solid var(--border);
  color: var(--text);
  border-radius: 6px;
  padding: 0.2rem 0.6rem;
}
.details-grid {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
  gap: 1rem;
}
.details-grid table td {
  white-space: normal;
  overflow-wrap: anywhere;
}
.better {
  color: var(--ok);
  font-weight: 600;
}
.worse {
  color: var(--bad);
  font-weight: 600;
}
pre.json {
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.6rem;
  overflow-x: auto;
  font-size: 0.8rem;
  margin: 0;
}
.note {
  color: var(--muted);
  font-size: 0.88rem;
  margin: 0.4rem 0 0;
}
footer.foot {
  max-width: 1320px;
  margin: 0 auto;
  padding: 0 1.25rem 2rem;
  color: var(--muted);
  font-size: 0.82rem;
}
tr.selected {
  background: var(--row-hover);
  box-shadow: inset 3px 0 0 var(--accent);
}
@media (max-width: 640px) {
  :root {
    font-size: 14px;
  }
  main {
    padding: 0.75rem;
  }
  .panel {
    padding: 0.8rem;
    border-radius: 8px;
  }
  th,
  td {
    padding: 0.4rem 0.45rem;
  }
  h1 {
    font-size: 1.35rem;
  }
  .cards {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .small-multiples {
    grid-template-columns: 1fr;
  }
  .chart-wide {
    display: none;
  }
  .chart-narrow {
    display: block;
  }
}
.details-grid .wide {
  grid-column: 1 / -1;
}
.details-grid table.artifacts td.mono {
  white-space: nowrap;
  overflow-wrap: normal;
}
`;var report_default2=`// git-model report: progressive enhancement. Every page reads without this script; with it,
// tables sort and filter, and a version's details load on demand from data/<model>/<chunk>.js
// (script tags rather than fetch, which browsers refuse for file:// pages).
(() => {
  const cellValue = (row, index) => {
    const cell = row.cells[index];
    if (!cell) return "";
    return cell.dataset.v ?? cell.textContent.trim();
  };

  function makeSortable(table) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, index) => {
      const kind = th.dataset.sort;
      if (!kind) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        for (const other of headers) other.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = [...body.rows];
        const sign = ascending ? 1 : -1;
        const key = (row) => {
          const raw = cellValue(row, index);
          if (kind !== "num") return raw;
          const value = Number.parseFloat(raw);
          return Number.isFinite(value) ? value : null;
        };
        const keyed = rows.map((row, position) => ({ row, key: key(row), position }));
        keyed.sort((a, b) => {
          // Missing values last in both directions; ties keep the page's order.
          if (a.key === null || a.key === "")
            return b.key === null || b.key === "" ? a.position - b.position : 1;
          if (b.key === null || b.key === "") return -1;
          const order =
            kind === "num"
              ? a.key - b.key
              : String(a.key).localeCompare(String(b.key), undefined, { numeric: true });
          return order === 0 ? a.position - b.position : sign * order;
        });
        body.append(...keyed.map((k) => k.row));
      });
    });
  }

  function makeFilterable(controls) {
    const table = document.getElementById(controls.dataset.filterFor);
    if (!table) return;
    const text = controls.querySelector("input[type=search]");
    const stage = controls.querySelector("select");
    const count = controls.querySelector(".count");
    const rows = [...table.tBodies[0].rows];
    const texts = rows.map((row) => row.textContent.toLowerCase());
    const apply = () => {
      const words = (text?.value ?? "").toLowerCase().split(/\\s+/).filter(Boolean);
      const wanted = stage?.value ?? "";
      let shown = 0;
      rows.forEach((row, i) => {
        const visible = (!wanted || row.dataset.stage === wanted) && words.every((w) => texts[i].includes(w));
        row.hidden = !visible;
        if (visible) shown++;
      });
      if (count) count.textContent = \`\${shown} of \${rows.length} shown\`;
    };
    text?.addEventListener("input", apply);
    stage?.addEventListener("change", apply);
    controls.hidden = false;
    apply();
  }

  // ------------------------------------------------------------------------------------------
  // Version details, loaded on demand

  const chunks = new Map();
  const waiting = new Map();
  window.gitModelReport = {
    addVersions(model, chunk, versions) {
      const key = \`\${model}/\${chunk}\`;
      chunks.set(key, versions);
      for (const resolve of waiting.get(key) ?? []) resolve(versions);
      waiting.delete(key);
    },
  };

  function loadChunk(base, model, chunk) {
    const key = \`\${model}/\${chunk}\`;
    if (chunks.has(key)) return Promise.resolve(chunks.get(key));
    return new Promise((resolve, reject) => {
      const list = waiting.get(key) ?? [];
      list.push(resolve);
      if (list.length > 1) return;
      waiting.set(key, list);
      const script = document.createElement("script");
      script.src = \`\${base}\${chunk}.js\`;
      script.onerror = () => reject(new Error(\`could not load \${script.src}\`));
      document.head.append(script);
    });
  }

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  };

  const show = (value) =>
    value === null || value === undefined
      ? "-"
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);

  function keyValueTable(caption, record, format = show) {
    const entries = Object.entries(record ?? {});
    if (entries.length === 0) return null;
    const body = el("tbody");
    for (const [k, v] of entries)
      body.append(el("tr", {}, el("th", { scope: "row", text: k }), el("td", { text: format(v, k) })));
    return el("table", {}, el("caption", { text: caption }), body);
  }

  const safeLink = (url, text) =>
    /^https?:\\/\\//i.test(String(url))
      ? el("a", { href: String(url), rel: "noopener", text: text ?? String(url) })
      : document.createTextNode(String(url));

  function renderDetails(panel, model, entry, goals) {
    const meta = entry.metadata;
    const title = el("h2", { id: "version-details-title", text: \`\${model}@\${entry.version}\` });
    const close = el("button", { type: "button", class: "close", text: "Close" });
    close.addEventListener("click", () => {
      history.replaceState(null, "", location.pathname + location.search);
      hideDetails();
    });
    panel.replaceChildren(el("header", {}, title, close));
    const facts = el("p", { class: "note" });
    facts.append(\`stage \${entry.stage} \xB7 created \${meta?.created_at ?? "-"}\`);
    panel.append(facts);
    if (!meta) {
      panel.append(
        el("p", {
          class: "worse",
          text: \`metadata.json cannot be read: \${entry.problem ?? "unknown problem"}\`,
        }),
      );
      return;
    }
    if (meta.description) panel.append(el("p", { text: meta.description }));
    const grid = el("div", { class: "details-grid" });
    const artifacts = el("tbody");
    for (const [i, a] of (meta.artifacts ?? []).entries()) {
      artifacts.append(
        el(
          "tr",
          {},
          el("th", { scope: "row", text: a.path }),
          el("td", { class: "num", text: entry.sizes[i] ?? String(a.size) }),
          el("td", { class: "mono", text: a.sha256 }),
        ),
      );
    }
    grid.append(
      el(
        "div",
        { class: "table-wrap wide" },
        el(
          "table",
          { class: "artifacts" },
          el("caption", { text: "Artifacts" }),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col", text: "path" }),
              el("th", { scope: "col", class: "num", text: "size" }),
              el("th", { scope: "col", text: "sha256" }),
            ),
          ),
          artifacts,
        ),
      ),
    );
    const improvement = meta.improvement ?? {};
    if (Object.keys(improvement).length) {
      const body = el("tbody");
      for (const [metric, pct] of Object.entries(improvement)) {
        const goal = goals[\`metrics.\${metric}\`];
        const better = goal ? (goal === "min" ? pct < 0 : pct > 0) : null;
        const cls = better === null || pct === 0 ? "" : better ? "better" : "worse";
        body.append(
          el(
            "tr",
            {},
            el("th", { scope: "row", text: metric }),
            el("td", { class: \`num \${cls}\`, text: \`\${pct > 0 ? "+" : ""}\${pct}%\` }),
          ),
        );
      }
      grid.append(
        el(
          "div",
          { class: "table-wrap" },
          el(
            "table",
            { class: "improvement" },
            el("caption", { text: \`Improvement over \${meta.lineage?.base ?? "its base"}\` }),
            body,
          ),
        ),
      );
    }
    for (const [caption, record] of [
      ["Metrics", meta.metrics],
      ["Parameters", meta.params],
      ["Tags", meta.tags],
      ["Training", meta.training],
      ["Lineage", meta.lineage],
    ]) {
      const table = keyValueTable(caption, record);
      if (table) grid.append(el("div", { class: "table-wrap" }, table));
    }
    if (meta.source) {
      const body = el("tbody");
      for (const [k, v] of Object.entries(meta.source))
        body.append(el("tr", {}, el("th", { scope: "row", text: k }), el("td", {}, safeLink(show(v)))));
      grid.append(
        el("div", { class: "table-wrap" }, el("table", {}, el("caption", { text: "Source" }), body)),
      );
    }
    panel.append(grid);
    const known = new Set([
      "schema",
      "name",
      "version",
      "created_at",
      "description",
      "artifacts",
      "metrics",
      "params",
      "tags",
      "training",
      "lineage",
      "improvement",
      "source",
    ]);
    const rest = Object.fromEntries(Object.entries(meta).filter(([k]) => !known.has(k)));
    if (Object.keys(rest).length) {
      panel.append(
        el("h3", { text: "Other fields" }),
        el("pre", { class: "json", text: JSON.stringify(rest, null, 2) }),
      );
    }
  }

  let selectedRow = null;
  function hideDetails() {
    const panel = document.getElementById("version-details");
    if (panel) panel.hidden = true;
    selectedRow?.classList.remove("selected");
    selectedRow = null;
  }

  async function openFromHash() {
    const main = document.querySelector("main[data-model]");
    const panel = document.getElementById("version-details");
    if (!main || !panel) return;
    const match = /^#v=(.+)$/.exec(location.hash);
    if (!match) return hideDetails();
    const version = decodeURIComponent(match[1]);
    const row = [...document.querySelectorAll("#versions tbody tr")].find(
      (r) => r.dataset.version === version,
    );
    if (!row) return hideDetails();
    const model = main.dataset.model;
    try {
      const versions = await loadChunk(main.dataset.chunks, model, row.dataset.chunk);
      const entry = versions.find((v) => v.version === version);
      if (!entry) return hideDetails();
      renderDetails(panel, model, entry, JSON.parse(main.dataset.goals || "{}"));
      panel.hidden = false;
      selectedRow?.classList.remove("selected");
      selectedRow = row;
      row.classList.add("selected");
      panel.scrollIntoView({ block: "start" });
    } catch (e) {
      panel.replaceChildren(el("p", { class: "worse", text: String(e.message ?? e) }));
      panel.hidden = false;
    }
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("[data-filter-for]").forEach(makeFilterable);
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
})();
`;function count(node){var sum=0,children=node.children,i=children&&children.length;if(!i)sum=1;else for(;--i>=0;)sum+=children[i].value;node.value=sum}function node_count(){return this.eachAfter(count)}function node_each(callback,that){let index=-1;for(let node of this)callback.call(that,node,++index,this);return this}function node_eachBefore(callback,that){for(var node=this,nodes=[node],children,i,index=-1;node=nodes.pop();)if(callback.call(that,node,++index,this),children=node.children)for(i=children.length-1;i>=0;--i)nodes.push(children[i]);return this}function node_eachAfter(callback,that){for(var node=this,nodes=[node],next=[],children,i,n2,index=-1;node=nodes.pop();)if(next.push(node),children=node.children)for(i=0,n2=children.length;i<n2;++i)nodes.push(children[i]);for(;node=next.pop();)callback.call(that,node,++index,this);return this}function node_find(callback,that){let index=-1;for(let node of this)if(callback.call(that,node,++index,this))return node}function node_sum(value2){return this.eachAfter(function(node){for(var sum=+value2(node.data)||0,children=node.children,i=children&&children.length;--i>=0;)sum+=children[i].value;node.value=sum})}function node_sort(compare){return this.eachBefore(function(node){node.children&&node.children.sort(compare)})}function node_path(end){for(var start=this,ancestor=leastCommonAncestor(start,end),nodes=[start];start!==ancestor;)start=start.parent,nodes.push(start);for(var k2=nodes.length;end!==ancestor;)nodes.splice(k2,0,end),end=end.parent;return nodes}function leastCommonAncestor(a2,b){if(a2===b)return a2;var aNodes=a2.ancestors(),bNodes=b.ancestors(),c=null;for(a2=aNodes.pop(),b=bNodes.pop();a2===b;)c=a2,a2=aNodes.pop(),b=bNodes.pop();return c}function node_ancestors(){for(var node=this,nodes=[node];node=node.parent;)nodes.push(node);return nodes}function node_descendants(){return Array.from(this)}function node_leaves(){var leaves=[];return this.eachBefore(function(node){node.children||leaves.push(node)}),leaves}function node_links(){var root=this,links=[];return root.each(function(node){node!==root&&links.push({source:node.parent,target:node})}),links}function*node_iterator(){var node=this,current,next=[node],children,i,n2;do for(current=next.reverse(),next=[];node=current.pop();)if(yield node,children=node.children)for(i=0,n2=children.length;i<n2;++i)next.push(children[i]);while(next.length)}function hierarchy(data,children){data instanceof Map?(data=[void 0,data],children===void 0&&(children=mapChildren)):children===void 0&&(children=objectChildren);for(var root=new Node$1(data),node,nodes=[root],child,childs,i,n2;node=nodes.pop();)if((childs=children(node.data))&&(n2=(childs=Array.from(childs)).length))for(node.children=childs,i=n2-1;i>=0;--i)nodes.push(child=childs[i]=new Node$1(childs[i])),child.parent=node,child.depth=node.depth+1;return root.eachBefore(computeHeight)}function node_copy(){return hierarchy(this).eachBefore(copyData)}function objectChildren(d){return d.children}function mapChildren(d){return Array.isArray(d)?d[1]:null}function copyData(node){node.data.value!==void 0&&(node.value=node.data.value),node.data=node.data.data}function computeHeight(node){var height=0;do node.height=height;while((node=node.parent)&&node.height<++height)}function Node$1(data){this.data=data,this.depth=this.height=0,this.parent=null}Node$1.prototype=hierarchy.prototype={constructor:Node$1,count:node_count,each:node_each,eachAfter:node_eachAfter,eachBefore:node_eachBefore,find:node_find,sum:node_sum,sort:node_sort,path:node_path,ancestors:node_ancestors,descendants:node_descendants,leaves:node_leaves,links:node_links,copy:node_copy,[Symbol.iterator]:node_iterator};function optional(f){return f==null?null:required(f)}function required(f){if(typeof f!="function")throw new Error;return f}function treemapDice(parent,x0,y0,x1,y1){for(var nodes=parent.children,node,i=-1,n2=nodes.length,k2=parent.value&&(x1-x0)/parent.value;++i<n2;)node=nodes[i],node.y0=y0,node.y1=y1,node.x0=x0,node.x1=x0+=node.value*k2}var preroot={depth:-1},ambiguous={},imputed={};function defaultId(d){return d.id}function defaultParentId(d){return d.parentId}function stratify(){var id=defaultId,parentId=defaultParentId,path2;function stratify2(data){var nodes=Array.from(data),currentId=id,currentParentId=parentId,n2,d,i,root,parent,node,nodeId,nodeKey,nodeByKey=new Map;if(path2!=null){let I=nodes.map((d2,i2)=>normalize(path2(d2,i2,data))),P=I.map(parentof),S=new Set(I).add("");for(let i2 of P)S.has(i2)||(S.add(i2),I.push(i2),P.push(parentof(i2)),nodes.push(imputed));currentId=(_,i2)=>I[i2],currentParentId=(_,i2)=>P[i2]}for(i=0,n2=nodes.length;i<n2;++i)d=nodes[i],node=nodes[i]=new Node$1(d),(nodeId=currentId(d,i,data))!=null&&(nodeId+="")&&(nodeKey=node.id=nodeId,nodeByKey.set(nodeKey,nodeByKey.has(nodeKey)?ambiguous:node)),(nodeId=currentParentId(d,i,data))!=null&&(nodeId+="")&&(node.parent=nodeId);for(i=0;i<n2;++i)if(node=nodes[i],nodeId=node.parent){if(parent=nodeByKey.get(nodeId),!parent)throw new Error("missing: "+nodeId);if(parent===ambiguous)throw new Error("ambiguous: "+nodeId);parent.children?parent.children.push(node):parent.children=[node],node.parent=parent}else{if(root)throw new Error("multiple roots");root=node}if(!root)throw new Error("no root");if(path2!=null){for(;root.data===imputed&&root.children.length===1;)root=root.children[0],--n2;for(let i2=nodes.length-1;i2>=0&&(node=nodes[i2],node.data===imputed);--i2)node.data=null}if(root.parent=preroot,root.eachBefore(function(node2){node2.depth=node2.parent.depth+1,--n2}).eachBefore(computeHeight),root.parent=null,n2>0)throw new Error("cycle");return root}return stratify2.id=function(x2){return arguments.length?(id=optional(x2),stratify2):id},stratify2.parentId=function(x2){return arguments.length?(parentId=optional(x2),stratify2):parentId},stratify2.path=function(x2){return arguments.length?(path2=optional(x2),stratify2):path2},stratify2}function normalize(path2){path2=`${path2}`;let i=path2.length;return slash(path2,i-1)&&!slash(path2,i-2)&&(path2=path2.slice(0,-1)),path2[0]==="/"?path2:`/${path2}`}function parentof(path2){let i=path2.length;if(i<2)return"";for(;--i>1&&!slash(path2,i););return path2.slice(0,i)}function slash(path2,i){if(path2[i]==="/"){let k2=0;for(;i>0&&path2[--i]==="\\";)++k2;if((k2&1)===0)return!0}return!1}function defaultSeparation(a2,b){return a2.parent===b.parent?1:2}function nextLeft(v){var children=v.children;return children?children[0]:v.t}function nextRight(v){var children=v.children;return children?children[children.length-1]:v.t}function moveSubtree(wm,wp,shift){var change=shift/(wp.i-wm.i);wp.c-=change,wp.s+=shift,wm.c+=change,wp.z+=shift,wp.m+=shift}function executeShifts(v){for(var shift=0,change=0,children=v.children,i=children.length,w;--i>=0;)w=children[i],w.z+=shift,w.m+=shift,shift+=w.s+(change+=w.c)}function nextAncestor(vim,v,ancestor){return vim.a.parent===v.parent?vim.a:ancestor}function TreeNode(node,i){this._=node,this.parent=null,this.children=null,this.A=null,this.a=this,this.z=0,this.m=0,this.c=0,this.s=0,this.t=null,this.i=i}TreeNode.prototype=Object.create(Node$1.prototype);function treeRoot(root){for(var tree2=new TreeNode(root,0),node,nodes=[tree2],child,children,i,n2;node=nodes.pop();)if(children=node._.children)for(node.children=new Array(n2=children.length),i=n2-1;i>=0;--i)nodes.push(child=node.children[i]=new TreeNode(children[i],i)),child.parent=node;return(tree2.parent=new TreeNode(null,0)).children=[tree2],tree2}function tree(){var separation=defaultSeparation,dx=1,dy=1,nodeSize=null;function tree2(root){var t=treeRoot(root);if(t.eachAfter(firstWalk),t.parent.m=-t.z,t.eachBefore(secondWalk),nodeSize)root.eachBefore(sizeNode);else{var left=root,right=root,bottom=root;root.eachBefore(function(node){node.x<left.x&&(left=node),node.x>right.x&&(right=node),node.depth>bottom.depth&&(bottom=node)});var s2=left===right?1:separation(left,right)/2,tx=s2-left.x,kx2=dx/(right.x+s2+tx),ky2=dy/(bottom.depth||1);root.eachBefore(function(node){node.x=(node.x+tx)*kx2,node.y=node.depth*ky2})}return root}function firstWalk(v){var children=v.children,siblings=v.parent.children,w=v.i?siblings[v.i-1]:null;if(children){executeShifts(v);var midpoint=(children[0].z+children[children.length-1].z)/2;w?(v.z=w.z+separation(v._,w._),v.m=v.z-midpoint):v.z=midpoint}else w&&(v.z=w.z+separation(v._,w._));v.parent.A=apportion(v,w,v.parent.A||siblings[0])}function secondWalk(v){v._.x=v.z+v.parent.m,v.m+=v.parent.m}function apportion(v,w,ancestor){if(w){for(var vip=v,vop=v,vim=w,vom=vip.parent.children[0],sip=vip.m,sop=vop.m,sim=vim.m,som=vom.m,shift;vim=nextRight(vim),vip=nextLeft(vip),vim&&vip;)vom=nextLeft(vom),vop=nextRight(vop),vop.a=v,shift=vim.z+sim-vip.z-sip+separation(vim._,vip._),shift>0&&(moveSubtree(nextAncestor(vim,v,ancestor),v,shift),sip+=shift,sop+=shift),sim+=vim.m,sip+=vip.m,som+=vom.m,sop+=vop.m;vim&&!nextRight(vop)&&(vop.t=vim,vop.m+=sim-sop),vip&&!nextLeft(vom)&&(vom.t=vip,vom.m+=sip-som,ancestor=v)}return ancestor}function sizeNode(node){node.x*=dx,node.y=node.depth*dy}return tree2.separation=function(x2){return arguments.length?(separation=x2,tree2):separation},tree2.size=function(x2){return arguments.length?(nodeSize=!1,dx=+x2[0],dy=+x2[1],tree2):nodeSize?null:[dx,dy]},tree2.nodeSize=function(x2){return arguments.length?(nodeSize=!0,dx=+x2[0],dy=+x2[1],tree2):nodeSize?[dx,dy]:null},tree2}function treemapSlice(parent,x0,y0,x1,y1){for(var nodes=parent.children,node,i=-1,n2=nodes.length,k2=parent.value&&(y1-y0)/parent.value;++i<n2;)node=nodes[i],node.x0=x0,node.x1=x1,node.y0=y0,node.y1=y0+=node.value*k2}var phi=(1+Math.sqrt(5))/2;function squarifyRatio(ratio,parent,x0,y0,x1,y1){for(var rows=[],nodes=parent.children,row,nodeValue,i0=0,i1=0,n2=nodes.length,dx,dy,value2=parent.value,sumValue,minValue,maxValue,newRatio,minRatio,alpha,beta;i0<n2;){dx=x1-x0,dy=y1-y0;do sumValue=nodes[i1++].value;while(!sumValue&&i1<n2);for(minValue=maxValue=sumValue,alpha=Math.max(dy/dx,dx/dy)/(value2*ratio),beta=sumValue*sumValue*alpha,minRatio=Math.max(maxValue/beta,beta/minValue);i1<n2;++i1){if(sumValue+=nodeValue=nodes[i1].value,nodeValue<minValue&&(minValue=nodeValue),nodeValue>maxValue&&(maxValue=nodeValue),beta=sumValue*sumValue*alpha,newRatio=Math.max(maxValue/beta,beta/minValue),newRatio>minRatio){sumValue-=nodeValue;break}minRatio=newRatio}rows.push(row={value:sumValue,dice:dx<dy,children:nodes.slice(i0,i1)}),row.dice?treemapDice(row,x0,y0,x1,value2?y0+=dy*sumValue/value2:y1):treemapSlice(row,x0,y0,value2?x0+=dx*sumValue/value2:x1,y1),value2-=sumValue,i0=i1}return rows}var squarify=(function custom(ratio){function squarify2(parent,x0,y0,x1,y1){squarifyRatio(ratio,parent,x0,y0,x1,y1)}return squarify2.ratio=function(x2){return custom((x2=+x2)>1?x2:1)},squarify2})(phi);var resquarify=(function custom2(ratio){function resquarify2(parent,x0,y0,x1,y1){if((rows=parent._squarify)&&rows.ratio===ratio)for(var rows,row,nodes,i,j=-1,n2,m=rows.length,value2=parent.value;++j<m;){for(row=rows[j],nodes=row.children,i=row.value=0,n2=nodes.length;i<n2;++i)row.value+=nodes[i].value;row.dice?treemapDice(row,x0,y0,x1,value2?y0+=(y1-y0)*row.value/value2:y1):treemapSlice(row,x0,y0,value2?x0+=(x1-x0)*row.value/value2:x1,y1),value2-=row.value}else parent._squarify=rows=squarifyRatio(ratio,parent,x0,y0,x1,y1),rows.ratio=ratio}return resquarify2.ratio=function(x2){return custom2((x2=+x2)>1?x2:1)},resquarify2})(phi);function ascending(a2,b){return a2==null||b==null?NaN:a2<b?-1:a2>b?1:a2>=b?0:NaN}function descending(a2,b){return a2==null||b==null?NaN:b<a2?-1:b>a2?1:b>=a2?0:NaN}function bisector(f){let compare1,compare2,delta;f.length!==2?(compare1=ascending,compare2=(d,x2)=>ascending(f(d),x2),delta=(d,x2)=>f(d)-x2):(compare1=f===ascending||f===descending?f:zero,compare2=f,delta=f);function left(a2,x2,lo=0,hi=a2.length){if(lo<hi){if(compare1(x2,x2)!==0)return hi;do{let mid=lo+hi>>>1;compare2(a2[mid],x2)<0?lo=mid+1:hi=mid}while(lo<hi)}return lo}function right(a2,x2,lo=0,hi=a2.length){if(lo<hi){if(compare1(x2,x2)!==0)return hi;do{let mid=lo+hi>>>1;compare2(a2[mid],x2)<=0?lo=mid+1:hi=mid}while(lo<hi)}return lo}function center(a2,x2,lo=0,hi=a2.length){let i=left(a2,x2,lo,hi-1);return i>lo&&delta(a2[i-1],x2)>-delta(a2[i],x2)?i-1:i}return{left,center,right}}function zero(){return 0}function number(x2){return x2===null?NaN:+x2}var ascendingBisect=bisector(ascending),bisectRight=ascendingBisect.right,bisectLeft=ascendingBisect.left,bisectCenter=bisector(number).center;var blur2=Blur2(blurf),blurImage=Blur2(blurfImage);function Blur2(blur){return function(data,rx,ry=rx){if(!((rx=+rx)>=0))throw new RangeError("invalid rx");if(!((ry=+ry)>=0))throw new RangeError("invalid ry");let{data:values,width,height}=data;if(!((width=Math.floor(width))>=0))throw new RangeError("invalid width");if(!((height=Math.floor(height!==void 0?height:values.length/width))>=0))throw new RangeError("invalid height");if(!width||!height||!rx&&!ry)return data;let blurx=rx&&blur(rx),blury=ry&&blur(ry),temp=values.slice();return blurx&&blury?(blurh(blurx,temp,values,width,height),blurh(blurx,values,temp,width,height),blurh(blurx,temp,values,width,height),blurv(blury,values,temp,width,height),blurv(blury,temp,values,width,height),blurv(blury,values,temp,width,height)):blurx?(blurh(blurx,values,temp,width,height),blurh(blurx,temp,values,width,height),blurh(blurx,values,temp,width,height)):blury&&(blurv(blury,values,temp,width,height),blurv(blury,temp,values,width,height),blurv(blury,values,temp,width,height)),data}}function blurh(blur,T,S,w,h){for(let y2=0,n2=w*h;y2<n2;)blur(T,S,y2,y2+=w,1)}function blurv(blur,T,S,w,h){for(let x2=0,n2=w*h;x2<w;++x2)blur(T,S,x2,x2+n2,w)}function blurfImage(radius){let blur=blurf(radius);return(T,S,start,stop,step)=>{start<<=2,stop<<=2,step<<=2,blur(T,S,start+0,stop+0,step),blur(T,S,start+1,stop+1,step),blur(T,S,start+2,stop+2,step),blur(T,S,start+3,stop+3,step)}}function blurf(radius){let radius0=Math.floor(radius);if(radius0===radius)return bluri(radius);let t=radius-radius0,w=2*radius+1;return(T,S,start,stop,step)=>{if(!((stop-=step)>=start))return;let sum=radius0*S[start],s0=step*radius0,s1=s0+step;for(let i=start,j=start+s0;i<j;i+=step)sum+=S[Math.min(stop,i)];for(let i=start,j=stop;i<=j;i+=step)sum+=S[Math.min(stop,i+s0)],T[i]=(sum+t*(S[Math.max(start,i-s1)]+S[Math.min(stop,i+s1)]))/w,sum-=S[Math.max(start,i-s0)]}}function bluri(radius){let w=2*radius+1;return(T,S,start,stop,step)=>{if(!((stop-=step)>=start))return;let sum=radius*S[start],s2=step*radius;for(let i=start,j=start+s2;i<j;i+=step)sum+=S[Math.min(stop,i)];for(let i=start,j=stop;i<=j;i+=step)sum+=S[Math.min(stop,i+s2)],T[i]=sum/w,sum-=S[Math.max(start,i-s2)]}}var InternMap=class extends Map{constructor(entries,key=keyof){if(super(),Object.defineProperties(this,{_intern:{value:new Map},_key:{value:key}}),entries!=null)for(let[key2,value2]of entries)this.set(key2,value2)}get(key){return super.get(intern_get(this,key))}has(key){return super.has(intern_get(this,key))}set(key,value2){return super.set(intern_set(this,key),value2)}delete(key){return super.delete(intern_delete(this,key))}};function intern_get({_intern,_key},value2){let key=_key(value2);return _intern.has(key)?_intern.get(key):value2}function intern_set({_intern,_key},value2){let key=_key(value2);return _intern.has(key)?_intern.get(key):(_intern.set(key,value2),value2)}function intern_delete({_intern,_key},value2){let key=_key(value2);return _intern.has(key)&&(value2=_intern.get(key),_intern.delete(key)),value2}function keyof(value2){return value2!==null&&typeof value2=="object"?value2.valueOf():value2}var array=Array.prototype,slice=array.slice;var e10=Math.sqrt(50),e5=Math.sqrt(10),e2=Math.sqrt(2);function tickSpec(start,stop,count2){let step=(stop-start)/Math.max(0,count2),power=Math.floor(Math.log10(step)),error=step/Math.pow(10,power),factor=error>=e10?10:error>=e5?5:error>=e2?2:1,i1,i2,inc;return power<0?(inc=Math.pow(10,-power)/factor,i1=Math.round(start*inc),i2=Math.round(stop*inc),i1/inc<start&&++i1,i2/inc>stop&&--i2,inc=-inc):(inc=Math.pow(10,power)*factor,i1=Math.round(start/inc),i2=Math.round(stop/inc),i1*inc<start&&++i1,i2*inc>stop&&--i2),i2<i1&&.5<=count2&&count2<2?tickSpec(start,stop,count2*2):[i1,i2,inc]}function ticks(start,stop,count2){if(stop=+stop,start=+start,count2=+count2,!(count2>0))return[];if(start===stop)return[start];let reverse=stop<start,[i1,i2,inc]=reverse?tickSpec(stop,start,count2):tickSpec(start,stop,count2);if(!(i2>=i1))return[];let n2=i2-i1+1,ticks2=new Array(n2);if(reverse)if(inc<0)for(let i=0;i<n2;++i)ticks2[i]=(i2-i)/-inc;else for(let i=0;i<n2;++i)ticks2[i]=(i2-i)*inc;else if(inc<0)for(let i=0;i<n2;++i)ticks2[i]=(i1+i)/-inc;else for(let i=0;i<n2;++i)ticks2[i]=(i1+i)*inc;return ticks2}function tickIncrement(start,stop,count2){return stop=+stop,start=+start,count2=+count2,tickSpec(start,stop,count2)[2]}function tickStep(start,stop,count2){stop=+stop,start=+start,count2=+count2;let reverse=stop<start,inc=reverse?tickIncrement(stop,start,count2):tickIncrement(start,stop,count2);return(reverse?-1:1)*(inc<0?1/-inc:inc)}function range(start,stop,step){start=+start,stop=+stop,step=(n2=arguments.length)<2?(stop=start,start=0,1):n2<3?1:+step;for(var i=-1,n2=Math.max(0,Math.ceil((stop-start)/step))|0,range2=new Array(n2);++i<n2;)range2[i]=start+i*step;return range2}var shuffle=shuffler(Math.random);function shuffler(random){return function(array3,i0=0,i1=array3.length){let m=i1-(i0=+i0);for(;m;){let i=random()*m--|0,t=array3[m+i0];array3[m+i0]=array3[i+i0],array3[i+i0]=t}return array3}}function define(constructor,factory,prototype){constructor.prototype=factory.prototype=prototype,prototype.constructor=constructor}function extend(parent,definition){var prototype=Object.create(parent.prototype);for(var key in definition)prototype[key]=definition[key];return prototype}function Color(){}var darker=.7,brighter=1/darker,reI="\\s*([+-]?\\d+)\\s*",reN="\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)\\s*",reP="\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)%\\s*",reHex=/^#([0-9a-f]{3,8})$/,reRgbInteger=new RegExp(`^rgb\\(${reI},${reI},${reI}\\)$`),reRgbPercent=new RegExp(`^rgb\\(${reP},${reP},${reP}\\)$`),reRgbaInteger=new RegExp(`^rgba\\(${reI},${reI},${reI},${reN}\\)$`),reRgbaPercent=new RegExp(`^rgba\\(${reP},${reP},${reP},${reN}\\)$`),reHslPercent=new RegExp(`^hsl\\(${reN},${reP},${reP}\\)$`),reHslaPercent=new RegExp(`^hsla\\(${reN},${reP},${reP},${reN}\\)$`),named={aliceblue:15792383,antiquewhite:16444375,aqua:65535,aquamarine:8388564,azure:15794175,beige:16119260,bisque:16770244,black:0,blanchedalmond:16772045,blue:255,blueviolet:9055202,brown:10824234,burlywood:14596231,cadetblue:6266528,chartreuse:8388352,chocolate:13789470,coral:16744272,cornflowerblue:6591981,cornsilk:16775388,crimson:14423100,cyan:65535,darkblue:139,darkcyan:35723,darkgoldenrod:12092939,darkgray:11119017,darkgreen:25600,darkgrey:11119017,darkkhaki:12433259,darkmagenta:9109643,darkolivegreen:5597999,darkorange:16747520,darkorchid:10040012,darkred:9109504,darksalmon:15308410,darkseagreen:9419919,darkslateblue:4734347,darkslategray:3100495,darkslategrey:3100495,darkturquoise:52945,darkviolet:9699539,deeppink:16716947,deepskyblue:49151,dimgray:6908265,dimgrey:6908265,dodgerblue:2003199,firebrick:11674146,floralwhite:16775920,forestgreen:2263842,fuchsia:16711935,gainsboro:14474460,ghostwhite:16316671,gold:16766720,goldenrod:14329120,gray:8421504,green:32768,greenyellow:11403055,grey:8421504,honeydew:15794160,hotpink:16738740,indianred:13458524,indigo:4915330,ivory:16777200,khaki:15787660,lavender:15132410,lavenderblush:16773365,lawngreen:8190976,lemonchiffon:16775885,lightblue:11393254,lightcoral:15761536,lightcyan:14745599,lightgoldenrodyellow:16448210,lightgray:13882323,lightgreen:9498256,lightgrey:13882323,lightpink:16758465,lightsalmon:16752762,lightseagreen:2142890,lightskyblue:8900346,lightslategray:7833753,lightslategrey:7833753,lightsteelblue:11584734,lightyellow:16777184,lime:65280,limegreen:3329330,linen:16445670,magenta:16711935,maroon:8388608,mediumaquamarine:6737322,mediumblue:205,mediumorchid:12211667,mediumpurple:9662683,mediumseagreen:3978097,mediumslateblue:8087790,mediumspringgreen:64154,mediumturquoise:4772300,mediumvioletred:13047173,midnightblue:1644912,mintcream:16121850,mistyrose:16770273,moccasin:16770229,navajowhite:16768685,navy:128,oldlace:16643558,olive:8421376,olivedrab:7048739,orange:16753920,orangered:16729344,orchid:14315734,palegoldenrod:15657130,palegreen:10025880,paleturquoise:11529966,palevioletred:14381203,papayawhip:16773077,peachpuff:16767673,peru:13468991,pink:16761035,plum:14524637,powderblue:11591910,purple:8388736,rebeccapurple:6697881,red:16711680,rosybrown:12357519,royalblue:4286945,saddlebrown:9127187,salmon:16416882,sandybrown:16032864,seagreen:3050327,seashell:16774638,sienna:10506797,silver:12632256,skyblue:8900331,slateblue:6970061,slategray:7372944,slategrey:7372944,snow:16775930,springgreen:65407,steelblue:4620980,tan:13808780,teal:32896,thistle:14204888,tomato:16737095,turquoise:4251856,violet:15631086,wheat:16113331,white:16777215,whitesmoke:16119285,yellow:16776960,yellowgreen:10145074};define(Color,color,{copy(channels){return Object.assign(new this.constructor,this,channels)},displayable(){return this.rgb().displayable()},hex:color_formatHex,formatHex:color_formatHex,formatHex8:color_formatHex8,formatHsl:color_formatHsl,formatRgb:color_formatRgb,toString:color_formatRgb});function color_formatHex(){return this.rgb().formatHex()}function color_formatHex8(){return this.rgb().formatHex8()}function color_formatHsl(){return hslConvert(this).formatHsl()}function color_formatRgb(){return this.rgb().formatRgb()}function color(format2){var m,l;return format2=(format2+"").trim().toLowerCase(),(m=reHex.exec(format2))?(l=m[1].length,m=parseInt(m[1],16),l===6?rgbn(m):l===3?new Rgb(m>>8&15|m>>4&240,m>>4&15|m&240,(m&15)<<4|m&15,1):l===8?rgba(m>>24&255,m>>16&255,m>>8&255,(m&255)/255):l===4?rgba(m>>12&15|m>>8&240,m>>8&15|m>>4&240,m>>4&15|m&240,((m&15)<<4|m&15)/255):null):(m=reRgbInteger.exec(format2))?new Rgb(m[1],m[2],m[3],1):(m=reRgbPercent.exec(format2))?new Rgb(m[1]*255/100,m[2]*255/100,m[3]*255/100,1):(m=reRgbaInteger.exec(format2))?rgba(m[1],m[2],m[3],m[4]):(m=reRgbaPercent.exec(format2))?rgba(m[1]*255/100,m[2]*255/100,m[3]*255/100,m[4]):(m=reHslPercent.exec(format2))?hsla(m[1],m[2]/100,m[3]/100,1):(m=reHslaPercent.exec(format2))?hsla(m[1],m[2]/100,m[3]/100,m[4]):named.hasOwnProperty(format2)?rgbn(named[format2]):format2==="transparent"?new Rgb(NaN,NaN,NaN,0):null}function rgbn(n2){return new Rgb(n2>>16&255,n2>>8&255,n2&255,1)}function rgba(r,g,b,a2){return a2<=0&&(r=g=b=NaN),new Rgb(r,g,b,a2)}function rgbConvert(o){return o instanceof Color||(o=color(o)),o?(o=o.rgb(),new Rgb(o.r,o.g,o.b,o.opacity)):new Rgb}function rgb(r,g,b,opacity){return arguments.length===1?rgbConvert(r):new Rgb(r,g,b,opacity??1)}function Rgb(r,g,b,opacity){this.r=+r,this.g=+g,this.b=+b,this.opacity=+opacity}define(Rgb,rgb,extend(Color,{brighter(k2){return k2=k2==null?brighter:Math.pow(brighter,k2),new Rgb(this.r*k2,this.g*k2,this.b*k2,this.opacity)},darker(k2){return k2=k2==null?darker:Math.pow(darker,k2),new Rgb(this.r*k2,this.g*k2,this.b*k2,this.opacity)},rgb(){return this},clamp(){return new Rgb(clampi(this.r),clampi(this.g),clampi(this.b),clampa(this.opacity))},displayable(){return-.5<=this.r&&this.r<255.5&&-.5<=this.g&&this.g<255.5&&-.5<=this.b&&this.b<255.5&&0<=this.opacity&&this.opacity<=1},hex:rgb_formatHex,formatHex:rgb_formatHex,formatHex8:rgb_formatHex8,formatRgb:rgb_formatRgb,toString:rgb_formatRgb}));function rgb_formatHex(){return`#${hex(this.r)}${hex(this.g)}${hex(this.b)}`}function rgb_formatHex8(){return`#${hex(this.r)}${hex(this.g)}${hex(this.b)}${hex((isNaN(this.opacity)?1:this.opacity)*255)}`}function rgb_formatRgb(){let a2=clampa(this.opacity);return`${a2===1?"rgb(":"rgba("}${clampi(this.r)}, ${clampi(this.g)}, ${clampi(this.b)}${a2===1?")":`, ${a2})`}`}function clampa(opacity){return isNaN(opacity)?1:Math.max(0,Math.min(1,opacity))}function clampi(value2){return Math.max(0,Math.min(255,Math.round(value2)||0))}function hex(value2){return value2=clampi(value2),(value2<16?"0":"")+value2.toString(16)}function hsla(h,s2,l,a2){return a2<=0?h=s2=l=NaN:l<=0||l>=1?h=s2=NaN:s2<=0&&(h=NaN),new Hsl(h,s2,l,a2)}function hslConvert(o){if(o instanceof Hsl)return new Hsl(o.h,o.s,o.l,o.opacity);if(o instanceof Color||(o=color(o)),!o)return new Hsl;if(o instanceof Hsl)return o;o=o.rgb();var r=o.r/255,g=o.g/255,b=o.b/255,min=Math.min(r,g,b),max=Math.max(r,g,b),h=NaN,s2=max-min,l=(max+min)/2;return s2?(r===max?h=(g-b)/s2+(g<b)*6:g===max?h=(b-r)/s2+2:h=(r-g)/s2+4,s2/=l<.5?max+min:2-max-min,h*=60):s2=l>0&&l<1?0:h,new Hsl(h,s2,l,o.opacity)}function hsl(h,s2,l,opacity){return arguments.length===1?hslConvert(h):new Hsl(h,s2,l,opacity??1)}function Hsl(h,s2,l,opacity){this.h=+h,this.s=+s2,this.l=+l,this.opacity=+opacity}define(Hsl,hsl,extend(Color,{brighter(k2){return k2=k2==null?brighter:Math.pow(brighter,k2),new Hsl(this.h,this.s,this.l*k2,this.opacity)},darker(k2){return k2=k2==null?darker:Math.pow(darker,k2),new Hsl(this.h,this.s,this.l*k2,this.opacity)},rgb(){var h=this.h%360+(this.h<0)*360,s2=isNaN(h)||isNaN(this.s)?0:this.s,l=this.l,m2=l+(l<.5?l:1-l)*s2,m1=2*l-m2;return new Rgb(hsl2rgb(h>=240?h-240:h+120,m1,m2),hsl2rgb(h,m1,m2),hsl2rgb(h<120?h+240:h-120,m1,m2),this.opacity)},clamp(){return new Hsl(clamph(this.h),clampt(this.s),clampt(this.l),clampa(this.opacity))},displayable(){return(0<=this.s&&this.s<=1||isNaN(this.s))&&0<=this.l&&this.l<=1&&0<=this.opacity&&this.opacity<=1},formatHsl(){let a2=clampa(this.opacity);return`${a2===1?"hsl(":"hsla("}${clamph(this.h)}, ${clampt(this.s)*100}%, ${clampt(this.l)*100}%${a2===1?")":`, ${a2})`}`}}));function clamph(value2){return value2=(value2||0)%360,value2<0?value2+360:value2}function clampt(value2){return Math.max(0,Math.min(1,value2||0))}function hsl2rgb(h,m1,m2){return(h<60?m1+(m2-m1)*h/60:h<180?m2:h<240?m1+(m2-m1)*(240-h)/60:m1)*255}var radians=Math.PI/180,degrees=180/Math.PI,K=18,Xn=.96422,Yn=1,Zn=.82521,t0=4/29,t1=6/29,t2=3*t1*t1,t3=t1*t1*t1;function labConvert(o){if(o instanceof Lab)return new Lab(o.l,o.a,o.b,o.opacity);if(o instanceof Hcl)return hcl2lab(o);o instanceof Rgb||(o=rgbConvert(o));var r=rgb2lrgb(o.r),g=rgb2lrgb(o.g),b=rgb2lrgb(o.b),y2=xyz2lab((.2225045*r+.7168786*g+.0606169*b)/Yn),x2,z;return r===g&&g===b?x2=z=y2:(x2=xyz2lab((.4360747*r+.3850649*g+.1430804*b)/Xn),z=xyz2lab((.0139322*r+.0971045*g+.7141733*b)/Zn)),new Lab(116*y2-16,500*(x2-y2),200*(y2-z),o.opacity)}function lab(l,a2,b,opacity){return arguments.length===1?labConvert(l):new Lab(l,a2,b,opacity??1)}function Lab(l,a2,b,opacity){this.l=+l,this.a=+a2,this.b=+b,this.opacity=+opacity}define(Lab,lab,extend(Color,{brighter(k2){return new Lab(this.l+K*(k2??1),this.a,this.b,this.opacity)},darker(k2){return new Lab(this.l-K*(k2??1),this.a,this.b,this.opacity)},rgb(){var y2=(this.l+16)/116,x2=isNaN(this.a)?y2:y2+this.a/500,z=isNaN(this.b)?y2:y2-this.b/200;return x2=Xn*lab2xyz(x2),y2=Yn*lab2xyz(y2),z=Zn*lab2xyz(z),new Rgb(lrgb2rgb(3.1338561*x2-1.6168667*y2-.4906146*z),lrgb2rgb(-.9787684*x2+1.9161415*y2+.033454*z),lrgb2rgb(.0719453*x2-.2289914*y2+1.4052427*z),this.opacity)}}));function xyz2lab(t){return t>t3?Math.pow(t,1/3):t/t2+t0}function lab2xyz(t){return t>t1?t*t*t:t2*(t-t0)}function lrgb2rgb(x2){return 255*(x2<=.0031308?12.92*x2:1.055*Math.pow(x2,1/2.4)-.055)}function rgb2lrgb(x2){return(x2/=255)<=.04045?x2/12.92:Math.pow((x2+.055)/1.055,2.4)}function hclConvert(o){if(o instanceof Hcl)return new Hcl(o.h,o.c,o.l,o.opacity);if(o instanceof Lab||(o=labConvert(o)),o.a===0&&o.b===0)return new Hcl(NaN,0<o.l&&o.l<100?0:NaN,o.l,o.opacity);var h=Math.atan2(o.b,o.a)*degrees;return new Hcl(h<0?h+360:h,Math.sqrt(o.a*o.a+o.b*o.b),o.l,o.opacity)}function hcl(h,c,l,opacity){return arguments.length===1?hclConvert(h):new Hcl(h,c,l,opacity??1)}function Hcl(h,c,l,opacity){this.h=+h,this.c=+c,this.l=+l,this.opacity=+opacity}function hcl2lab(o){if(isNaN(o.h))return new Lab(o.l,0,0,o.opacity);var h=o.h*radians;return new Lab(o.l,Math.cos(h)*o.c,Math.sin(h)*o.c,o.opacity)}define(Hcl,hcl,extend(Color,{brighter(k2){return new Hcl(this.h,this.c,this.l+K*(k2??1),this.opacity)},darker(k2){return new Hcl(this.h,this.c,this.l-K*(k2??1),this.opacity)},rgb(){return hcl2lab(this).rgb()}}));var A=-.14861,B=1.78277,C=-.29227,D=-.90649,E=1.97294,ED=E*D,EB=E*B,BC_DA=B*C-D*A;function cubehelixConvert(o){if(o instanceof Cubehelix)return new Cubehelix(o.h,o.s,o.l,o.opacity);o instanceof Rgb||(o=rgbConvert(o));var r=o.r/255,g=o.g/255,b=o.b/255,l=(BC_DA*b+ED*r-EB*g)/(BC_DA+ED-EB),bl=b-l,k2=(E*(g-l)-C*bl)/D,s2=Math.sqrt(k2*k2+bl*bl)/(E*l*(1-l)),h=s2?Math.atan2(k2,bl)*degrees-120:NaN;return new Cubehelix(h<0?h+360:h,s2,l,o.opacity)}function cubehelix(h,s2,l,opacity){return arguments.length===1?cubehelixConvert(h):new Cubehelix(h,s2,l,opacity??1)}function Cubehelix(h,s2,l,opacity){this.h=+h,this.s=+s2,this.l=+l,this.opacity=+opacity}define(Cubehelix,cubehelix,extend(Color,{brighter(k2){return k2=k2==null?brighter:Math.pow(brighter,k2),new Cubehelix(this.h,this.s,this.l*k2,this.opacity)},darker(k2){return k2=k2==null?darker:Math.pow(darker,k2),new Cubehelix(this.h,this.s,this.l*k2,this.opacity)},rgb(){var h=isNaN(this.h)?0:(this.h+120)*radians,l=+this.l,a2=isNaN(this.s)?0:this.s*l*(1-l),cosh2=Math.cos(h),sinh2=Math.sin(h);return new Rgb(255*(l+a2*(A*cosh2+B*sinh2)),255*(l+a2*(C*cosh2+D*sinh2)),255*(l+a2*(E*cosh2)),this.opacity)}}));function basis(t13,v0,v1,v2,v3){var t22=t13*t13,t32=t22*t13;return((1-3*t13+3*t22-t32)*v0+(4-6*t22+3*t32)*v1+(1+3*t13+3*t22-3*t32)*v2+t32*v3)/6}function basis$1(values){var n2=values.length-1;return function(t){var i=t<=0?t=0:t>=1?(t=1,n2-1):Math.floor(t*n2),v1=values[i],v2=values[i+1],v0=i>0?values[i-1]:2*v1-v2,v3=i<n2-1?values[i+2]:2*v2-v1;return basis((t-i/n2)*n2,v0,v1,v2,v3)}}function basisClosed(values){var n2=values.length;return function(t){var i=Math.floor(((t%=1)<0?++t:t)*n2),v0=values[(i+n2-1)%n2],v1=values[i%n2],v2=values[(i+1)%n2],v3=values[(i+2)%n2];return basis((t-i/n2)*n2,v0,v1,v2,v3)}}var constant=x2=>()=>x2;function linear(a2,d){return function(t){return a2+t*d}}function exponential(a2,b,y2){return a2=Math.pow(a2,y2),b=Math.pow(b,y2)-a2,y2=1/y2,function(t){return Math.pow(a2+t*b,y2)}}function hue$1(a2,b){var d=b-a2;return d?linear(a2,d>180||d<-180?d-360*Math.round(d/360):d):constant(isNaN(a2)?b:a2)}function gamma(y2){return(y2=+y2)==1?nogamma:function(a2,b){return b-a2?exponential(a2,b,y2):constant(isNaN(a2)?b:a2)}}function nogamma(a2,b){var d=b-a2;return d?linear(a2,d):constant(isNaN(a2)?b:a2)}var rgb2=(function rgbGamma(y2){var color2=gamma(y2);function rgb3(start,end){var r=color2((start=rgb(start)).r,(end=rgb(end)).r),g=color2(start.g,end.g),b=color2(start.b,end.b),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.r=r(t),start.g=g(t),start.b=b(t),start.opacity=opacity(t),start+""}}return rgb3.gamma=rgbGamma,rgb3})(1);function rgbSpline(spline){return function(colors){var n2=colors.length,r=new Array(n2),g=new Array(n2),b=new Array(n2),i,color2;for(i=0;i<n2;++i)color2=rgb(colors[i]),r[i]=color2.r||0,g[i]=color2.g||0,b[i]=color2.b||0;return r=spline(r),g=spline(g),b=spline(b),color2.opacity=1,function(t){return color2.r=r(t),color2.g=g(t),color2.b=b(t),color2+""}}}var rgbBasis=rgbSpline(basis$1),rgbBasisClosed=rgbSpline(basisClosed);function numberArray(a2,b){b||(b=[]);var n2=a2?Math.min(b.length,a2.length):0,c=b.slice(),i;return function(t){for(i=0;i<n2;++i)c[i]=a2[i]*(1-t)+b[i]*t;return c}}function isNumberArray(x2){return ArrayBuffer.isView(x2)&&!(x2 instanceof DataView)}function genericArray(a2,b){var nb=b?b.length:0,na=a2?Math.min(nb,a2.length):0,x2=new Array(na),c=new Array(nb),i;for(i=0;i<na;++i)x2[i]=value(a2[i],b[i]);for(;i<nb;++i)c[i]=b[i];return function(t){for(i=0;i<na;++i)c[i]=x2[i](t);return c}}function date(a2,b){var d=new Date;return a2=+a2,b=+b,function(t){return d.setTime(a2*(1-t)+b*t),d}}function number2(a2,b){return a2=+a2,b=+b,function(t){return a2*(1-t)+b*t}}function object(a2,b){var i={},c={},k2;(a2===null||typeof a2!="object")&&(a2={}),(b===null||typeof b!="object")&&(b={});for(k2 in b)k2 in a2?i[k2]=value(a2[k2],b[k2]):c[k2]=b[k2];return function(t){for(k2 in i)c[k2]=i[k2](t);return c}}var reA=/[-+]?(?:\d+\.?\d*|\.?\d+)(?:[eE][-+]?\d+)?/g,reB=new RegExp(reA.source,"g");function zero2(b){return function(){return b}}function one(b){return function(t){return b(t)+""}}function string(a2,b){var bi=reA.lastIndex=reB.lastIndex=0,am,bm,bs,i=-1,s2=[],q=[];for(a2=a2+"",b=b+"";(am=reA.exec(a2))&&(bm=reB.exec(b));)(bs=bm.index)>bi&&(bs=b.slice(bi,bs),s2[i]?s2[i]+=bs:s2[++i]=bs),(am=am[0])===(bm=bm[0])?s2[i]?s2[i]+=bm:s2[++i]=bm:(s2[++i]=null,q.push({i,x:number2(am,bm)})),bi=reB.lastIndex;return bi<b.length&&(bs=b.slice(bi),s2[i]?s2[i]+=bs:s2[++i]=bs),s2.length<2?q[0]?one(q[0].x):zero2(b):(b=q.length,function(t){for(var i2=0,o;i2<b;++i2)s2[(o=q[i2]).i]=o.x(t);return s2.join("")})}function value(a2,b){var t=typeof b,c;return b==null||t==="boolean"?constant(b):(t==="number"?number2:t==="string"?(c=color(b))?(b=c,rgb2):string:b instanceof color?rgb2:b instanceof Date?date:isNumberArray(b)?numberArray:Array.isArray(b)?genericArray:typeof b.valueOf!="function"&&typeof b.toString!="function"||isNaN(b)?object:number2)(a2,b)}function round(a2,b){return a2=+a2,b=+b,function(t){return Math.round(a2*(1-t)+b*t)}}var degrees2=180/Math.PI,identity={translateX:0,translateY:0,rotate:0,skewX:0,scaleX:1,scaleY:1};function decompose(a2,b,c,d,e,f){var scaleX,scaleY,skewX;return(scaleX=Math.sqrt(a2*a2+b*b))&&(a2/=scaleX,b/=scaleX),(skewX=a2*c+b*d)&&(c-=a2*skewX,d-=b*skewX),(scaleY=Math.sqrt(c*c+d*d))&&(c/=scaleY,d/=scaleY,skewX/=scaleY),a2*d<b*c&&(a2=-a2,b=-b,skewX=-skewX,scaleX=-scaleX),{translateX:e,translateY:f,rotate:Math.atan2(b,a2)*degrees2,skewX:Math.atan(skewX)*degrees2,scaleX,scaleY}}var svgNode;function parseCss(value2){let m=new(typeof DOMMatrix=="function"?DOMMatrix:WebKitCSSMatrix)(value2+"");return m.isIdentity?identity:decompose(m.a,m.b,m.c,m.d,m.e,m.f)}function parseSvg(value2){return value2==null||(svgNode||(svgNode=document.createElementNS("http://www.w3.org/2000/svg","g")),svgNode.setAttribute("transform",value2),!(value2=svgNode.transform.baseVal.consolidate()))?identity:(value2=value2.matrix,decompose(value2.a,value2.b,value2.c,value2.d,value2.e,value2.f))}function interpolateTransform(parse,pxComma,pxParen,degParen){function pop(s2){return s2.length?s2.pop()+" ":""}function translate(xa,ya,xb,yb,s2,q){if(xa!==xb||ya!==yb){var i=s2.push("translate(",null,pxComma,null,pxParen);q.push({i:i-4,x:number2(xa,xb)},{i:i-2,x:number2(ya,yb)})}else(xb||yb)&&s2.push("translate("+xb+pxComma+yb+pxParen)}function rotate(a2,b,s2,q){a2!==b?(a2-b>180?b+=360:b-a2>180&&(a2+=360),q.push({i:s2.push(pop(s2)+"rotate(",null,degParen)-2,x:number2(a2,b)})):b&&s2.push(pop(s2)+"rotate("+b+degParen)}function skewX(a2,b,s2,q){a2!==b?q.push({i:s2.push(pop(s2)+"skewX(",null,degParen)-2,x:number2(a2,b)}):b&&s2.push(pop(s2)+"skewX("+b+degParen)}function scale(xa,ya,xb,yb,s2,q){if(xa!==xb||ya!==yb){var i=s2.push(pop(s2)+"scale(",null,",",null,")");q.push({i:i-4,x:number2(xa,xb)},{i:i-2,x:number2(ya,yb)})}else(xb!==1||yb!==1)&&s2.push(pop(s2)+"scale("+xb+","+yb+")")}return function(a2,b){var s2=[],q=[];return a2=parse(a2),b=parse(b),translate(a2.translateX,a2.translateY,b.translateX,b.translateY,s2,q),rotate(a2.rotate,b.rotate,s2,q),skewX(a2.skewX,b.skewX,s2,q),scale(a2.scaleX,a2.scaleY,b.scaleX,b.scaleY,s2,q),a2=b=null,function(t){for(var i=-1,n2=q.length,o;++i<n2;)s2[(o=q[i]).i]=o.x(t);return s2.join("")}}}var interpolateTransformCss=interpolateTransform(parseCss,"px, ","px)","deg)"),interpolateTransformSvg=interpolateTransform(parseSvg,", ",")",")"),epsilon2=1e-12;function cosh(x2){return((x2=Math.exp(x2))+1/x2)/2}function sinh(x2){return((x2=Math.exp(x2))-1/x2)/2}function tanh(x2){return((x2=Math.exp(2*x2))-1)/(x2+1)}var zoom=(function zoomRho(rho,rho2,rho4){function zoom2(p0,p1){var ux0=p0[0],uy0=p0[1],w0=p0[2],ux1=p1[0],uy1=p1[1],w1=p1[2],dx=ux1-ux0,dy=uy1-uy0,d2=dx*dx+dy*dy,i,S;if(d2<epsilon2)S=Math.log(w1/w0)/rho,i=function(t){return[ux0+t*dx,uy0+t*dy,w0*Math.exp(rho*t*S)]};else{var d1=Math.sqrt(d2),b0=(w1*w1-w0*w0+rho4*d2)/(2*w0*rho2*d1),b1=(w1*w1-w0*w0-rho4*d2)/(2*w1*rho2*d1),r0=Math.log(Math.sqrt(b0*b0+1)-b0),r1=Math.log(Math.sqrt(b1*b1+1)-b1);S=(r1-r0)/rho,i=function(t){var s2=t*S,coshr0=cosh(r0),u=w0/(rho2*d1)*(coshr0*tanh(rho*s2+r0)-sinh(r0));return[ux0+u*dx,uy0+u*dy,w0*coshr0/cosh(rho*s2+r0)]}}return i.duration=Math.abs(S)*1e3*rho/Math.SQRT2,i}return zoom2.rho=function(_){var _1=Math.max(.001,+_),_2=_1*_1,_4=_2*_2;return zoomRho(_1,_2,_4)},zoom2})(Math.SQRT2,2,4);function hsl2(hue){return function(start,end){var h=hue((start=hsl(start)).h,(end=hsl(end)).h),s2=nogamma(start.s,end.s),l=nogamma(start.l,end.l),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.h=h(t),start.s=s2(t),start.l=l(t),start.opacity=opacity(t),start+""}}}var hsl_default=hsl2(hue$1),hslLong=hsl2(nogamma);function hcl2(hue){return function(start,end){var h=hue((start=hcl(start)).h,(end=hcl(end)).h),c=nogamma(start.c,end.c),l=nogamma(start.l,end.l),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.h=h(t),start.c=c(t),start.l=l(t),start.opacity=opacity(t),start+""}}}var hcl_default=hcl2(hue$1),hclLong=hcl2(nogamma);function cubehelix2(hue){return(function cubehelixGamma(y2){y2=+y2;function cubehelix3(start,end){var h=hue((start=cubehelix(start)).h,(end=cubehelix(end)).h),s2=nogamma(start.s,end.s),l=nogamma(start.l,end.l),opacity=nogamma(start.opacity,end.opacity);return function(t){return start.h=h(t),start.s=s2(t),start.l=l(Math.pow(t,y2)),start.opacity=opacity(t),start+""}}return cubehelix3.gamma=cubehelixGamma,cubehelix3})(1)}var cubehelix_default=cubehelix2(hue$1),cubehelixLong=cubehelix2(nogamma);function formatDecimal(x2){return Math.abs(x2=Math.round(x2))>=1e21?x2.toLocaleString("en").replace(/,/g,""):x2.toString(10)}function formatDecimalParts(x2,p){if(!isFinite(x2)||x2===0)return null;var i=(x2=p?x2.toExponential(p-1):x2.toExponential()).indexOf("e"),coefficient=x2.slice(0,i);return[coefficient.length>1?coefficient[0]+coefficient.slice(2):coefficient,+x2.slice(i+1)]}function exponent(x2){return x2=formatDecimalParts(Math.abs(x2)),x2?x2[1]:NaN}function formatGroup(grouping,thousands){return function(value2,width){for(var i=value2.length,t=[],j=0,g=grouping[0],length=0;i>0&&g>0&&(length+g+1>width&&(g=Math.max(1,width-length)),t.push(value2.substring(i-=g,i+g)),!((length+=g+1)>width));)g=grouping[j=(j+1)%grouping.length];return t.reverse().join(thousands)}}function formatNumerals(numerals){return function(value2){return value2.replace(/[0-9]/g,function(i){return numerals[+i]})}}var re=/^(?:(.)?([<>=^]))?([+\-( ])?([$#])?(0)?(\d+)?(,)?(\.\d+)?(~)?([a-z%])?$/i;function formatSpecifier(specifier){if(!(match=re.exec(specifier)))throw new Error("invalid format: "+specifier);var match;return new FormatSpecifier({fill:match[1],align:match[2],sign:match[3],symbol:match[4],zero:match[5],width:match[6],comma:match[7],precision:match[8]&&match[8].slice(1),trim:match[9],type:match[10]})}formatSpecifier.prototype=FormatSpecifier.prototype;function FormatSpecifier(specifier){this.fill=specifier.fill===void 0?" ":specifier.fill+"",this.align=specifier.align===void 0?">":specifier.align+"",this.sign=specifier.sign===void 0?"-":specifier.sign+"",this.symbol=specifier.symbol===void 0?"":specifier.symbol+"",this.zero=!!specifier.zero,this.width=specifier.width===void 0?void 0:+specifier.width,this.comma=!!specifier.comma,this.precision=specifier.precision===void 0?void 0:+specifier.precision,this.trim=!!specifier.trim,this.type=specifier.type===void 0?"":specifier.type+""}FormatSpecifier.prototype.toString=function(){return this.fill+this.align+this.sign+this.symbol+(this.zero?"0":"")+(this.width===void 0?"":Math.max(1,this.width|0))+(this.comma?",":"")+(this.precision===void 0?"":"."+Math.max(0,this.precision|0))+(this.trim?"~":"")+this.type};function formatTrim(s2){out:for(var n2=s2.length,i=1,i0=-1,i1;i<n2;++i)switch(s2[i]){case".":i0=i1=i;break;case"0":i0===0&&(i0=i),i1=i;break;default:if(!+s2[i])break out;i0>0&&(i0=0);break}return i0>0?s2.slice(0,i0)+s2.slice(i1+1):s2}var prefixExponent;function formatPrefixAuto(x2,p){var d=formatDecimalParts(x2,p);if(!d)return prefixExponent=void 0,x2.toPrecision(p);var coefficient=d[0],exponent2=d[1],i=exponent2-(prefixExponent=Math.max(-8,Math.min(8,Math.floor(exponent2/3)))*3)+1,n2=coefficient.length;return i===n2?coefficient:i>n2?coefficient+new Array(i-n2+1).join("0"):i>0?coefficient.slice(0,i)+"."+coefficient.slice(i):"0."+new Array(1-i).join("0")+formatDecimalParts(x2,Math.max(0,p+i-1))[0]}function formatRounded(x2,p){var d=formatDecimalParts(x2,p);if(!d)return x2+"";var coefficient=d[0],exponent2=d[1];return exponent2<0?"0."+new Array(-exponent2).join("0")+coefficient:coefficient.length>exponent2+1?coefficient.slice(0,exponent2+1)+"."+coefficient.slice(exponent2+1):coefficient+new Array(exponent2-coefficient.length+2).join("0")}var formatTypes={"%":(x2,p)=>(x2*100).toFixed(p),b:x2=>Math.round(x2).toString(2),c:x2=>x2+"",d:formatDecimal,e:(x2,p)=>x2.toExponential(p),f:(x2,p)=>x2.toFixed(p),g:(x2,p)=>x2.toPrecision(p),o:x2=>Math.round(x2).toString(8),p:(x2,p)=>formatRounded(x2*100,p),r:formatRounded,s:formatPrefixAuto,X:x2=>Math.round(x2).toString(16).toUpperCase(),x:x2=>Math.round(x2).toString(16)};function identity2(x2){return x2}var map=Array.prototype.map,prefixes=["y","z","a","f","p","n","\xB5","m","","k","M","G","T","P","E","Z","Y"];function formatLocale(locale3){var group=locale3.grouping===void 0||locale3.thousands===void 0?identity2:formatGroup(map.call(locale3.grouping,Number),locale3.thousands+""),currencyPrefix=locale3.currency===void 0?"":locale3.currency[0]+"",currencySuffix=locale3.currency===void 0?"":locale3.currency[1]+"",decimal=locale3.decimal===void 0?".":locale3.decimal+"",numerals=locale3.numerals===void 0?identity2:formatNumerals(map.call(locale3.numerals,String)),percent=locale3.percent===void 0?"%":locale3.percent+"",minus=locale3.minus===void 0?"\u2212":locale3.minus+"",nan=locale3.nan===void 0?"NaN":locale3.nan+"";function newFormat(specifier,options){specifier=formatSpecifier(specifier);var fill=specifier.fill,align=specifier.align,sign2=specifier.sign,symbol=specifier.symbol,zero3=specifier.zero,width=specifier.width,comma=specifier.comma,precision=specifier.precision,trim=specifier.trim,type=specifier.type;type==="n"?(comma=!0,type="g"):formatTypes[type]||(precision===void 0&&(precision=12),trim=!0,type="g"),(zero3||fill==="0"&&align==="=")&&(zero3=!0,fill="0",align="=");var prefix=(options&&options.prefix!==void 0?options.prefix:"")+(symbol==="$"?currencyPrefix:symbol==="#"&&/[boxX]/.test(type)?"0"+type.toLowerCase():""),suffix=(symbol==="$"?currencySuffix:/[%p]/.test(type)?percent:"")+(options&&options.suffix!==void 0?options.suffix:""),formatType=formatTypes[type],maybeSuffix=/[defgprs%]/.test(type);precision=precision===void 0?6:/[gprs]/.test(type)?Math.max(1,Math.min(21,precision)):Math.max(0,Math.min(20,precision));function format2(value2){var valuePrefix=prefix,valueSuffix=suffix,i,n2,c;if(type==="c")valueSuffix=formatType(value2)+valueSuffix,value2="";else{value2=+value2;var valueNegative=value2<0||1/value2<0;if(value2=isNaN(value2)?nan:formatType(Math.abs(value2),precision),trim&&(value2=formatTrim(value2)),valueNegative&&+value2==0&&sign2!=="+"&&(valueNegative=!1),valuePrefix=(valueNegative?sign2==="("?sign2:minus:sign2==="-"||sign2==="("?"":sign2)+valuePrefix,valueSuffix=(type==="s"&&!isNaN(value2)&&prefixExponent!==void 0?prefixes[8+prefixExponent/3]:"")+valueSuffix+(valueNegative&&sign2==="("?")":""),maybeSuffix){for(i=-1,n2=value2.length;++i<n2;)if(c=value2.charCodeAt(i),48>c||c>57){valueSuffix=(c===46?decimal+value2.slice(i+1):value2.slice(i))+valueSuffix,value2=value2.slice(0,i);break}}}comma&&!zero3&&(value2=group(value2,1/0));var length=valuePrefix.length+value2.length+valueSuffix.length,padding=length<width?new Array(width-length+1).join(fill):"";switch(comma&&zero3&&(value2=group(padding+value2,padding.length?width-valueSuffix.length:1/0),padding=""),align){case"<":value2=valuePrefix+value2+valueSuffix+padding;break;case"=":value2=valuePrefix+padding+value2+valueSuffix;break;case"^":value2=padding.slice(0,length=padding.length>>1)+valuePrefix+value2+valueSuffix+padding.slice(length);break;default:value2=padding+valuePrefix+value2+valueSuffix;break}return numerals(value2)}return format2.toString=function(){return specifier+""},format2}function formatPrefix2(specifier,value2){var e=Math.max(-8,Math.min(8,Math.floor(exponent(value2)/3)))*3,k2=Math.pow(10,-e),f=newFormat((specifier=formatSpecifier(specifier),specifier.type="f",specifier),{suffix:prefixes[8+e/3]});return function(value3){return f(k2*value3)}}return{format:newFormat,formatPrefix:formatPrefix2}}var locale,format,formatPrefix;defaultLocale({thousands:",",grouping:[3],currency:["$",""]});function defaultLocale(definition){return locale=formatLocale(definition),format=locale.format,formatPrefix=locale.formatPrefix,locale}function precisionFixed(step){return Math.max(0,-exponent(Math.abs(step)))}function precisionPrefix(step,value2){return Math.max(0,Math.max(-8,Math.min(8,Math.floor(exponent(value2)/3)))*3-exponent(Math.abs(step)))}function precisionRound(step,max){return step=Math.abs(step),max=Math.abs(max)-step,Math.max(0,exponent(max)-exponent(step))+1}var t02=new Date,t12=new Date;function timeInterval(floori,offseti,count2,field){function interval(date3){return floori(date3=arguments.length===0?new Date:new Date(+date3)),date3}return interval.floor=date3=>(floori(date3=new Date(+date3)),date3),interval.ceil=date3=>(floori(date3=new Date(date3-1)),offseti(date3,1),floori(date3),date3),interval.round=date3=>{let d0=interval(date3),d1=interval.ceil(date3);return date3-d0<d1-date3?d0:d1},interval.offset=(date3,step)=>(offseti(date3=new Date(+date3),step==null?1:Math.floor(step)),date3),interval.range=(start,stop,step)=>{let range2=[];if(start=interval.ceil(start),step=step==null?1:Math.floor(step),!(start<stop)||!(step>0))return range2;let previous;do range2.push(previous=new Date(+start)),offseti(start,step),floori(start);while(previous<start&&start<stop);return range2},interval.filter=test=>timeInterval(date3=>{if(date3>=date3)for(;floori(date3),!test(date3);)date3.setTime(date3-1)},(date3,step)=>{if(date3>=date3)if(step<0)for(;++step<=0;)for(;offseti(date3,-1),!test(date3););else for(;--step>=0;)for(;offseti(date3,1),!test(date3););}),count2&&(interval.count=(start,end)=>(t02.setTime(+start),t12.setTime(+end),floori(t02),floori(t12),Math.floor(count2(t02,t12))),interval.every=step=>(step=Math.floor(step),!isFinite(step)||!(step>0)?null:step>1?interval.filter(field?d=>field(d)%step===0:d=>interval.count(0,d)%step===0):interval)),interval}var millisecond=timeInterval(()=>{},(date3,step)=>{date3.setTime(+date3+step)},(start,end)=>end-start);millisecond.every=k2=>(k2=Math.floor(k2),!isFinite(k2)||!(k2>0)?null:k2>1?timeInterval(date3=>{date3.setTime(Math.floor(date3/k2)*k2)},(date3,step)=>{date3.setTime(+date3+step*k2)},(start,end)=>(end-start)/k2):millisecond);var milliseconds=millisecond.range,durationSecond=1e3,durationMinute=durationSecond*60,durationHour=durationMinute*60,durationDay=durationHour*24,durationWeek=durationDay*7,durationMonth=durationDay*30,durationYear=durationDay*365,second=timeInterval(date3=>{date3.setTime(date3-date3.getMilliseconds())},(date3,step)=>{date3.setTime(+date3+step*durationSecond)},(start,end)=>(end-start)/durationSecond,date3=>date3.getUTCSeconds()),seconds=second.range,timeMinute=timeInterval(date3=>{date3.setTime(date3-date3.getMilliseconds()-date3.getSeconds()*durationSecond)},(date3,step)=>{date3.setTime(+date3+step*durationMinute)},(start,end)=>(end-start)/durationMinute,date3=>date3.getMinutes()),timeMinutes=timeMinute.range,utcMinute=timeInterval(date3=>{date3.setUTCSeconds(0,0)},(date3,step)=>{date3.setTime(+date3+step*durationMinute)},(start,end)=>(end-start)/durationMinute,date3=>date3.getUTCMinutes()),utcMinutes=utcMinute.range,timeHour=timeInterval(date3=>{date3.setTime(date3-date3.getMilliseconds()-date3.getSeconds()*durationSecond-date3.getMinutes()*durationMinute)},(date3,step)=>{date3.setTime(+date3+step*durationHour)},(start,end)=>(end-start)/durationHour,date3=>date3.getHours()),timeHours=timeHour.range,utcHour=timeInterval(date3=>{date3.setUTCMinutes(0,0,0)},(date3,step)=>{date3.setTime(+date3+step*durationHour)},(start,end)=>(end-start)/durationHour,date3=>date3.getUTCHours()),utcHours=utcHour.range,timeDay=timeInterval(date3=>date3.setHours(0,0,0,0),(date3,step)=>date3.setDate(date3.getDate()+step),(start,end)=>(end-start-(end.getTimezoneOffset()-start.getTimezoneOffset())*durationMinute)/durationDay,date3=>date3.getDate()-1),timeDays=timeDay.range,utcDay=timeInterval(date3=>{date3.setUTCHours(0,0,0,0)},(date3,step)=>{date3.setUTCDate(date3.getUTCDate()+step)},(start,end)=>(end-start)/durationDay,date3=>date3.getUTCDate()-1),utcDays=utcDay.range,unixDay=timeInterval(date3=>{date3.setUTCHours(0,0,0,0)},(date3,step)=>{date3.setUTCDate(date3.getUTCDate()+step)},(start,end)=>(end-start)/durationDay,date3=>Math.floor(date3/durationDay)),unixDays=unixDay.range;function timeWeekday(i){return timeInterval(date3=>{date3.setDate(date3.getDate()-(date3.getDay()+7-i)%7),date3.setHours(0,0,0,0)},(date3,step)=>{date3.setDate(date3.getDate()+step*7)},(start,end)=>(end-start-(end.getTimezoneOffset()-start.getTimezoneOffset())*durationMinute)/durationWeek)}var timeSunday=timeWeekday(0),timeMonday=timeWeekday(1),timeTuesday=timeWeekday(2),timeWednesday=timeWeekday(3),timeThursday=timeWeekday(4),timeFriday=timeWeekday(5),timeSaturday=timeWeekday(6),timeSundays=timeSunday.range,timeMondays=timeMonday.range,timeTuesdays=timeTuesday.range,timeWednesdays=timeWednesday.range,timeThursdays=timeThursday.range,timeFridays=timeFriday.range,timeSaturdays=timeSaturday.range;function utcWeekday(i){return timeInterval(date3=>{date3.setUTCDate(date3.getUTCDate()-(date3.getUTCDay()+7-i)%7),date3.setUTCHours(0,0,0,0)},(date3,step)=>{date3.setUTCDate(date3.getUTCDate()+step*7)},(start,end)=>(end-start)/durationWeek)}var utcSunday=utcWeekday(0),utcMonday=utcWeekday(1),utcTuesday=utcWeekday(2),utcWednesday=utcWeekday(3),utcThursday=utcWeekday(4),utcFriday=utcWeekday(5),utcSaturday=utcWeekday(6),utcSundays=utcSunday.range,utcMondays=utcMonday.range,utcTuesdays=utcTuesday.range,utcWednesdays=utcWednesday.range,utcThursdays=utcThursday.range,utcFridays=utcFriday.range,utcSaturdays=utcSaturday.range,timeMonth=timeInterval(date3=>{date3.setDate(1),date3.setHours(0,0,0,0)},(date3,step)=>{date3.setMonth(date3.getMonth()+step)},(start,end)=>end.getMonth()-start.getMonth()+(end.getFullYear()-start.getFullYear())*12,date3=>date3.getMonth()),timeMonths=timeMonth.range,utcMonth=timeInterval(date3=>{date3.setUTCDate(1),date3.setUTCHours(0,0,0,0)},(date3,step)=>{date3.setUTCMonth(date3.getUTCMonth()+step)},(start,end)=>end.getUTCMonth()-start.getUTCMonth()+(end.getUTCFullYear()-start.getUTCFullYear())*12,date3=>date3.getUTCMonth()),utcMonths=utcMonth.range,timeYear=timeInterval(date3=>{date3.setMonth(0,1),date3.setHours(0,0,0,0)},(date3,step)=>{date3.setFullYear(date3.getFullYear()+step)},(start,end)=>end.getFullYear()-start.getFullYear(),date3=>date3.getFullYear());timeYear.every=k2=>!isFinite(k2=Math.floor(k2))||!(k2>0)?null:timeInterval(date3=>{date3.setFullYear(Math.floor(date3.getFullYear()/k2)*k2),date3.setMonth(0,1),date3.setHours(0,0,0,0)},(date3,step)=>{date3.setFullYear(date3.getFullYear()+step*k2)});var timeYears=timeYear.range,utcYear=timeInterval(date3=>{date3.setUTCMonth(0,1),date3.setUTCHours(0,0,0,0)},(date3,step)=>{date3.setUTCFullYear(date3.getUTCFullYear()+step)},(start,end)=>end.getUTCFullYear()-start.getUTCFullYear(),date3=>date3.getUTCFullYear());utcYear.every=k2=>!isFinite(k2=Math.floor(k2))||!(k2>0)?null:timeInterval(date3=>{date3.setUTCFullYear(Math.floor(date3.getUTCFullYear()/k2)*k2),date3.setUTCMonth(0,1),date3.setUTCHours(0,0,0,0)},(date3,step)=>{date3.setUTCFullYear(date3.getUTCFullYear()+step*k2)});var utcYears=utcYear.range;function ticker(year,month,week,day,hour,minute){let tickIntervals=[[second,1,durationSecond],[second,5,5*durationSecond],[second,15,15*durationSecond],[second,30,30*durationSecond],[minute,1,durationMinute],[minute,5,5*durationMinute],[minute,15,15*durationMinute],[minute,30,30*durationMinute],[hour,1,durationHour],[hour,3,3*durationHour],[hour,6,6*durationHour],[hour,12,12*durationHour],[day,1,durationDay],[day,2,2*durationDay],[week,1,durationWeek],[month,1,durationMonth],[month,3,3*durationMonth],[year,1,durationYear]];function ticks2(start,stop,count2){let reverse=stop<start;reverse&&([start,stop]=[stop,start]);let interval=count2&&typeof count2.range=="function"?count2:tickInterval(start,stop,count2),ticks3=interval?interval.range(start,+stop+1):[];return reverse?ticks3.reverse():ticks3}function tickInterval(start,stop,count2){let target=Math.abs(stop-start)/count2,i=bisector(([,,step2])=>step2).right(tickIntervals,target);if(i===tickIntervals.length)return year.every(tickStep(start/durationYear,stop/durationYear,count2));if(i===0)return millisecond.every(Math.max(tickStep(start,stop,count2),1));let[t,step]=tickIntervals[target/tickIntervals[i-1][2]<tickIntervals[i][2]/target?i-1:i];return t.every(step)}return[ticks2,tickInterval]}var[utcTicks,utcTickInterval]=ticker(utcYear,utcMonth,utcSunday,unixDay,utcHour,utcMinute),[timeTicks,timeTickInterval]=ticker(timeYear,timeMonth,timeSunday,timeDay,timeHour,timeMinute);function localDate(d){if(0<=d.y&&d.y<100){var date3=new Date(-1,d.m,d.d,d.H,d.M,d.S,d.L);return date3.setFullYear(d.y),date3}return new Date(d.y,d.m,d.d,d.H,d.M,d.S,d.L)}function utcDate(d){if(0<=d.y&&d.y<100){var date3=new Date(Date.UTC(-1,d.m,d.d,d.H,d.M,d.S,d.L));return date3.setUTCFullYear(d.y),date3}return new Date(Date.UTC(d.y,d.m,d.d,d.H,d.M,d.S,d.L))}function newDate(y2,m,d){return{y:y2,m,d,H:0,M:0,S:0,L:0}}function formatLocale2(locale3){var locale_dateTime=locale3.dateTime,locale_date=locale3.date,locale_time=locale3.time,locale_periods=locale3.periods,locale_weekdays=locale3.days,locale_shortWeekdays=locale3.shortDays,locale_months=locale3.months,locale_shortMonths=locale3.shortMonths,periodRe=formatRe(locale_periods),periodLookup=formatLookup(locale_periods),weekdayRe=formatRe(locale_weekdays),weekdayLookup=formatLookup(locale_weekdays),shortWeekdayRe=formatRe(locale_shortWeekdays),shortWeekdayLookup=formatLookup(locale_shortWeekdays),monthRe=formatRe(locale_months),monthLookup=formatLookup(locale_months),shortMonthRe=formatRe(locale_shortMonths),shortMonthLookup=formatLookup(locale_shortMonths),formats={a:formatShortWeekday,A:formatWeekday,b:formatShortMonth,B:formatMonth,c:null,d:formatDayOfMonth,e:formatDayOfMonth,f:formatMicroseconds,g:formatYearISO,G:formatFullYearISO,H:formatHour24,I:formatHour12,j:formatDayOfYear,L:formatMilliseconds,m:formatMonthNumber,M:formatMinutes,p:formatPeriod,q:formatQuarter,Q:formatUnixTimestamp,s:formatUnixTimestampSeconds,S:formatSeconds,u:formatWeekdayNumberMonday,U:formatWeekNumberSunday,V:formatWeekNumberISO,w:formatWeekdayNumberSunday,W:formatWeekNumberMonday,x:null,X:null,y:formatYear,Y:formatFullYear,Z:formatZone,"%":formatLiteralPercent},utcFormats={a:formatUTCShortWeekday,A:formatUTCWeekday,b:formatUTCShortMonth,B:formatUTCMonth,c:null,d:formatUTCDayOfMonth,e:formatUTCDayOfMonth,f:formatUTCMicroseconds,g:formatUTCYearISO,G:formatUTCFullYearISO,H:formatUTCHour24,I:formatUTCHour12,j:formatUTCDayOfYear,L:formatUTCMilliseconds,m:formatUTCMonthNumber,M:formatUTCMinutes,p:formatUTCPeriod,q:formatUTCQuarter,Q:formatUnixTimestamp,s:formatUnixTimestampSeconds,S:formatUTCSeconds,u:formatUTCWeekdayNumberMonday,U:formatUTCWeekNumberSunday,V:formatUTCWeekNumberISO,w:formatUTCWeekdayNumberSunday,W:formatUTCWeekNumberMonday,x:null,X:null,y:formatUTCYear,Y:formatUTCFullYear,Z:formatUTCZone,"%":formatLiteralPercent},parses={a:parseShortWeekday,A:parseWeekday,b:parseShortMonth,B:parseMonth,c:parseLocaleDateTime,d:parseDayOfMonth,e:parseDayOfMonth,f:parseMicroseconds,g:parseYear,G:parseFullYear,H:parseHour24,I:parseHour24,j:parseDayOfYear,L:parseMilliseconds,m:parseMonthNumber,M:parseMinutes,p:parsePeriod,q:parseQuarter,Q:parseUnixTimestamp,s:parseUnixTimestampSeconds,S:parseSeconds,u:parseWeekdayNumberMonday,U:parseWeekNumberSunday,V:parseWeekNumberISO,w:parseWeekdayNumberSunday,W:parseWeekNumberMonday,x:parseLocaleDate,X:parseLocaleTime,y:parseYear,Y:parseFullYear,Z:parseZone,"%":parseLiteralPercent};formats.x=newFormat(locale_date,formats),formats.X=newFormat(locale_time,formats),formats.c=newFormat(locale_dateTime,formats),utcFormats.x=newFormat(locale_date,utcFormats),utcFormats.X=newFormat(locale_time,utcFormats),utcFormats.c=newFormat(locale_dateTime,utcFormats);function newFormat(specifier,formats2){return function(date3){var string2=[],i=-1,j=0,n2=specifier.length,c,pad2,format2;for(date3 instanceof Date||(date3=new Date(+date3));++i<n2;)specifier.charCodeAt(i)===37&&(string2.push(specifier.slice(j,i)),(pad2=pads[c=specifier.charAt(++i)])!=null?c=specifier.charAt(++i):pad2=c==="e"?" ":"0",(format2=formats2[c])&&(c=format2(date3,pad2)),string2.push(c),j=i+1);return string2.push(specifier.slice(j,i)),string2.join("")}}function newParse(specifier,Z){return function(string2){var d=newDate(1900,void 0,1),i=parseSpecifier(d,specifier,string2+="",0),week,day;if(i!=string2.length)return null;if("Q"in d)return new Date(d.Q);if("s"in d)return new Date(d.s*1e3+("L"in d?d.L:0));if(Z&&!("Z"in d)&&(d.Z=0),"p"in d&&(d.H=d.H%12+d.p*12),d.m===void 0&&(d.m="q"in d?d.q:0),"V"in d){if(d.V<1||d.V>53)return null;"w"in d||(d.w=1),"Z"in d?(week=utcDate(newDate(d.y,0,1)),day=week.getUTCDay(),week=day>4||day===0?utcMonday.ceil(week):utcMonday(week),week=utcDay.offset(week,(d.V-1)*7),d.y=week.getUTCFullYear(),d.m=week.getUTCMonth(),d.d=week.getUTCDate()+(d.w+6)%7):(week=localDate(newDate(d.y,0,1)),day=week.getDay(),week=day>4||day===0?timeMonday.ceil(week):timeMonday(week),week=timeDay.offset(week,(d.V-1)*7),d.y=week.getFullYear(),d.m=week.getMonth(),d.d=week.getDate()+(d.w+6)%7)}else("W"in d||"U"in d)&&("w"in d||(d.w="u"in d?d.u%7:"W"in d?1:0),day="Z"in d?utcDate(newDate(d.y,0,1)).getUTCDay():localDate(newDate(d.y,0,1)).getDay(),d.m=0,d.d="W"in d?(d.w+6)%7+d.W*7-(day+5)%7:d.w+d.U*7-(day+6)%7);return"Z"in d?(d.H+=d.Z/100|0,d.M+=d.Z%100,utcDate(d)):localDate(d)}}function parseSpecifier(d,specifier,string2,j){for(var i=0,n2=specifier.length,m=string2.length,c,parse;i<n2;){if(j>=m)return-1;if(c=specifier.charCodeAt(i++),c===37){if(c=specifier.charAt(i++),parse=parses[c in pads?specifier.charAt(i++):c],!parse||(j=parse(d,string2,j))<0)return-1}else if(c!=string2.charCodeAt(j++))return-1}return j}function parsePeriod(d,string2,i){var n2=periodRe.exec(string2.slice(i));return n2?(d.p=periodLookup.get(n2[0].toLowerCase()),i+n2[0].length):-1}function parseShortWeekday(d,string2,i){var n2=shortWeekdayRe.exec(string2.slice(i));return n2?(d.w=shortWeekdayLookup.get(n2[0].toLowerCase()),i+n2[0].length):-1}function parseWeekday(d,string2,i){var n2=weekdayRe.exec(string2.slice(i));return n2?(d.w=weekdayLookup.get(n2[0].toLowerCase()),i+n2[0].length):-1}function parseShortMonth(d,string2,i){var n2=shortMonthRe.exec(string2.slice(i));return n2?(d.m=shortMonthLookup.get(n2[0].toLowerCase()),i+n2[0].length):-1}function parseMonth(d,string2,i){var n2=monthRe.exec(string2.slice(i));return n2?(d.m=monthLookup.get(n2[0].toLowerCase()),i+n2[0].length):-1}function parseLocaleDateTime(d,string2,i){return parseSpecifier(d,locale_dateTime,string2,i)}function parseLocaleDate(d,string2,i){return parseSpecifier(d,locale_date,string2,i)}function parseLocaleTime(d,string2,i){return parseSpecifier(d,locale_time,string2,i)}function formatShortWeekday(d){return locale_shortWeekdays[d.getDay()]}function formatWeekday(d){return locale_weekdays[d.getDay()]}function formatShortMonth(d){return locale_shortMonths[d.getMonth()]}function formatMonth(d){return locale_months[d.getMonth()]}function formatPeriod(d){return locale_periods[+(d.getHours()>=12)]}function formatQuarter(d){return 1+~~(d.getMonth()/3)}function formatUTCShortWeekday(d){return locale_shortWeekdays[d.getUTCDay()]}function formatUTCWeekday(d){return locale_weekdays[d.getUTCDay()]}function formatUTCShortMonth(d){return locale_shortMonths[d.getUTCMonth()]}function formatUTCMonth(d){return locale_months[d.getUTCMonth()]}function formatUTCPeriod(d){return locale_periods[+(d.getUTCHours()>=12)]}function formatUTCQuarter(d){return 1+~~(d.getUTCMonth()/3)}return{format:function(specifier){var f=newFormat(specifier+="",formats);return f.toString=function(){return specifier},f},parse:function(specifier){var p=newParse(specifier+="",!1);return p.toString=function(){return specifier},p},utcFormat:function(specifier){var f=newFormat(specifier+="",utcFormats);return f.toString=function(){return specifier},f},utcParse:function(specifier){var p=newParse(specifier+="",!0);return p.toString=function(){return specifier},p}}}var pads={"-":"",_:" ",0:"0"},numberRe=/^\s*\d+/,percentRe=/^%/,requoteRe=/[\\^$*+?|[\]().{}]/g;function pad(value2,fill,width){var sign2=value2<0?"-":"",string2=(sign2?-value2:value2)+"",length=string2.length;return sign2+(length<width?new Array(width-length+1).join(fill)+string2:string2)}function requote(s2){return s2.replace(requoteRe,"\\$&")}function formatRe(names){return new RegExp("^(?:"+names.map(requote).join("|")+")","i")}function formatLookup(names){return new Map(names.map((name,i)=>[name.toLowerCase(),i]))}function parseWeekdayNumberSunday(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+1));return n2?(d.w=+n2[0],i+n2[0].length):-1}function parseWeekdayNumberMonday(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+1));return n2?(d.u=+n2[0],i+n2[0].length):-1}function parseWeekNumberSunday(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.U=+n2[0],i+n2[0].length):-1}function parseWeekNumberISO(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.V=+n2[0],i+n2[0].length):-1}function parseWeekNumberMonday(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.W=+n2[0],i+n2[0].length):-1}function parseFullYear(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+4));return n2?(d.y=+n2[0],i+n2[0].length):-1}function parseYear(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.y=+n2[0]+(+n2[0]>68?1900:2e3),i+n2[0].length):-1}function parseZone(d,string2,i){var n2=/^(Z)|([+-]\d\d)(?::?(\d\d))?/.exec(string2.slice(i,i+6));return n2?(d.Z=n2[1]?0:-(n2[2]+(n2[3]||"00")),i+n2[0].length):-1}function parseQuarter(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+1));return n2?(d.q=n2[0]*3-3,i+n2[0].length):-1}function parseMonthNumber(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.m=n2[0]-1,i+n2[0].length):-1}function parseDayOfMonth(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.d=+n2[0],i+n2[0].length):-1}function parseDayOfYear(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+3));return n2?(d.m=0,d.d=+n2[0],i+n2[0].length):-1}function parseHour24(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.H=+n2[0],i+n2[0].length):-1}function parseMinutes(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.M=+n2[0],i+n2[0].length):-1}function parseSeconds(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+2));return n2?(d.S=+n2[0],i+n2[0].length):-1}function parseMilliseconds(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+3));return n2?(d.L=+n2[0],i+n2[0].length):-1}function parseMicroseconds(d,string2,i){var n2=numberRe.exec(string2.slice(i,i+6));return n2?(d.L=Math.floor(n2[0]/1e3),i+n2[0].length):-1}function parseLiteralPercent(d,string2,i){var n2=percentRe.exec(string2.slice(i,i+1));return n2?i+n2[0].length:-1}function parseUnixTimestamp(d,string2,i){var n2=numberRe.exec(string2.slice(i));return n2?(d.Q=+n2[0],i+n2[0].length):-1}function parseUnixTimestampSeconds(d,string2,i){var n2=numberRe.exec(string2.slice(i));return n2?(d.s=+n2[0],i+n2[0].length):-1}function formatDayOfMonth(d,p){return pad(d.getDate(),p,2)}function formatHour24(d,p){return pad(d.getHours(),p,2)}function formatHour12(d,p){return pad(d.getHours()%12||12,p,2)}function formatDayOfYear(d,p){return pad(1+timeDay.count(timeYear(d),d),p,3)}function formatMilliseconds(d,p){return pad(d.getMilliseconds(),p,3)}function formatMicroseconds(d,p){return formatMilliseconds(d,p)+"000"}function formatMonthNumber(d,p){return pad(d.getMonth()+1,p,2)}function formatMinutes(d,p){return pad(d.getMinutes(),p,2)}function formatSeconds(d,p){return pad(d.getSeconds(),p,2)}function formatWeekdayNumberMonday(d){var day=d.getDay();return day===0?7:day}function formatWeekNumberSunday(d,p){return pad(timeSunday.count(timeYear(d)-1,d),p,2)}function dISO(d){var day=d.getDay();return day>=4||day===0?timeThursday(d):timeThursday.ceil(d)}function formatWeekNumberISO(d,p){return d=dISO(d),pad(timeThursday.count(timeYear(d),d)+(timeYear(d).getDay()===4),p,2)}function formatWeekdayNumberSunday(d){return d.getDay()}function formatWeekNumberMonday(d,p){return pad(timeMonday.count(timeYear(d)-1,d),p,2)}function formatYear(d,p){return pad(d.getFullYear()%100,p,2)}function formatYearISO(d,p){return d=dISO(d),pad(d.getFullYear()%100,p,2)}function formatFullYear(d,p){return pad(d.getFullYear()%1e4,p,4)}function formatFullYearISO(d,p){var day=d.getDay();return d=day>=4||day===0?timeThursday(d):timeThursday.ceil(d),pad(d.getFullYear()%1e4,p,4)}function formatZone(d){var z=d.getTimezoneOffset();return(z>0?"-":(z*=-1,"+"))+pad(z/60|0,"0",2)+pad(z%60,"0",2)}function formatUTCDayOfMonth(d,p){return pad(d.getUTCDate(),p,2)}function formatUTCHour24(d,p){return pad(d.getUTCHours(),p,2)}function formatUTCHour12(d,p){return pad(d.getUTCHours()%12||12,p,2)}function formatUTCDayOfYear(d,p){return pad(1+utcDay.count(utcYear(d),d),p,3)}function formatUTCMilliseconds(d,p){return pad(d.getUTCMilliseconds(),p,3)}function formatUTCMicroseconds(d,p){return formatUTCMilliseconds(d,p)+"000"}function formatUTCMonthNumber(d,p){return pad(d.getUTCMonth()+1,p,2)}function formatUTCMinutes(d,p){return pad(d.getUTCMinutes(),p,2)}function formatUTCSeconds(d,p){return pad(d.getUTCSeconds(),p,2)}function formatUTCWeekdayNumberMonday(d){var dow=d.getUTCDay();return dow===0?7:dow}function formatUTCWeekNumberSunday(d,p){return pad(utcSunday.count(utcYear(d)-1,d),p,2)}function UTCdISO(d){var day=d.getUTCDay();return day>=4||day===0?utcThursday(d):utcThursday.ceil(d)}function formatUTCWeekNumberISO(d,p){return d=UTCdISO(d),pad(utcThursday.count(utcYear(d),d)+(utcYear(d).getUTCDay()===4),p,2)}function formatUTCWeekdayNumberSunday(d){return d.getUTCDay()}function formatUTCWeekNumberMonday(d,p){return pad(utcMonday.count(utcYear(d)-1,d),p,2)}function formatUTCYear(d,p){return pad(d.getUTCFullYear()%100,p,2)}function formatUTCYearISO(d,p){return d=UTCdISO(d),pad(d.getUTCFullYear()%100,p,2)}function formatUTCFullYear(d,p){return pad(d.getUTCFullYear()%1e4,p,4)}function formatUTCFullYearISO(d,p){var day=d.getUTCDay();return d=day>=4||day===0?utcThursday(d):utcThursday.ceil(d),pad(d.getUTCFullYear()%1e4,p,4)}function formatUTCZone(){return"+0000"}function formatLiteralPercent(){return"%"}function formatUnixTimestamp(d){return+d}function formatUnixTimestampSeconds(d){return Math.floor(+d/1e3)}var locale2,timeFormat,timeParse,utcFormat,utcParse;defaultLocale2({dateTime:"%x, %X",date:"%-m/%-d/%Y",time:"%-I:%M:%S %p",periods:["AM","PM"],days:["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"],shortDays:["Sun","Mon","Tue","Wed","Thu","Fri","Sat"],months:["January","February","March","April","May","June","July","August","September","October","November","December"],shortMonths:["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]});function defaultLocale2(definition){return locale2=formatLocale2(definition),timeFormat=locale2.format,timeParse=locale2.parse,utcFormat=locale2.utcFormat,utcParse=locale2.utcParse,locale2}var isoSpecifier="%Y-%m-%dT%H:%M:%S.%LZ";function formatIsoNative(date3){return date3.toISOString()}var formatIso=Date.prototype.toISOString?formatIsoNative:utcFormat(isoSpecifier);function parseIsoNative(string2){var date3=new Date(string2);return isNaN(date3)?null:date3}var parseIso=+new Date("2000-01-01T00:00:00.000Z")?parseIsoNative:utcParse(isoSpecifier);function initRange(domain,range2){switch(arguments.length){case 0:break;case 1:this.range(domain);break;default:this.range(range2).domain(domain);break}return this}var implicit=Symbol("implicit");function ordinal(){var index=new InternMap,domain=[],range2=[],unknown=implicit;function scale(d){let i=index.get(d);if(i===void 0){if(unknown!==implicit)return unknown;index.set(d,i=domain.push(d)-1)}return range2[i%range2.length]}return scale.domain=function(_){if(!arguments.length)return domain.slice();domain=[],index=new InternMap;for(let value2 of _)index.has(value2)||index.set(value2,domain.push(value2)-1);return scale},scale.range=function(_){return arguments.length?(range2=Array.from(_),scale):range2.slice()},scale.unknown=function(_){return arguments.length?(unknown=_,scale):unknown},scale.copy=function(){return ordinal(domain,range2).unknown(unknown)},initRange.apply(scale,arguments),scale}function band(){var scale=ordinal().unknown(void 0),domain=scale.domain,ordinalRange=scale.range,r0=0,r1=1,step,bandwidth,round2=!1,paddingInner=0,paddingOuter=0,align=.5;delete scale.unknown;function rescale(){var n2=domain().length,reverse=r1<r0,start=reverse?r1:r0,stop=reverse?r0:r1;step=(stop-start)/Math.max(1,n2-paddingInner+paddingOuter*2),round2&&(step=Math.floor(step)),start+=(stop-start-step*(n2-paddingInner))*align,bandwidth=step*(1-paddingInner),round2&&(start=Math.round(start),bandwidth=Math.round(bandwidth));var values=range(n2).map(function(i){return start+step*i});return ordinalRange(reverse?values.reverse():values)}return scale.domain=function(_){return arguments.length?(domain(_),rescale()):domain()},scale.range=function(_){return arguments.length?([r0,r1]=_,r0=+r0,r1=+r1,rescale()):[r0,r1]},scale.rangeRound=function(_){return[r0,r1]=_,r0=+r0,r1=+r1,round2=!0,rescale()},scale.bandwidth=function(){return bandwidth},scale.step=function(){return step},scale.round=function(_){return arguments.length?(round2=!!_,rescale()):round2},scale.padding=function(_){return arguments.length?(paddingInner=Math.min(1,paddingOuter=+_),rescale()):paddingInner},scale.paddingInner=function(_){return arguments.length?(paddingInner=Math.min(1,_),rescale()):paddingInner},scale.paddingOuter=function(_){return arguments.length?(paddingOuter=+_,rescale()):paddingOuter},scale.align=function(_){return arguments.length?(align=Math.max(0,Math.min(1,_)),rescale()):align},scale.copy=function(){return band(domain(),[r0,r1]).round(round2).paddingInner(paddingInner).paddingOuter(paddingOuter).align(align)},initRange.apply(rescale(),arguments)}function constants(x2){return function(){return x2}}function number$1(x2){return+x2}var unit=[0,1];function identity$1(x2){return x2}function normalize2(a2,b){return(b-=a2=+a2)?function(x2){return(x2-a2)/b}:constants(isNaN(b)?NaN:.5)}function clamper(a2,b){var t;return a2>b&&(t=a2,a2=b,b=t),function(x2){return Math.max(a2,Math.min(b,x2))}}function bimap(domain,range2,interpolate){var d0=domain[0],d1=domain[1],r0=range2[0],r1=range2[1];return d1<d0?(d0=normalize2(d1,d0),r0=interpolate(r1,r0)):(d0=normalize2(d0,d1),r0=interpolate(r0,r1)),function(x2){return r0(d0(x2))}}function polymap(domain,range2,interpolate){var j=Math.min(domain.length,range2.length)-1,d=new Array(j),r=new Array(j),i=-1;for(domain[j]<domain[0]&&(domain=domain.slice().reverse(),range2=range2.slice().reverse());++i<j;)d[i]=normalize2(domain[i],domain[i+1]),r[i]=interpolate(range2[i],range2[i+1]);return function(x2){var i2=bisectRight(domain,x2,1,j)-1;return r[i2](d[i2](x2))}}function copy$1(source,target){return target.domain(source.domain()).range(source.range()).interpolate(source.interpolate()).clamp(source.clamp()).unknown(source.unknown())}function transformer$2(){var domain=unit,range2=unit,interpolate$1=value,transform,untransform,unknown,clamp=identity$1,piecewise2,output,input;function rescale(){var n2=Math.min(domain.length,range2.length);return clamp!==identity$1&&(clamp=clamper(domain[0],domain[n2-1])),piecewise2=n2>2?polymap:bimap,output=input=null,scale}function scale(x2){return x2==null||isNaN(x2=+x2)?unknown:(output||(output=piecewise2(domain.map(transform),range2,interpolate$1)))(transform(clamp(x2)))}return scale.invert=function(y2){return clamp(untransform((input||(input=piecewise2(range2,domain.map(transform),number2)))(y2)))},scale.domain=function(_){return arguments.length?(domain=Array.from(_,number$1),rescale()):domain.slice()},scale.range=function(_){return arguments.length?(range2=Array.from(_),rescale()):range2.slice()},scale.rangeRound=function(_){return range2=Array.from(_),interpolate$1=round,rescale()},scale.clamp=function(_){return arguments.length?(clamp=_?!0:identity$1,rescale()):clamp!==identity$1},scale.interpolate=function(_){return arguments.length?(interpolate$1=_,rescale()):interpolate$1},scale.unknown=function(_){return arguments.length?(unknown=_,scale):unknown},function(t,u){return transform=t,untransform=u,rescale()}}function continuous(){return transformer$2()(identity$1,identity$1)}function tickFormat(start,stop,count2,specifier){var step=tickStep(start,stop,count2),precision;switch(specifier=formatSpecifier(specifier??",f"),specifier.type){case"s":{var value2=Math.max(Math.abs(start),Math.abs(stop));return specifier.precision==null&&!isNaN(precision=precisionPrefix(step,value2))&&(specifier.precision=precision),formatPrefix(specifier,value2)}case"":case"e":case"g":case"p":case"r":{specifier.precision==null&&!isNaN(precision=precisionRound(step,Math.max(Math.abs(start),Math.abs(stop))))&&(specifier.precision=precision-(specifier.type==="e"));break}case"f":case"%":{specifier.precision==null&&!isNaN(precision=precisionFixed(step))&&(specifier.precision=precision-(specifier.type==="%")*2);break}}return format(specifier)}function linearish(scale){var domain=scale.domain;return scale.ticks=function(count2){var d=domain();return ticks(d[0],d[d.length-1],count2??10)},scale.tickFormat=function(count2,specifier){var d=domain();return tickFormat(d[0],d[d.length-1],count2??10,specifier)},scale.nice=function(count2){count2==null&&(count2=10);var d=domain(),i0=0,i1=d.length-1,start=d[i0],stop=d[i1],prestep,step,maxIter=10;for(stop<start&&(step=start,start=stop,stop=step,step=i0,i0=i1,i1=step);maxIter-- >0;){if(step=tickIncrement(start,stop,count2),step===prestep)return d[i0]=start,d[i1]=stop,domain(d);if(step>0)start=Math.floor(start/step)*step,stop=Math.ceil(stop/step)*step;else if(step<0)start=Math.ceil(start*step)/step,stop=Math.floor(stop*step)/step;else break;prestep=step}return scale},scale}function linear2(){var scale=continuous();return scale.copy=function(){return copy$1(scale,linear2())},initRange.apply(scale,arguments),linearish(scale)}function nice(domain,interval){domain=domain.slice();var i0=0,i1=domain.length-1,x0=domain[i0],x1=domain[i1],t;return x1<x0&&(t=i0,i0=i1,i1=t,t=x0,x0=x1,x1=t),domain[i0]=interval.floor(x0),domain[i1]=interval.ceil(x1),domain}function date2(t){return new Date(t)}function number3(t){return t instanceof Date?+t:Math.round(t)}function calendar(ticks2,tickInterval,year,month,week,day,hour,minute,second2,format2){var scale=continuous(),invert=scale.invert,domain=scale.domain,formatMillisecond=format2(".%L"),formatSecond=format2(":%S"),formatMinute=format2("%I:%M"),formatHour=format2("%I %p"),formatDay=format2("%a %d"),formatWeek=format2("%b %d"),formatMonth=format2("%B"),formatYear2=format2("%Y");function tickFormat2(date3){return(second2(date3)<date3?formatMillisecond:minute(date3)<date3?formatSecond:hour(date3)<date3?formatMinute:day(date3)<date3?formatHour:month(date3)<date3?week(date3)<date3?formatDay:formatWeek:year(date3)<date3?formatMonth:formatYear2)(date3)}return scale.invert=function(y2){return new Date(Math.round(invert(y2)))},scale.domain=function(_){return arguments.length?domain(Array.from(_,number3)):domain().map(date2)},scale.ticks=function(interval){var d=domain();return ticks2(d[0],d[d.length-1],interval??10)},scale.tickFormat=function(count2,specifier){return specifier==null?tickFormat2:format2(specifier)},scale.nice=function(interval){var d=domain();return(!interval||typeof interval.range!="function")&&(interval=tickInterval(d[0],d[d.length-1],interval??10)),interval?domain(nice(d,interval)):scale},scale.copy=function(){return copy$1(scale,calendar(ticks2,tickInterval,year,month,week,day,hour,minute,second2,format2))},scale}function utcTime(){return initRange.apply(calendar(utcTicks,utcTickInterval,utcYear,utcMonth,utcSunday,utcDay,utcHour,utcMinute,second,utcFormat).domain([Date.UTC(2e3,0,1),Date.UTC(2e3,0,2)]),arguments)}var pi=Math.PI,tau=2*pi,epsilon=1e-6,tauEpsilon=tau-epsilon;function append(strings){this._+=strings[0];for(let i=1,n2=strings.length;i<n2;++i)this._+=arguments[i]+strings[i]}function appendRound(digits){let d=Math.floor(digits);if(!(d>=0))throw new Error(`invalid digits: ${digits}`);if(d>15)return append;let k2=10**d;return function(strings){this._+=strings[0];for(let i=1,n2=strings.length;i<n2;++i)this._+=Math.round(arguments[i]*k2)/k2+strings[i]}}function equal(x0,y0,x1,y1){return x0===x1&&y0===y1}function equalRound(digits){let d=Math.floor(digits);if(!(d<=15))return equal;let k2=10**d,r=function(value2){return Math.round(value2*k2)};return function(x0,y0,x1,y1){return r(x0)===r(x1)&&r(y0)===r(y1)}}var Path=class{constructor(digits){this._x0=this._y0=this._x1=this._y1=null,this._="",this._append=digits==null?append:appendRound(digits),this._equal=digits==null?equal:equalRound(digits)}moveTo(x2,y2){this._append`M${this._x0=this._x1=+x2},${this._y0=this._y1=+y2}`}closePath(){this._x1!==null&&(this._x1=this._x0,this._y1=this._y0,this._append`Z`)}lineTo(x2,y2){this._append`L${this._x1=+x2},${this._y1=+y2}`}quadraticCurveTo(x1,y1,x2,y2){this._append`Q${+x1},${+y1},${this._x1=+x2},${this._y1=+y2}`}bezierCurveTo(x1,y1,x2,y2,x3,y3){this._append`C${+x1},${+y1},${+x2},${+y2},${this._x1=+x3},${this._y1=+y3}`}arcTo(x1,y1,x2,y2,r){if(x1=+x1,y1=+y1,x2=+x2,y2=+y2,r=+r,r<0)throw new Error(`negative radius: ${r}`);let x0=this._x1,y0=this._y1,x21=x2-x1,y21=y2-y1,x01=x0-x1,y01=y0-y1,l01_2=x01*x01+y01*y01;if(this._x1===null)this._append`M${this._x1=x1},${this._y1=y1}`;else if(l01_2>epsilon)if(!(Math.abs(y01*x21-y21*x01)>epsilon)||!r)this._append`L${this._x1=x1},${this._y1=y1}`;else{let x20=x2-x0,y20=y2-y0,l21_2=x21*x21+y21*y21,l20_2=x20*x20+y20*y20,l21=Math.sqrt(l21_2),l01=Math.sqrt(l01_2),l=r*Math.tan((pi-Math.acos((l21_2+l01_2-l20_2)/(2*l21*l01)))/2),t01=l/l01,t21=l/l21;Math.abs(t01-1)>epsilon&&this._append`L${x1+t01*x01},${y1+t01*y01}`,this._append`A${r},${r},0,0,${+(y01*x20>x01*y20)},${this._x1=x1+t21*x21},${this._y1=y1+t21*y21}`}}arc(x2,y2,r,a0,a1,ccw){if(x2=+x2,y2=+y2,r=+r,ccw=!!ccw,r<0)throw new Error(`negative radius: ${r}`);let dx=r*Math.cos(a0),dy=r*Math.sin(a0),x0=x2+dx,y0=y2+dy,cw=1^ccw,da=ccw?a0-a1:a1-a0;if(this._x1===null?this._append`M${x0},${y0}`:(Math.abs(this._x1-x0)>epsilon||Math.abs(this._y1-y0)>epsilon)&&this._append`L${x0},${y0}`,!!r){if(da<0&&(da=da%tau+tau),da>tauEpsilon)this._append`A${r},${r},0,1,${cw},${x2-dx},${y2-dy}A${r},${r},0,1,${cw},${this._x1=x0},${this._y1=y0}`;else if(da>epsilon){let x1=x2+r*Math.cos(a1),y1=y2+r*Math.sin(a1);if(da>=pi&&this._equal(x0,y0,x1,y1)){da/=2;let a00=a0+da;this._append`A${r},${r},0,${+(da>=pi)},${cw},${x2+r*Math.cos(a00)},${y2+r*Math.sin(a00)}`}this._append`A${r},${r},0,${+(da>=pi)},${cw},${this._x1=x1},${this._y1=y1}`}}}rect(x2,y2,w,h){this._append`M${this._x0=this._x1=+x2},${this._y0=this._y1=+y2}h${w=+w}v${+h}h${-w}Z`}toString(){return this._}};function path(){return new Path}path.prototype=Path.prototype;function constant2(x2){return function(){return x2}}var cos=Math.cos;var sin=Math.sin,sqrt=Math.sqrt,epsilon3=1e-12,pi2=Math.PI,halfPi=pi2/2,tau2=2*pi2;function withPath(shape){let digits=3;return shape.digits=function(_){if(!arguments.length)return digits;if(_==null)digits=null;else{let d=Math.floor(_);if(!(d>=0))throw new RangeError(`invalid digits: ${_}`);digits=d}return shape},()=>new Path(digits)}var slice2=Array.prototype.slice;function array2(x2){return typeof x2=="object"&&"length"in x2?x2:Array.from(x2)}function Linear(context){this._context=context}Linear.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;default:this._context.lineTo(x2,y2);break}}};function curveLinear(context){return new Linear(context)}function x(p){return p[0]}function y(p){return p[1]}function line(x$1,y$1){var defined=constant2(!0),context=null,curve=curveLinear,output=null,path2=withPath(line2);x$1=typeof x$1=="function"?x$1:x$1===void 0?x:constant2(x$1),y$1=typeof y$1=="function"?y$1:y$1===void 0?y:constant2(y$1);function line2(data){var i,n2=(data=array2(data)).length,d,defined0=!1,buffer;for(context==null&&(output=curve(buffer=path2())),i=0;i<=n2;++i)!(i<n2&&defined(d=data[i],i,data))===defined0&&((defined0=!defined0)?output.lineStart():output.lineEnd()),defined0&&output.point(+x$1(d,i,data),+y$1(d,i,data));if(buffer)return output=null,buffer+""||null}return line2.x=function(_){return arguments.length?(x$1=typeof _=="function"?_:constant2(+_),line2):x$1},line2.y=function(_){return arguments.length?(y$1=typeof _=="function"?_:constant2(+_),line2):y$1},line2.defined=function(_){return arguments.length?(defined=typeof _=="function"?_:constant2(!!_),line2):defined},line2.curve=function(_){return arguments.length?(curve=_,context!=null&&(output=curve(context)),line2):curve},line2.context=function(_){return arguments.length?(_==null?context=output=null:output=curve(context=_),line2):context},line2}var curveRadialLinear=curveRadial(curveLinear);function Radial(curve){this._curve=curve}Radial.prototype={areaStart:function(){this._curve.areaStart()},areaEnd:function(){this._curve.areaEnd()},lineStart:function(){this._curve.lineStart()},lineEnd:function(){this._curve.lineEnd()},point:function(a2,r){this._curve.point(r*Math.sin(a2),r*-Math.cos(a2))}};function curveRadial(curve){function radial(context){return new Radial(curve(context))}return radial._curve=curve,radial}var Bump=class{constructor(context,x2){this._context=context,this._x=x2}areaStart(){this._line=0}areaEnd(){this._line=NaN}lineStart(){this._point=0}lineEnd(){(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line}point(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:{this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break}case 1:this._point=2;default:{this._x?this._context.bezierCurveTo(this._x0=(this._x0+x2)/2,this._y0,this._x0,y2,x2,y2):this._context.bezierCurveTo(this._x0,this._y0=(this._y0+y2)/2,x2,this._y0,x2,y2);break}}this._x0=x2,this._y0=y2}};function bumpX(context){return new Bump(context,!0)}function linkSource(d){return d.source}function linkTarget(d){return d.target}function link(curve){let source=linkSource,target=linkTarget,x$1=x,y$1=y,context=null,output=null,path2=withPath(link2);function link2(){let buffer,argv=slice2.call(arguments),s2=source.apply(this,argv),t=target.apply(this,argv);if(context==null&&(output=curve(buffer=path2())),output.lineStart(),argv[0]=s2,output.point(+x$1.apply(this,argv),+y$1.apply(this,argv)),argv[0]=t,output.point(+x$1.apply(this,argv),+y$1.apply(this,argv)),output.lineEnd(),buffer)return output=null,buffer+""||null}return link2.source=function(_){return arguments.length?(source=_,link2):source},link2.target=function(_){return arguments.length?(target=_,link2):target},link2.x=function(_){return arguments.length?(x$1=typeof _=="function"?_:constant2(+_),link2):x$1},link2.y=function(_){return arguments.length?(y$1=typeof _=="function"?_:constant2(+_),link2):y$1},link2.context=function(_){return arguments.length?(_==null?context=output=null:output=curve(context=_),link2):context},link2}function linkHorizontal(){return link(bumpX)}var sqrt3$2=sqrt(3);var circle={draw(context,size){let r=sqrt(size/pi2);context.moveTo(r,0),context.arc(0,0,r,0,tau2)}};var tan30=sqrt(1/3),tan30_2=tan30*2;var kr=sin(pi2/10)/sin(7*pi2/10),kx=sin(tau2/10)*kr,ky=-cos(tau2/10)*kr;var sqrt3$1=sqrt(3),triangle={draw(context,size){let y2=-sqrt(size/(sqrt3$1*3));context.moveTo(0,y2*2),context.lineTo(-sqrt3$1*y2,-y2),context.lineTo(sqrt3$1*y2,-y2),context.closePath()}},sqrt3=sqrt(3);var s=sqrt(3)/2,k=1/sqrt(12),a=(k/2+1)*3;function Symbol2(type,size){let context=null,path2=withPath(symbol);type=typeof type=="function"?type:constant2(type||circle),size=typeof size=="function"?size:constant2(size===void 0?64:+size);function symbol(){let buffer;if(context||(context=buffer=path2()),type.apply(this,arguments).draw(context,+size.apply(this,arguments)),buffer)return context=null,buffer+""||null}return symbol.type=function(_){return arguments.length?(type=typeof _=="function"?_:constant2(_),symbol):type},symbol.size=function(_){return arguments.length?(size=typeof _=="function"?_:constant2(+_),symbol):size},symbol.context=function(_){return arguments.length?(context=_??null,symbol):context},symbol}function noop(){}function point$3(that,x2,y2){that._context.bezierCurveTo((2*that._x0+that._x1)/3,(2*that._y0+that._y1)/3,(that._x0+2*that._x1)/3,(that._y0+2*that._y1)/3,(that._x0+4*that._x1+x2)/6,(that._y0+4*that._y1+y2)/6)}function Basis(context){this._context=context}Basis.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=NaN,this._point=0},lineEnd:function(){switch(this._point){case 3:point$3(this,this._x1,this._y1);case 2:this._context.lineTo(this._x1,this._y1);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;break;case 2:this._point=3,this._context.lineTo((5*this._x0+this._x1)/6,(5*this._y0+this._y1)/6);default:point$3(this,x2,y2);break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2}};function BasisClosed(context){this._context=context}BasisClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._y0=this._y1=this._y2=this._y3=this._y4=NaN,this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x2,this._y2),this._context.closePath();break}case 2:{this._context.moveTo((this._x2+2*this._x3)/3,(this._y2+2*this._y3)/3),this._context.lineTo((this._x3+2*this._x2)/3,(this._y3+2*this._y2)/3),this._context.closePath();break}case 3:{this.point(this._x2,this._y2),this.point(this._x3,this._y3),this.point(this._x4,this._y4);break}}},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._x2=x2,this._y2=y2;break;case 1:this._point=2,this._x3=x2,this._y3=y2;break;case 2:this._point=3,this._x4=x2,this._y4=y2,this._context.moveTo((this._x0+4*this._x1+x2)/6,(this._y0+4*this._y1+y2)/6);break;default:point$3(this,x2,y2);break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2}};function BasisOpen(context){this._context=context}BasisOpen.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=NaN,this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3;var x0=(this._x0+4*this._x1+x2)/6,y0=(this._y0+4*this._y1+y2)/6;this._line?this._context.lineTo(x0,y0):this._context.moveTo(x0,y0);break;case 3:this._point=4;default:point$3(this,x2,y2);break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2}};function Bundle(context,beta){this._basis=new Basis(context),this._beta=beta}Bundle.prototype={lineStart:function(){this._x=[],this._y=[],this._basis.lineStart()},lineEnd:function(){var x2=this._x,y2=this._y,j=x2.length-1;if(j>0)for(var x0=x2[0],y0=y2[0],dx=x2[j]-x0,dy=y2[j]-y0,i=-1,t;++i<=j;)t=i/j,this._basis.point(this._beta*x2[i]+(1-this._beta)*(x0+t*dx),this._beta*y2[i]+(1-this._beta)*(y0+t*dy));this._x=this._y=null,this._basis.lineEnd()},point:function(x2,y2){this._x.push(+x2),this._y.push(+y2)}};var bundle=(function custom3(beta){function bundle2(context){return beta===1?new Basis(context):new Bundle(context,beta)}return bundle2.beta=function(beta2){return custom3(+beta2)},bundle2})(.85);function point$2(that,x2,y2){that._context.bezierCurveTo(that._x1+that._k*(that._x2-that._x0),that._y1+that._k*(that._y2-that._y0),that._x2+that._k*(that._x1-x2),that._y2+that._k*(that._y1-y2),that._x2,that._y2)}function Cardinal(context,tension){this._context=context,this._k=(1-tension)/6}Cardinal.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x2,this._y2);break;case 3:point$2(this,this._x1,this._y1);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2,this._x1=x2,this._y1=y2;break;case 2:this._point=3;default:point$2(this,x2,y2);break}this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var cardinal=(function custom4(tension){function cardinal2(context){return new Cardinal(context,tension)}return cardinal2.tension=function(tension2){return custom4(+tension2)},cardinal2})(0);function CardinalClosed(context,tension){this._context=context,this._k=(1-tension)/6}CardinalClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._x5=this._y0=this._y1=this._y2=this._y3=this._y4=this._y5=NaN,this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x3,this._y3),this._context.closePath();break}case 2:{this._context.lineTo(this._x3,this._y3),this._context.closePath();break}case 3:{this.point(this._x3,this._y3),this.point(this._x4,this._y4),this.point(this._x5,this._y5);break}}},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._x3=x2,this._y3=y2;break;case 1:this._point=2,this._context.moveTo(this._x4=x2,this._y4=y2);break;case 2:this._point=3,this._x5=x2,this._y5=y2;break;default:point$2(this,x2,y2);break}this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var cardinalClosed=(function custom5(tension){function cardinal2(context){return new CardinalClosed(context,tension)}return cardinal2.tension=function(tension2){return custom5(+tension2)},cardinal2})(0);function CardinalOpen(context,tension){this._context=context,this._k=(1-tension)/6}CardinalOpen.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3,this._line?this._context.lineTo(this._x2,this._y2):this._context.moveTo(this._x2,this._y2);break;case 3:this._point=4;default:point$2(this,x2,y2);break}this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var cardinalOpen=(function custom6(tension){function cardinal2(context){return new CardinalOpen(context,tension)}return cardinal2.tension=function(tension2){return custom6(+tension2)},cardinal2})(0);function point$1(that,x2,y2){var x1=that._x1,y1=that._y1,x22=that._x2,y22=that._y2;if(that._l01_a>epsilon3){var a2=2*that._l01_2a+3*that._l01_a*that._l12_a+that._l12_2a,n2=3*that._l01_a*(that._l01_a+that._l12_a);x1=(x1*a2-that._x0*that._l12_2a+that._x2*that._l01_2a)/n2,y1=(y1*a2-that._y0*that._l12_2a+that._y2*that._l01_2a)/n2}if(that._l23_a>epsilon3){var b=2*that._l23_2a+3*that._l23_a*that._l12_a+that._l12_2a,m=3*that._l23_a*(that._l23_a+that._l12_a);x22=(x22*b+that._x1*that._l23_2a-x2*that._l12_2a)/m,y22=(y22*b+that._y1*that._l23_2a-y2*that._l12_2a)/m}that._context.bezierCurveTo(x1,y1,x22,y22,that._x2,that._y2)}function CatmullRom(context,alpha){this._context=context,this._alpha=alpha}CatmullRom.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x2,this._y2);break;case 3:this.point(this._x2,this._y2);break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){if(x2=+x2,y2=+y2,this._point){var x23=this._x2-x2,y23=this._y2-y2;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(x23*x23+y23*y23,this._alpha))}switch(this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;break;case 2:this._point=3;default:point$1(this,x2,y2);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var catmullRom=(function custom7(alpha){function catmullRom2(context){return alpha?new CatmullRom(context,alpha):new Cardinal(context,0)}return catmullRom2.alpha=function(alpha2){return custom7(+alpha2)},catmullRom2})(.5);function CatmullRomClosed(context,alpha){this._context=context,this._alpha=alpha}CatmullRomClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._x0=this._x1=this._x2=this._x3=this._x4=this._x5=this._y0=this._y1=this._y2=this._y3=this._y4=this._y5=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){switch(this._point){case 1:{this._context.moveTo(this._x3,this._y3),this._context.closePath();break}case 2:{this._context.lineTo(this._x3,this._y3),this._context.closePath();break}case 3:{this.point(this._x3,this._y3),this.point(this._x4,this._y4),this.point(this._x5,this._y5);break}}},point:function(x2,y2){if(x2=+x2,y2=+y2,this._point){var x23=this._x2-x2,y23=this._y2-y2;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(x23*x23+y23*y23,this._alpha))}switch(this._point){case 0:this._point=1,this._x3=x2,this._y3=y2;break;case 1:this._point=2,this._context.moveTo(this._x4=x2,this._y4=y2);break;case 2:this._point=3,this._x5=x2,this._y5=y2;break;default:point$1(this,x2,y2);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var catmullRomClosed=(function custom8(alpha){function catmullRom2(context){return alpha?new CatmullRomClosed(context,alpha):new CardinalClosed(context,0)}return catmullRom2.alpha=function(alpha2){return custom8(+alpha2)},catmullRom2})(.5);function CatmullRomOpen(context,alpha){this._context=context,this._alpha=alpha}CatmullRomOpen.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._x2=this._y0=this._y1=this._y2=NaN,this._l01_a=this._l12_a=this._l23_a=this._l01_2a=this._l12_2a=this._l23_2a=this._point=0},lineEnd:function(){(this._line||this._line!==0&&this._point===3)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){if(x2=+x2,y2=+y2,this._point){var x23=this._x2-x2,y23=this._y2-y2;this._l23_a=Math.sqrt(this._l23_2a=Math.pow(x23*x23+y23*y23,this._alpha))}switch(this._point){case 0:this._point=1;break;case 1:this._point=2;break;case 2:this._point=3,this._line?this._context.lineTo(this._x2,this._y2):this._context.moveTo(this._x2,this._y2);break;case 3:this._point=4;default:point$1(this,x2,y2);break}this._l01_a=this._l12_a,this._l12_a=this._l23_a,this._l01_2a=this._l12_2a,this._l12_2a=this._l23_2a,this._x0=this._x1,this._x1=this._x2,this._x2=x2,this._y0=this._y1,this._y1=this._y2,this._y2=y2}};var catmullRomOpen=(function custom9(alpha){function catmullRom2(context){return alpha?new CatmullRomOpen(context,alpha):new CardinalOpen(context,0)}return catmullRom2.alpha=function(alpha2){return custom9(+alpha2)},catmullRom2})(.5);function LinearClosed(context){this._context=context}LinearClosed.prototype={areaStart:noop,areaEnd:noop,lineStart:function(){this._point=0},lineEnd:function(){this._point&&this._context.closePath()},point:function(x2,y2){x2=+x2,y2=+y2,this._point?this._context.lineTo(x2,y2):(this._point=1,this._context.moveTo(x2,y2))}};function sign(x2){return x2<0?-1:1}function slope3(that,x2,y2){var h0=that._x1-that._x0,h1=x2-that._x1,s0=(that._y1-that._y0)/(h0||h1<0&&-0),s1=(y2-that._y1)/(h1||h0<0&&-0),p=(s0*h1+s1*h0)/(h0+h1);return(sign(s0)+sign(s1))*Math.min(Math.abs(s0),Math.abs(s1),.5*Math.abs(p))||0}function slope2(that,t){var h=that._x1-that._x0;return h?(3*(that._y1-that._y0)/h-t)/2:t}function point(that,t03,t13){var x0=that._x0,y0=that._y0,x1=that._x1,y1=that._y1,dx=(x1-x0)/3;that._context.bezierCurveTo(x0+dx,y0+dx*t03,x1-dx,y1-dx*t13,x1,y1)}function MonotoneX(context){this._context=context}MonotoneX.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x0=this._x1=this._y0=this._y1=this._t0=NaN,this._point=0},lineEnd:function(){switch(this._point){case 2:this._context.lineTo(this._x1,this._y1);break;case 3:point(this,this._t0,slope2(this,this._t0));break}(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line=1-this._line},point:function(x2,y2){var t13=NaN;if(x2=+x2,y2=+y2,!(x2===this._x1&&y2===this._y1)){switch(this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;break;case 2:this._point=3,point(this,slope2(this,t13=slope3(this,x2,y2)),t13);break;default:point(this,this._t0,t13=slope3(this,x2,y2));break}this._x0=this._x1,this._x1=x2,this._y0=this._y1,this._y1=y2,this._t0=t13}}};function MonotoneY(context){this._context=new ReflectContext(context)}(MonotoneY.prototype=Object.create(MonotoneX.prototype)).point=function(x2,y2){MonotoneX.prototype.point.call(this,y2,x2)};function ReflectContext(context){this._context=context}ReflectContext.prototype={moveTo:function(x2,y2){this._context.moveTo(y2,x2)},closePath:function(){this._context.closePath()},lineTo:function(x2,y2){this._context.lineTo(y2,x2)},bezierCurveTo:function(x1,y1,x2,y2,x3,y3){this._context.bezierCurveTo(y1,x1,y2,x2,y3,x3)}};function Natural(context){this._context=context}Natural.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x=[],this._y=[]},lineEnd:function(){var x2=this._x,y2=this._y,n2=x2.length;if(n2)if(this._line?this._context.lineTo(x2[0],y2[0]):this._context.moveTo(x2[0],y2[0]),n2===2)this._context.lineTo(x2[1],y2[1]);else for(var px=controlPoints(x2),py=controlPoints(y2),i0=0,i1=1;i1<n2;++i0,++i1)this._context.bezierCurveTo(px[0][i0],py[0][i0],px[1][i0],py[1][i0],x2[i1],y2[i1]);(this._line||this._line!==0&&n2===1)&&this._context.closePath(),this._line=1-this._line,this._x=this._y=null},point:function(x2,y2){this._x.push(+x2),this._y.push(+y2)}};function controlPoints(x2){var i,n2=x2.length-1,m,a2=new Array(n2),b=new Array(n2),r=new Array(n2);for(a2[0]=0,b[0]=2,r[0]=x2[0]+2*x2[1],i=1;i<n2-1;++i)a2[i]=1,b[i]=4,r[i]=4*x2[i]+2*x2[i+1];for(a2[n2-1]=2,b[n2-1]=7,r[n2-1]=8*x2[n2-1]+x2[n2],i=1;i<n2;++i)m=a2[i]/b[i-1],b[i]-=m,r[i]-=m*r[i-1];for(a2[n2-1]=r[n2-1]/b[n2-1],i=n2-2;i>=0;--i)a2[i]=(r[i]-a2[i+1])/b[i];for(b[n2-1]=(x2[n2]+a2[n2-1])/2,i=0;i<n2-1;++i)b[i]=2*x2[i+1]-a2[i+1];return[a2,b]}function Step(context,t){this._context=context,this._t=t}Step.prototype={areaStart:function(){this._line=0},areaEnd:function(){this._line=NaN},lineStart:function(){this._x=this._y=NaN,this._point=0},lineEnd:function(){0<this._t&&this._t<1&&this._point===2&&this._context.lineTo(this._x,this._y),(this._line||this._line!==0&&this._point===1)&&this._context.closePath(),this._line>=0&&(this._t=1-this._t,this._line=1-this._line)},point:function(x2,y2){switch(x2=+x2,y2=+y2,this._point){case 0:this._point=1,this._line?this._context.lineTo(x2,y2):this._context.moveTo(x2,y2);break;case 1:this._point=2;default:{if(this._t<=0)this._context.lineTo(this._x,y2),this._context.lineTo(x2,y2);else{var x1=this._x*(1-this._t)+x2*this._t;this._context.lineTo(x1,this._y),this._context.lineTo(x1,y2)}break}}this._x=x2,this._y=y2}};var ENTITIES={"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;","'":"&#39;"},SPECIAL=/[&<>"']/;function esc(value2){let text=String(value2??"");return SPECIAL.test(text)?text.replace(/[&<>"']/g,c=>ENTITIES[c]??c):text}var UTC_SECONDS=/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;function shortTime(iso){if(!iso)return"-";if(UTC_SECONDS.test(iso))return`${iso.slice(0,10)} ${iso.slice(11,16)}`;let date3=new Date(iso);return Number.isNaN(date3.getTime())?iso:date3.toISOString().slice(0,16).replace("T"," ")}function timeTag(iso){if(!iso)return"-";let date3=new Date(iso),exact=Number.isNaN(date3.getTime())?iso:date3.toISOString();return`<time datetime="${esc(exact)}" title="${esc(exact)}">${esc(shortTime(iso))}</time>`}var modelPage=model=>`models/${model}.html`,versionAnchor=version=>`v=${encodeURIComponent(version)}`;var WIDE=720,NARROW=380,MARGIN={top:18,right:20,bottom:34,left:62},MAX_DOTS=300,n=x2=>Number.isFinite(x2)?Math.round(x2*100)/100:0;function svgOpen(height,title,className,width){return`<svg class="chart ${className}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" preserveAspectRatio="xMidYMid meet"><title>${esc(title)}</title>`}function yAxis(y2,left,right){let ticks2=y2.ticks(5),format2=y2.tickFormat(5);return ticks2.map(t=>`<g class="tick"><line class="grid" x1="${left}" x2="${right}" y1="${n(y2(t))}" y2="${n(y2(t))}"/><text class="axis-label" x="${left-6}" y="${n(y2(t))}" dy="0.32em" text-anchor="end">${esc(format2(t))}</text></g>`).join("")}function spreadIndices(length,count2){if(length<=count2)return Array.from({length},(_,i)=>i);let step=(length-1)/(count2-1);return[...new Set(Array.from({length:count2},(_,i)=>Math.round(i*step)))]}function paddedExtent(values){let lo=1/0,hi=-1/0;for(let v of values)v<lo&&(lo=v),v>hi&&(hi=v);if(!Number.isFinite(lo))return[0,1];let span=hi-lo||Math.abs(hi)||1;return[lo-span*.08,hi+span*.08]}function metricChart(input){let height=input.height??260,WIDTH=input.width??WIDE,{points}=input,x2=linear2().domain(points.length>1?[0,points.length-1]:[-1,1]).range([MARGIN.left,WIDTH-MARGIN.right]),values=points.flatMap(p=>p.value===null?[]:[p.value]),y2=linear2().domain(paddedExtent(values)).nice(5).range([height-MARGIN.bottom,MARGIN.top]),drawn=line().defined(p=>p.value!==null).x((_,i)=>x2(i)).y(p=>y2(p.value??0)),index=new Map(points.map((p,i)=>[p.version,i])),xTicks=spreadIndices(points.length,WIDTH<500?3:6).map(i=>`<text class="axis-label" x="${n(x2(i))}" y="${height-MARGIN.bottom+18}" text-anchor="middle">${esc(points[i]?.version)}</text>`).join(""),dots=points.length<=MAX_DOTS?points.map((p,i)=>p.value===null?"":`<circle class="dot" cx="${n(x2(i))}" cy="${n(y2(p.value))}" r="3"><title>${esc(p.version)}: ${esc(p.value)}</title></circle>`).join(""):"",marks=(input.marks??[]).map((m,k2)=>{let i=index.get(m.version),value2=i===void 0?null:points[i]?.value;if(i===void 0||value2===null||value2===void 0)return"";let cx=n(x2(i)),cy=n(y2(value2)),dy=k2%2===0?-12:20,anchor=cx>WIDTH-100?"end":cx<MARGIN.left+50?"start":"middle";return`<g class="holder ${esc(m.tone)}" data-version="${esc(m.version)}"><circle class="holder-mark" cx="${cx}" cy="${cy}" r="6.5"><title>${esc(m.label)}: ${esc(m.version)} (${esc(value2)})</title></circle><text class="mark-label" x="${cx}" y="${cy+dy}" text-anchor="${anchor}">${esc(m.label)} ${esc(m.version)}</text></g>`}).join("");return[svgOpen(height,input.title,"metric-chart",WIDTH),yAxis(y2,MARGIN.left,WIDTH-MARGIN.right),`<g class="x-axis">${xTicks}</g>`,`<path class="line" d="${drawn(points)??""}"/>`,dots,marks,"</svg>"].join("")}function sparkline(values,label){let present=values.flatMap(v=>v===null?[]:[v]);if(present.length<2)return"";let x2=linear2().domain([0,values.length-1]).range([2,118]),y2=linear2().domain(paddedExtent(present)).range([26,2]),d=line().defined(v=>v!==null).x((_,i)=>x2(i)).y(v=>y2(v??0))(values);return`<svg class="sparkline" viewBox="0 0 120 28" width="120" height="28" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title><path class="line" d="${d??""}"/></svg>`}function driftChart(input){let WIDTH=input.width??WIDE,ticks2=WIDTH<500?3:6,times=input.points.map(p=>new Date(p.at)),first=times[0]??new Date(0),last=times.at(-1)??first,x2=utcTime().domain(first.getTime()===last.getTime()?[new Date(first.getTime()-36e5),new Date(last.getTime()+36e5)]:[first,last]).range([MARGIN.left,WIDTH-MARGIN.right]),[lo,hi]=paddedExtent([0,input.warn,input.retrain,...input.points.map(p=>p.drift)]),y2=linear2().domain([lo,hi]).nice(5).range([240-MARGIN.bottom,MARGIN.top]),xTicks=x2.ticks(ticks2).map(t=>`<text class="axis-label" x="${n(x2(t))}" y="${240-MARGIN.bottom+18}" text-anchor="middle">${esc(x2.tickFormat(ticks2)(t))}</text>`).join(""),threshold=(value2,name,text)=>`<g class="threshold ${name}"><line x1="${MARGIN.left}" x2="${WIDTH-MARGIN.right}" y1="${n(y2(value2))}" y2="${n(y2(value2))}"/><text class="mark-label" x="${WIDTH-MARGIN.right}" y="${n(y2(value2))-4}" text-anchor="end">${esc(text)}</text></g>`,path2=line().x((_,i)=>x2(times[i]??first)).y(p=>y2(p.drift))(input.points),triangle2=Symbol2(triangle,70)()??"",runs=input.points.length<=MAX_DOTS?input.points.map((p,i)=>p.challengerWon?"":`<circle class="run" cx="${n(x2(times[i]??first))}" cy="${n(y2(p.drift))}" r="3"><title>${esc(p.at)}: ${esc(p.version)} drift ${esc(p.drift)}%</title></circle>`).join(""):"",wins=input.points.map((p,i)=>p.challengerWon?`<path class="win" transform="translate(${n(x2(times[i]??first))},${n(y2(p.drift))})" d="${triangle2}"><title>${esc(p.at)}: challenger ${esc(p.challengerWon)} beat ${esc(p.version)} (drift ${esc(p.drift)}%)</title></path>`:"").join("");return[svgOpen(240,input.title,"drift-chart",WIDTH),yAxis(y2,MARGIN.left,WIDTH-MARGIN.right),`<g class="x-axis">${xTicks}</g>`,threshold(input.warn,"warn",`plan retraining ${input.warn}%`),threshold(input.retrain,"retrain",`retrain now ${input.retrain}%`),`<path class="line" d="${path2??""}"/>`,runs,wins,"</svg>"].join("")}function timelineChart(title,stages,spans,now,WIDTH=WIDE){let ticks2=WIDTH<500?3:6,height=MARGIN.top+stages.length*30+MARGIN.bottom,left=92,end=Date.parse(now),first=end;for(let s2 of spans)first=Math.min(first,Date.parse(s2.start));let begin=Math.min(first,end-6e4)-(end-Math.min(first,end-6e4))*.02,x2=utcTime().domain([new Date(begin),new Date(end)]).range([left,WIDTH-MARGIN.right]),y2=band().domain(stages).range([MARGIN.top,height-MARGIN.bottom]).padding(.2),rows=stages.map(s2=>`<text class="axis-label" x="${left-8}" y="${n((y2(s2)??0)+y2.bandwidth()/2)}" dy="0.32em" text-anchor="end">${esc(s2)}</text>`).join(""),xTicks=x2.ticks(ticks2).map(t=>`<g class="tick"><line class="grid" x1="${n(x2(t))}" x2="${n(x2(t))}" y1="${MARGIN.top}" y2="${height-MARGIN.bottom}"/><text class="axis-label" x="${n(x2(t))}" y="${height-MARGIN.bottom+18}" text-anchor="middle">${esc(x2.tickFormat(ticks2)(t))}</text></g>`).join(""),bars=spans.map(s2=>{let x0=x2(new Date(s2.start)),x1=x2(new Date(s2.end??now)),width=Math.max(2,x1-x0),top=y2(s2.stage)??0,label=width>8*s2.version.length+8?`<text class="span-label" x="${n(x0+5)}" y="${n(top+y2.bandwidth()/2)}" dy="0.32em">${esc(s2.version)}</text>`:"";return`<g class="span ${esc(s2.tone)}" data-stage="${esc(s2.stage)}" data-version="${esc(s2.version)}"><rect x="${n(x0)}" y="${n(top)}" width="${n(width)}" height="${n(y2.bandwidth())}" rx="3"><title>${esc(s2.version)} in ${esc(s2.stage)}: ${esc(s2.start)} to ${esc(s2.end??"now")}</title></rect>${label}</g>`}).join("");return[svgOpen(height,title,"timeline-chart",WIDTH),xTicks,rows,bars,"</svg>"].join("")}function lineageGraph(title,nodes){let ROOT="\0root",root=stratify().id(d=>d.id).parentId(d=>d.id===ROOT?null:d.parent??ROOT)([{id:ROOT,parent:null,label:"",tone:null,external:!1},...nodes]),dx=24,dy=120,laid=tree().nodeSize([dx,dy])(root),shown=laid.descendants().filter(d=>d.depth>0),minX=1/0,maxX=-1/0;for(let d of shown)minX=Math.min(minX,d.x),maxX=Math.max(maxX,d.x);let width=(Math.max(1,...shown.map(d=>d.depth))-1)*dy+40+9+7*Math.max(...shown.map(d=>d.data.label.length)),height=maxX-minX+2*dx+8,px=d=>(d.depth-1)*dy+40,py=d=>d.x-minX+dx,link2=linkHorizontal().source(l=>l.s).target(l=>l.t),links=laid.links().filter(l=>l.source.depth>0).map(l=>`<path class="link" d="${link2({s:[px(l.source),py(l.source)],t:[px(l.target),py(l.target)]})??""}"/>`).join(""),marks=shown.map(d=>{let node=d.data,tone=node.tone??"";return`<g class="node${node.external?" external":""} ${esc(tone)}" data-version="${esc(node.id)}"><circle cx="${n(px(d))}" cy="${n(py(d))}" r="5"><title>${esc(node.label)}</title></circle><text class="node-label" x="${n(px(d)+9)}" y="${n(py(d))}" dy="0.32em">${esc(node.label)}</text></g>`}).join("");return`<svg class="lineage-graph" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${links}${marks}</svg>`}function shownStages(data){return data.stages.map(s2=>s2.name).filter(name=>name!==data.initialStage&&name!==data.displacedTo)}function stageTone(data,stage){let i=data.stages.findIndex(s2=>s2.name===stage);return i<0?"c5":`c${i%6}`}function lastMoveInto(history,stage){for(let i=history.length-1;i>=0;i--){let e=history[i];if(e.type==="move"&&e.to===stage)return e.at}return null}function stageSpans(data,history){let shown=new Set(shownStages(data)),open=new Map,spans=[],order=0,span=(version,held,end)=>({stage:held.stage,version,start:held.since,end,tone:stageTone(data,held.stage),order:held.order}),close=(version,at)=>{let held=open.get(version);held&&(open.delete(version),spans.push(span(version,held,at)))};for(let e of history)e.type==="deletion"&&close(e.version,e.at),e.type==="move"&&(close(e.version,e.at),shown.has(e.to)&&open.set(e.version,{stage:e.to,since:e.at,order:order++}));for(let[version,held]of open)spans.push(span(version,held,null));return spans.sort((a2,b)=>Date.parse(a2.start)-Date.parse(b.start)||a2.order-b.order).map(({order:_,...s2})=>s2)}var VERSIONS_PER_CHUNK=200,MAX_OTHER_METRICS=8,MAX_METRIC_COLUMNS=5,MAX_LINEAGE_NODES=250,CHAIN_STEPS=12,MANIFEST="git-model-report.json";function prepareModel(data,model){let files=new Map;for(let start=0,chunk=0;start<model.versions.length;start+=VERSIONS_PER_CHUNK,chunk++){let versions=model.versions.slice(start,start+VERSIONS_PER_CHUNK).map(v=>({version:v.version,stage:v.stage,metadata:v.metadata,problem:v.problem,sizes:v.metadata?.artifacts.map(a2=>formatBytes(a2.size))??[]}));files.set(`data/${model.name}/${chunk}.js`,`window.gitModelReport.addVersions(${JSON.stringify(model.name)},${JSON.stringify(String(chunk))},${JSON.stringify(versions)});
`)}let head=headOf(model),sections={metrics:metricsSection(data,model),versions:versionsSection(data,model),monitoring:monitoringSection(model),lineage:lineageSection(data,model)};return{files,finish:history=>({files:new Map([[modelPage(head.name),modelPageHtml(data,head,history,sections)]]),summary:{...head,holderSince:Object.fromEntries(shownStages(data).map(s2=>[s2,lastMoveInto(history,s2)])),lastChange:lastChange(head,history)}})}}function headOf(model){let latest=model.versions.at(-1),bestVersion=model.best?model.versions.find(v=>v.version===model.best?.version):void 0;return{name:model.name,versions:model.versions.length,holders:model.holders,latest:latest?{version:latest.version,created_at:latest.created_at}:null,best:model.best,bestNote:model.bestNote,rank:model.rank,bestValue:model.rank.by==="metric"&&bestVersion?metricValue(bestVersion,model.rank.metric):null,monitoring:model.monitoring?{code:model.monitoring.status.code,recommendation:model.monitoring.recommendation,at:model.monitoring.lines.at(-1)?.at??null}:null,trend:model.rank.metric?model.versions.map(v=>metricValue(v,model.rank.metric)):[]}}function renderOverview(data,models,generator){return new Map([["index.html",overviewPage(data,models)],["assets/report.css",report_default],["assets/report.js",report_default2],[MANIFEST,`${JSON.stringify(manifest(data,models,generator),null,2)}
`]])}function manifest(data,models,generator){return{generator,generated_at:data.generatedAt,models:models.map(m=>({name:m.name,page:modelPage(m.name),versions:m.versions,latest:m.latest?.version??null,best:m.best?.version??null,stages:m.holders,monitoring:m.monitoring?.code??null}))}}var responsive=draw=>`<div class="chart-wide">${draw(WIDE)}</div><div class="chart-narrow">${draw(NARROW)}</div>`;function page(data,title,depth,body,mainAttrs=""){let up="../".repeat(depth),repo=data.repositoryUrl?`<a class="where" href="${esc(data.repositoryUrl)}">${esc(data.repositoryUrl.replace(/^https:\/\//,""))}</a>`:"";return`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="git-model report">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${up}assets/report.css">
<script src="${up}assets/report.js" defer></script>
</head>
<body>
<header class="topbar"><a class="brand" href="${up}index.html">${esc(data.title)} \xB7 model registry</a><span class="where">${esc(data.root)}/</span>${repo}</header>
<main${mainAttrs}>
${body}
</main>
<footer class="foot">Built by <code>git model report</code> at ${timeTag(data.generatedAt)} UTC from the committed registry.</footer>
</body>
</html>
`}var stageBadge=(data,stage,text=stage)=>`<span class="badge stage-badge ${stageTone(data,stage)}">${esc(text)}</span>`,statusBadge=monitoring=>monitoring?`<span class="badge status-${esc(monitoring.code)}">${esc(monitoring.recommendation)}</span>`:'<span class="muted">not monitored</span>',since=iso=>iso?`<span class="since">since ${timeTag(iso)}</span>`:"",prLink=(data,pr)=>pr===null?"-":data.repositoryUrl?`<a href="${esc(`${data.repositoryUrl}/pull/${pr}`)}">#${pr}</a>`:`#${pr}`,commitLink=(data,commit)=>data.repositoryUrl?`<a class="mono" href="${esc(`${data.repositoryUrl}/commit/${commit}`)}">${esc(commit.slice(0,7))}</a>`:`<span class="mono">${esc(commit.slice(0,7))}</span>`;function metricValue(v,path2){if(!path2||!v.metadata)return null;let value2=lookupField(v.metadata,path2);return typeof value2=="number"&&Number.isFinite(value2)?value2:null}var metricName=path2=>path2.replace(/^metrics\./,"");function lastChange(head,history){let times=[history.at(-1)?.at,head.latest?.created_at,head.monitoring?.at].filter(t=>typeof t=="string"&&!Number.isNaN(Date.parse(t)));return times.length===0?null:times.reduce((a2,b)=>Date.parse(a2)>=Date.parse(b)?a2:b)}function overviewPage(data,models){let stages=shownStages(data),versionCount=models.reduce((sum,m)=>sum+m.versions,0),rows=models.map(m=>{let page2=esc(modelPage(m.name)),holderCells=stages.map(stage=>{let held=m.holders[stage]??[];if(held.length===0)return'<td class="muted">-</td>';let links=held.slice(-3).map(v=>`<a href="${page2}#${esc(versionAnchor(v))}">${esc(v)}</a>`).join(", "),more=held.length>3?` <span class="muted">+${held.length-3}</span>`:"";return`<td data-v="${esc(held.at(-1))}">${links}${more}${since(m.holderSince[stage])}</td>`}),trend=m.rank.metric?sparkline(m.trend,`${metricName(m.rank.metric)} over ${m.versions} versions`):"",latest=m.latest?`<a href="${page2}#${esc(versionAnchor(m.latest.version))}">${esc(m.latest.version)}</a>${m.latest.created_at?`<span class="since">${timeTag(m.latest.created_at)}</span>`:""}`:"-",best=m.best?`<a href="${page2}#${esc(versionAnchor(m.best.version))}">${esc(m.best.version)}</a>${m.bestValue!==null&&m.rank.metric?`<span class="since">${esc(metricName(m.rank.metric))} ${esc(formatNumber(m.bestValue))}</span>`:""}`:`<span class="muted" title="${esc(m.bestNote??"")}">-</span>`,monitoring=m.monitoring?`<span class="badge status-${esc(m.monitoring.code)}">${esc(m.monitoring.recommendation)}</span>${since(m.monitoring.at)}`:'<span class="muted">not monitored</span>';return`<tr data-model="${esc(m.name)}">
<th scope="row"><a href="${page2}">${esc(m.name)}</a></th>
<td class="num" data-v="${m.versions}">${m.versions}</td>
${holderCells.join(`
`)}
<td data-v="${esc(m.latest?.created_at??"")}">${latest}</td>
<td data-v="${esc(m.best?.version??"")}">${best}</td>
<td data-v="${esc(m.monitoring?.code??"")}">${monitoring}</td>
<td>${trend}</td>
<td data-v="${esc(m.lastChange??"")}">${timeTag(m.lastChange)}</td>
</tr>`}),needsAttention=models.filter(m=>m.monitoring&&m.monitoring.code!=="ok"&&m.monitoring.code!=="no-data").length,body=`<h1>Models</h1>
<p class="lede">${models.length} model${models.length===1?"":"s"}, ${versionCount} version${versionCount===1?"":"s"}${needsAttention?`, ${needsAttention} with a monitoring recommendation`:""}. Built ${timeTag(data.generatedAt)} UTC.</p>
${models.length===0?`<section class="panel"><p>No models in <code>${esc(data.root)}/</code> yet: register one with <code>git model register &lt;model&gt; &lt;dir&gt;</code>.</p></section>`:`<section class="panel" aria-labelledby="models-title">
<h2 id="models-title">Every model</h2>
<div class="controls" data-filter-for="models" hidden><input type="search" placeholder="Filter models" aria-label="Filter models"><span class="count" aria-live="polite"></span></div>
<div class="table-wrap"><table id="models" class="sortable">
<caption>Each model with the version holding each stage, its latest and best version (by the selection policy), its monitoring status, and when each last changed.</caption>
<thead><tr><th scope="col" data-sort="text">Model</th><th scope="col" class="num" data-sort="num">Versions</th>${stages.map(s2=>`<th scope="col" data-sort="text">${esc(s2)}</th>`).join("")}<th scope="col" data-sort="text">Latest</th><th scope="col" data-sort="text">Best</th><th scope="col" data-sort="text">Monitoring</th><th scope="col">Trend</th><th scope="col" data-sort="text">Last change</th></tr></thead>
<tbody>
${rows.join(`
`)}
</tbody>
</table></div>
</section>`}`;return page(data,`${data.title} \xB7 model registry`,0,body)}function modelPageHtml(data,model,history,sections){let stages=shownStages(data),{latest}=model,goals={};model.rank.metric&&(goals[model.rank.metric]=model.rank.goal);let holderBadges=Object.entries(model.holders).filter(([stage])=>stage!==data.displacedTo).map(([stage,held])=>`${stageBadge(data,stage,`${stage}: ${held.slice(-3).join(", ")}${held.length>3?` +${held.length-3}`:""}`)}`).join(""),cards=[["Versions",String(model.versions),""],...stages.map(s2=>[s2,(model.holders[s2]??[]).slice(-2).join(", ")||"-",model.holders[s2]?.length?since(lastMoveInto(history,s2)):""]),["Latest",latest?.version??"-",latest?.created_at?`<span class="since">${timeTag(latest.created_at)}</span>`:""],["Best",model.best?.version??"-",model.best&&model.rank.metric&&model.best.value!==null&&model.rank.by==="metric"?`<span class="since">${esc(metricName(model.rank.metric))} ${esc(formatNumber(model.best.value))} (${model.rank.goal==="min"?"lower":"higher"} is better)</span>`:model.bestNote?`<span class="since">${esc(model.bestNote)}</span>`:""]].map(([title,value2,extra])=>`<div class="card"><dt>${esc(title)}</dt><dd>${esc(value2)}${extra}</dd></div>`).join(""),monitoringCard=`<div class="card"><dt>Monitoring</dt><dd>${statusBadge(model.monitoring)}${since(model.monitoring?.at)}</dd></div>`,body=`<p><a href="../index.html">\u2190 All models</a></p>
<h1>${esc(model.name)}</h1>
<div class="holders">${holderBadges||'<span class="muted">No version holds a stage yet.</span>'}</div>
<dl class="cards">${cards}${monitoringCard}</dl>
${sections.metrics}
${sections.versions}
<section id="version-details" class="panel details-panel" hidden aria-live="polite" aria-labelledby="version-details-title"></section>
${timelineSection(data,model.name,history)}
${sections.monitoring}
${sections.lineage}`,attrs=` data-model="${esc(model.name)}" data-chunks="../data/${esc(model.name)}/" data-goals="${esc(JSON.stringify(goals))}"`;return page(data,`${model.name} \xB7 ${data.title}`,1,body,attrs)}function metricPaths(model){let counts=new Map;for(let v of model.versions)for(let name of Object.keys(v.metrics))counts.set(`metrics.${name}`,(counts.get(`metrics.${name}`)??0)+1);let byUse=[...counts].sort((a2,b)=>b[1]-a2[1]||(a2[0]<b[0]?-1:1)).map(([p])=>p);return[...new Set([...model.rank.metric?[model.rank.metric]:[],...byUse])]}function holderMarks(data,model){let marks=[];for(let stage of shownStages(data))for(let version of(model.holders[stage]??[]).slice(-3))marks.push({version,label:stage,tone:stageTone(data,stage)});return model.best&&!marks.some(m=>m.version===model.best?.version)&&marks.push({version:model.best.version,label:"best",tone:"c5"}),marks}function metricsSection(data,model){let paths=metricPaths(model);if(paths.length===0||model.versions.length===0)return'<section class="panel"><h2>Metrics</h2><p class="muted">No version records a metric.</p></section>';let marks=holderMarks(data,model),pointsOf=path2=>model.versions.map(v=>({version:v.version,value:metricValue(v,path2)})),[first,...others]=paths,rankTitle=`${metricName(first)} over ${model.versions.length} versions`,legend=marks.length?`<ul class="legend">${marks.map(m=>`<li class="${esc(m.tone)}">${esc(m.label)} ${esc(m.version)}</li>`).join("")}</ul>`:"",ranking=model.rank.by==="metric"&&model.rank.metric===first?`the ranking metric of <code>select</code> (${model.rank.goal==="min"?"lower":"higher"} is better)`:"the metric most versions record (no ranking metric is configured)",small=others.slice(0,MAX_OTHER_METRICS).map(path2=>`<figure><h3>${esc(metricName(path2))}</h3>${metricChart({title:`${metricName(path2)} over versions`,points:pointsOf(path2),marks,width:400,height:220})}</figure>`).join(""),more=others.length>MAX_OTHER_METRICS?`<p class="note">${others.length-MAX_OTHER_METRICS} more metrics are in each version's details.</p>`:"";return`<section class="panel" aria-labelledby="metrics-title">
<h2 id="metrics-title">${esc(metricName(first))} over versions</h2>
<figure>${responsive(width=>metricChart({title:rankTitle,points:pointsOf(first),marks,width}))}
<figcaption>${esc(metricName(first))} is ${ranking}; versions oldest to newest, stage holders marked.</figcaption></figure>
${legend}
${small?`<h2 style="margin-top:1.2rem">Other metrics</h2><div class="small-multiples">${small}</div>${more}`:""}
</section>`}function versionsSection(data,model){let metrics=metricPaths(model).slice(0,MAX_METRIC_COLUMNS),stageOptions=[...new Set(model.versions.map(v=>v.stage))].map(s2=>`<option value="${esc(s2)}">${esc(s2)}</option>`).join(""),rows=model.versions.map((v,i)=>({v,chunk:Math.floor(i/VERSIONS_PER_CHUNK)})).reverse().map(({v,chunk})=>{let cells=metrics.map(path2=>{let value2=metricValue(v,path2);return`<td class="num" data-v="${value2??""}">${esc(formatNumber(value2))}</td>`}).join("");return`<tr data-version="${esc(v.version)}" data-stage="${esc(v.stage)}" data-chunk="${chunk}"><th scope="row"><a href="#${esc(versionAnchor(v.version))}">${esc(v.version)}</a></th><td>${stageBadge(data,v.stage)}</td><td data-v="${esc(v.created_at??"")}">${v.created_at?esc(shortTime(v.created_at)):`<span class="worse">${esc(v.problem??"-")}</span>`}</td><td class="num" data-v="${v.size}">${esc(formatBytes(v.size))}</td><td class="num">${v.metadata?.artifacts.length??0}</td>${cells}</tr>`}).join(`
`);return`<section class="panel" aria-labelledby="versions-title">
<h2 id="versions-title">Versions</h2>
<div class="controls" data-filter-for="versions" hidden><input type="search" placeholder="Filter versions, e.g. 1.2 or production" aria-label="Filter versions"><select aria-label="Only the versions in a stage"><option value="">every stage</option>${stageOptions}</select><span class="count" aria-live="polite"></span></div>
<div class="table-wrap"><table id="versions" class="sortable">
<caption>${model.versions.length} versions of ${esc(model.name)}, newest first. Choose a version for its metadata, artifacts and improvement over its base.</caption>
<thead><tr><th scope="col" data-sort="text">Version</th><th scope="col" data-sort="text">Stage</th><th scope="col" data-sort="text">Created (UTC)</th><th scope="col" class="num" data-sort="num">Size</th><th scope="col" class="num" data-sort="num">Artifacts</th>${metrics.map(p=>`<th scope="col" class="num" data-sort="num">${esc(metricName(p))}</th>`).join("")}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<noscript><p class="note">A version's details need JavaScript; every version's metadata.json is in the repository under ${esc(data.root)}/${esc(model.name)}/.</p></noscript>
</section>`}function moveEvent(e){return e.type==="registration"?"registered":e.type==="deletion"?"deleted":e.kind==="rollback"||!e.rollback?e.kind:`${e.kind} (rollback)`}function timelineSection(data,name,history){let stages=shownStages(data),spans=stageSpans(data,history),moves=history.filter(e=>e.type!=="registration"),chart=spans.length?`<figure>${responsive(width=>timelineChart(`Which version held each stage of ${name} when`,stages,spans,data.generatedAt,width))}<figcaption>One bar per holding, from the commit that moved the version in to the one that moved it out.</figcaption></figure>`:`<p class="muted">No version has held ${stages.map(esc).join(" or ")} yet.</p>`,rows=[...moves].reverse().map(e=>{let from=e.type==="move"?e.from:"",to=e.type==="move"?e.to:"",reason=e.type==="move"?e.reason??"":"";return`<tr><td data-v="${esc(e.at)}">${timeTag(e.at)}</td><td>${esc(moveEvent(e))}</td><th scope="row">${esc(e.version)}</th><td>${from?stageBadge(data,from):""}</td><td>${to?stageBadge(data,to):""}</td><td>${esc(e.who)}</td><td class="wrap">${esc(reason)}</td><td>${prLink(data,e.pullRequest)}</td><td>${commitLink(data,e.commit)}</td></tr>`}).join(`
`),registrations=history.length-moves.length;return`<section class="panel" aria-labelledby="timeline-title">
<h2 id="timeline-title">Stage timeline</h2>
${chart}
${moves.length?`<div class="table-wrap" style="margin-top:0.8rem"><table id="moves" class="sortable">
<caption>Every stage move and deletion, newest first: who, why and through which pull request (${registrations} registrations are in the versions table).</caption>
<thead><tr><th scope="col" data-sort="text">When (UTC)</th><th scope="col" data-sort="text">Event</th><th scope="col" data-sort="text">Version</th><th scope="col" data-sort="text">From</th><th scope="col" data-sort="text">To</th><th scope="col" data-sort="text">Who</th><th scope="col">Reason</th><th scope="col">Pull request</th><th scope="col">Commit</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`:""}
</section>`}function monitoringSection(model){let m=model.monitoring;if(!m)return`<section class="panel" aria-labelledby="monitoring-title"><h2 id="monitoring-title">Monitoring</h2><p class="muted">No monitoring runs yet (<code>git model monitor ${esc(model.name)} --version V --value X</code>).</p></section>`;let{thresholds}=m.status,points=m.lines.map(l=>({at:l.at,drift:l.drift_pct,version:l.version,challengerWon:l.challenger&&l.winner===l.challenger.version?l.challenger.version:null})),wins=points.filter(p=>p.challengerWon).length,recent=[...m.lines].slice(-20).reverse().map(l=>`<tr><td data-v="${esc(l.at)}">${timeTag(l.at)}</td><th scope="row">${esc(l.version)}</th><td>${esc(l.metric)}</td><td class="num">${esc(formatNumber(l.value))}</td><td class="num">${esc(formatNumber(l.baseline.value))}</td><td class="num">${esc(l.drift_pct)}%</td><td>${l.challenger?`${esc(l.challenger.version)} (${esc(formatNumber(l.challenger.value))})`:"-"}</td><td>${esc(l.winner)}</td></tr>`).join(`
`),shown=m.total>m.lines.length?` (the last ${m.lines.length} of ${m.total} runs)`:"";return`<section class="panel" aria-labelledby="monitoring-title">
<h2 id="monitoring-title">Monitoring</h2>
<p>${statusBadge({code:m.status.code,recommendation:m.recommendation})} <span class="muted">${esc(m.status.message)}</span></p>
<figure>${responsive(width=>driftChart({title:`Drift of ${model.name} over time`,points,warn:thresholds.drift_warn_pct,retrain:thresholds.drift_retrain_pct,width}))}
<figcaption>Drift of ${esc(m.status.metric??"the monitored metric")} against each version's registered baseline${esc(shown)}; positive is worse. ${wins} challenger win${wins===1?"":"s"}.</figcaption></figure>
<ul class="legend"><li>drift %</li><li class="warn-key">plan retraining at ${esc(thresholds.drift_warn_pct)}%</li><li class="retrain-key">retrain now at ${esc(thresholds.drift_retrain_pct)}%</li><li class="win-key">challenger won</li></ul>
<div class="table-wrap" style="margin-top:0.8rem"><table id="runs">
<caption>The latest monitoring runs, newest first${m.issues?` (${m.issues} unreadable lines skipped)`:""}.</caption>
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Version</th><th scope="col">Metric</th><th scope="col" class="num">Value</th><th scope="col" class="num">Baseline</th><th scope="col" class="num">Drift</th><th scope="col">Challenger</th><th scope="col">Winner</th></tr></thead>
<tbody>
${recent}
</tbody></table></div>
</section>`}function lineageSection(data,model){let own=new Map(model.versions.map(v=>[v.version,v])),baseOf=new Map;for(let v of model.versions){let base=v.metadata?.lineage?.base;typeof base=="string"&&base&&baseOf.set(v.version,base.replace(/@v(?=\d)/,"@"))}if(baseOf.size===0)return`<section class="panel" aria-labelledby="lineage-title"><h2 id="lineage-title">Lineage</h2><p class="muted">No version records a base (<code>git model register ... --base ${esc(model.name)}@V --enhancement TYPE</code>).</p></section>`;let idOf=ref=>{let prefix=`${model.name}@`;return ref.startsWith(prefix)&&own.has(ref.slice(prefix.length))?ref.slice(prefix.length):ref},members=new Set;for(let[version,base]of baseOf)members.add(version),members.add(idOf(base));let note="";if(members.size>MAX_LINEAGE_NODES){let keys=[...shownStages(data).flatMap(stage=>(model.holders[stage]??[]).slice(-3)),model.best?.version,model.versions.at(-1)?.version],kept=new Set;for(let key of keys){let current=key;for(let step=0;current!==void 0&&!kept.has(current)&&step<=CHAIN_STEPS;step++){kept.add(current);let base=baseOf.get(current);current=base===void 0?void 0:idOf(base)}}note=`<p class="note">Showing the last ${CHAIN_STEPS} ancestors of the stage holders, the best and the latest version: ${kept.size} of ${members.size} versions.</p>`,members=kept}let nodes=[...members].map(id=>{let version=own.get(id),base=baseOf.get(id),parent=base!==void 0&&members.has(idOf(base))?idOf(base):null,enhancement=version?.metadata?.lineage?.enhancement;return{id,parent,label:version?`${id}${typeof enhancement=="string"?` (${enhancement})`:""}`:id,tone:version&&version.stage!==data.initialStage?stageTone(data,version.stage):null,external:!version}});return breakCycles(nodes),`<section class="panel" aria-labelledby="lineage-title">
<h2 id="lineage-title">Lineage</h2>
<div class="table-wrap"><figure>${lineageGraph(`Lineage of ${model.name}: each version beside the base it was derived from`,nodes)}</figure></div>
<figcaption>Each version to the right of the base it was derived from, with how (the enhancement); coloured by the stage it holds. A dashed node is not a version of ${esc(model.name)} in this registry.</figcaption>
${note}
</section>`}function breakCycles(nodes){let byId=new Map(nodes.map(node=>[node.id,node])),state=new Map;for(let start of nodes){let walked=[],node=start;for(;node&&!state.has(node.id);)state.set(node.id,1),walked.push(node.id),node=node.parent===null?void 0:byId.get(node.parent);node&&state.get(node.id)===1&&(node.parent=null);for(let id of walked)state.set(id,2)}}import{randomBytes}from"node:crypto";import{mkdirSync,writeFileSync}from"node:fs";import{lstat,mkdir,readdir,readFile,realpath,rename,rm,stat}from"node:fs/promises";import{basename as basename2,dirname,join,resolve}from"node:path";var TEMP=/^\.(.+)\.git-model-(?:tmp|old)-(\d+)-[0-9a-f]+$/;async function realPathOf(path2){try{return await realpath(path2)}catch{let parent=dirname(path2);return parent===path2?path2:join(await realPathOf(parent),basename2(path2))}}var SiteWriter=class _SiteWriter{constructor(outInput,out,temp,options){this.outInput=outInput;this.out=out;this.temp=temp;this.options=options}outInput;out;temp;options;files=0;bytes=0;folders=new Set;static async open(outInput,options){let out=await realPathOf(resolve(outInput));for(let{path:path2,what,intoAllowed}of options.protect){let real=await realPathOf(path2);if(!intoAllowed&&isInside(real,out))throw usage(`--out ${outInput} is inside ${what} (${real})`,{hint:"write the report outside it, e.g. --out ../registry-report or a folder in .gitignore"});if(isInside(out,real))throw usage(`--out ${outInput} contains ${what} (${real}): replacing it would remove it`,{hint:"name a folder of its own for the report, e.g. --out report"})}await checkTarget(outInput,out,options);let parent=dirname(out);await mkdir(parent,{recursive:!0}),await removeStaleTemps(parent,basename2(out));let temp=join(parent,tempName(out,"tmp"));return await mkdir(temp),new _SiteWriter(outInput,out,temp,options)}async write(path2,content){let folder=dirname(path2);folder!=="."&&!this.folders.has(folder)&&(mkdirSync(join(this.temp,folder),{recursive:!0}),this.folders.add(folder)),writeFileSync(join(this.temp,path2),content),this.files++,this.bytes+=Buffer.byteLength(content)}async writeAll(files){for(let[path2,content]of files)await this.write(path2,content)}async finish(){try{await swapIn(this.outInput,this.temp,this.out,this.options)}catch(e){throw await this.abort(),e}return{out:this.out,files:this.files,bytes:this.bytes}}async abort(){await rm(this.temp,{recursive:!0,force:!0})}},tempName=(out,kind)=>`.${basename2(out)}.git-model-${kind}-${process.pid}-${randomBytes(4).toString("hex")}`;async function checkTarget(outInput,out,options){let info=await stat(out).catch(()=>null);if(!info)return;if(!info.isDirectory())throw usage(`--out ${outInput} is a file, not a folder`,{hint:"name a folder for the report"});if(options.force)return;let entries=await readdir(out);if(!(entries.length===0||await isOwnReport(out,options.manifest)))throw usage(`--out ${outInput} is a folder with other files in it (${entries.slice(0,3).join(", ")}${entries.length>3?", ...":""})`,{hint:"name a new or empty folder, or pass --force to replace this one with the report"})}async function isOwnReport(out,manifest2){try{let parsed=JSON.parse(await readFile(join(out,manifest2),"utf8"));return typeof parsed.generator=="string"&&parsed.generator.startsWith("git-model")}catch{return!1}}async function swapIn(outInput,temp,out,options){for(let attempt=0;;attempt++){let existing=await lstat(out).catch(()=>null),old=null;if(existing){attempt>0&&await checkTarget(outInput,out,options),old=join(dirname(out),tempName(out,"old"));try{await rename(out,old)}catch(e){if(e.code!=="ENOENT"||attempt>=5)throw e;old=null}}try{await rename(temp,out)}catch(e){let code=e.code;if((code==="ENOTEMPTY"||code==="EEXIST")&&attempt<5){old&&await rm(old,{recursive:!0,force:!0});continue}throw old&&await rename(old,out).catch(()=>{}),e}old&&await rm(old,{recursive:!0,force:!0});return}}async function removeStaleTemps(parent,name){let entries=await readdir(parent).catch(()=>[]);for(let entry of entries){let match=TEMP.exec(entry);!match||match[1]!==name||isAlive(Number(match[2]))||await rm(join(parent,entry),{recursive:!0,force:!0})}}function isAlive(pid){if(pid===process.pid)return!0;try{return process.kill(pid,0),!0}catch(e){return e.code==="EPERM"}}async function writeReport(registry,options){let writer=await SiteWriter.open(resolve2(options.cwd??process.cwd(),options.out),{...options.force?{force:!0}:{},manifest:MANIFEST,protect:[{path:registry.rootPath,what:"the registry root"},{path:registry.top,what:"the repository",intoAllowed:!0},{path:registry.git.gitDir,what:"the repository's .git folder"}]}),summaries=[];try{let facts=await readFacts(registry,options),histories=readHistories(registry,facts.models),known=null;histories.then(h=>known=h).catch(()=>{});let waiting=[],finish=async(name,prepared,history)=>{let{files,summary}=prepared.finish(history.get(name)??[]);await writer.writeAll(files),summaries.push(summary)};for(let name of facts.models){let prepared=prepareModel(facts,await readModel(registry,name,options.now));await writer.writeAll(prepared.files),known?await finish(name,prepared,known):waiting.push([name,prepared]),await new Promise(resolve3=>setImmediate(resolve3))}let all=await histories;for(let[name,prepared]of waiting)await finish(name,prepared,all);summaries.sort((a2,b)=>facts.models.indexOf(a2.name)-facts.models.indexOf(b.name)),await writer.writeAll(renderOverview(facts,summaries,"git-model 0.1.0"))}catch(e){throw await writer.abort(),e}let written=await writer.finish();return{...written,index:join2(written.out,"index.html"),models:summaries.map(m=>({name:m.name,page:join2(written.out,"models",`${m.name}.html`),versions:m.versions}))}}export{writeReport};
