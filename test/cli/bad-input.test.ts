import { spawnSync } from "node:child_process";
import { appendFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectClearError, expectRefused } from "../helpers/refusal.js";
import { cleanEnv, cli, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Issue 2, "Bad input gets a clear error and changes nothing": every bad input a new user can
 * type gets a message that says what is wrong, exit code 1 (not found / invalid / conflict) or 2
 * (usage / environment), no stack trace, and leaves the repository exactly as it was: work tree,
 * index, HEAD, branches and tags.
 */

describe("register with bad input: a clear error, and the repository unchanged", () => {
  let repo: string;
  let run: string;

  beforeAll(async () => {
    repo = await newRepo();
    run = runFolder({ "model.pkl": 256, "config.json": '{"layers": 3}\n' });
    const first = await cli(repo, ["register", "churn", run, "--metric", "val_rmse=0.0114"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
  });

  describe("model names that would escape the registry or are not names", () => {
    it.each([
      ["../x", ['invalid model name "../x"', "path separator"]],
      ["a/b", ['invalid model name "a/b"', "path separator"]],
      ["/abs", ['invalid model name "/abs"', "path separator"]],
      ["..", ['invalid model name ".."']],
      ["", ['invalid model name ""', "it is empty"]],
      ["Churn", ['invalid model name "Churn"', 'upper-case letters (try "churn")']],
      ["ch\u0001urn", ['invalid model name "ch\\u0001urn"', "control characters"]],
      ["ch\nurn", ['invalid model name "ch\\nurn"', "control characters"]],
    ])("refuses the model name %j (exit 2)", async (name, fragments) => {
      await expectRefused(repo, ["register", name, run], 2, [...fragments, "hint: model names match"]);
    });

    it("reading commands refuse an escaping name too", async () => {
      await expectRefused(repo, ["show", "../x@1.0.0"], 2, ['invalid model name "../x"']);
      await expectRefused(repo, ["path", "Churn#production"], 2, ['invalid model name "Churn"']);
    });
  });

  describe("versions", () => {
    it("refuses a version that is invalid for the scheme (exit 2)", async () => {
      await expectRefused(repo, ["register", "churn", run, "--version", "1.x"], 2, [
        'invalid version "1.x" for the semver scheme',
        "hint: versions look like 1.3.0",
      ]);
    });

    it("refuses a version that would escape the model folder (exit 2)", async () => {
      await expectRefused(repo, ["register", "churn", run, "--version", "../../x"], 2, [
        'invalid version "../../x"',
      ]);
    });

    it("refuses a version that exists already, with or without the leading v (exit 1)", async () => {
      for (const version of ["1.0.0", "v1.0.0"]) {
        await expectRefused(repo, ["register", "churn", run, "--version", version], 1, [
          "churn@1.0.0 exists already (versions are immutable)",
          "hint: leave out --version",
        ]);
      }
    });
  });

  describe("run folders", () => {
    it("refuses a run folder that is missing (exit 2)", async () => {
      const missing = join(tempDir(), "no-such-run");
      await expectRefused(repo, ["register", "churn", missing], 2, [`run folder ${missing} does not exist`]);
    });

    it("refuses a run folder that is empty, or holds only metadata.json (exit 2)", async () => {
      const empty = tempDir("gm-empty-");
      await expectRefused(repo, ["register", "churn", empty], 2, [
        `run folder ${empty} has no files to register`,
      ]);
      const onlyMetadata = runFolder({ "metadata.json": '{"description": "no artifacts"}' });
      await expectRefused(repo, ["register", "churn", onlyMetadata], 2, ["has no files to register"]);
    });

    it("refuses a run path that is a file, not a folder (exit 2)", async () => {
      const file = join(runFolder({ "model.pkl": 10 }), "model.pkl");
      await expectRefused(repo, ["register", "churn", file], 2, [`${file} is not a folder`]);
    });

    it("refuses a run folder holding a symlink to a file outside it (exit 2)", async () => {
      const outside = runFolder({ "secret.txt": "do not copy me\n" });
      const linked = runFolder({ "model.pkl": 64 });
      symlinkSync(join(outside, "secret.txt"), join(linked, "scaler.pkl"));
      await expectRefused(repo, ["register", "churn", linked], 2, [
        "scaler.pkl is a symbolic link out of the run folder",
        "hint: copy the file into the run folder",
      ]);
    });

    it("refuses a run folder holding a file name with a control character (exit 2)", async () => {
      const dir = runFolder({ "model.pkl": 64, "bad\u0001name.pkl": 10 });
      await expectRefused(repo, ["register", "churn", dir], 2, [
        'invalid artifact path "bad\\u0001name.pkl"',
        "control characters",
      ]);
    });

    it("refuses a run folder holding a symlink to a folder outside it (exit 2)", async () => {
      const outside = runFolder({ "weights/a.bin": 32 });
      const linked = runFolder({ "model.pkl": 64 });
      symlinkSync(join(outside, "weights"), join(linked, "weights"));
      await expectRefused(repo, ["register", "churn", linked], 2, [
        "weights is a symbolic link out of the run folder",
      ]);
    });
  });

  describe("metadata", () => {
    const notJson = '{\n  "description": "x",\n  "metrics": {\n    "a": 1,,\n  }\n}\n';

    it("refuses --metadata that is not JSON, naming the file, line and column (exit 1)", async () => {
      const file = join(tempDir("gm-meta-"), "meta.json");
      writeFileSync(file, notJson);
      await expectRefused(repo, ["register", "churn", run, "--metadata", file], 1, [
        `${file}:4:12: not valid JSON`,
        "hint: fix the JSON at that line and column",
      ]);
    });

    it("refuses a metadata.json in the run folder that is not JSON, naming it (exit 1)", async () => {
      const dir = runFolder({ "model.pkl": 64, "metadata.json": notJson });
      const r = await expectRefused(repo, ["register", "churn", dir], 1, [":4:12: not valid JSON"]);
      expect(r.stderr).toMatch(/metadata\.json:4:12/);
    });

    it("refuses metadata that breaks the schema, naming the field (exit 1)", async () => {
      const file = join(tempDir("gm-meta-"), "meta.json");
      writeFileSync(file, JSON.stringify({ description: "ok", metrics: { x: "high" } }, null, 2));
      await expectRefused(repo, ["register", "churn", run, "--metadata", file], 1, [
        "metrics.x: must be a finite number",
      ]);
      writeFileSync(file, JSON.stringify({ changelog: "not a list" }));
      await expectRefused(repo, ["register", "churn", run, "--metadata", file], 1, ["changelog:"]);
    });

    it("refuses --metadata that is JSON but not an object (exit 1)", async () => {
      const file = join(tempDir("gm-meta-"), "meta.json");
      writeFileSync(file, "[1, 2]\n");
      await expectRefused(repo, ["register", "churn", run, "--metadata", file], 1, [
        "metadata must be a JSON object",
      ]);
    });

    it("refuses a --metadata file that does not exist (exit 2)", async () => {
      const file = join(tempDir("gm-meta-"), "missing.json");
      await expectRefused(repo, ["register", "churn", run, "--metadata", file], 2, [
        `metadata file ${file} does not exist`,
      ]);
    });

    it("refuses --metric with a value that is not a finite number (exit 2)", async () => {
      await expectRefused(repo, ["register", "churn", run, "--metric", "acc=high"], 2, [
        '--metric acc must be a finite number, got "high"',
      ]);
      await expectRefused(repo, ["register", "churn", run, "--metric", "acc=Infinity"], 2, [
        '--metric acc must be a finite number, got "Infinity"',
      ]);
      await expectRefused(repo, ["register", "churn", run, "--metric", "acc="], 2, [
        "--metric acc must be a finite number",
      ]);
      await expectRefused(repo, ["register", "churn", run, "--metric", "acc"], 2, [
        '--metric takes key=value, got "acc"',
      ]);
    });
  });

  describe("the command line", () => {
    it("refuses an unknown command (exit 2)", async () => {
      await expectRefused(repo, ["frobnicate"], 2, ["unknown command 'frobnicate'"]);
    });

    it("refuses an unknown flag (exit 2)", async () => {
      await expectRefused(repo, ["register", "churn", run, "--frob"], 2, ["unknown option '--frob'"]);
      await expectRefused(repo, ["list", "--frob"], 2, ["unknown option '--frob'"]);
    });

    it("refuses a missing argument (exit 2)", async () => {
      await expectRefused(repo, ["register", "churn"], 2, ["missing required argument 'dir'"]);
    });

    it("refuses --version together with --bump (exit 2)", async () => {
      await expectRefused(repo, ["register", "churn", run, "--version", "2.0.0", "--bump", "minor"], 2, [
        "--version and --bump cannot be used together",
      ]);
    });
  });

  describe("references that do not resolve", () => {
    it("show of a version that does not exist says so and lists the versions (exit 1)", async () => {
      await expectRefused(repo, ["show", "churn@9.9.9"], 1, [
        "churn@9.9.9 is not registered",
        "versions: 1.0.0",
      ]);
    });

    it("show of a model that does not exist names the models there are (exit 1)", async () => {
      await expectRefused(repo, ["show", "fraud@1.0.0"], 1, [
        "no model named fraud in models/",
        "models here: churn",
      ]);
    });

    it("path of a stage that is not configured names the configured stages (exit 2)", async () => {
      await expectRefused(repo, ["path", "churn#nosuchstage"], 2, [
        "unknown stage nosuchstage",
        "configured stages: development, staging, production, archived",
      ]);
    });

    it("path of a configured stage that nobody holds says so (exit 1)", async () => {
      await expectRefused(repo, ["path", "churn#production"], 1, ["no version of churn is in production"]);
    });
  });
});

describe("the environment: a clear error, exit 2, and nothing written", () => {
  it("refuses to run outside a git repository and says how to start one", async () => {
    const notRepo = tempDir("gm-norepo-");
    const run = runFolder({ "model.pkl": 64 });
    for (const args of [["register", "churn", run], ["list"], ["validate"], ["init"]]) {
      const r = await cli(notRepo, args, { env: cleanEnv({ GIT_CEILING_DIRECTORIES: notRepo }) });
      expectClearError(r, 2, [`not a git repository: ${notRepo}`, "git init"]);
      expect(readdirSync(notRepo)).toEqual([]);
    }
  });

  it("refuses to register without git-lfs and says how to install it", async () => {
    const repo = await newRepo();
    const run = runFolder({ "model.pkl": 64 });
    // A PATH with git and node but no git-lfs (/usr/bin holds both git and git-lfs, so it is left out).
    const bin = tempDir("gm-bin-");
    const which = spawnSync("which", ["git"], { encoding: "utf8" });
    symlinkSync(which.stdout.trim(), join(bin, "git"));
    symlinkSync(process.execPath, join(bin, "node"));
    const env = cleanEnv({ PATH: bin });
    const lfs = spawnSync("git", ["lfs", "version"], { env, encoding: "utf8" });
    expect(lfs.status, "precondition: git lfs must be missing on this PATH").not.toBe(0);
    expect(spawnSync("git", ["--version"], { env }).status, "precondition: git is on this PATH").toBe(0);

    await expectRefused(
      repo,
      ["register", "churn", run],
      2,
      ["git-lfs is not installed", "apt-get install git-lfs", "brew install git-lfs"],
      { env },
    );
  });
});

describe("an invalid .gitmodel.yaml names the key and the line (a usage error: exit 2)", () => {
  async function repoWithConfig(config: string): Promise<string> {
    const repo = await newRepo();
    writeFileSync(join(repo, ".gitmodel.yaml"), config);
    return repo;
  }
  const run = () => runFolder({ "model.pkl": 64 });

  it("an unknown top-level key (exit 2)", async () => {
    const repo = await repoWithConfig("root: models\nversioning: semver\nfrobnicate: 1\n");
    await expectRefused(repo, ["list"], 2, [".gitmodel.yaml:3: unknown key frobnicate"]);
    await expectRefused(repo, ["register", "churn", run()], 2, [".gitmodel.yaml:3: unknown key frobnicate"]);
  });

  it("an unknown nested key (exit 2)", async () => {
    const repo = await repoWithConfig(
      "root: models\nstages:\n  - { name: development, initial: true }\n  - { name: production, exclusive: true, colour: red }\n",
    );
    await expectRefused(repo, ["register", "churn", run()], 2, [
      ".gitmodel.yaml:4: unknown key stages.1.colour",
    ]);
  });

  it("a bad value names the key (exit 2)", async () => {
    const repo = await repoWithConfig("root: models\nversioning: calendar\n");
    await expectRefused(repo, ["register", "churn", run()], 2, [".gitmodel.yaml:2: versioning:", "semver"]);
  });

  it("YAML that does not parse names the line and column (exit 2)", async () => {
    const repo = await repoWithConfig("root: models\nversioning: semver: x\n");
    await expectRefused(repo, ["list"], 2, [
      ".gitmodel.yaml:2:13:",
      "hint: fix the YAML syntax at that line",
    ]);
    await expectRefused(repo, ["register", "churn", run()], 2, [".gitmodel.yaml:2:13:"]);
  });

  it("a duplicated key names its line (exit 2)", async () => {
    const repo = await repoWithConfig("root: models\nroot: elsewhere\n");
    await expectRefused(repo, ["register", "churn", run()], 2, [
      ".gitmodel.yaml:2:1: Map keys must be unique",
    ]);
  });

  it("a --config file that does not exist (exit 2)", async () => {
    const repo = await newRepo();
    await expectRefused(repo, ["list", "--config", "nope.yaml"], 2, [
      "configuration file nope.yaml does not exist",
    ]);
  });
});

describe("a registration that fails half-way undoes itself", () => {
  it("refuses to sweep up the user's uncommitted history.jsonl, and leaves it as it was (exit 1)", async () => {
    const repo = await newRepo();
    expect((await cli(repo, ["register", "churn", runFolder({ "model.pkl": 64 })])).code).toBe(0);
    appendFileSync(join(repo, "models/churn/history.jsonl"), '{"at":');
    await expectRefused(repo, ["register", "churn", runFolder({ "model.pkl": 65 })], 1, [
      "models/churn/history.jsonl has uncommitted changes",
    ]);
  });
});
