// The README's screenshots of `git model report` (docs/images/): a small generated registry
// (bench/generate.mjs: dates spread over weeks, stage moves, lineage, monitoring), its report,
// and Debian's headless chromium. Run after `npm run build`:  node scripts/report-screenshots.mjs
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateRegistry } from "../bench/generate.mjs";
import { launchHeadlessChromium } from "./chromium.mjs";

const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "git-model-shots-"));
const repo = join(work, "ml-models");
await generateRegistry(repo, { models: 6, versionsPerModel: 24 });
const site = join(work, "site");
const r = spawnSync(
  process.execPath,
  [join(root, "dist", "cli.js"), "report", "--out", site, "--repo-url", "https://github.com/acme/ml-models"],
  { cwd: repo, encoding: "utf8" },
);
if (r.status !== 0) throw new Error(r.stderr);
const browser = await launchHeadlessChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`file://${site}/index.html`);
await page.screenshot({ path: join(root, "docs", "images", "report-overview.png"), fullPage: true });
await page.setViewportSize({ width: 1280, height: 1500 });
await page.goto(`file://${site}/models/churn-000.html`);
await page.screenshot({ path: join(root, "docs", "images", "report-model.png") });
await browser.close();
console.log(`wrote docs/images/report-overview.png and docs/images/report-model.png from ${site}`);
