import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, cli, expectCliError, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";
import { ok } from "../helpers/stages.js";

/**
 * What start-up reads without asking git or parsing YAML (docs/benchmarks.md): the repository is
 * found from `.git` where that is plain, and the parsed configuration comes from a cache in the
 * git folder, keyed by the file's exact text and the build. Each test shows that what a person
 * changes takes effect, and that everything git would decide otherwise is left to git.
 */

const CACHE = ".git/git-model/config-cache.json";

const CANARY_CONFIG = `root: models
stages:
  - { name: development, initial: true }
  - { name: canary, exclusive: true }
  - { name: production, exclusive: true }
`;

let repo: string;

beforeAll(async () => {
  repo = await newRepo();
  await ok(repo, ["register", "churn", runFolder({ "model.pkl": 64 }), "--metric", "auc=0.8"]);
});

const header = async (cwd: string, env?: NodeJS.ProcessEnv) =>
  (await ok(cwd, ["list"], env)).stdout.split("\n")[0];

describe("the configuration cache", () => {
  it("is written by the first command and holds the exact text it parsed", async () => {
    rmSync(join(repo, CACHE), { force: true });
    expect(await header(repo)).toMatch(/^model +versions +latest +staging +production$/);
    const entry = JSON.parse(readFileSync(join(repo, CACHE), "utf8"));
    expect(entry.file).toBe(".gitmodel.yaml");
    expect(entry.text).toBe(readFileSync(join(repo, ".gitmodel.yaml"), "utf8"));
    expect(entry.parsed.root).toBe("models");
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
  });

  it("never serves an edited file's old parse", async () => {
    const original = readFileSync(join(repo, ".gitmodel.yaml"), "utf8");
    try {
      await header(repo);
      writeFileSync(join(repo, ".gitmodel.yaml"), CANARY_CONFIG);
      expect(await header(repo)).toMatch(/^model +versions +latest +canary +production$/);
      writeFileSync(join(repo, ".gitmodel.yaml"), original);
      expect(await header(repo)).toMatch(/ staging +production$/);
    } finally {
      writeFileSync(join(repo, ".gitmodel.yaml"), original);
    }
  });

  it("reports an invalid file on every run, with its line, though a valid parse was cached", async () => {
    const original = readFileSync(join(repo, ".gitmodel.yaml"), "utf8");
    try {
      await header(repo);
      writeFileSync(join(repo, ".gitmodel.yaml"), `${original}stages: {\n`);
      for (let i = 0; i < 2; i++) {
        const r = await cli(repo, ["list"]);
        expectCliError(r, 2, [".gitmodel.yaml:", "fix the YAML syntax"]);
      }
      writeFileSync(join(repo, ".gitmodel.yaml"), `${original}stages: []\n`);
      expectCliError(await cli(repo, ["list"]), 2, [".gitmodel.yaml:", "stages"]);
    } finally {
      writeFileSync(join(repo, ".gitmodel.yaml"), original);
    }
  });

  it("ignores an entry from another build, a torn entry and one for another file", async () => {
    await header(repo);
    const entry = JSON.parse(readFileSync(join(repo, CACHE), "utf8"));
    // Were any of these read, the registry root would be a folder without models.
    const misleading = { ...entry, parsed: { ...entry.parsed, root: "elsewhere" } };
    for (const bad of [
      JSON.stringify({ ...misleading, build: "another-build" }),
      JSON.stringify({ ...entry, parsed: null }),
      JSON.stringify({ ...misleading, file: "other.yaml" }),
      JSON.stringify({ ...misleading, text: `${entry.text}# edited\n` }),
      JSON.stringify(misleading).slice(0, 40),
      "",
    ]) {
      writeFileSync(join(repo, CACHE), bad);
      const r = await ok(repo, ["list"]);
      expect(r.stdout, bad).toMatch(/^churn +1 +1\.0\.0/m);
      expect(JSON.parse(readFileSync(join(repo, CACHE), "utf8")).parsed.root).toBe("models");
    }
  });

  it("keeps one entry per configuration file: --config is parsed from its own text", async () => {
    writeFileSync(join(repo, "canary.yaml"), CANARY_CONFIG);
    try {
      expect((await ok(repo, ["list", "--config", "canary.yaml"])).stdout).toMatch(/ canary +production\n/);
      expect(await header(repo)).toMatch(/ staging +production$/);
      expectCliError(await cli(repo, ["list", "--config", "missing.yaml"]), 2, [
        "configuration file missing.yaml does not exist",
      ]);
      for (const [outside, why] of [
        ["../canary.yaml", "it contains '..'"],
        [join(repo, "canary.yaml"), "it is absolute"],
        [".git/config", "it names a .git folder"],
      ])
        expectCliError(await cli(repo, ["list", "--config", outside!]), 2, [
          `invalid configuration file`,
          why!,
        ]);
    } finally {
      rmSync(join(repo, "canary.yaml"));
    }
  });

  it("is only a saving: a git folder where it cannot be written changes nothing", async () => {
    rmSync(join(repo, CACHE), { force: true });
    mkdirSync(join(repo, CACHE));
    try {
      expect(await header(repo)).toMatch(/ staging +production$/);
      expect((await ok(repo, ["list", "churn"])).stdout).toMatch(/^1\.0\.0 +development/m);
      // The entry written aside is not left behind (list churn may keep its metadata cache beside it).
      expect(
        readdirSync(join(repo, ".git", "git-model")).filter((f) => f.startsWith("config-cache")),
      ).toEqual(["config-cache.json"]);
    } finally {
      rmSync(join(repo, CACHE), { recursive: true, force: true });
    }
  });
});

describe("finding the repository", () => {
  it("works from a subfolder and from a linked worktree, whose cache is its own", async () => {
    const sub = join(repo, "models", "churn");
    expect((await ok(sub, ["list"])).stdout).toMatch(/^churn +1 +1\.0\.0/m);
    const worktree = join(tempDir(), "wt");
    await git(repo, ["worktree", "add", "-q", worktree, "-b", "wt"]);
    writeFileSync(join(worktree, ".gitmodel.yaml"), CANARY_CONFIG);
    expect(await header(worktree)).toMatch(/ canary +production$/);
    expect(existsSync(join(repo, ".git", "worktrees", "wt", "git-model", "config-cache.json"))).toBe(true);
    expect(await header(repo)).toMatch(/ staging +production$/);
  });

  it("leaves GIT_DIR and GIT_WORK_TREE to git", async () => {
    const outside = tempDir();
    const env = cleanEnv({ GIT_DIR: join(repo, ".git"), GIT_WORK_TREE: repo });
    expect((await ok(outside, ["list"], env)).stdout).toMatch(/^churn +1 +1\.0\.0/m);
  });

  it("leaves a repository configured as bare to git, which refuses it", async () => {
    const bare = await newRepo({ init: false });
    await git(bare, ["config", "core.bare", "true"]);
    expectCliError(await cli(bare, ["list"]), 2, ["git-model needs a work tree"]);
    const plain = tempDir();
    expectCliError(await cli(plain, ["list"]), 2, [`not a git repository: ${plain}`, "git init"]);
  });
});
