import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, cli, git, newRepo, runFolder } from "../helpers/repo.js";

/** The default lifecycle of DESIGN section 2, written out so the tests do not depend on defaults. */
const DEFAULT_STAGES = `stages:
  - { name: development, initial: true }
  - { name: staging, exclusive: true }
  - { name: production, exclusive: true }
  - { name: archived }
displaced_to: archived
`;

/** A registry with `count` versions of churn (1.0.0, 1.0.1, ...). */
async function registryWith(count: number): Promise<string> {
  const repo = await newRepo({ config: DEFAULT_STAGES });
  for (let i = 0; i < count; i++) {
    const r = await cli(repo, [
      "register",
      "churn",
      runFolder({ "model.pkl": 100 + i, "config.json": `{"i":${i}}` }),
    ]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  return repo;
}

/** Sets stages.json by hand and commits it, as a reviewer's merged pull request would. */
async function setStages(repo: string, stages: Record<string, string | string[]>): Promise<void> {
  writeFileSync(join(repo, "models/churn/stages.json"), `${JSON.stringify(stages, null, 2)}\n`);
  await git(repo, ["add", "models/churn/stages.json"]);
  await git(repo, ["commit", "-q", "-m", "set stages"]);
}

/** Everything a refused or dry command must leave as it was. */
async function snapshot(repo: string) {
  return {
    head: await git(repo, ["rev-parse", "HEAD"]),
    status: await git(repo, ["status", "--porcelain", "--untracked-files=all"]),
    index: await git(repo, ["ls-files", "-s"]),
    tags: await git(repo, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/tags"]),
  };
}

/** The command, confirmed with --yes, exits `code` with `message` on stderr, no stack trace, and the repository as it was. */
async function expectRefusedUnchanged(repo: string, args: string[], code: number, message: string) {
  const before = await snapshot(repo);
  const r = await cli(repo, [...args, "--yes"]);
  expect(r.stderr).toContain(message);
  expect(r.code).toBe(code);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(await snapshot(repo)).toEqual(before);
}

const stagesOf = (repo: string) => JSON.parse(readFileSync(join(repo, "models/churn/stages.json"), "utf8"));
const tagTarget = async (repo: string, tag: string) =>
  (await git(repo, ["rev-parse", `${tag}^{commit}`])).trim();
const head = async (repo: string) => (await git(repo, ["rev-parse", "HEAD"])).trim();

describe("delete", () => {
  it("--yes removes the folder in one commit, tags churn@v1.0.0! on it, and git log says what was removed", async () => {
    const repo = await registryWith(2);
    const history = readFileSync(join(repo, "models/churn/history.jsonl"), "utf8");
    const r = await cli(repo, ["delete", "churn@v1.0.0", "--yes", "--reason", "superseded by 1.0.1"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("deleted churn@1.0.0 (development) in models/churn/1.0.0, tag churn@v1.0.0!");

    expect(existsSync(join(repo, "models/churn/1.0.0"))).toBe(false);
    expect(existsSync(join(repo, "models/churn/1.0.1"))).toBe(true);
    expect(await git(repo, ["log", "-1", "--format=%B"])).toBe(
      "delete churn@1.0.0\n\nModel: churn\nVersion: 1.0.0\nReason: superseded by 1.0.1\n\n",
    );
    // The commit holds only the removal.
    const changed = (await git(repo, ["show", "--name-status", "--format=", "HEAD"])).trim().split("\n");
    expect(changed.every((l) => l.startsWith("D\tmodels/churn/1.0.0/"))).toBe(true);
    expect(changed).toHaveLength(3);
    // GTO's deregistration tag: annotated, on the deletion commit; the registration tag stays.
    expect((await git(repo, ["cat-file", "-t", "churn@v1.0.0!"])).trim()).toBe("tag");
    expect(await tagTarget(repo, "churn@v1.0.0!")).toBe(await head(repo));
    expect(await git(repo, ["tag", "-l", "--format=%(contents)", "churn@v1.0.0!"])).toContain(
      "deregister churn@v1.0.0\n\nReason: superseded by 1.0.1",
    );
    expect(await git(repo, ["tag", "--list", "churn@v1.0.0"])).toBe("churn@v1.0.0\n");
    // History: the folder's log shows when it was removed and when it was registered.
    expect(await git(repo, ["log", "--format=%s", "--", "models/churn/1.0.0"])).toBe(
      "delete churn@1.0.0\nregister churn@1.0.0\n",
    );
    expect(readFileSync(join(repo, "models/churn/history.jsonl"), "utf8")).toBe(history);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    expect((await cli(repo, ["validate"])).code).toBe(0);
    expect((await cli(repo, ["doctor"])).stdout).toContain("files and tags agree");
    // The number is never taken again: the tags remember it.
    const next = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 7 }), "--json"]);
    expect(JSON.parse(next.stdout).version).toBe("1.0.2");
  });

  it("drops an archived version from stages.json in the same commit, and prints JSON with --json", async () => {
    const repo = await registryWith(3);
    await setStages(repo, { production: "1.0.2", archived: ["1.0.0", "1.0.1"] });
    const r = await cli(repo, ["delete", "churn@1.0.0", "--yes", "--json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toEqual({
      model: "churn",
      deleted: [{ version: "1.0.0", stage: "archived", folder: "models/churn/1.0.0", tag: "churn@v1.0.0!" }],
      commit: await head(repo),
      pushed: false,
    });
    expect(stagesOf(repo)).toEqual({ production: "1.0.2", archived: ["1.0.1"] });
    expect(await git(repo, ["show", "--name-only", "--format=", "HEAD"])).toContain(
      "models/churn/stages.json",
    );
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    expect((await cli(repo, ["validate"])).code).toBe(0);
    expect((await cli(repo, ["validate", "--base", "HEAD~1"])).code).toBe(0);
    // The history shows the deletion, not a move of the deleted version out of archived.
    const entries = JSON.parse((await cli(repo, ["history", "churn", "--json"])).stdout).entries;
    const atDeletion = entries.filter((e: { commit: string }) => e.commit === result.commit);
    expect(atDeletion.map((e: { type: string; version: string }) => `${e.type} ${e.version}`)).toEqual([
      "deletion 1.0.0",
    ]);
  });

  it("refuses the production holder (and any other serving stage), names the stage, suggests demoting, changes nothing", async () => {
    const repo = await registryWith(3);
    await setStages(repo, { production: "1.0.0", staging: "1.0.1" });
    const before = await snapshot(repo);
    const r = await cli(repo, ["delete", "churn@1.0.0", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "churn@1.0.0 holds production; only a version in development or archived can be deleted",
    );
    expect(r.stderr).toContain("demote it first (git model demote churn@1.0.0)");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const staging = await cli(repo, ["delete", "churn@1.0.1", "--yes"]);
    expect(staging.code).toBe(1);
    expect(staging.stderr).toContain("holds staging");
    expect(await snapshot(repo)).toEqual(before);
  });

  it("refuses without --yes when stdin is not a terminal: exit 2, and nothing changes", async () => {
    const repo = await registryWith(2);
    const before = await snapshot(repo);
    const r = await cli(repo, ["delete", "churn@1.0.0"], { input: "y\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("refusing to delete without confirmation: stdin is not a terminal");
    expect(r.stderr).toContain("pass --yes");
    expect(await snapshot(repo)).toEqual(before);
    expect(existsSync(join(repo, "models/churn/1.0.0/model.pkl"))).toBe(true);
  });

  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)("asks on a terminal: n keeps the version (exit 1), y deletes it", async () => {
    const repo = await registryWith(2);
    const before = await snapshot(repo);
    const no = await onTerminal(repo, ["delete", "churn@1.0.0"], "n");
    expect(no.output).toContain(
      "delete churn@1.0.0 (development) in models/churn/1.0.0, tag churn@v1.0.0!? [y/N]",
    );
    expect(no.output).toContain("not confirmed; nothing was deleted");
    expect(no.code).toBe(1);
    expect(await snapshot(repo)).toEqual(before);
    const yes = await onTerminal(repo, ["delete", "churn@1.0.0"], "y");
    expect(yes.code).toBe(0);
    expect(existsSync(join(repo, "models/churn/1.0.0"))).toBe(false);
  });

  it("deletes a version again after a revert restored it, keeping the first deregistration tag", async () => {
    const repo = await registryWith(2);
    expect((await cli(repo, ["delete", "churn@1.0.0", "--yes"])).code).toBe(0);
    const first = await head(repo);
    await git(repo, ["revert", "--no-edit", "HEAD"]);
    expect(existsSync(join(repo, "models/churn/1.0.0/metadata.json"))).toBe(true);
    const r = await cli(repo, ["delete", "churn@1.0.0", "--yes", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).deleted[0].tag).toBeNull();
    expect(await tagTarget(repo, "churn@v1.0.0!")).toBe(first);
    expect(existsSync(join(repo, "models/churn/1.0.0"))).toBe(false);
  });

  it("deletes a version whose metadata.json is broken", async () => {
    const repo = await registryWith(2);
    writeFileSync(join(repo, "models/churn/1.0.0/metadata.json"), "{ torn");
    await git(repo, ["commit", "-q", "-am", "break it"]);
    const r = await cli(repo, ["delete", "churn@1.0.0", "--yes"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(repo, "models/churn/1.0.0"))).toBe(false);
  });

  it.each([
    [["delete", "churn"], 2, 'delete needs an explicit version like churn@1.0.0, not "churn"'],
    [["delete", "churn@latest"], 2, "delete needs an explicit version"],
    [["delete", "churn#production"], 2, "delete needs an explicit version"],
    [["delete", "churn@9.9.9"], 1, "churn@9.9.9 is not registered"],
    [["delete", "churn@banana"], 2, "banana"],
    [["delete", "fraud@1.0.0"], 1, "no model named fraud in models/"],
    [["delete", "Churn@1.0.0"], 2, 'invalid model name "Churn"'],
    [["delete", "../x@1.0.0"], 2, "invalid model name"],
    [["delete"], 2, "missing required argument 'ref'"],
  ])("%j is refused with a clear error (exit %i) and nothing changes", async (args, code, message) => {
    await expectRefusedUnchanged(await registryWith(1), args, code, message);
  });

  it("refuses a version folder with uncommitted or untracked files, and an uncommitted stages.json", async () => {
    const repo = await registryWith(2);
    appendFileSync(join(repo, "models/churn/1.0.0/config.json"), " ");
    let before = await snapshot(repo);
    let r = await cli(repo, ["delete", "churn@1.0.0", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("models/churn/1.0.0/config.json has uncommitted changes");
    expect(await snapshot(repo)).toEqual(before);
    await git(repo, ["checkout", "--", "models/churn/1.0.0"]);

    writeFileSync(join(repo, "models/churn/1.0.0/notes.txt"), "mine");
    before = await snapshot(repo);
    r = await cli(repo, ["delete", "churn@1.0.0", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("models/churn/1.0.0/notes.txt is not committed");
    expect(r.stderr).toContain("would lose it");
    expect(await snapshot(repo)).toEqual(before);
    expect(readFileSync(join(repo, "models/churn/1.0.0/notes.txt"), "utf8")).toBe("mine");

    const other = await registryWith(2);
    await setStages(other, { production: "1.0.1" });
    // Demoted in the work tree only: HEAD still says production, so deleting it must wait for the commit.
    writeFileSync(join(other, "models/churn/stages.json"), "{}\n");
    before = await snapshot(other);
    r = await cli(other, ["delete", "churn@1.0.1", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("models/churn/stages.json has uncommitted changes");
    expect(await snapshot(other)).toEqual(before);
  });

  it("refuses when stages.json is not valid JSON, naming the file", async () => {
    const repo = await registryWith(1);
    writeFileSync(join(repo, "models/churn/stages.json"), '{"production": ');
    await git(repo, ["add", "-A"]);
    await git(repo, ["commit", "-q", "-m", "broken"]);
    const before = await snapshot(repo);
    const r = await cli(repo, ["delete", "churn@1.0.0", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("models/churn/stages.json");
    expect(await snapshot(repo)).toEqual(before);
  });
});

describe("cleanup", () => {
  it("--keep 2 keeps the 2 newest and the production holder, deletes the rest (archived too) in one commit with one tag each", async () => {
    const repo = await registryWith(5);
    await setStages(repo, { production: "1.0.1", archived: ["1.0.0"] });
    const parent = await head(repo);
    const r = await cli(repo, ["cleanup", "churn", "--keep", "2", "--yes"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("deleted churn@1.0.0 (archived) in models/churn/1.0.0, tag churn@v1.0.0!");
    expect(r.stdout).toContain("deleted churn@1.0.2 (development)");
    expect(r.stdout).toContain("kept churn@1.0.1 (holds production)");
    expect(r.stdout).toContain("kept churn@1.0.4 (one of the 2 newest)");

    expect((await git(repo, ["ls-tree", "--name-only", "HEAD", "models/churn/"])).trim().split("\n")).toEqual(
      [
        "models/churn/1.0.1",
        "models/churn/1.0.3",
        "models/churn/1.0.4",
        "models/churn/history.jsonl",
        "models/churn/stages.json",
      ],
    );
    // One commit on top of the previous HEAD, both tags on it.
    expect((await git(repo, ["rev-parse", "HEAD~1"])).trim()).toBe(parent);
    expect(await git(repo, ["log", "-1", "--format=%B"])).toBe(
      "cleanup churn: delete 2 versions, keep the 2 newest and every stage holder\n\nModel: churn\nVersion: 1.0.0\nVersion: 1.0.2\nKeep: 2\n\n",
    );
    expect(await tagTarget(repo, "churn@v1.0.0!")).toBe(await head(repo));
    expect(await tagTarget(repo, "churn@v1.0.2!")).toBe(await head(repo));
    expect(await git(repo, ["tag", "--list", "*!"])).toBe("churn@v1.0.0!\nchurn@v1.0.2!\n");
    expect(stagesOf(repo)).toEqual({ production: "1.0.1" });
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    expect((await cli(repo, ["validate"])).code).toBe(0);

    // Run again: nothing left to delete, no commit.
    const cleaned = await head(repo);
    const again = await cli(repo, ["cleanup", "churn", "--keep", "2"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing to delete");
    expect(await head(repo)).toBe(cleaned);
  });

  it("--dry-run lists what would go and changes nothing: HEAD, index, status and tags identical", async () => {
    const repo = await registryWith(4);
    await setStages(repo, { staging: "1.0.0" });
    const before = await snapshot(repo);
    const r = await cli(repo, ["cleanup", "churn", "--keep", "1", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "would delete churn@1.0.1 (development) in models/churn/1.0.1, tag churn@v1.0.1!",
    );
    expect(r.stdout).toContain("would delete churn@1.0.2");
    expect(r.stdout).toContain("kept churn@1.0.0 (holds staging)");
    expect(r.stdout).toContain("kept churn@1.0.3 (the newest)");
    expect(await snapshot(repo)).toEqual(before);

    const json = await cli(repo, ["cleanup", "churn", "--keep", "1", "--dry-run", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      model: "churn",
      dryRun: true,
      commit: null,
      keep: [
        { version: "1.0.0", stage: "staging", newest: false },
        { version: "1.0.3", stage: "development", newest: true },
      ],
      deleted: [
        { version: "1.0.1", folder: "models/churn/1.0.1", tag: "churn@v1.0.1!" },
        { version: "1.0.2", folder: "models/churn/1.0.2", tag: "churn@v1.0.2!" },
      ],
    });
    expect(await snapshot(repo)).toEqual(before);
  });

  it("refuses without --yes when stdin is not a terminal: exit 2, and nothing changes", async () => {
    const repo = await registryWith(3);
    const before = await snapshot(repo);
    const r = await cli(repo, ["cleanup", "churn", "--keep", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pass --yes");
    expect(await snapshot(repo)).toEqual(before);
  });

  it.each([
    [["cleanup", "churn"], 2, "required option '--keep <n>' not specified"],
    [["cleanup", "churn", "--keep", "0"], 2, '--keep takes a whole number of versions, at least 1; got "0"'],
    [["cleanup", "churn", "--keep", "-1"], 2, "--keep"],
    [["cleanup", "churn", "--keep", "two"], 2, 'got "two"'],
    [["cleanup", "churn", "--keep", "1.5"], 2, 'got "1.5"'],
    [["cleanup", "fraud", "--keep", "1"], 1, "no model named fraud in models/"],
    [["cleanup", "Churn", "--keep", "1"], 2, 'invalid model name "Churn"'],
  ])("%j is refused with a clear error (exit %i) and nothing changes", async (args, code, message) => {
    await expectRefusedUnchanged(await registryWith(2), args, code, message);
  });
});

/** Runs the CLI on a pseudo-terminal (util-linux `script`) and answers its question. */
function onTerminal(cwd: string, args: string[], answer: string): Promise<{ code: number; output: string }> {
  const command = [process.execPath, join(import.meta.dirname, "..", "..", "dist", "cli.js"), ...args]
    .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd, env: cleanEnv() });
    let output = "";
    let answered = false;
    child.stdout.on("data", (d) => {
      output += d;
      if (!answered && output.includes("[y/N]")) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}
