import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRegistry, modelName } from "../../bench/generate.mjs";
import { cli, tempDir } from "../helpers/repo.js";
import { ARTIFACTS, launchChromium, openPage, type WatchedPage } from "./browser.js";

/**
 * A model of a few hundred versions (bench/generate.mjs: real commits, tags and metadata files):
 * the versions table shows one page of rows at a time and pages, sorts and filters over every
 * version in chromium, from file://; the charts are drawn from the model's data file, only the
 * drawing the screen shows.
 */

const VERSIONS = 260; // six pages of 50 and one of 10
const PAGE = 50;
const model = modelName(0);

let browser: Browser;
let repo: string;
let out: string;
/** Every version, oldest first, with what the table sorts and filters by. */
let versions: { version: string; rmse: number; stage: string }[];

beforeAll(async () => {
  repo = join(tempDir("gm-report-paging-"), "repo");
  [browser] = await Promise.all([
    launchChromium(),
    generateRegistry(repo, { models: 1, versionsPerModel: VERSIONS }),
  ]);
  out = join(tempDir("gm-report-paging-"), "site");
  const r = await cli(repo, ["report", "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  const folder = join(repo, "models", model);
  const stages = JSON.parse(readFileSync(join(folder, "stages.json"), "utf8")) as Record<
    string,
    string | string[]
  >;
  const stageOf = new Map<string, string>();
  for (const [stage, held] of Object.entries(stages))
    for (const v of Array.isArray(held) ? held : [held]) stageOf.set(v, stage);
  versions = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const meta = JSON.parse(readFileSync(join(folder, e.name, "metadata.json"), "utf8")) as {
        metrics: { val_rmse: number };
      };
      return { version: e.name, rmse: meta.metrics.val_rmse, stage: stageOf.get(e.name) ?? "dev" };
    })
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const shown = (page: Page) =>
  page.$$eval("#versions tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-version")));
const pageLabel = (page: Page) => page.locator(".pager .page").textContent();

function expectClean(watched: WatchedPage): void {
  expect(watched.errors).toEqual([]);
  expect(watched.network).toEqual([]);
}

describe("a model of a few hundred versions, in chromium", () => {
  it("renders one page of the versions table and pages through every version", async () => {
    const watched = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = watched;
    await page.goto(`file://${join(out, "models", `${model}.html`)}`);
    expect(versions).toHaveLength(VERSIONS);
    const newestFirst = versions.map((v) => v.version).reverse();
    expect(await shown(page)).toEqual(newestFirst.slice(0, PAGE));
    expect(await pageLabel(page)).toBe(`1-${PAGE} of ${VERSIONS}, page 1 of 6`);
    expect(await page.locator('.pager button[data-page="previous"]').isDisabled()).toBe(true);
    await page.click('.pager button[data-page="next"]');
    expect(await shown(page)).toEqual(newestFirst.slice(PAGE, 2 * PAGE));
    await page.click('.pager button[data-page="last"]');
    expect(await shown(page)).toEqual(newestFirst.slice(5 * PAGE));
    expect(await pageLabel(page)).toBe(`${5 * PAGE + 1}-${VERSIONS} of ${VERSIONS}, page 6 of 6`);
    expect(await page.locator('.pager button[data-page="next"]').isDisabled()).toBe(true);
    // Rows stay a table for screen readers: a header cell per row, scoped.
    expect(await page.locator('#versions tbody th[scope="row"]').count()).toBe(VERSIONS - 5 * PAGE);

    // The charts are drawn from the data file, every version on the line, only the wide drawing.
    const dots = page.locator(".chart-wide svg.metric-chart circle.dot");
    expect(await dots.count()).toBe(VERSIONS);
    expect(await page.locator(".chart-narrow svg").count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "model-paged.png"), fullPage: true });
    expectClean(watched);
    await watched.close();
  });

  it("sorts and filters over every version, not only the page shown", async () => {
    const watched = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = watched;
    await page.goto(`file://${join(out, "models", `${model}.html`)}`);
    const header = page.locator("#versions thead th", { hasText: "val_rmse" });
    await header.locator("button").click();
    // Equal values keep the order they had (newest first, then ascending).
    const byRmse = [...versions].reverse().sort((a, b) => a.rmse - b.rmse);
    expect(await shown(page)).toEqual(byRmse.slice(0, PAGE).map((v) => v.version));
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    await header.locator("button").click();
    const descending = [...byRmse].sort((a, b) => b.rmse - a.rmse);
    expect(await shown(page)).toEqual(descending.slice(0, PAGE).map((v) => v.version));

    // The version column sorts by the model's version order (1.0.10 after 1.0.9), oldest first.
    await page.locator("#versions thead th", { hasText: "Version" }).locator("button").click();
    expect(await shown(page)).toEqual(versions.slice(0, PAGE).map((v) => v.version));

    await page.selectOption('[data-filter-for="versions"] select', "archived");
    const archived = versions.filter((v) => v.stage === "archived").map((v) => v.version);
    expect(archived.length).toBeGreaterThan(0);
    expect(await shown(page)).toEqual(archived);
    expect(await page.locator('[data-filter-for="versions"] .count').textContent()).toBe(
      `${archived.length} of ${VERSIONS} shown`,
    );
    await page.selectOption('[data-filter-for="versions"] select', "");
    // Version names of the form 2.3.x: ten of them, on one page, still in version order.
    await page.fill('[data-filter-for="versions"] input', "2.3.");
    expect(await shown(page)).toEqual(
      versions.filter((v) => v.version.startsWith("2.3.")).map((v) => v.version),
    );
    await page.fill('[data-filter-for="versions"] input', "no-such-version");
    expect(await shown(page)).toEqual([]);
    expect(await pageLabel(page)).toBe("no version matches");
    expectClean(watched);
    await watched.close();
  });

  it("opens a version on any page from its link, loading only that version's data file", async () => {
    const watched = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const { page } = watched;
    // The oldest version: the last page of the table, the first data file.
    const oldest = versions[0]!.version;
    await page.goto(`file://${join(out, "models", `${model}.html`)}#v=${oldest}`);
    const details = page.locator("#version-details");
    await details.locator("h2").waitFor();
    expect(await details.locator("h2").textContent()).toBe(`${model}@${oldest}`);
    expect(await page.locator("#versions tbody tr.selected").getAttribute("data-version")).toBe(oldest);
    expect(await pageLabel(page)).toMatch(/page 6 of 6$/);
    const loaded = () =>
      page.$$eval('script[src*="/data/"]', (ss) =>
        ss.map((s) => s.getAttribute("src")?.replace(/^.*\//, "")).filter((s) => /^\d+\.js$/.test(s ?? "")),
      );
    expect(await loaded()).toEqual(["0.js"]);
    // Version 201 (index 200) is in the second file.
    const later = versions[200]!.version;
    await page.goto(`file://${join(out, "models", `${model}.html`)}#v=${later}`);
    await details.locator("h2", { hasText: later }).waitFor();
    expect(await loaded()).toEqual(["0.js", "1.js"]);
    expect(await page.locator("#versions tbody tr.selected").getAttribute("data-version")).toBe(later);
    expectClean(watched);
    await watched.close();
  });
});
