// How long a written report takes to open in Debian's headless chromium, from file:// as a user
// opens it: each page loaded in a fresh context (no cache), timed from navigation to the end of
// the load event (the deferred scripts have drawn the charts and the versions table by then),
// and, on a model page, a sort of the versions table by its first metric column (sort, render,
// layout). Not a test: it prints medians.
//
//   node bench/report-browser.mjs SITE [PAGE ...] [--runs N]
//   e.g. node bench/report-browser.mjs /tmp/site index.html models/churn-000.html
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { launchHeadlessChromium } from "../scripts/chromium.mjs";
import { median } from "./timing.mjs";

const { values, positionals } = parseArgs({
  options: { runs: { type: "string", default: "5" } },
  allowPositionals: true,
});
const runs = Math.max(1, Number(values.runs));
const [site, ...pages] = positionals;
if (!site) {
  console.error("usage: node bench/report-browser.mjs SITE [PAGE ...] [--runs N]");
  process.exit(2);
}

const browser = await launchHeadlessChromium();
try {
  for (const path of pages.length ? pages : ["index.html"]) {
    const loads = [];
    const sorts = [];
    let rows = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${join(resolve(site), path)}`, { waitUntil: "load" });
      loads.push(
        await page.evaluate(() => {
          const [nav] = performance.getEntriesByType("navigation");
          return nav.loadEventEnd - nav.startTime;
        }),
      );
      rows = await page.locator("table tbody tr").count();
      const sorted = await page.evaluate(() => {
        const button = document.querySelector("#versions thead th.num:nth-last-child(-n+5) button");
        if (!button) return null;
        const start = performance.now();
        button.click();
        void document.body.offsetHeight; // the layout the new rows need
        return performance.now() - start;
      });
      if (sorted !== null) sorts.push(sorted);
      if (errors.length) throw new Error(`${path}: ${errors.join("; ")}`);
      await context.close();
    }
    const sort = sorts.length ? `, sort ${median(sorts).toFixed(0)} ms` : "";
    console.log(
      `${path}: load ${median(loads).toFixed(0)} ms (median of ${runs})${sort}, ${rows} table rows`,
    );
  }
} finally {
  await browser.close();
}
