import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bareRemote, cleanEnv, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/** Sets stages.json by hand and commits it. */
async function setStages(repo: string, stages: Record<string, string | string[]>): Promise<void> {
  writeFileSync(join(repo, "models/churn/stages.json"), `${JSON.stringify(stages, null, 2)}\n`);
  await git(repo, ["add", "models/churn/stages.json"]);
  await git(repo, ["commit", "-q", "-m", "set stages"]);
}

const runs = [
  runFolder({ "model.pkl": 3000, "nested/scaler.pkl": 700, "config.json": '{"v":0}\n' }),
  runFolder({ "model.pkl": 3001, "nested/scaler.pkl": 701, "config.json": '{"v":1}\n' }),
];

/** Two versions in a local registry; 1.0.1 holds production. */
async function localRegistry(): Promise<string> {
  const repo = await newRepo();
  for (const run of runs) expect((await cli(repo, ["register", "churn", run])).code).toBe(0);
  await setStages(repo, { production: "1.0.1" });
  return repo;
}

/**
 * A registry pushed with its LFS objects to a bare remote, and a clone of it made with
 * GIT_LFS_SKIP_SMUDGE=1: every LFS file in the clone is a pointer until pulled.
 */
async function pointerClone(options: { pushLfs?: boolean } = {}): Promise<{ seed: string; clone: string }> {
  const { url } = await bareRemote();
  const seed = await newRepo();
  await git(seed, ["remote", "add", "origin", url]);
  await git(seed, ["push", "-q", "origin", "main"]);
  for (const run of runs) {
    if (options.pushLfs === false) {
      expect((await cli(seed, ["register", "churn", run])).code).toBe(0);
    } else {
      const r = await cli(seed, ["register", "churn", run, "--push"]);
      expect(r.stderr).toBe("");
    }
  }
  await setStages(seed, { production: "1.0.1" });
  // --no-verify skips git-lfs's pre-push hook, so the LFS objects stay behind when asked to.
  await git(seed, ["push", "-q", ...(options.pushLfs === false ? ["--no-verify"] : []), "origin", "main"]);
  const clone = join(tempDir("gm-clone-"), "clone");
  await git(tempDir(), ["clone", "-q", url, clone], cleanEnv({ GIT_LFS_SKIP_SMUDGE: "1" }));
  await git(clone, ["lfs", "install", "--local"]);
  return { seed, clone };
}

const isPointer = (file: string) =>
  readFileSync(file, "utf8").startsWith("version https://git-lfs.github.com/spec/v1");

