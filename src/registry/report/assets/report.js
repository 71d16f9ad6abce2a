// git-model report: progressive enhancement. Every page's tables read without this script; with
// it, tables sort and filter, the versions table pages through every version from
// data/<model>/versions.js, the charts are drawn from data/<model>/charts.js by assets/charts.js
// (d3 and the report's own drawing code), and a version's details load on demand from
// data/<model>/<chunk>.js (script tags rather than fetch, which browsers refuse for file:// pages).
(() => {
  const cellValue = (row, index) => {
    const cell = row.cells[index];
    if (!cell) return "";
    return cell.dataset.v ?? cell.textContent.trim();
  };

  /**
   * Turns each `data-sort` header of the table into a button that toggles its `aria-sort`
   * (ascending first) and calls `sortBy(kind, column, ascending)`: one way for the static tables
   * and the paged one.
   */
  function sortButtons(table, sortBy) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, column) => {
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
        sortBy(kind, column, ascending);
      });
    });
  }

  function makeSortable(table) {
    sortButtons(table, (kind, index, ascending) => {
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
  }

  function makeFilterable(controls) {
    const table = document.getElementById(controls.dataset.filterFor);
    // A paged table filters its data, not its rows (pagedTable).
    if (!table || table.classList.contains("paged")) return;
    const text = controls.querySelector("input[type=search]");
    const stage = controls.querySelector("select");
    const count = controls.querySelector(".count");
    const rows = [...table.tBodies[0].rows];
    const texts = rows.map((row) => row.textContent.toLowerCase());
    const apply = () => {
      const words = (text?.value ?? "").toLowerCase().split(/\s+/).filter(Boolean);
      const wanted = stage?.value ?? "";
      let shown = 0;
      rows.forEach((row, i) => {
        const visible = (!wanted || row.dataset.stage === wanted) && words.every((w) => texts[i].includes(w));
        row.hidden = !visible;
        if (visible) shown++;
      });
      if (count) count.textContent = `${shown} of ${rows.length} shown`;
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
  /** The versions table of this page, once its data is in (pagedTable). */
  let versionsTable = null;
  window.gitModelReport = {
    addVersions(model, chunk, versions) {
      const key = `${model}/${chunk}`;
      chunks.set(key, versions);
      for (const resolve of waiting.get(key) ?? []) resolve(versions);
      waiting.delete(key);
    },
    addCharts(model, data) {
      const main = document.querySelector("main[data-model]");
      if (!main || main.dataset.model !== model) return;
      chartData = data;
      drawCharts();
      // The narrow drawings wait until the page is narrow (a phone turned, a window resized).
      window.addEventListener("resize", drawCharts);
    },
    addTable(model, data) {
      const main = document.querySelector("main[data-model]");
      const table = document.getElementById("versions");
      if (!main || main.dataset.model !== model || !table) return;
      versionsTable = pagedTable(table, data);
      openFromHash();
    },
  };

  function loadChunk(base, model, chunk) {
    const key = `${model}/${chunk}`;
    if (chunks.has(key)) return Promise.resolve(chunks.get(key));
    return new Promise((resolve, reject) => {
      const list = waiting.get(key) ?? [];
      list.push(resolve);
      if (list.length > 1) return;
      waiting.set(key, list);
      const script = document.createElement("script");
      script.src = `${base}${chunk}.js`;
      script.onerror = () => reject(new Error(`could not load ${script.src}`));
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
    /^https?:\/\//i.test(String(url))
      ? el("a", { href: String(url), rel: "noopener", text: text ?? String(url) })
      : document.createTextNode(String(url));

  function renderDetails(panel, model, entry, goals) {
    const meta = entry.metadata;
    const title = el("h2", { id: "version-details-title", text: `${model}@${entry.version}` });
    const close = el("button", { type: "button", class: "close", text: "Close" });
    close.addEventListener("click", () => {
      history.replaceState(null, "", location.pathname + location.search);
      hideDetails();
    });
    panel.replaceChildren(el("header", {}, title, close));
    const facts = el("p", { class: "note" });
    facts.append(`stage ${entry.stage} · created ${meta?.created_at ?? "-"}`);
    panel.append(facts);
    if (!meta) {
      panel.append(
        el("p", {
          class: "worse",
          text: `metadata.json cannot be read: ${entry.problem ?? "unknown problem"}`,
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
        const goal = goals[`metrics.${metric}`];
        const better = goal ? (goal === "min" ? pct < 0 : pct > 0) : null;
        const cls = better === null || pct === 0 ? "" : better ? "better" : "worse";
        body.append(
          el(
            "tr",
            {},
            el("th", { scope: "row", text: metric }),
            el("td", { class: `num ${cls}`, text: `${pct > 0 ? "+" : ""}${pct}%` }),
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
            el("caption", { text: `Improvement over ${meta.lineage?.base ?? "its base"}` }),
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

  // ------------------------------------------------------------------------------------------
  // Charts: each slot names its chart in the model's chart data and the width to draw it at.
  // Only the slots the screen shows are drawn (a slot the stylesheet hides has no box). The SVG
  // comes from the report's drawing code, which escapes every text from the registry.

  let chartData = null;

  function drawChart(charts, spec, width, narrow) {
    switch (spec.kind) {
      case "metric": {
        const values = chartData.metrics[spec.metric] ?? [];
        const points = chartData.versions.map((version, i) => ({ version, value: values[i] ?? null }));
        return charts.metricChart({
          title: spec.title,
          points,
          marks: spec.marks,
          width,
          height: spec.height,
          // Hover titles on dots mean nothing on a phone.
          dotTitles: !narrow,
        });
      }
      case "drift":
        return charts.driftChart({ ...spec, width });
      case "timeline":
        return charts.timelineChart(spec.title, spec.stages, spec.spans, spec.now, width);
      case "lineage":
        return charts.lineageGraph(spec.title, spec.nodes);
      default:
        return "";
    }
  }

  function drawCharts() {
    const charts = window.gitModelCharts;
    if (!chartData || !charts) return;
    for (const slot of document.querySelectorAll("[data-chart]")) {
      if (slot.dataset.drawn || slot.getClientRects().length === 0) continue;
      const spec = chartData.charts[slot.dataset.chart];
      if (!spec) continue;
      slot.innerHTML = drawChart(
        charts,
        spec,
        Number(slot.dataset.width),
        slot.classList.contains("chart-narrow"),
      );
      slot.dataset.drawn = "true";
    }
  }

  // ------------------------------------------------------------------------------------------
  // The versions table, paged: a page of rows at a time from the model's table data, sorted and
  // filtered over the data, so 10,000 versions cost the browser 50 rows. The data's rows are
  // [version, stage, created, size, size as shown, artifacts, problem, ...metric values], oldest
  // first, as site.ts writes them; the rows built here are the ones site.ts writes for page one.

  const PAGE = 50;
  const collator = new Intl.Collator(undefined, { numeric: true });
  // formatNumber's rule (src/domain/format.ts): integers as they are, others to 6 significant digits.
  const formatNumber = (v) =>
    v === null || v === undefined ? "-" : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));

  function pagedTable(table, data) {
    const rows = data.rows;
    const indexOf = new Map(rows.map((r, i) => [r[0], i]));
    // Header position -> the row's field: version, stage, created, size, artifacts, metrics...
    const fieldOf = (column) => (column <= 3 ? column : column === 4 ? 5 : column + 2);
    const texts = rows.map((r) =>
      [r[0], r[1], r[2] ?? r[6] ?? "-", r[4], r[5], ...r.slice(7).map(formatNumber)].join(" ").toLowerCase(),
    );
    const controls = document.querySelector('[data-filter-for="versions"]');
    const text = controls?.querySelector("input[type=search]");
    const stage = controls?.querySelector("select");
    const count = controls?.querySelector(".count");
    const pager = table.closest("section")?.querySelector(".pager");
    const pageLabel = pager?.querySelector(".page");
    // Newest first, as the page opens; `order` is the sorted order, `view` what the filter keeps.
    let order = rows.map((_, i) => rows.length - 1 - i);
    let view = order;
    let page = 0;
    let selected = -1;

    const rowOf = (i) => {
      const r = rows[i];
      const tr = el(
        "tr",
        { "data-version": r[0], "data-stage": r[1] },
        el("th", { scope: "row" }, el("a", { href: `#v=${encodeURIComponent(r[0])}`, text: r[0] })),
        el("td", {}, el("span", { class: `badge stage-badge ${data.tones[r[1]] ?? "c5"}`, text: r[1] })),
        el("td", {}, r[2] ?? el("span", { class: "worse", text: r[6] ?? "-" })),
        el("td", { class: "num", text: r[4] }),
        el("td", { class: "num", text: String(r[5]) }),
        ...r.slice(7).map((v) => el("td", { class: "num", text: formatNumber(v) })),
      );
      if (i === selected) tr.classList.add("selected");
      return tr;
    };

    const render = () => {
      const pages = Math.max(1, Math.ceil(view.length / PAGE));
      page = Math.min(Math.max(0, page), pages - 1);
      const first = page * PAGE;
      const shown = view.slice(first, first + PAGE);
      table.tBodies[0].replaceChildren(...shown.map(rowOf));
      if (count) count.textContent = `${view.length} of ${rows.length} shown`;
      if (pager && pageLabel) {
        pager.hidden = rows.length <= PAGE;
        pageLabel.textContent = view.length
          ? `${first + 1}-${first + shown.length} of ${view.length}, page ${page + 1} of ${pages}`
          : "no version matches";
        for (const button of pager.querySelectorAll("button")) {
          const back = button.dataset.page === "first" || button.dataset.page === "previous";
          button.disabled = back ? page === 0 : page >= pages - 1;
        }
      }
    };

    const filter = () => {
      const words = (text?.value ?? "").toLowerCase().split(/\s+/).filter(Boolean);
      const wanted = stage?.value ?? "";
      view =
        words.length || wanted
          ? order.filter(
              (i) => (!wanted || rows[i][1] === wanted) && words.every((w) => texts[i].includes(w)),
            )
          : order;
    };

    sortButtons(table, (kind, column, ascending) => {
      const field = fieldOf(column);
      const sign = ascending ? 1 : -1;
      // The version column sorts by the model's version order (the data's), oldest first.
      const key = (i) => (kind === "version" ? i : rows[i][field]);
      const missing = (k) => k === null || k === undefined || k === "";
      // Missing values last in both directions; ties keep the current order (sort is stable).
      order = [...order].sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        if (missing(ka)) return missing(kb) ? 0 : 1;
        if (missing(kb)) return -1;
        return sign * (typeof ka === "number" ? ka - kb : collator.compare(String(ka), String(kb)));
      });
      filter();
      page = 0;
      render();
    });
    const refilter = () => {
      filter();
      page = 0;
      render();
    };
    text?.addEventListener("input", refilter);
    stage?.addEventListener("change", refilter);
    pager?.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-page]");
      if (!button) return;
      const to = button.dataset.page;
      page = to === "first" ? 0 : to === "previous" ? page - 1 : to === "next" ? page + 1 : Infinity;
      render();
    });
    if (controls) controls.hidden = false;
    render();

    return {
      chunkOf: (version) => (indexOf.has(version) ? Math.floor(indexOf.get(version) / data.chunk) : null),
      /** Marks a version's row and turns to its page (when the filter shows it); -1 clears. */
      select(version) {
        selected = version === null ? -1 : (indexOf.get(version) ?? -1);
        const at = selected < 0 ? -1 : view.indexOf(selected);
        if (at >= 0) page = Math.floor(at / PAGE);
        render();
      },
    };
  }

  function hideDetails() {
    const panel = document.getElementById("version-details");
    if (panel) panel.hidden = true;
    versionsTable?.select(null);
  }

  async function openFromHash() {
    const main = document.querySelector("main[data-model]");
    const panel = document.getElementById("version-details");
    if (!main || !panel) return;
    const match = /^#v=(.+)$/.exec(location.hash);
    if (!match) return hideDetails();
    // The table's data says which file holds the version's details; it comes with the page.
    if (!versionsTable) return;
    const version = decodeURIComponent(match[1]);
    const chunk = versionsTable.chunkOf(version);
    if (chunk === null) return hideDetails();
    const model = main.dataset.model;
    try {
      const versions = await loadChunk(main.dataset.chunks, model, String(chunk));
      const entry = versions.find((v) => v.version === version);
      if (!entry) return hideDetails();
      renderDetails(panel, model, entry, JSON.parse(main.dataset.goals || "{}"));
      panel.hidden = false;
      versionsTable.select(version);
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
