import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cli, expectCliError, git, newRepo, runFolder } from "../helpers/repo.js";

/** Issue 3's `compare` and `lineage`, over versions registered with `register --base` (seed 004's enhancements). */

const json = (r: CliResult) => JSON.parse(r.stdout);

describe("compare and lineage over a base model and its enhancements", () => {
  let repo: string;
  const register = async (args: string[]) => {
    const r = await cli(repo, ["register", "rl", runFolder({ "model.zip": 100 + args.length }), ...args]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  };

  beforeAll(async () => {
    repo = await newRepo();
    // 1.0.0 base; 1.0.1 continued from it; 1.0.2 replay from 1.0.1; 1.0.3 another branch from 1.0.0.
    await register([
      "--metric",
      "sharpe_ratio=1.3",
      "--metric",
      "win_rate=0.5",
      "--param",
      "lr=0.001",
      "--tag",
      "model_type=base",
    ]);
    await register([
      ...["--metric", "sharpe_ratio=1.4085", "--metric", "win_rate=0.52", "--metric", "mean_reward=10"],
      ...[
        "--param",
        "lr=0.0005",
        "--tag",
        "model_type=continued",
        "--base",
        "rl@1.0.0",
        "--enhancement",
        "continued",
      ],
    ]);
    await register(["--metric", "sharpe_ratio=1.5", "--base", "rl@v1.0.1", "--enhancement", "replay"]);
    await register(["--metric", "sharpe_ratio=1.1", "--base", "rl@1.0.0", "--enhancement", "curriculum"]);
  });

  it("register --base records lineage and the domain's improvement (percent change of each shared metric)", () => {
    const metadata = JSON.parse(readFileSync(join(repo, "models/rl/1.0.1/metadata.json"), "utf8"));
    expect(metadata.lineage).toEqual({ base: "rl@1.0.0", enhancement: "continued" });
    expect(metadata.improvement).toEqual({ sharpe_ratio: 8.35, win_rate: 4 });
  });

  it("compare prints metrics side by side with the absolute and percent change, the params that differ, and lineage", async () => {
    const r = await cli(repo, ["compare", "rl@1.0.0", "rl@1.0.1"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("rl@1.0.0 (development)  ->  rl@1.0.1 (development)");
    expect(r.stdout).toMatch(/sharpe_ratio\s+1\.3\s+1\.4085\s+\+0\.1085\s+\+8\.35%/);
    expect(r.stdout).toMatch(/win_rate\s+0\.5\s+0\.52\s+\+0\.02\s+\+4%/);
    expect(r.stdout).toMatch(/mean_reward\s+-\s+10\s+-\s+-/);
    expect(r.stdout).toMatch(/lr\s+0\.001\s+0\.0005/);
    expect(r.stdout).toMatch(/model_type\s+base\s+continued/);
    expect(r.stdout).toContain(
      "lineage: rl@1.0.1 descends from rl@1.0.0; rl@1.0.0 is a root; rl@1.0.1 derives from rl@1.0.0 (continued)",
    );
  });

  it("compare --json gives the whole comparison, with the nearest common ancestor", async () => {
    const r = await cli(repo, ["compare", "rl@1.0.2", "rl@1.0.3", "--json"]);
    expect(r.code).toBe(0);
    const c = json(r);
    expect(c.a).toEqual({
      ref: "rl@1.0.2",
      created_at: expect.any(String),
      lineage: { base: "rl@1.0.1", enhancement: "replay" }, // --base rl@v1.0.1, recorded canonically
      stage: "development",
    });
    // No goal is configured for sharpe_ratio: no verdict (issue 10 item 8).
    expect(c.metrics).toEqual([
      { name: "sharpe_ratio", a: 1.5, b: 1.1, change: -0.4, changePct: -26.67, goal: null, verdict: null },
    ]);
    expect(c.params).toEqual([]);
    expect(c.commonAncestor).toBe("rl@1.0.0");
  });

  it("compare takes a stage: rl#production, or a bare stage name of the first model", async () => {
    writeFileSync(join(repo, "models/rl/stages.json"), '{ "production": "1.0.1" }\n');
    const byRef = json(await cli(repo, ["compare", "rl@1.0.2", "rl#production", "--json"]));
    const byName = json(await cli(repo, ["compare", "rl@1.0.2", "production", "--json"]));
    expect(byRef.b).toMatchObject({ ref: "rl@1.0.1", stage: "production" });
    expect(byName).toEqual(byRef);
    expect(byRef.commonAncestor).toBe("rl@1.0.1");
    rmSync(join(repo, "models/rl/stages.json"));
  });

  it("compare: bad references get a clear error", async () => {
    expectCliError(await cli(repo, ["compare", "rl@1.0.0", "rl@9.9.9"]), 1, ["rl@9.9.9 is not registered"]);
    expectCliError(await cli(repo, ["compare", "rl@1.0.0", "rl#champion"]), 2, [
      "unknown stage champion",
      "configured stages",
    ]);
    expectCliError(await cli(repo, ["compare", "rl@1.0.0", "staging"]), 1, [
      "no version of rl is in staging",
    ]);
    expectCliError(await cli(repo, ["compare", "rl@1.0.0"]), 2, ["missing required argument 'b'"]);
    expectCliError(await cli(repo, ["compare", "rl@1.0.0", "rl@not-a-version"]), 2, [
      'invalid version "not-a-version"',
    ]);
  });

  it("lineage prints the chain to the root and the versions derived from it", async () => {
    const r = await cli(repo, ["lineage", "rl@1.0.2"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^lineage of rl@1\.0\.2/);
    expect(lines.find((l) => l.startsWith("rl@1.0.2"))).toMatch(/rl@1\.0\.1\s+replay\s+sharpe_ratio \+6\.5%/);
    expect(lines.find((l) => l.startsWith("rl@1.0.1"))).toMatch(
      /rl@1\.0\.0\s+continued\s+sharpe_ratio \+8\.35%, win_rate \+4%/,
    );
    expect(lines.find((l) => l.startsWith("rl@1.0.0"))).toContain("(root)");
    expect(r.stdout).toContain("no version is derived from rl@1.0.2");

    const root = await cli(repo, ["lineage", "rl@1.0.0"]);
    expect(root.stdout).toMatch(/rl@1\.0\.1\s+rl@1\.0\.0\s+continued\s+1/);
    expect(root.stdout).toMatch(/rl@1\.0\.3\s+rl@1\.0\.0\s+curriculum\s+1/);
    expect(root.stdout).toMatch(/rl@1\.0\.2\s+rl@1\.0\.1\s+replay\s+2/);
  });

  it("lineage --json: the chain (the version first) and the descendants, nearest first", async () => {
    const report = json(await cli(repo, ["lineage", "rl@1.0.1", "--json"]));
    expect(report.ref).toBe("rl@1.0.1");
    expect(report.chain.map((l: { ref: string; base: string | null }) => [l.ref, l.base])).toEqual([
      ["rl@1.0.1", "rl@1.0.0"],
      ["rl@1.0.0", null],
    ]);
    expect(report.chain[0]).toMatchObject({
      registered: true,
      enhancement: "continued",
      improvement: { sharpe_ratio: 8.35 },
    });
    expect(report.descendants).toEqual([
      { ref: "rl@1.0.2", base: "rl@1.0.1", enhancement: "replay", depth: 1 },
    ]);
  });

  it("lineage ends at a base that is no longer registered instead of failing", async () => {
    const other = await newRepo();
    const run = runFolder({ "model.zip": 10 });
    await cli(other, ["register", "rl", run]);
    await cli(other, ["register", "rl", runFolder({ "model.zip": 11 }), "--base", "rl@1.0.0"]);
    await git(other, ["rm", "-q", "-r", "models/rl/1.0.0"]);
    const report = json(await cli(other, ["lineage", "rl", "--json"]));
    expect(report.chain.map((l: { ref: string; registered: boolean }) => [l.ref, l.registered])).toEqual([
      ["rl@1.0.1", true],
      ["rl@1.0.0", false],
    ]);
    const text = await cli(other, ["lineage", "rl"]);
    expect(text.stdout).toMatch(/rl@1\.0\.0\s+\(not in the registry\)/);
  });

  it("lineage and register --base: bad references get a clear error", async () => {
    expectCliError(await cli(repo, ["lineage", "rl@2.0.0"]), 1, ["rl@2.0.0 is not registered"]);
    expectCliError(await cli(repo, ["lineage", "nope"]), 1, ["no model named nope"]);
    const before = await git(repo, ["rev-parse", "HEAD"]);
    expectCliError(
      await cli(repo, ["register", "rl", runFolder({ "model.zip": 5 }), "--base", "rl@9.9.9"]),
      2,
      ["base rl@9.9.9 does not exist", "--base takes a registered reference"],
    );
    expectCliError(
      await cli(repo, ["register", "rl", runFolder({ "model.zip": 5 }), "--enhancement", "continued"]),
      2,
      ["--enhancement needs --base"],
    );
    expect(await git(repo, ["rev-parse", "HEAD"])).toBe(before);
  });
});
