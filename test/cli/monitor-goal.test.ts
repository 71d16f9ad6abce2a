import { describe, expect, it } from "vitest";
import { type CliResult, cli, newRepo, runFolder } from "../helpers/repo.js";

/**
 * Issue 10 item 5: monitoring knows which way is better. The direction comes from the monitor
 * policy, else the ranking policy of the metric, else --goal; when none says, the output says
 * which direction was assumed. `status` judges with the same direction.
 */

async function ok(repo: string, args: string[]): Promise<CliResult> {
  const r = await cli(repo, args);
  expect(r.code, `${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

/** iris@1.0.0 and 1.0.1 with accuracy 0.9778 (the numbers), under the given config. */
async function iris(config?: string): Promise<string> {
  const repo = await newRepo(config === undefined ? {} : { config });
  for (const seed of [1, 2]) {
    await ok(repo, [
      "register",
      "iris",
      runFolder({ "model.pkl": 100 + seed }),
      "--metric",
      "accuracy=0.9778",
    ]);
  }
  return repo;
}

/** monitor iris@1.0.1 at accuracy 0.70, the run, with more flags. */
const fall = (...more: string[]) => [
  "monitor",
  "iris",
  "--version",
  "1.0.1",
  "--value",
  "0.70",
  "--metric",
  "accuracy",
  ...more,
];

const RANKED = `models:
  iris:
    select:
      rank: { metric: metrics.accuracy, goal: max }
`;

describe("monitor: which way is better", () => {
  it("a fall in accuracy ranked with goal: max is drift, and retrains (it was 'ok')", async () => {
    const repo = await iris(RANKED);
    const r = await ok(repo, fall());
    expect(r.stdout).toContain("iris: retrain now");
    expect(r.stdout).toContain("drift +28.41%");
    expect(r.stdout).toContain("higher is better (select.rank in .gitmodel.yaml)");
    const json = JSON.parse((await ok(repo, fall("--json"))).stdout);
    expect(json.line).toMatchObject({ goal: "max", drift_pct: 28.41, recommendation: "retrain-now" });
    expect(json.goal).toEqual({ goal: "max", source: "rank" });

    // status judges the same way, from the same configuration.
    const status = JSON.parse((await ok(repo, ["status", "iris", "--json"])).stdout);
    expect(status).toMatchObject({ recommendation: "retrain now", goal: { goal: "max", source: "rank" } });
    expect(status.status.latest.drift_pct).toBe(28.41);
  });

  it("the monitor policy's goal comes first; a rise in accuracy is an improvement", async () => {
    const repo = await iris(`models:
  iris:
    monitor: { metric: accuracy, baseline: metrics.accuracy, goal: max }
`);
    const r = await ok(repo, ["monitor", "iris", "--version", "1.0.1", "--value", "0.99", "--json"]);
    const json = JSON.parse(r.stdout);
    expect(json.line.drift_pct).toBeCloseTo(-1.25, 2);
    expect(json.goal).toEqual({ goal: "max", source: "monitor" });
    expect(json.recommendation).toBe("ok");
  });

  it("without configuration --goal decides; without it the output says lower-is-better was assumed", async () => {
    const repo = await iris();
    const flagged = JSON.parse((await ok(repo, fall("--goal", "max", "--json"))).stdout);
    expect(flagged.goal).toEqual({ goal: "max", source: "flag" });
    expect(flagged.recommendation).toBe("retrain now");

    const assumed = await ok(repo, fall());
    expect(assumed.stdout).toMatch(/assumed lower is better/);
    expect(assumed.stdout).toContain("--goal");
    const json = JSON.parse((await ok(repo, fall("--json"))).stdout);
    expect(json.goal).toEqual({ goal: "min", source: "assumed" });

    // status: the lines say max and min; with --goal max, every line is judged higher-is-better.
    const status = JSON.parse((await ok(repo, ["status", "iris", "--goal", "max", "--json"])).stdout);
    expect(status.goal).toEqual({ goal: "max", source: "flag" });
    expect(status.status.latest.drift_pct).toBe(28.41);
    expect(status.recommendation).toBe("retrain now");
    const plain = await ok(repo, ["status", "iris"]);
    expect(plain.stdout).toMatch(/assumed lower is better/);
  });

  it("a --goal that contradicts the configuration is a usage error naming where the goal is set", async () => {
    const repo = await iris(RANKED);
    const r = await cli(repo, fall("--goal", "min"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("select.rank");
    const bad = await cli(repo, ["status", "iris", "--goal", "down"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--goal.*min or max/);
  });
});
