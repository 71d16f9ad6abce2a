import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, git, newRepo, runFolder } from "../helpers/repo.js";

describe("register", () => {
  it("numbers three registrations 1.0.0, 1.0.1, 1.0.2 with tags, LFS, history and metadata as DESIGN says", async () => {
    const repo = await newRepo();
    const run = runFolder({
      "model.pkl": 4096,
      "scaler.pkl": 512,
      "config.json": '{"layers": 3}\n',
      "big.dat": 2 * 1024 * 1024,
    });
    for (const rmse of ["0.0114", "0.0112", "0.0110"]) {
      const r = await cli(repo, [
        "register",
        "churn",
        run,
        "--metric",
        `val_rmse=${rmse}`,
        "--tag",
        "timeframe=1H",
        "--param",
        "max_depth=6",
      ]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    expect((await git(repo, ["tag", "--list"])).trim().split("\n")).toEqual([
      "churn@v1.0.0",
      "churn@v1.0.1",
      "churn@v1.0.2",
    ]);

    // Annotated tags on the commit that added the version, message: first line, then the metrics as JSON.
    const tagMessage = await git(repo, ["tag", "-l", "--format=%(objecttype) %(contents)", "churn@v1.0.1"]);
    expect(tagMessage).toMatch(/^tag register churn@v1\.0\.1\n\n\{"val_rmse":0\.0112\}/);
    const added = await git(repo, [
      "log",
      "--format=%H",
      "--diff-filter=A",
      "--",
      "models/churn/1.0.1/metadata.json",
    ]);
    expect((await git(repo, ["rev-parse", "churn@v1.0.1^{commit}"])).trim()).toBe(added.trim());

    const metadata = JSON.parse(readFileSync(join(repo, "models/churn/1.0.2/metadata.json"), "utf8"));
    expect(metadata).toMatchObject({
      schema: 1,
      name: "churn",
      version: "1.0.2",
      metrics: { val_rmse: 0.011 },
      tags: { timeframe: "1H" },
      params: { max_depth: 6 },
      source: { branch: "main" },
    });
    expect(metadata.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(metadata.artifacts.map((a: { path: string }) => a.path)).toEqual([
      "big.dat",
      "config.json",
      "model.pkl",
      "scaler.pkl",
    ]);
    const sha = (await git(repo, ["hash-object", "--no-filters", join(run, "model.pkl")])).trim();
    expect(sha).toHaveLength(40); // a git sha1; the sha256 below is checked against the LFS pointer instead.
    const lfsFiles = await git(repo, ["lfs", "ls-files", "--long", "--name-only"]);
    expect(lfsFiles).toContain("models/churn/1.0.2/model.pkl");
    expect(lfsFiles).toContain("models/churn/1.0.2/big.dat"); // over 1 MiB: LFS although no pattern matches
    expect(lfsFiles).not.toContain("config.json");
    const pointer = await git(repo, ["cat-file", "-p", "HEAD:models/churn/1.0.2/model.pkl"]);
    const artifact = metadata.artifacts.find((a: { path: string }) => a.path === "model.pkl");
    expect(pointer).toContain(`oid sha256:${artifact.sha256}`);
    expect(pointer).toContain("size 4096");

    const history = readFileSync(join(repo, "models/churn/history.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(history.map((h) => h.version)).toEqual(["1.0.0", "1.0.1", "1.0.2"]);
    expect(Object.keys(history[0]).sort()).toEqual(["at", "metrics", "source", "tags", "version"]);

    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    expect((await cli(repo, ["validate"])).code).toBe(0);
  });

  it("commits only its own paths and leaves what the user had staged staged", async () => {
    const repo = await newRepo();
    await git(repo, ["config", "core.autocrlf", "false"]);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(repo, "train.py"), "print('hi')\n");
    await git(repo, ["add", "train.py"]);
    const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 100 })]);
    expect(r.code).toBe(0);
    expect(await git(repo, ["show", "--name-only", "--format=", "HEAD"])).not.toContain("train.py");
    expect(await git(repo, ["status", "--porcelain"])).toBe("A  train.py\n");
  });

  it("reads metadata.json from the run folder, takes --version and --bump, and records lineage with improvement", async () => {
    const repo = await newRepo();
    const first = runFolder({
      "model.pkl": 64,
      "metadata.json": JSON.stringify({
        description: "base",
        metrics: { sharpe_ratio: 1.3 },
        trained_symbols: ["BTC"],
      }),
    });
    expect((await cli(repo, ["register", "rl", first, "--version", "v2.0.0"])).code).toBe(0);
    const second = runFolder({ "model.pkl": 65 });
    const r = await cli(repo, [
      "register",
      "rl",
      second,
      "--bump",
      "minor",
      "--metric",
      "sharpe_ratio=1.4085",
      "--base",
      "rl@2.0.0",
      "--enhancement",
      "continued",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.version).toBe("2.1.0");
    expect(result.metadata.lineage).toEqual({ base: "rl@2.0.0", enhancement: "continued" });
    expect(result.metadata.improvement).toEqual({ sharpe_ratio: 8.35 });
    const base = JSON.parse(readFileSync(join(repo, "models/rl/2.0.0/metadata.json"), "utf8"));
    expect(base).toMatchObject({
      description: "base",
      trained_symbols: ["BTC"],
      metrics: { sharpe_ratio: 1.3 },
    });
    expect(base.artifacts.map((a: { path: string }) => a.path)).toEqual(["model.pkl"]); // metadata.json is not an artifact
  });

  it("--no-tag registers without a tag, and doctor --fix creates it on the registration commit", async () => {
    const repo = await newRepo();
    expect((await cli(repo, ["register", "churn", runFolder({ "model.pkl": 10 }), "--no-tag"])).code).toBe(0);
    expect(await git(repo, ["tag"])).toBe("");
    const report = await cli(repo, ["doctor"]);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain("churn@1.0.0 is registered in models/ but has no tag churn@v1.0.0");
    expect((await cli(repo, ["doctor", "--fix"])).code).toBe(0);
    expect((await git(repo, ["rev-parse", "churn@v1.0.0^{commit}"])).trim()).toBe(
      (await git(repo, ["rev-parse", "HEAD"])).trim(),
    );
    expect((await cli(repo, ["doctor"])).stdout).toContain("files and tags agree");
  });

  it("never reuses the number of a version that was removed (its tag remembers it)", async () => {
    const repo = await newRepo();
    await cli(repo, ["register", "churn", runFolder({ "model.pkl": 10 })]);
    await git(repo, ["rm", "-q", "-r", "models/churn/1.0.0"]);
    await git(repo, ["commit", "-q", "-m", "remove"]);
    const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 11 }), "--json"]);
    expect(JSON.parse(r.stdout).version).toBe("1.0.1");
  });

  it("uses the configured version scheme: major-minor and timestamp", async () => {
    const mm = await newRepo({ config: "versioning: major-minor\n" });
    await cli(mm, ["register", "bot", runFolder({ "m.joblib": 10 })]);
    const second = await cli(mm, ["register", "bot", runFolder({ "m.joblib": 11 }), "--json"]);
    expect(JSON.parse(second.stdout).version).toBe("1.1");
    const ts = await newRepo({ config: "versioning: timestamp\n" });
    const a = JSON.parse(
      (await cli(ts, ["register", "hxh", runFolder({ "m.h5": 10 }), "--json"])).stdout,
    ).version;
    const b = JSON.parse(
      (await cli(ts, ["register", "hxh", runFolder({ "m.h5": 11 }), "--json"])).stdout,
    ).version;
    expect(a).toMatch(/^\d{8}_\d{6}$/);
    expect(b > a).toBe(true); // same second: the next free second
  });
});
