import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { objectIds } from "../../src/registry/checks/immutability.js";
import { validate } from "../../src/registry/checks/validate.js";
import { openRegistry } from "../../src/registry/core/registry.js";
import { cleanEnv, cli, git, newRepo, runFolder } from "../helpers/repo.js";

/**
 * The whole-registry validate checks a large registry in batches of models (each with its own
 * listing, tags and trees), so that what it holds follows the batch. Every batch size must give
 * the report one pass over the registry gives, whatever sits where: problems in several models,
 * files beside the model folders, a folder that is no model name, a deleted model folder.
 */

async function registerAll(repo: string, models: readonly string[], versions: number): Promise<void> {
  for (const model of models) {
    for (let i = 0; i < versions; i++) {
      const run = runFolder({ "model.pkl": 300 + i, "config.json": `{"layers": ${i}}\n` });
      const r = await cli(repo, ["register", model, run]);
      expect(r.stderr).toBe("");
    }
  }
}

/** The subcommands of the git processes that `run` starts, in the order they start. */
async function gitCommands(repo: string, run: () => Promise<unknown>): Promise<string[]> {
  const trace = join(repo, "..", `events-${Math.random().toString(36).slice(2)}.json`);
  process.env.GIT_TRACE2_EVENT = trace;
  try {
    await run();
  } finally {
    delete process.env.GIT_TRACE2_EVENT;
  }
  return readFileSync(trace, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; argv?: string[] })
    .filter((e) => e.event === "start")
    .map((e) => e.argv!.slice(1).find((a) => !a.startsWith("-") && !a.includes("=")) ?? "");
}

describe("validate in batches", () => {
  it("reports what one pass reports, at every batch size, and again from its per-model caches", async () => {
    const repo = await newRepo();
    await registerAll(repo, ["alpha", "bravo", "charlie", "delta", "echo"], 2);
    const models = join(repo, "models");
    // alpha: a registered artifact edited in the work tree, and a symbolic link.
    writeFileSync(join(models, "alpha/1.0.0/config.json"), '{"layers": 99}\n');
    symlinkSync("1.0.0", join(models, "alpha/latest"));
    // bravo: a registered file edited and committed after its registration.
    writeFileSync(join(models, "bravo/1.0.1/config.json"), '{"layers": 42}\n');
    await git(repo, ["commit", "-q", "-am", "edit bravo after registration"]);
    // charlie: a version folder never committed, and a torn last history line.
    mkdirSync(join(models, "charlie/9.9.9"));
    writeFileSync(join(models, "charlie/9.9.9/metadata.json"), "{}\n");
    appendFileSync(join(models, "charlie/history.jsonl"), '{"at":');
    // delta: a file no metadata.json lists; echo: its folder deleted from the work tree.
    writeFileSync(join(models, "delta/1.0.0/notes.txt"), "hand-made\n");
    await git(repo, ["add", "models/delta/1.0.0/notes.txt"]);
    rmSync(join(models, "echo"), { recursive: true });
    // Beside the model folders: a file, and a folder whose name is no model name.
    writeFileSync(join(models, "README.md"), "models live here\n");
    mkdirSync(join(models, "Not_A_Model"));
    writeFileSync(join(models, "Not_A_Model/metadata.json"), "{}\n");

    const registry = await openRegistry(repo);
    const whole = await validate(registry);
    const files = whole.problems.map((p) => `${p.file}: ${p.severity}`);
    for (const expected of [
      "models/README.md: warning",
      "models/Not_A_Model/metadata.json: error",
      "models/alpha/1.0.0/config.json: error",
      "models/alpha/latest: error",
      "models/bravo/1.0.1/config.json: error",
      "models/charlie/9.9.9: warning",
      "models/charlie/history.jsonl: error",
      "models/delta/1.0.0/notes.txt: error",
    ]) {
      expect(files).toContain(expected);
    }
    expect(whole.models).toBe(4);

    // A fresh clone's first run: nothing looked up yet.
    rmSync(join(repo, ".git/git-model"), { recursive: true, force: true });
    for (const batchVersions of [1, 3, 7]) {
      const first = await validate(registry, { batchVersions });
      expect(first, `batches of ${batchVersions}`).toEqual(whole);
    }
    // What was looked up is kept, one cache file per model folder with registration tags, and
    // read back by the batches.
    const caches = readdirSync(join(repo, ".git/git-model")).filter((n) =>
      n.startsWith("registration-trees-"),
    );
    expect(caches.sort()).toEqual(
      ["alpha", "bravo", "charlie", "delta"].map((m) => `registration-trees-${m}.json`),
    );
    expect(await validate(registry, { batchVersions: 2 })).toEqual(whole);
    expect(existsSync(join(repo, ".git/git-model/registration-trees-Not_A_Model.json"))).toBe(false);
    // The fill found every tree, so the next one with the same tags reads no file: a file lost
    // since then is looked up by its batch, not taken as "no tree".
    rmSync(join(repo, ".git/git-model/registration-trees-bravo.json"));
    expect(await validate(registry, { batchVersions: 2 })).toEqual(whole);
    // A new registration changes the tags: the next fill asks for it.
    await registerAll(repo, ["foxtrot"], 1);
    await validate(registry, { batchVersions: 2 });
    expect(existsSync(join(repo, ".git/git-model/registration-trees-foxtrot.json"))).toBe(true);
    expect(await git(repo, ["status", "--porcelain", "--", "models/bravo"])).toBe("");
  });
});