describe("pull", () => {
  it("in a clone where LFS files are pointers, makes only that version's files real and prints its folder", async () => {
    const { seed, clone } = await pointerClone();
    const v0 = join(clone, "models/churn/1.0.0");
    const v1 = join(clone, "models/churn/1.0.1");
    expect(isPointer(join(v0, "model.pkl"))).toBe(true);
    expect(isPointer(join(v1, "model.pkl"))).toBe(true);

    const r = await cli(clone, ["pull", "churn@1.0.0"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${v0}\n`);
    expect(r.stderr).toContain("pulled 2 file(s) of churn@1.0.0");
    for (const file of ["model.pkl", "nested/scaler.pkl", "config.json"]) {
      expect(readFileSync(join(v0, file))).toEqual(readFileSync(join(seed, "models/churn/1.0.0", file)));
    }
    expect(isPointer(join(v1, "model.pkl"))).toBe(true);
    expect(isPointer(join(v1, "nested/scaler.pkl"))).toBe(true);
    expect(await git(clone, ["status", "--porcelain"])).toBe("");

    const again = await cli(clone, ["pull", "churn@1.0.0", "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      model: "churn",
      version: "1.0.0",
      folder: "models/churn/1.0.0",
      path: v0,
      fetched: [],
    });
  });

  it("GIT_MODEL_STAGE=production pulls the production holder for a bare model name", async () => {
    const { clone } = await pointerClone();
    const r = await cli(clone, ["pull", "churn"], { env: cleanEnv({ GIT_MODEL_STAGE: "production" }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(clone, "models/churn/1.0.1")}\n`);
    expect(isPointer(join(clone, "models/churn/1.0.1/model.pkl"))).toBe(false);
    expect(isPointer(join(clone, "models/churn/1.0.0/model.pkl"))).toBe(true);
    // churn#production says the same without the variable.
    const explicit = await cli(clone, ["pull", "churn#production"]);
    expect(explicit.stdout).toBe(r.stdout);
  });

  it("says so clearly when the remote does not have the LFS objects", async () => {
    const { clone } = await pointerClone({ pushLfs: false });
    const r = await cli(clone, ["pull", "churn@1.0.0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("git lfs pull of models/churn/1.0.0 failed: Failed to fetch some objects");
    expect(r.stderr).toContain("holds the LFS objects");
    expect(isPointer(join(clone, "models/churn/1.0.0/model.pkl"))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [["pull", "fraud"], 1, "no model named fraud"],
    [["pull", "churn@9.9.9"], 1, "churn@9.9.9 is not registered"],
    [["pull", "churn#staging"], 1, "no version of churn is in staging"],
    [["pull", "churn#nope"], 2, "unknown stage nope"],
    [["pull", "Churn"], 2, 'invalid model name "Churn"'],
    [["pull"], 2, "missing required argument 'ref'"],
  ])("%j is refused with a clear error (exit %i)", async (args, code, message) => {
    const repo = await localRegistry();
    const r = await cli(repo, args);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(code);
  });
});

describe("export", () => {
  it("copies the artifacts and metadata.json to a new folder, verified against their sha256", async () => {
    const repo = await localRegistry();
    const out = join(tempDir(), "serve", "churn");
    const r = await cli(repo, ["export", "churn@1.0.0", out, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ model: "churn", version: "1.0.0", stage: "development", target: out });
    expect(result.files.map((f: { path: string }) => f.path).sort()).toEqual([
      "config.json",
      "metadata.json",
      "model.pkl",
      "nested/scaler.pkl",
    ]);
    for (const file of ["model.pkl", "nested/scaler.pkl", "config.json", "metadata.json"]) {
      expect(readFileSync(join(out, file))).toEqual(readFileSync(join(repo, "models/churn/1.0.0", file)));
    }
    // No staging folder is left beside the target.
    expect(readdirSync(join(out, ".."))).toEqual(["churn"]);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
  });

  it("exports into an existing empty folder, and a relative folder from -C's folder", async () => {
    const repo = await localRegistry();
    const empty = tempDir();
    expect((await cli(repo, ["export", "churn#production", empty])).code).toBe(0);
    expect(statSync(join(empty, "model.pkl")).size).toBe(3001);
    const base = tempDir();
    const r = await cli(base, ["export", "-C", repo, "churn@1.0.0", "../relative-out"]);
    expect(r.code).toBe(0);
    expect(existsSync(join(repo, "..", "relative-out", "model.pkl"))).toBe(true);
  });

  it("refuses a folder that is not empty unless --force, which replaces same-named files and keeps the rest", async () => {
    const repo = await localRegistry();
    const out = tempDir();
    writeFileSync(join(out, "model.pkl"), "old");
    writeFileSync(join(out, "README"), "mine");
    const r = await cli(repo, ["export", "churn@1.0.1", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${out} is not empty`);
    expect(r.stderr).toContain("--force");
    expect(readFileSync(join(out, "model.pkl"), "utf8")).toBe("old");
    const forced = await cli(repo, ["export", "churn@1.0.1", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`exported churn@1.0.1 (production) to ${out}: 4 files`);
    expect(statSync(join(out, "model.pkl")).size).toBe(3001);
    expect(readFileSync(join(out, "README"), "utf8")).toBe("mine");
  });

  it("refuses a version that is not pulled: tells to run git model pull first, and writes nothing", async () => {
    const { clone } = await pointerClone();
    const out = join(tempDir(), "out");
    const r = await cli(clone, ["export", "churn@1.0.0", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "churn@1.0.0 is not pulled: model.pkl, nested/scaler.pkl are still LFS pointers",
    );
    expect(r.stderr).toContain("run git model pull churn@1.0.0 first");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, ".."))).toEqual([]);
    // After the pull it works.
    expect((await cli(clone, ["pull", "churn@1.0.0"])).code).toBe(0);
    expect((await cli(clone, ["export", "churn@1.0.0", out])).code).toBe(0);
    expect(statSync(join(out, "model.pkl")).size).toBe(3000);
  });

  it("GIT_MODEL_STAGE=production exports the production holder for a bare model name", async () => {
    const repo = await localRegistry();
    const out = join(tempDir(), "out");
    const r = await cli(repo, ["export", "churn", out], { env: cleanEnv({ GIT_MODEL_STAGE: "production" }) });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "metadata.json"), "utf8")).version).toBe("1.0.1");
  });

  it("refuses an artifact path from metadata.json that would leave the target folder", async () => {
    const repo = await localRegistry();
    const file = join(repo, "models/churn/1.0.0/metadata.json");
    const metadata = JSON.parse(readFileSync(file, "utf8"));
    metadata.artifacts[0].path = "../../escaped.pkl";
    writeFileSync(file, JSON.stringify(metadata));
    const parent = tempDir();
    const out = join(parent, "a", "b");
    const r = await cli(repo, ["export", "churn@1.0.0", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'invalid artifact path in models/churn/1.0.0/metadata.json "../../escaped.pkl"',
    );
    expect(r.stderr).toContain("it contains '..'");
    expect(existsSync(join(parent, "escaped.pkl"))).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to write through a symbolic link in the target folder with --force", async () => {
    const repo = await localRegistry();
    const out = tempDir();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(out, "nested"));
    const r = await cli(repo, ["export", "churn@1.0.0", out, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("leads outside");
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("refuses an artifact that was changed or removed in the work tree, writing nothing", async () => {
    const repo = await localRegistry();
    writeFileSync(join(repo, "models/churn/1.0.0/config.json"), '{"v":"edited"}\n');
    const out = join(tempDir(), "out");
    let r = await cli(repo, ["export", "churn@1.0.0", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("models/churn/1.0.0/config.json does not match its sha256 in metadata.json");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, ".."))).toEqual([]);
    await git(repo, ["checkout", "--", "models/churn/1.0.0/config.json"]);
    await git(repo, ["rm", "-q", "models/churn/1.0.0/model.pkl"]);
    r = await cli(repo, ["export", "churn@1.0.0", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("model.pkl of churn@1.0.0 is missing from models/churn/1.0.0");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [["export", "churn@1.0.0", "models/churn/copy"], 2, "cannot export into the registry (models/)"],
    [["export", "churn@1.0.0", "README.md"], 2, "README.md exists and is not a folder"],
    [["export", "churn@9.9.9", "/tmp/never-made"], 1, "churn@9.9.9 is not registered"],
    [["export", "churn@1.0.0"], 2, "missing required argument 'dir'"],
  ])("%j is refused with a clear error (exit %i)", async (args, code, message) => {
    const repo = await localRegistry();
    const r = await cli(repo, args);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(code);
    expect(existsSync("/tmp/never-made")).toBe(false);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
  });
});

describe("GIT_MODEL_STAGE", () => {
  const withStage = (stage: string) => ({ env: cleanEnv({ GIT_MODEL_STAGE: stage }) });

  it("makes path and show of a bare model name answer with the stage's holder; explicit references ignore it", async () => {
    const repo = await localRegistry();
    const path = await cli(repo, ["path", "churn"], withStage("production"));
    expect(path.code).toBe(0);
    expect(path.stdout).toBe(`${join(repo, "models/churn/1.0.1")}\n`);
    // Without it, a bare name is the latest version; with an explicit version, the variable does not apply.
    await cli(repo, ["register", "churn", runFolder({ "model.pkl": 9 })]);
    expect((await cli(repo, ["path", "churn"])).stdout).toBe(`${join(repo, "models/churn/1.0.2")}\n`);
    expect((await cli(repo, ["path", "churn"], withStage("production"))).stdout).toBe(path.stdout);
    expect((await cli(repo, ["path", "churn@1.0.0"], withStage("production"))).stdout).toBe(
      `${join(repo, "models/churn/1.0.0")}\n`,
    );
    const show = await cli(repo, ["show", "churn", "--json"], withStage("production"));
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ version: "1.0.1", stage: "production" });
    expect(
      JSON.parse((await cli(repo, ["show", "churn@latest", "--json"], withStage("production"))).stdout)
        .version,
    ).toBe("1.0.2");
    // An empty variable is the same as none.
    expect((await cli(repo, ["path", "churn"], withStage(""))).stdout).toBe(
      `${join(repo, "models/churn/1.0.2")}\n`,
    );
  });

  it("names the variable when the stage it sets has no holder or is not configured", async () => {
    const repo = await localRegistry();
    const empty = await cli(repo, ["path", "churn"], withStage("staging"));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("no version of churn is in staging");
    expect(empty.stderr).toContain("churn means churn#staging because GIT_MODEL_STAGE=staging");
    const unknown = await cli(repo, ["show", "churn"], withStage("prod"));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown stage prod");
    expect(unknown.stderr).toContain("GIT_MODEL_STAGE=prod");
    const invalid = await cli(repo, ["path", "churn"], withStage("Prod"));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('invalid stage "Prod"');
    expect(invalid.stderr).toContain("GIT_MODEL_STAGE=Prod");
  });
});
