import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, tempDir } from "../helpers/repo.js";
import { ARTIFACTS, launchChromium, openPage, type WatchedPage } from "./browser.js";
import { CHURN, MARKUP, reportFixture } from "./fixture.js";

/**
 * The report opened in a real browser (Debian's chromium, headless) from file://: what a user
 * sees, asserted on the rendered DOM, with no console error and no request beyond file://.
 */

let browser: Browser;
let repo: string;
let out: string;
const url = (path: string) => `file://${join(out, path)}`;

beforeAll(async () => {
  [browser, repo] = await Promise.all([launchChromium(), reportFixture()]);
  out = join(tempDir("gm-report-"), "site");
  const r = await cli(repo, ["report", "--out", out, "--repo-url", "https://github.com/acme/ml"]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Every page must load cleanly: nothing but file://, no error in the console. */
function expectClean(watched: WatchedPage): void {
  expect(watched.errors).toEqual([]);
  expect(watched.network).toEqual([]);
}

const metadataOf = (version: string) =>
  JSON.parse(readFileSync(join(repo, "models", "churn", version, "metadata.json"), "utf8")) as {
    artifacts: { path: string; sha256: string }[];
  };

describe("git model report, in chromium", () => {
  it("shows every model with its stage holders, latest and best versions and monitoring status", async () => {
    const watched = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = watched;
    await page.goto(url("index.html"));
    const rows = await page.$$eval("#models tbody tr", (trs) =>
      trs.map((tr) => ({
        model: tr.getAttribute("data-model"),
        cells: [...tr.children].map((c) =>
          (c as { innerText: string }).innerText.replace(/\s+/g, " ").trim(),
        ),
      })),
    );
    expect(rows.map((r) => r.model)).toEqual(["churn", "fraud"]);
    const headers = await page.$$eval("#models thead th", (ths) => ths.map((th) => th.textContent?.trim()));
    const column = (name: string) => headers.indexOf(name);
    const churn = rows[0]!.cells;
    expect(churn[column("Versions")]).toBe("4");
    expect(churn[column("staging")]).toMatch(/^1\.0\.3 since/);
    expect(churn[column("production")]).toMatch(/^1\.0\.2 since/);
    expect(churn[column("Latest")]).toMatch(/^1\.0\.3/);
    expect(churn[column("Best")]).toMatch(/^1\.0\.3 val_rmse 0\.0104/);
    expect(churn[column("Monitoring")]).toMatch(/^propose promotion of 1\.0\.3/);
    expect(rows[1]!.cells[column("staging")]).toMatch(/^1\.0\.1/);
    expect(rows[1]!.cells[column("Monitoring")]).toBe("not monitored");
    // Tables speak to screen readers: a caption and scoped headers.
    expect(await page.locator("#models caption").count()).toBe(1);
    expect(await page.locator('#models th[scope="row"]').count()).toBe(2);
    // One sparkline per model with a ranking or common metric.
    expect(await page.locator("svg.sparkline path.line").count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, "overview.png"), fullPage: true });
    await page.click('#models a[href="models/churn.html"]');
    await page.waitForURL(/models\/churn\.html$/);
    expect(await page.locator("h1").textContent()).toBe("churn");
    expectClean(watched);
    await watched.close();
  });

  it("shows a model's versions, charts with the stage holders marked, timeline, monitoring and lineage", async () => {
    const watched = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = watched;
    await page.goto(url("models/churn.html"));
    const versions = await page.$$eval("#versions tbody tr", (trs) =>
      trs.map((tr) => tr.getAttribute("data-version")),
    );
    expect(versions).toEqual(CHURN.map((v) => v.version).reverse());
    // The ranking metric's chart: one line, a dot per version, a mark for each holder and the best.
    const chart = page.locator(".chart-wide svg.metric-chart");
    expect(await chart.locator("path.line").getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}$/);
    expect(await chart.locator("circle.dot").count()).toBe(CHURN.length);
    const marks = await chart
      .locator("g.holder")
      .evaluateAll((gs) => gs.map((g) => `${g.querySelector("text")?.textContent}`));
    expect(marks.sort()).toEqual(["production 1.0.2", "staging 1.0.3"]);
    // The lowest val_rmse is drawn highest on the y axis' inverse: 1.0.3 sits lowest (largest y).
    const ys = await chart
      .locator("circle.dot")
      .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute("cy"))));
    expect(ys.indexOf(Math.max(...ys))).toBe(CHURN.length - 1);
    // val_mae too, as another chart.
    expect(await page.locator(".small-multiples svg.metric-chart").count()).toBe(1);
    // Only the drawings the screen shows are drawn: the wide ones here.
    expect(await page.locator(".chart-narrow svg").count()).toBe(0);

    // The timeline: holdings of staging and production, and every move with its reason and PR.
    const spans = await page.$$eval(".chart-wide svg.timeline-chart g.span", (gs) =>
      gs.map((g) => `${g.getAttribute("data-stage")} ${g.getAttribute("data-version")}`),
    );
    expect(spans).toEqual([
      "staging 1.0.1",
      "production 1.0.1",
      "staging 1.0.2",
      "production 1.0.2",
      "staging 1.0.3",
    ]);
    const moves = await page.$$eval("#moves tbody tr", (trs) => trs.map((tr) => tr.textContent ?? ""));
    expect(moves.some((m) => m.includes("canary looked good"))).toBe(true);
    // A reason written as markup is text, not an element.
    expect(moves.some((m) => m.includes(MARKUP))).toBe(true);
    expect(await page.locator("#moves img, #moves b").count()).toBe(0);
    expect(await page.title()).toBe("churn · repo");
    // The squashed pull request moved 1.0.2 into production and 1.0.1 out of it.
    const viaPr = await page.$$eval('#moves tr:has(a[href="https://github.com/acme/ml/pull/12"])', (trs) =>
      trs.map((tr) => tr.querySelector("th")?.textContent),
    );
    expect(viaPr.sort()).toEqual(["1.0.1", "1.0.2"]);

    // Monitoring: drift against both thresholds, the three challenger wins marked.
    const drift = page.locator(".chart-wide svg.drift-chart");
    expect(await drift.locator(".threshold.warn").count()).toBe(1);
    expect(await drift.locator(".threshold.retrain").count()).toBe(1);
    expect(await drift.locator("path.win").count()).toBe(3);
    expect(await drift.locator("circle.run").count()).toBe(2);
    expect(await page.locator("#runs tbody tr").count()).toBe(5);

    // Lineage: each version to the right of its base.
    const nodes = await page.$$eval("svg.lineage-graph g.node", (gs) =>
      gs.map((g) => ({
        version: g.getAttribute("data-version"),
        x: Number(g.querySelector("circle")?.getAttribute("cx")),
      })),
    );
    expect(nodes.map((n) => n.version).sort()).toEqual(CHURN.map((v) => v.version));
    const xs = CHURN.map((v) => nodes.find((n) => n.version === v.version)!.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(CHURN.length);
    await page.screenshot({ path: join(ARTIFACTS, "model.png"), fullPage: true });
    expectClean(watched);
    await watched.close();
  });

  it("sorts and filters the versions table and loads a version's details on demand", async () => {
    const watched = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = watched;
    await page.goto(url("models/churn.html"));
    const order = () =>
      page.$$eval("#versions tbody tr:not([hidden])", (trs) =>
        trs.map((tr) => tr.getAttribute("data-version")),
      );
    await page.locator("#versions thead th", { hasText: "val_mae" }).locator("button").click();
    // val_mae: 1.0.2 (0.0066) < 1.0.1 (0.0068) < 1.0.3 (0.0069) < 1.0.0 (0.0071).
    expect(await order()).toEqual(["1.0.2", "1.0.1", "1.0.3", "1.0.0"]);
    expect(await page.locator("#versions thead th", { hasText: "val_mae" }).getAttribute("aria-sort")).toBe(
      "ascending",
    );
    await page.locator("#versions thead th", { hasText: "val_mae" }).locator("button").click();
    expect(await order()).toEqual(["1.0.0", "1.0.3", "1.0.1", "1.0.2"]);
    await page.selectOption('[data-filter-for="versions"] select', "production");
    expect(await order()).toEqual(["1.0.2"]);
    await page.selectOption('[data-filter-for="versions"] select', "");
    await page.fill('[data-filter-for="versions"] input', "1.0.1");
    expect(await order()).toEqual(["1.0.1"]);

    // A version's details come from data/churn/0.js, loaded by a script tag when asked for.
    expect(await page.locator('script[src$="data/churn/0.js"]').count()).toBe(0);
    await page.click('#versions a[href="#v=1.0.1"]');
    const details = page.locator("#version-details");
    await details.locator("h2").waitFor();
    expect(await details.locator("h2").textContent()).toBe("churn@1.0.1");
    const [artifact] = metadataOf("1.0.1").artifacts;
    expect(await details.locator("table.artifacts").textContent()).toContain(artifact!.sha256);
    // Improvement over its base: val_rmse fell 5.79% against 1.0.0, which is better for a min metric.
    const improvement = details.locator("table.improvement");
    expect(await improvement.locator("caption").textContent()).toBe("Improvement over churn@1.0.0");
    expect(await improvement.locator("td.better").first().textContent()).toBe("-5.79%");
    // A tag written as markup is shown as text.
    expect(await details.locator("td", { hasText: MARKUP }).count()).toBe(1);
    expect(await details.locator("img, b").count()).toBe(0);
    // Opened from a link: the hash survives a reload.
    await page.reload();
    await details.locator("h2").waitFor();
    expect(await details.locator("h2").textContent()).toBe("churn@1.0.1");
    expectClean(watched);
    await watched.close();
  });

  it("reads without JavaScript, at phone width and in the dark scheme", async () => {
    const noScript = await openPage(browser, { javaScriptEnabled: false });
    await noScript.page.goto(url("models/churn.html"));
    expect(await noScript.page.locator("#versions tbody tr").count()).toBe(CHURN.length);
    // The charts are drawn by the script; the page says so and the tables hold the numbers.
    expect(await noScript.page.locator("svg.metric-chart").count()).toBe(0);
    const notes = await noScript.page.locator("noscript").allTextContents();
    expect(notes.some((n) => n.includes("The charts are drawn by the page's script"))).toBe(true);
    expectClean(noScript);
    await noScript.close();

    const phone = await openPage(browser, { viewport: { width: 375, height: 740 }, colorScheme: "dark" });
    for (const path of ["index.html", "models/churn.html"]) {
      await phone.page.goto(url(path));
      // Wide tables scroll inside their own box; the page itself never scrolls sideways.
      const width = await phone.page.evaluate<number>("document.documentElement.scrollWidth");
      expect(width, path).toBeLessThanOrEqual(375);
    }
    // The narrow drawing of each chart, whose text stays legible at this width; the wide one is
    // not drawn at all.
    expect(await phone.page.locator(".chart-narrow svg.metric-chart").isVisible()).toBe(true);
    expect(await phone.page.locator(".chart-wide svg").count()).toBe(0);
    const dark = await phone.page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
    await phone.page.screenshot({ path: join(ARTIFACTS, "model-phone-dark.png"), fullPage: true });
    expectClean(phone);
    await phone.close();

    const light = await openPage(browser, { colorScheme: "light" });
    await light.page.goto(url("models/churn.html"));
    const lightBackground = await light.page.evaluate<string>(
      "getComputedStyle(document.body).backgroundColor",
    );
    expect(lightBackground).not.toBe(dark);
    await light.close();
  });
});
