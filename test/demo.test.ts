import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, tempDir } from "./helpers/repo.js";

/** The README promises that `npm run demo` works after `npm ci`: keep that promise tested. */
describe("npm run demo", () => {
  it("tours the registry end to end and exits 0", () => {
    const script = join(import.meta.dirname, "..", "scripts", "demo.mjs");
    const reportDir = join(tempDir("gm-demo-report-"), "site");
    const r = spawnSync(process.execPath, [script], {
      env: cleanEnv({ GIT_MODEL_DEMO_REPORT: reportDir }),
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(r.stderr).not.toContain("demo failed");
    expect(r.status).toBe(0);
    for (const step of [
      "registered churn@1.0.2, in models/churn/1.0.2",
      "selected churn@1.0.2",
      "promoted churn@1.0.2 to production (from staging)",
      "[main",
      "churn: propose promotion of 1.0.2",
      "files and tags agree",
    ]) {
      expect(r.stdout).toContain(step);
    }
    // It ends with the report, whose first page it names, and which holds the tour's model.
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(
      `The report is ${join(reportDir, "index.html")}: open file://${join(reportDir, "index.html")}`,
    );
    const overview = readFileSync(join(reportDir, "index.html"), "utf8");
    expect(overview).toContain('<a href="models/churn.html">churn</a>');
    // The model page's chart of the ranking metric, drawn in the page from the model's chart data.
    expect(readFileSync(join(reportDir, "models", "churn.html"), "utf8")).toContain(
      'data-chart="metric:metrics.val_rmse"',
    );
    expect(readFileSync(join(reportDir, "data", "churn", "charts.js"), "utf8")).toContain(
      '"metrics.val_rmse":[',
    );
    // After `git revert` of the promotion, production is back on 1.0.1.
    const afterRevert = r.stdout.slice(r.stdout.indexOf("git revert --no-edit HEAD"));
    expect(afterRevert).toMatch(/\$ git model show "churn#production"\nchurn@1\.0\.1/);
  }, 240_000);
});
