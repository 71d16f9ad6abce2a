import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigSchema,
  MonitorPolicySchema,
  PromotePolicySchema,
  SelectPolicySchema,
} from "../../src/domain/config-schema.js";
import { type CliResult, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Issue 10 item 8: messages and output a person can act on.
 */

const ROOT = join(import.meta.dirname, "..", "..");

async function ok(cwd: string, args: string[]): Promise<CliResult> {
  const r = await cli(cwd, args);
  expect(r.code, `${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

/** The column where `header` starts in a table's first line, and the cell there in `row`. */
function cellUnder(tableText: string, header: string, rowIndex: number): { at: number; cell: string } {
  const lines = tableText.split("\n");
  const at = lines[0]!.search(new RegExp(`(^|  )${header}( |$)`)) + (lines[0]!.startsWith(header) ? 0 : 2);
  return { at, cell: lines[rowIndex]!.slice(at).split(/ {2,}/)[0]! };
}

describe("-C names a folder", () => {
  it("a missing folder or a file is said as such (not 'git is not installed', not 'spawn ENOTDIR'), before or after the command", async () => {
    const file = join(tempDir(), "afile");
    writeFileSync(file, "x");
    for (const args of [
      ["-C", "/nonexistent/gm", "list"],
      ["list", "-C", "/nonexistent/gm"],
    ]) {
      const r = await cli(tempDir(), args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        "error: -C /nonexistent/gm: no such folder\nhint: pass -C the folder of a git repository\n",
      );
    }
    for (const args of [
      ["-C", file, "list"],
      ["list", "-C", file],
    ]) {
      const r = await cli(tempDir(), args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: -C ${file}: not a folder`);
      expect(r.stderr).not.toMatch(/ENOTDIR|git is not installed/);
    }
  });
});

