import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_001 } from "../helpers/fixtures.js";
import { type CliResult, cli, expectCliError, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Issue 3 as a user meets it: seed 001's worked example registered for real, `select` with its
 * explanation and exit codes, seed 004's finders (`--fallback`, `list --where --sort`), and a
 * clear error for every bad input.
 */

const symbols = (n: number) =>
  [
    "BTCUSDT",
    "ETHUSDT",
    "SOLUSDT",
    "DOGEUSDT",
    "LINKUSDT",
    "XRPUSDT",
    "ADAUSDT",
    "AVAXUSDT",
    "DOTUSDT",
    "LTCUSDT",
  ].slice(0, n);

/** Seed 001's run folders: model, scaler and the config as metadata.json. v1.0 predates training_mode. */
const SEED_001_RUNS: [version: string, metadata: Record<string, unknown>][] = [
  ["1.0", { trained_symbols: symbols(1), training_days: 730 }],
  ["1.1", { trained_symbols: symbols(5), training_mode: "multi_symbol", symbol_encoding_type: "one_hot" }],
  ["1.2", { trained_symbols: symbols(8), training_mode: "multi_symbol", symbol_encoding_type: "index" }],
  ["2.0", { trained_symbols: symbols(10), training_mode: "multi_symbol", symbol_encoding_type: "one_hot" }],
];

async function seed001Repo(): Promise<string> {
  const repo = await newRepo({ config: SEED_001 });
  for (const [version, metadata] of SEED_001_RUNS) {
    const run = runFolder({
      [`meta_model_v${version}.joblib`]: 256,
      [`feature_scaler_v${version}.joblib`]: 64,
      "metadata.json": JSON.stringify(metadata),
    });
    const r = await cli(repo, ["register", "bot", run, "--version", version]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  return repo;
}

/** A clear error: the exit code, the fragments on stderr, nothing on stdout, no stack trace. */
const json = (r: CliResult) => JSON.parse(r.stdout);

describe("select: seed 001's worked example registered as 1.0, 1.1, 1.2 and 2.0", () => {
  let repo: string;
  beforeAll(async () => {
    repo = await seed001Repo();
  });

  it("selects 2.0 and prints the winner, every candidate's score with its breakdown, and every rejection", async () => {
    const r = await cli(repo, ["select", "bot"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("selected bot@2.0  (models/bot/2.0)");
    expect(r.stdout).toContain(
      "ranked by score = count trained_symbols x10 + recency created_at (365 days) + version",
    );
    // 10 symbols x 10 + 365 days of recency (registered today) + 2*100 + 0; then 1.1: 50 + 365 + 101.
    expect(lines.find((l) => /^\s*2\.0 /.test(l))).toMatch(
      /2\.0\s+665\s+100 \(10\)\s+365 \(0\)\s+200 \(200\)/,
    );
    expect(lines.find((l) => /^\s*1\.1 /.test(l))).toMatch(/1\.1\s+516\s+50 \(5\)/);
    expect(r.stdout).toMatch(/1\.2\s+symbol_encoding_type is index, required one_hot/);
    expect(r.stdout).toMatch(/1\.0\s+training_mode is single_symbol \(default\), required multi_symbol/);
  });

  it("--require symbol_encoding_type=index replaces the policy's requirement and selects 1.2", async () => {
    const r = await cli(repo, ["select", "bot", "--require", "symbol_encoding_type=index"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("selected bot@1.2  (models/bot/1.2)");
    expect(r.stdout).toMatch(/2\.0\s+symbol_encoding_type is one_hot, required index/);
  });

  it("--json prints the whole result and names why each rejected version was rejected", async () => {
    const r = await cli(repo, ["select", "bot", "--json"]);
    expect(r.code).toBe(0);
    const result = json(r);
    expect(result).toMatchObject({
      model: "bot",
      winner: "2.0",
      folder: "models/bot/2.0",
      fallbackUsed: null,
      warnings: [],
    });
    expect(result.candidates.map((c: { version: string; score: number }) => [c.version, c.score])).toEqual([
      ["2.0", 665],
      ["1.1", 516],
    ]);
    expect(result.candidates[0].breakdown).toEqual([
      { term: "count trained_symbols x10", value: 10, points: 100 },
      { term: "recency created_at (365 days)", value: 0, points: 365 },
      { term: "version", value: 200, points: 200 },
    ]);
    expect(result.rejected).toEqual([
      { version: "1.2", reasons: ["symbol_encoding_type is index, required one_hot"] },
      { version: "1.0", reasons: ["training_mode is single_symbol (default), required multi_symbol"] },
    ]);
  });

  it("exits 1 when nothing is compatible (so `select || train` trains), still explaining every rejection", async () => {
    const r = await cli(repo, ["select", "bot", "--require", "training_mode=quantum"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("no compatible version of bot");
    expect(r.stdout).toMatch(/1\.0\s+training_mode is single_symbol \(default\), required quantum/);

    const asJson = await cli(repo, ["select", "bot", "--require", "training_mode=quantum", "--json"]);
    expect(asJson.code).toBe(1);
    expect(json(asJson).winner).toBeNull();
    expect(json(asJson).rejected.map((x: { version: string }) => x.version)).toEqual([
      "2.0",
      "1.2",
      "1.1",
      "1.0",
    ]);
  });

  it("--where filters with the same operators as list (a list field matches when one element does)", async () => {
    const r = await cli(repo, ["select", "bot", "--where", "trained_symbols=XRPUSDT", "--json"]);
    expect(r.code).toBe(0);
    expect(json(r).winner).toBe("2.0");
    const none = await cli(repo, ["select", "bot", "--where", "created_at<2000", "--json"]);
    expect(none.code).toBe(2); // created_at is a date, not a number: `<` needs numbers
    expect(none.stderr).toContain("created_at of version 1.0 is");
  });

  it("--where stage=... selects among the holders of a stage (stage is the one stages.json says)", async () => {
    const other = await seed001Repo();
    writeFileSync(join(other, "models/bot/stages.json"), '{ "staging": "1.1", "archived": ["1.2"] }\n');
    const r = await cli(other, ["select", "bot", "--where", "stage=staging", "--json"]);
    expect(r.code).toBe(0);
    expect(json(r).winner).toBe("1.1");
    expect(json(r).rejected).toContainEqual({
      version: "2.0",
      reasons: ["stage is development, required staging"],
    });
  });

  it("rejects an incomplete version with the missing file, and counts an LFS pointer as present", async () => {
    const incomplete = await seed001Repo();
    rmSync(join(incomplete, "models/bot/2.0/feature_scaler_v2.0.joblib"));
    const r = await cli(incomplete, ["select", "bot", "--json"]);
    expect(r.code).toBe(0);
    expect(json(r).winner).toBe("1.1");
    expect(json(r).rejected[0]).toEqual({
      version: "2.0",
      reasons: ["missing file feature_scaler_v2.0.joblib"],
    });

    // A metadata.json that does not parse rejects its version with the reason; the rest still select.
    writeFileSync(join(incomplete, "models/bot/1.1/metadata.json"), "{ broken");
    const none = await cli(incomplete, ["select", "bot", "--json"]);
    expect(none.code).toBe(1);
    expect(json(none).rejected.find((x: { version: string }) => x.version === "1.1").reasons[0]).toMatch(
      /^unreadable metadata\.json: models\/bot\/1\.1\/metadata\.json:1:\d+: not valid JSON/,
    );

    // A clone without `git lfs pull` holds pointers: the versions are complete all the same.
    const clone = join(tempDir("gm-clone-"), "clone");
    await git(tempDir(), ["clone", "-q", repo, clone]);
    const pointer = readFileSync(join(clone, "models/bot/2.0/meta_model_v2.0.joblib"), "utf8");
    expect(pointer).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1/);
    const fromClone = await cli(clone, ["select", "bot", "--json"]);
    expect(fromClone.code).toBe(0);
    expect(json(fromClone).winner).toBe("2.0");
  });

  it("warns about a --where path that no version has, naming the fields that exist, and exits 1", async () => {
    const r = await cli(repo, ["select", "bot", "--where", "trained_symbol=BTCUSDT"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("warning: no version has trained_symbol");
    expect(r.stderr).toContain("trained_symbols");
  });

  it("bad flags: a clear error and exit 2", async () => {
    const cases: [string[], string[]][] = [
      // The caret points at the second '>' (column 17).
      [
        ["--where", "trained_symbols>>3"],
        ["--where \"trained_symbols>>3\": unexpected '>' at column 17", "^"],
      ],
      [
        ["--where", "metrics.val_rmse<abc"],
        ["'<' compares numbers", "column 18"],
      ],
      [["--where", "=multi_symbol"], ["expected a field path first"]],
      [["--where", "training_mode"], ["expected an operator"]],
      [
        ["--require", "training_mode"],
        ['--require "training_mode"', "expected an operator"],
      ],
      [
        ["--require", "training_mode!=single_symbol"],
        ["--require takes KEY=VALUE, not '!='", "use --where"],
      ],
      [["--fallback", "symbol_encoding_type~one*"], ["--fallback takes KEY=VALUE"]],
      [
        ["--where", "training_mode>3"],
        ["training_mode of version", "not a number"],
      ],
      [["--where", "tags..x=1"], ["empty path segment"]],
    ];
    for (const [flags, fragments] of cases)
      expectCliError(await cli(repo, ["select", "bot", ...flags]), 2, fragments);
  });

  it("an unknown model is 'not found' (exit 1), as when nothing is compatible", async () => {
    expectCliError(await cli(repo, ["select", "nope"]), 1, ["no model named nope", "models here: bot"]);
  });
});

describe("select: a bad policy in .gitmodel.yaml is a usage error (exit 2) that says what to fix", () => {
  let repo: string;
  beforeAll(async () => {
    repo = await seed001Repo();
  });

  /** The seed's repository with another configuration file, passed with --config. */
  function withPolicy(name: string, policy: string): string[] {
    writeFileSync(join(repo, name), `versioning: major-minor\nselect:\n${policy}`);
    return ["--config", name];
  }

  it("an unknown rank metric names the fields that exist", async () => {
    const config = withPolicy("unknown-metric.yaml", "  rank: { metric: metrics.sharpe, goal: max }\n");
    expectCliError(await cli(repo, ["select", "bot", ...config]), 2, [
      "unknown path metrics.sharpe in select.rank.metric: no version has it",
      "fields that exist:",
      "trained_symbols",
    ]);
  });

  it("an unknown path in a score term names the fields that exist", async () => {
    const config = withPolicy(
      "unknown-count.yaml",
      "  rank:\n    score:\n      - { count: symbols, weight: 10 }\n",
    );
    expectCliError(await cli(repo, ["select", "bot", ...config]), 2, [
      "unknown path symbols",
      "trained_symbols",
    ]);
  });

  it("a rank with both metric and score names the key and the line", async () => {
    const config = withPolicy(
      "both.yaml",
      "  rank:\n    metric: metrics.val_rmse\n    goal: min\n    score:\n      - { version: true }\n",
    );
    expectCliError(await cli(repo, ["select", "bot", ...config]), 2, [
      "both.yaml:4: select.rank: rank takes either metric or score, not both",
    ]);
  });

  it("an unknown key in the policy names the key and the line", async () => {
    const config = withPolicy(
      "unknown-key.yaml",
      "  rank: { metric: metrics.x, goal: max }\n  prefer: newest\n",
    );
    expectCliError(await cli(repo, ["select", "bot", ...config]), 2, [
      "unknown-key.yaml:4: unknown key select.prefer",
    ]);
  });

  it("a rank metric without a goal, and a non-numeric weight", async () => {
    const noGoal = withPolicy("no-goal.yaml", "  rank: { metric: trained_symbols }\n");
    expectCliError(await cli(repo, ["select", "bot", ...noGoal]), 2, ["needs a goal: min or max"]);
    const weight = withPolicy(
      "weight.yaml",
      "  rank:\n    score:\n      - { count: trained_symbols, weight: ten }\n",
    );
    expectCliError(await cli(repo, ["select", "bot", ...weight]), 2, ["weight.yaml:", "select.rank.score.0"]);
  });

  it("a rank metric whose value is not a number names the version", async () => {
    const config = withPolicy("text-metric.yaml", "  rank: { metric: training_mode, goal: max }\n");
    expectCliError(await cli(repo, ["select", "bot", ...config]), 2, [
      'training_mode of version 1.1 is "multi_symbol", not a number',
    ]);
  });
});

describe("seed 004's finders: --fallback to a base model, and list --where --sort", () => {
  let repo: string;
  const register = async (args: string[]) => {
    const r = await cli(repo, ["register", "rl", runFolder({ "model.zip": 128 }), ...args]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  };
  beforeAll(async () => {
    repo = await newRepo({
      config: "models:\n  rl:\n    select:\n      rank: { metric: metrics.sharpe_ratio, goal: max }\n",
    });
    await register(["--tag", "model_type=base", "--tag", "timeframe=1H", "--metric", "sharpe_ratio=1.2"]);
    await register(["--tag", "model_type=base", "--tag", "timeframe=1H", "--metric", "sharpe_ratio=1.3"]);
    await register(["--tag", "model_type=base", "--tag", "timeframe=4H", "--metric", "sharpe_ratio=1.9"]);
  });

  it("falls back to a base model when no continued one exists, and says so", async () => {
    const args = [
      "select",
      "rl",
      "--require",
      "model_type=continued",
      "--where",
      "timeframe=1H",
      "--fallback",
      "model_type=base",
    ];
    const r = await cli(repo, [...args, "--json"]);
    expect(r.code).toBe(0);
    const result = json(r);
    expect(result.winner).toBe("1.0.1");
    expect(result.fallbackUsed).toMatchObject({
      applied: ["model_type=base"],
      replaced: ["model_type=continued"],
    });
    expect(result.fallbackUsed.firstAttemptRejected).toHaveLength(3);
    const text = await cli(repo, args);
    expect(text.stdout).toContain(
      "no version matched; retried with model_type=base instead of model_type=continued",
    );
    expect(text.stdout).toContain("selected rl@1.0.1");
    expect(text.stdout).toMatch(/1\.0\.2\s+timeframe is 4H, required 1H/);
  });

  it("picks the continued model once there is one, without falling back", async () => {
    const other = await newRepo({ config: "select:\n  rank: { metric: metrics.sharpe_ratio, goal: max }\n" });
    const reg = (args: string[]) => cli(other, ["register", "rl", runFolder({ "model.zip": 64 }), ...args]);
    await reg(["--tag", "model_type=base", "--metric", "sharpe_ratio=1.3"]);
    await reg([
      "--tag",
      "model_type=continued",
      "--metric",
      "sharpe_ratio=1.2",
      "--base",
      "rl@1.0.0",
      "--enhancement",
      "continued",
    ]);
    const r = await cli(other, [
      "select",
      "rl",
      "--require",
      "model_type=continued",
      "--fallback",
      "model_type=base",
      "--json",
    ]);
    expect(json(r)).toMatchObject({ winner: "1.0.1", fallbackUsed: null });
  });

  it("list --where tags.model_type=... --sort metrics.sharpe_ratio: best by a metric, ascending unless --desc", async () => {
    const other = await newRepo();
    const reg = (tags: string, sharpe: string) =>
      cli(other, [
        "register",
        "rl",
        runFolder({ "model.zip": 64 }),
        "--tag",
        `model_type=${tags}`,
        "--metric",
        `sharpe_ratio=${sharpe}`,
      ]);
    for (const [type, sharpe] of [
      ["continued", "1.4"],
      ["base", "2.0"],
      ["continued", "1.6"],
      ["continued", "1.5"],
    ]) {
      expect((await reg(type!, sharpe!)).code).toBe(0);
    }
    const ascending = await cli(other, [
      "list",
      "rl",
      "--where",
      "tags.model_type=continued",
      "--sort",
      "metrics.sharpe_ratio",
      "--json",
    ]);
    expect(ascending.code).toBe(0);
    expect(json(ascending).map((v: { version: string }) => v.version)).toEqual(["1.0.0", "1.0.3", "1.0.2"]);
    const best = await cli(other, [
      "list",
      "rl",
      "--where",
      "model_type=continued",
      "--sort",
      "metrics.sharpe_ratio",
      "--desc",
    ]);
    const rows = best.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^version\s+stage\s+created\s+artifacts\s+size\s+sharpe_ratio$/);
    expect(rows.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["1.0.2", "1.0.3", "1.0.0"]);
  });

  it("list: latest of a type (--sort created_at --desc), by stage (--where stage=...), and a numeric filter", async () => {
    const latest = await cli(repo, [
      "list",
      "rl",
      "--where",
      "model_type=base",
      "--where",
      "timeframe=1H",
      "--sort",
      "created_at",
      "--desc",
      "--json",
    ]);
    expect(json(latest)[0].version).toBe("1.0.1");
    writeFileSync(join(repo, "models/rl/stages.json"), '{ "production": "1.0.0" }\n');
    const production = await cli(repo, ["list", "rl", "--where", "stage=production", "--json"]);
    expect(json(production).map((v: { version: string; stage: string }) => [v.version, v.stage])).toEqual([
      ["1.0.0", "production"],
    ]);
    const numeric = await cli(repo, [
      "list",
      "rl",
      "--where",
      "metrics.sharpe_ratio>=1.3",
      "--desc",
      "--json",
    ]);
    expect(json(numeric).map((v: { version: string }) => v.version)).toEqual(["1.0.2", "1.0.1"]);
    const none = await cli(repo, ["list", "rl", "--where", "model_type=curriculum"]);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("no version of rl matches\n");
    rmSync(join(repo, "models/rl/stages.json"));
  });

  it("list: bad input gets a clear error and exit 2", async () => {
    const cases: [string[], string[]][] = [
      [
        ["list", "rl", "--sort", "metrics.sharpe"],
        ["unknown path metrics.sharpe in --sort", "metrics.sharpe_ratio"],
      ],
      [["list", "rl", "--where", "metrics.sharpe_ratio=>1"], ["unexpected '>' at column 22"]],
      [["list", "rl", "--sort", "metrics..x"], ["empty segment"]],
      [["list", "--where", "model_type=base"], ["--where, --sort, --desc and --asc need a model"]],
      [["list", "rl", "--desc", "--asc"], ["cannot be used with"]],
    ];
    for (const [args, fragments] of cases) expectCliError(await cli(repo, args), 2, fragments);
  });

  it("list: warns about a --where path that no version has", async () => {
    const r = await cli(repo, ["list", "rl", "--where", "tags.model=base", "--json"]);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual([]);
    expect(r.stderr).toContain("no version has tags.model");
    expect(r.stderr).toContain("tags.model_type");
  });
});
