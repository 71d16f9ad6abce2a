import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderTrend } from "../../src/cli/render/trend.js";
import { GitModelError } from "../../src/domain/errors.js";
import { openRegistry } from "../../src/registry/core/registry.js";
import { metricTrendFor } from "../../src/registry/monitoring/trends.js";
import { cli, newRepo, runFolder } from "../helpers/repo.js";

/**
 * `history MODEL --metric NAME` (issue 5) at the library level: the `history` command calls
 * metricTrendFor and renderTrend.
 */

async function churn(config?: string): Promise<string> {
  const repo = await newRepo(config ? { config } : {});
  const runs = [
    ["val_rmse=0.0125", "sharpe_ratio=1.1"],
    ["sharpe_ratio=1.3"],
    ["val_rmse=0.0114", "sharpe_ratio=1.41"],
    ["val_rmse=0.0118", "sharpe_ratio=1.2"],
  ];
  for (const [i, metrics] of runs.entries()) {
    const args = metrics.flatMap((m) => ["--metric", m]);
    const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 20 + i }), ...args]);
    expect(r.code, r.stderr).toBe(0);
  }
  return repo;
}

describe("metricTrendFor and renderTrend", () => {
  it("reads the metric over registrations, skips a torn last line, and renders table, sparkline, change and best", async () => {
    const repo = await churn();
    appendFileSync(join(repo, "models/churn/history.jsonl"), '{"at":"2026-01-0');
    const { trend, issues, file } = await metricTrendFor(await openRegistry(repo), "churn", "val_rmse");
    expect(file).toBe("models/churn/history.jsonl");
    expect(issues).toEqual([expect.objectContaining({ line: 5, torn: true })]);
    expect(trend).toMatchObject({
      metric: "val_rmse",
      path: "metrics.val_rmse",
      goal: "min",
      missing: ["1.0.1"],
      change_pct: -5.6,
      improved: true,
      best: { version: "1.0.2", value: 0.0114 },
    });
    expect(trend.points.map((p) => [p.version, p.value])).toEqual([
      ["1.0.0", 0.0125],
      ["1.0.2", 0.0114],
      ["1.0.3", 0.0118],
    ]);

    const text = renderTrend(trend, "churn");
    const [header, ...rows] = text.split("\n");
    expect(header).toMatch(/^version\s+registered\s+val_rmse$/);
    // The same UTC format as every other table (list, history): 2026-01-31 14:03:11.
    expect(rows[0]).toMatch(/^1\.0\.0\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+0\.0125$/);
    expect(rows[1]).toMatch(/^1\.0\.2\s+\S+ \S+\s+0\.0114\s+best$/);
    expect(text).toContain("trend   █▁▄  (3 registrations, lower is better)");
    expect(text).toContain("change  0.0125 (1.0.0) -> 0.0118 (1.0.3): -5.6%, better");
    expect(text).toMatch(/best {4}1\.0\.2: 0\.0114 \(registered \S+ \S+\)/);
    expect(text).toContain("missing 1.0.1 (no metrics.val_rmse)");
  });

  it("takes the goal from the configured ranking, and names the recorded metrics for one no registration has", async () => {
    const repo = await churn("select:\n  rank: { metric: metrics.sharpe_ratio, goal: max }\n");
    const registry = await openRegistry(repo);
    const { trend } = await metricTrendFor(registry, "churn", "sharpe_ratio");
    expect(trend).toMatchObject({
      goal: "max",
      best: { version: "1.0.2" },
      change_pct: 9.09,
      improved: true,
    });
    expect(renderTrend(trend)).toContain("higher is better");

    const error = await metricTrendFor(registry, "churn", "val_rmsee").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitModelError);
    expect(error).toMatchObject({
      message: "no registration of churn recorded metrics.val_rmsee",
      hint: "metrics recorded: sharpe_ratio, val_rmse",
      exitCode: 1,
    });
  });
});