describe("the configuration reference", () => {
  const docs = readFileSync(join(ROOT, "docs", "configuration.md"), "utf8");
  const keysOf = (schema: unknown) =>
    Object.keys((schema as { _zod: { def: { shape: object } } })._zod.def.shape);

  it("docs/configuration.md documents every key, ships in the package, and every pointer names it", async () => {
    for (const key of [
      ...keysOf(ConfigSchema),
      ...keysOf(SelectPolicySchema),
      ...keysOf(PromotePolicySchema),
      ...keysOf(MonitorPolicySchema),
    ]) {
      expect(docs, key).toContain(`\`${key}\``);
    }
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).files).toContain(
      "docs/configuration.md",
    );

    const repo = await newRepo();
    expect(readFileSync(join(repo, ".gitmodel.yaml"), "utf8")).toMatch(/^# .*\n# docs\/configuration\.md/);
    writeFileSync(join(repo, ".gitmodel.yaml"), "root: models\nbogus: 1\n");
    const r = await cli(repo, ["list"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(".gitmodel.yaml:2: unknown key bogus");
    expect(r.stderr).toMatch(/hint: .*docs\/configuration\.md/);
  });
});

describe("every reading command takes --json", () => {
  it("each command in the man page (generated from the definitions) has --json; path prints its version as JSON", async () => {
    const page = readFileSync(join(ROOT, "dist", "man", "git-model.1"), "utf8");
    const sections = page.split(/^\.SS /m).slice(1);
    expect(sections.length).toBeGreaterThan(15);
    const without = sections.filter((s) => !s.includes("\\fB\\-\\-json\\fR")).map((s) => s.split("\n")[0]);
    expect(without).toEqual([]);

    const repo = await newRepo();
    await ok(repo, ["register", "churn", runFolder({ "model.pkl": 10 })]);
    const json = JSON.parse((await ok(repo, ["path", "churn@1.0.0", "--json"])).stdout);
    expect(json).toEqual({
      model: "churn",
      version: "1.0.0",
      stage: "development",
      folder: "models/churn/1.0.0",
      path: join(repo, "models/churn/1.0.0"),
    });
  });
});

describe("history of a deletion", () => {
  it("shows delete --reason and cleanup --reason, in the table and in JSON", async () => {
    const repo = await newRepo();
    for (const seed of [1, 2, 3]) await ok(repo, ["register", "churn", runFolder({ "model.pkl": seed })]);
    await ok(repo, ["delete", "churn@1.0.0", "--yes", "--reason", "leaked test data"]);
    await ok(repo, ["cleanup", "churn", "--keep", "1", "--yes", "--reason", "disk quota"]);
    expect(await git(repo, ["log", "-1", "--format=%(trailers:key=Reason,valueonly)"])).toContain(
      "disk quota",
    );
    const text = (await ok(repo, ["history", "churn"])).stdout;
    expect(text).toMatch(/deleted +1\.0\.0 .* leaked test data$/m);
    expect(text).toMatch(/deleted +1\.0\.1 .* disk quota$/m);
    const deletions = JSON.parse((await ok(repo, ["history", "churn", "--json"])).stdout).entries.filter(
      (e: { type: string }) => e.type === "deletion",
    );
    expect(deletions.map((d: { version: string; reason: string }) => [d.version, d.reason])).toEqual([
      ["1.0.0", "leaked test data"],
      ["1.0.1", "disk quota"],
    ]);
  });
});

describe("list with a broken metadata.json", () => {
  it("leaves the version out with a warning on stderr; the table keeps its shape", async () => {
    const repo = await newRepo();
    for (const seed of [1, 2]) await ok(repo, ["register", "churn", runFolder({ "model.pkl": seed })]);
    writeFileSync(join(repo, "models/churn/1.0.1/metadata.json"), "{broken");
    const r = await ok(repo, ["list", "churn"]);
    expect(r.stdout).not.toContain("not valid JSON");
    expect(r.stdout.trim().split("\n")).toHaveLength(2);
    expect(r.stdout).toMatch(/^1\.0\.0 /m);
    expect(r.stderr).toMatch(
      /^warning: left out churn@1\.0\.1: models\/churn\/1\.0\.1\/metadata\.json:1:2: not valid JSON/m,
    );
    expect(
      JSON.parse((await ok(repo, ["list", "churn", "--json"])).stdout).map(
        (v: { version: string }) => v.version,
      ),
    ).toEqual(["1.0.0"]);
  });
});

describe("tables line up the same way everywhere", () => {
  it("a column of only '-' is left-aligned; versions are left-aligned in every scheme; history and its trend print one date format", async () => {
    const repo = await newRepo({ config: "versioning: major-minor\n" });
    await ok(repo, ["register", "churn", runFolder({ "model.pkl": 1 }), "--metric", "auc=0.8"]);
    await ok(repo, ["register", "churn", runFolder({ "model.pkl": 2 }), "--metric", "auc=0.9"]);

    const history = (await ok(repo, ["history", "churn"])).stdout;
    for (const header of ["from", "to", "pr", "reason"]) {
      const { at, cell } = cellUnder(history, header, 1);
      expect(history.split("\n")[1]!.slice(at, at + 1), header).toBe("-");
      expect(cell).toBe("-");
    }
    // 1.0 is a number to a naive table; it is a version, left-aligned like 1.0.0.
    expect((await ok(repo, ["list", "churn"])).stdout.split("\n")[1]).toMatch(/^1\.0 /);
    expect((await ok(repo, ["list"])).stdout.split("\n")[1]).toMatch(/^churn +2 +1\.1 /);
    expect((await ok(repo, ["history", "churn"])).stdout.split("\n")[1]).toMatch(/registered +1\.0 /);

    const date = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;
    const when = history.split("\n")[1]!.slice(0, 19);
    expect(when).toMatch(date);
    const trend = (await ok(repo, ["history", "churn", "--metric", "auc"])).stdout;
    expect(trend.split("\n")[1]).toMatch(new RegExp(`^1\\.0 +${date.source} +0\\.8( +best)?$`));
    expect(trend).not.toMatch(/\dT\d/);
  });
});

describe("a change says whether it is better", () => {
  it("compare, show and lineage judge a change by the metric's goal in select.rank", async () => {
    const repo = await newRepo({
      config: "models:\n  churn:\n    select:\n      rank: { metric: metrics.acc, goal: max }\n",
    });
    await ok(repo, [
      "register",
      "churn",
      runFolder({ "model.pkl": 1 }),
      "--metric",
      "acc=0.9",
      "--metric",
      "loss=0.2",
    ]);
    await ok(repo, [
      "register",
      "churn",
      runFolder({ "model.pkl": 2 }),
      "--metric",
      "acc=0.95",
      "--metric",
      "loss=0.25",
      "--base",
      "churn@1.0.0",
    ]);
    const compare = (await ok(repo, ["compare", "churn@1.0.0", "churn@1.0.1"])).stdout;
    expect(compare).toMatch(/^acc .* \+5\.56% \(better\)$/m);
    // loss has no goal: no guess, and the output says how to get one.
    expect(compare).toMatch(/^loss .* \+25%$/m);
    expect(compare).toContain("no goal configured for loss");
    const json = JSON.parse((await ok(repo, ["compare", "churn@1.0.1", "churn@1.0.0", "--json"])).stdout);
    expect(json.metrics.find((m: { name: string }) => m.name === "acc")).toMatchObject({
      goal: "max",
      verdict: "worse",
    });
    expect((await ok(repo, ["show", "churn@1.0.1"])).stdout).toContain("acc=+5.56% (better)");
    expect((await ok(repo, ["lineage", "churn@1.0.1"])).stdout).toContain("acc +5.56% (better)");
  });
});

describe("a first register without .gitmodel.yaml", () => {
  it("says which repository and registry root it wrote to", async () => {
    const repo = await newRepo({ init: false });
    const first = await ok(repo, ["register", "churn", runFolder({ "model.pkl": 1 })]);
    expect(first.stdout).toContain(`the first version in ${repo}: registry root models/`);
    expect(first.stdout).toContain("no .gitmodel.yaml");
    const json = JSON.parse(
      (await ok(repo, ["register", "churn", runFolder({ "model.pkl": 2 }), "--json"])).stdout,
    );
    expect(json).toMatchObject({ repository: repo, root: "models" });
    // Only the first says it.
    expect((await ok(repo, ["register", "churn", runFolder({ "model.pkl": 3 })])).stdout).not.toContain(
      "first version",
    );
  });
});