describe("validate in batches reads the index in node", () => {
  it("lists each batch from the index file, and from git where it cannot read it (a split index)", async () => {
    const repo = await newRepo();
    await registerAll(repo, ["alpha", "bravo", "charlie"], 2);
    const models = join(repo, "models");
    // A staged new file, an unstaged edit of a registered one, and a staged deletion.
    writeFileSync(join(models, "alpha/1.0.0/notes.txt"), "staged\n");
    await git(repo, ["add", "models/alpha/1.0.0/notes.txt"]);
    writeFileSync(join(models, "bravo/1.0.1/config.json"), '{"layers": 7}\n');
    await git(repo, ["rm", "-q", "models/charlie/1.0.0/config.json"]);
    const registry = await openRegistry(repo);
    const whole = await validate(registry);
    expect(whole.problems.map((p) => p.file)).toEqual(
      expect.arrayContaining([
        "models/alpha/1.0.0/notes.txt",
        "models/bravo/1.0.1/config.json",
        "models/charlie/1.0.0/config.json",
      ]),
    );
    let report: unknown;
    const fromNode = await gitCommands(repo, async () => {
      report = await validate(registry, { batchVersions: 2 });
    });
    expect(report).toEqual(whole);
    expect(fromNode).toContain("status");
    expect(fromNode).not.toContain("ls-files");
    // A split index keeps its entries in another file: the reader declines, git lists.
    await git(repo, ["update-index", "--split-index"]);
    const fromGit = await gitCommands(repo, async () => {
      report = await validate(registry, { batchVersions: 2 });
    });
    expect(report).toEqual(whole);
    expect(fromGit.filter((c) => c === "ls-files")).toHaveLength(3);
  });
});

describe("registration tree lookups in commit order", () => {
  it("answer each name in the order asked, whatever order git is asked in", async () => {
    const repo = await newRepo();
    // Six commits, each adding a version folder, dated newest first: commit order reverses them.
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      const folder = `models/churn/1.0.${i}`;
      mkdirSync(join(repo, folder), { recursive: true });
      writeFileSync(join(repo, folder, "metadata.json"), `{"i": ${i}}\n`);
      await git(repo, ["add", "--", folder]);
      const date = `2026-01-${String(20 - i).padStart(2, "0")}T00:00:00Z`;
      await git(repo, ["commit", "-q", "-m", `add ${folder}`], cleanEnv({ GIT_COMMITTER_DATE: date }));
      const commit = (await git(repo, ["rev-parse", "HEAD"])).trim();
      await git(repo, ["tag", "-a", "-m", "t", `churn@v1.0.${i}`]);
      names.push(`${commit}:${folder}`, `${commit}:models/churn/9.9.9`);
    }
    // A tag object (not peeled: keeps its place), and a commit git does not have.
    const tagObject = (await git(repo, ["rev-parse", "churn@v1.0.2"])).trim();
    names.splice(3, 0, `${tagObject}:models/churn/1.0.2`, `${"0".repeat(40)}:models/churn/1.0.0`);
    const expected: (string | null)[] = [];
    for (const name of names) {
      const r = await git(repo, ["rev-parse", "--verify", "-q", name]).catch(() => "");
      expected.push(r.trim() || null);
    }
    expect(expected.filter((id) => id !== null)).toHaveLength(7);
    const registry = await openRegistry(repo);
    expect(await objectIds(registry, names, 0)).toEqual(expected);
    expect(await objectIds(registry, names, Number.POSITIVE_INFINITY)).toEqual(expected);
  });

  it("in batches, a first run starts the registry's status before the registration-tree lookups", async () => {
    const repo = await newRepo();
    await registerAll(repo, ["alpha", "bravo"], 2);
    rmSync(join(repo, ".git", "git-model"), { recursive: true, force: true }); // as a fresh clone
    const started = (
      await gitCommands(repo, async () => {
        const report = await validate(await openRegistry(repo), { batchVersions: 1 });
        expect(report.problems).toEqual([]);
      })
    ).filter((command) => command === "status" || command === "cat-file");
    // The lookups keep git busy for seconds at 100,000 versions; the status runs beside them.
    expect(started.indexOf("cat-file")).toBeGreaterThanOrEqual(0);
    expect(started.indexOf("status")).toBeGreaterThanOrEqual(0);
    expect(started.indexOf("status")).toBeLessThan(started.indexOf("cat-file"));
  });
});
