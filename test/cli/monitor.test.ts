import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cli, git, newRepo, runFolder } from "../helpers/repo.js";

/**
 * Issue 5 as a new user tries it: `monitor` appends one line per run to monitoring.jsonl and
 * commits it; `status` says what to do, with the numbers behind it; a torn line does not break
 * readers; bad input changes nothing.
 */

const CONFIG = `models:
  churn:
    monitor: { metric: rmse, baseline: metrics.val_rmse }
`;
const FILE = "models/churn/monitoring.jsonl";

/**
 * churn@1.0.0 (val_rmse 0.004), churn@1.0.1 (val_rmse 0.0039), churn@1.0.2 (only val_mae), and
 * plain@1.0.0, a model without a monitor configuration.
 */
async function registry(): Promise<string> {
  const repo = await newRepo({ config: CONFIG });
  const registrations: [string, string][] = [
    ["churn", "val_rmse=0.004"],
    ["churn", "val_rmse=0.0039"],
    ["churn", "val_mae=0.003"],
    ["plain", "val_rmse=0.01"],
  ];
  for (const [i, [model, metric]] of registrations.entries()) {
    const r = await cli(repo, ["register", model, runFolder({ "model.pkl": 100 + i }), "--metric", metric]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  return repo;
}

async function ok(repo: string, args: string[]): Promise<CliResult> {
  const r = await cli(repo, args);
  expect(r.code, `${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

const lines = (repo: string) =>
  readFileSync(join(repo, FILE), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

async function statusJson(repo: string) {
  const r = await ok(repo, ["status", "churn", "--json"]);
  return JSON.parse(r.stdout);
}

describe("monitor and status", () => {
  let repo: string;
  beforeAll(async () => {
    repo = await registry();
  });

  it("recommends nothing at 3 % drift and retraining at 25 %, which the JSONL line records, each run committed", async () => {
    const calm = await ok(repo, ["monitor", "churn", "--version", "1.0.0", "--value", "0.00412"]);
    expect(calm.stdout).toContain("churn: ok");
    expect(calm.stdout).toContain("drift +3%");
    expect(await statusJson(repo)).toMatchObject({
      recommendation: "ok",
      status: { code: "ok", champion: "1.0.0", metric: "rmse", latest: { drift_pct: 3 } },
    });
    expect((await ok(repo, ["status", "churn"])).stdout).toMatch(/^churn: ok\n/);

    const drifted = await ok(repo, [
      "monitor",
      "churn",
      "--version",
      "v1.0.0",
      "--value",
      "0.005",
      "--window-start",
      "2025-11-18",
      "--window-end",
      "2025-12-31",
      "--samples",
      "30",
    ]);
    expect(drifted.stdout).toContain("churn: retrain now");
    const last = lines(repo).at(-1);
    expect(last).toMatchObject({
      version: "1.0.0",
      metric: "rmse",
      goal: "min",
      value: 0.005,
      baseline: { path: "metrics.val_rmse", value: 0.004 },
      drift_pct: 25,
      window: { start: "2025-11-18", end: "2025-12-31", samples: 30 },
      winner: "1.0.0",
      recommendation: "retrain-now",
    });
    expect(last.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const status = await ok(repo, ["status", "churn"]);
    expect(status.stdout).toMatch(/^churn: retrain now\n/);
    expect(status.stdout).toContain("rmse 0.005 vs baseline metrics.val_rmse 0.004: drift +25%");
    expect(status.stdout).toContain("retrain over 10%");

    // Each run is its own commit of monitoring.jsonl alone, with the recommendation and trailers.
    expect((await git(repo, ["log", "-1", "--format=%s"])).trim()).toBe(
      "monitor churn@1.0.0: drift 25% (retrain now)",
    );
    expect(
      (await git(repo, ["log", "-1", "--format=%(trailers:key=Model,key=Version,separator=%x2C )"])).trim(),
    ).toBe("Model: churn, Version: 1.0.0");
    expect((await git(repo, ["show", "--name-only", "--format=", "HEAD"])).trim()).toBe(FILE);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    expect((await cli(repo, ["validate"])).code).toBe(0);
  });

  it("plans retraining between the thresholds", async () => {
    const r = await ok(repo, ["monitor", "churn", "--version", "1.0.0", "--value", "0.00428"]);
    expect(r.stdout).toContain("churn: plan retraining");
    expect(lines(repo).at(-1)).toMatchObject({ drift_pct: 7, recommendation: "plan-retraining" });
  });

  it("proposes the promotion of a challenger that won three runs in a row", async () => {
    const challenge = (value: string) =>
      ok(repo, [
        "monitor",
        "churn",
        "--version",
        "1.0.0",
        "--value",
        "0.00401",
        "--challenger",
        "1.0.1",
        "--challenger-value",
        value,
        "--json",
      ]);
    const first = JSON.parse((await challenge("0.0039")).stdout);
    expect(first.line).toMatchObject({ winner: "1.0.1", challenger: { version: "1.0.1", value: 0.0039 } });
    expect(first.recommendation).toBe("ok");
    await challenge("0.0038");
    expect((await statusJson(repo)).status.code).toBe("ok");
    const third = JSON.parse((await challenge("0.0037")).stdout);
    expect(third.recommendation).toBe("propose promotion of 1.0.1");
    expect(third.line.recommendation).toBe("propose-promotion");

    const status = await ok(repo, ["status", "churn"]);
    expect(status.stdout).toMatch(/^churn: propose promotion of 1\.0\.1\n/);
    expect(status.stdout).toContain("challenger  1.0.1: won 3 of its last 3 runs (100%), 3 in a row");
    expect((await git(repo, ["log", "-1", "--format=%s%n%b"])).trim()).toBe(
      "monitor churn@1.0.0 vs 1.0.1: drift 0.25% (propose promotion of 1.0.1)\nModel: churn\nVersion: 1.0.0\nChallenger: 1.0.1",
    );
  });

  it("--no-commit appends without committing; the next committed run takes it along", async () => {
    const head = await git(repo, ["rev-parse", "HEAD"]);
    const before = lines(repo).length;
    const r = await ok(repo, ["monitor", "churn", "--version", "1.0.0", "--value", "0.004", "--no-commit"]);
    expect(r.stdout).toContain("(not committed)");
    expect(lines(repo)).toHaveLength(before + 1);
    expect(await git(repo, ["rev-parse", "HEAD"])).toBe(head);
    expect(await git(repo, ["status", "--porcelain"])).toBe(` M ${FILE}\n`);

    await ok(repo, ["monitor", "churn", "--version", "1.0.0", "--value", "0.004"]);
    expect(await git(repo, ["log", "-1", "--format=%b"])).toContain(
      "Also commits 1 earlier run recorded with --no-commit.",
    );
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    expect(lines(repo)).toHaveLength(before + 2);
  });

  it("a torn line appended by hand is reported by validate with its line; status answers from the lines before it", async () => {
    const torn = await registry();
    await ok(torn, ["monitor", "churn", "--version", "1.0.0", "--value", "0.00412"]);
    await ok(torn, ["monitor", "churn", "--version", "1.0.0", "--value", "0.005"]);
    appendFileSync(join(torn, FILE), '{"at":"2026-01-08T22:03:39Z","version":"1.0.0","val');

    const validate = await cli(torn, ["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(`${FILE}:3: error: torn last line`);

    const status = await cli(torn, ["status", "churn", "--json"]);
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report).toMatchObject({ recommendation: "retrain now", lines: 2, status: { runs: 2 } });
    expect(report.issues).toEqual([expect.objectContaining({ line: 3, torn: true })]);
    expect(status.stderr).toContain(`warning: ${FILE}:3: torn last line`);

    // Committing now would commit the torn line glued into the history: refused, nothing written.
    const bytes = readFileSync(join(torn, FILE));
    const refused = await cli(torn, ["monitor", "churn", "--version", "1.0.0", "--value", "0.004"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${FILE}:3 is not committed and not a valid monitoring line`);
    expect(readFileSync(join(torn, FILE))).toEqual(bytes);
  });

  it("refuses to commit over committed lines that were edited (the file is append-only)", async () => {
    const edited = await registry();
    await ok(edited, ["monitor", "churn", "--version", "1.0.0", "--value", "0.00412"]);
    const path = join(edited, FILE);
    writeFileSync(path, readFileSync(path, "utf8").replace('"value":0.00412', '"value":0.004'));
    const bytes = readFileSync(path);
    const head = await git(edited, ["rev-parse", "HEAD"]);
    const r = await cli(edited, ["monitor", "churn", "--version", "1.0.0", "--value", "0.004"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("was changed since its last commit, not only appended to");
    expect(readFileSync(path)).toEqual(bytes);
    expect(await git(edited, ["rev-parse", "HEAD"])).toBe(head);
  });
});

describe("monitor with bad input: a clear error, nothing appended, nothing committed", () => {
  let repo: string;
  beforeAll(async () => {
    repo = await registry();
    await ok(repo, ["monitor", "churn", "--version", "1.0.0", "--value", "0.004"]);
  });

  const read = (file: string) => (existsSync(join(repo, file)) ? readFileSync(join(repo, file)) : null);

  const cases: [string, string[], 1 | 2, string[]][] = [
    [
      "a version not registered",
      ["churn", "--version", "9.9.9", "--value", "1"],
      1,
      ["churn@9.9.9 is not registered"],
    ],
    [
      "a challenger not registered",
      ["churn", "--version", "1.0.0", "--value", "1", "--challenger", "7.0.0", "--challenger-value", "1"],
      1,
      ["churn@7.0.0 is not registered"],
    ],
    [
      "a non-numeric value",
      ["churn", "--version", "1.0.0", "--value", "abc"],
      2,
      ["value must be a finite number"],
    ],
    [
      "a non-finite value",
      ["churn", "--version", "1.0.0", "--value", "Infinity"],
      2,
      ["must be a finite number"],
    ],
    ["NaN", ["churn", "--version", "1.0.0", "--value", "NaN"], 2, ["must be a finite number"]],
    [
      "a non-finite challenger value",
      ["churn", "--version", "1.0.0", "--value", "1", "--challenger", "1.0.1", "--challenger-value", "1e999"],
      2,
      ["challenger value must be a finite number"],
    ],
    [
      "a window that ends before it starts",
      [
        "churn",
        "--version",
        "1.0.0",
        "--value",
        "1",
        "--window-start",
        "2025-12-31",
        "--window-end",
        "2025-11-18",
      ],
      2,
      ["the window ends (2025-11-18) before it starts (2025-12-31)"],
    ],
    [
      "an impossible date",
      ["churn", "--version", "1.0.0", "--value", "1", "--window-start", "2025-02-30"],
      2,
      ["invalid window start"],
    ],
    [
      "samples below 1",
      ["churn", "--version", "1.0.0", "--value", "1", "--samples", "0"],
      2,
      ["samples must be a whole number"],
    ],
    [
      "a model without monitor configuration and no --metric",
      ["plain", "--version", "1.0.0", "--value", "1"],
      2,
      ["no monitor configuration and no --metric", "--metric NAME"],
    ],
    [
      "a baseline metric the version lacks",
      ["churn", "--version", "1.0.2", "--value", "1"],
      1,
      ["churn@1.0.2 has no metrics.val_rmse; it has: metrics.val_mae"],
    ],
    [
      "a --metric the version lacks",
      ["plain", "--version", "1.0.0", "--value", "1", "--metric", "auc"],
      1,
      ["plain@1.0.0 has no metrics.auc"],
    ],
    [
      "a challenger without its value",
      ["churn", "--version", "1.0.0", "--value", "1", "--challenger", "1.0.1"],
      2,
      ["--challenger and --challenger-value go together"],
    ],
    [
      "the champion as its own challenger",
      ["churn", "--version", "1.0.0", "--value", "1", "--challenger", "v1.0.0", "--challenger-value", "1"],
      2,
      ["is the monitored version itself"],
    ],
    ["no --value", ["churn", "--version", "1.0.0"], 2, ["--value"]],
    [
      "a model that does not exist",
      ["nope", "--version", "1.0.0", "--value", "1"],
      1,
      ["no model named nope"],
    ],
  ];

  it.each(cases)("%s", async (_name, args, code, fragments) => {
    const files = [FILE, "models/plain/monitoring.jsonl"];
    const before = {
      bytes: files.map(read),
      head: await git(repo, ["rev-parse", "HEAD"]),
      status: await git(repo, ["status", "--porcelain", "--untracked-files=all"]),
    };
    const r = await cli(repo, ["monitor", ...args]);
    const context = `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
    expect(r.code, context).toBe(code);
    for (const fragment of fragments) expect(r.stderr, context).toContain(fragment);
    expect(r.stderr, "no stack trace").not.toMatch(/^ {4}at /m);
    expect(r.stdout).toBe("");
    expect(files.map(read), "nothing appended").toEqual(before.bytes);
    expect(await git(repo, ["rev-parse", "HEAD"]), "nothing committed").toBe(before.head);
    expect(await git(repo, ["status", "--porcelain", "--untracked-files=all"])).toBe(before.status);
  });

  it("status of a model never monitored says so, and of an unknown model is an error", async () => {
    const none = await ok(repo, ["status", "plain"]);
    expect(none.stdout).toContain("plain: no data");
    const unknown = await cli(repo, ["status", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no model named nope");
  });
});
