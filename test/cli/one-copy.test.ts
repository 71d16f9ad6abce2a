import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, expectCliError, git, runFolder } from "../helpers/repo.js";
import { ok, seedRepo } from "../helpers/stages.js";

/**
 * Several git-model writers in one working copy at once (issue 11, item 1): every write is
 * serialised by the lock in .git/git-model, each commit holds exactly what its own command
 * wrote, and nothing is left uncommitted.
 */

const LOCK = ".git/git-model/write.lock";

/** A live process (not a git-model command) named as the holder of the repository's write lock. */
function holdLock(repo: string): ChildProcess {
  const holder = spawn("sleep", ["30"], { stdio: "ignore" });
  mkdirSync(join(repo, ".git/git-model"), { recursive: true });
  const since = "2026-01-01T00:00:00Z";
  writeFileSync(
    join(repo, LOCK),
    JSON.stringify({ pid: holder.pid, host: hostname(), command: "register rl", since }),
  );
  return holder;
}

/** The work tree and index equal HEAD: nothing staged, nothing modified, nothing untracked. */
async function expectClean(repo: string) {
  expect(await git(repo, ["status", "--porcelain", "--untracked-files=all"])).toBe("");
  expect(existsSync(join(repo, LOCK))).toBe(false);
}

describe("writers in one working copy", () => {
  it("four concurrent promotes all land, each commit holding its own move", async () => {
    const repo = await seedRepo(4);
    const head = (await git(repo, ["rev-parse", "HEAD"])).trim();
    const versions = ["1.0.0", "1.0.1", "1.0.2", "1.0.3"];
    const results = await Promise.all(versions.map((v) => cli(repo, ["promote", `rl@${v}`, "beta"])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    // Four commits on top of the seed, each adding exactly its own version to beta.
    const commits = (await git(repo, ["rev-list", "--reverse", `${head}..HEAD`])).trim().split("\n");
    expect(commits).toHaveLength(4);
    const promoted: string[] = [];
    for (const commit of commits) {
      const subject = (await git(repo, ["log", "-1", "--format=%s", commit])).trim();
      const version = /^promote rl@(\S+) to beta$/.exec(subject)?.[1];
      expect(version, subject).toBeDefined();
      const after = JSON.parse(await git(repo, ["show", `${commit}:models/rl/stages.json`]));
      const before = promoted.slice();
      promoted.push(version!);
      expect([...after.beta].sort(), subject).toEqual(promoted.slice().sort());
      expect(before).not.toContain(version);
    }
    expect(promoted.sort()).toEqual(versions);
    await expectClean(repo);
  });

  it("three concurrent registers all land with distinct versions and only their own history lines", async () => {
    const repo = await seedRepo(1);
    const runs = [300, 301, 302].map((size) => runFolder({ "model.zip": size }));
    const results = await Promise.all(runs.map((run) => cli(repo, ["register", "rl", run, "--json"])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const registered = results.map((r) => JSON.parse(r.stdout).version as string).sort();
    expect(registered).toEqual(["1.0.1", "1.0.2", "1.0.3"]);
    const history = readFileSync(join(repo, "models/rl/history.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).version);
    expect(history).toEqual(["1.0.0", "1.0.1", "1.0.2", "1.0.3"]);
    // Each registration commit adds its own folder and its own history line, nothing else.
    for (const version of registered) {
      const commit = (await git(repo, ["rev-list", "-1", `rl@v${version}`])).trim();
      const files = (await git(repo, ["show", "--format=", "--name-only", commit])).trim().split("\n");
      expect(files.filter((f) => !f.startsWith(`models/rl/${version}/`)).sort()).toEqual([
        "models/rl/history.jsonl",
      ]);
      const lines = (await git(repo, ["show", `${commit}:models/rl/history.jsonl`])).trim().split("\n");
      expect(JSON.parse(lines.at(-1)!).version).toBe(version);
    }
    await expectClean(repo);
  });

  it("a writer waits for a live holder a bounded time and names it", async () => {
    const repo = await seedRepo(1);
    // A live process that is not a git-model command holds the lock.
    const holder = holdLock(repo);
    try {
      const started = Date.now();
      const r = await cli(repo, ["promote", "rl@1.0.0", "beta"], {
        env: { ...process.env, GIT_MODEL_LOCK_TIMEOUT: "1" },
      });
      expect(Date.now() - started).toBeLessThan(15_000);
      expectCliError(r, 1, [`pid ${holder.pid}`, "register rl", hostname()]);
      expect(JSON.parse(await git(repo, ["show", "HEAD:models/rl/history.jsonl"])).version).toBe("1.0.0");
    } finally {
      holder.kill();
    }
  });

  it("a lock left by a dead process is taken over", async () => {
    const repo = await seedRepo(1);
    const dead = spawn("true");
    await new Promise((resolve) => dead.on("close", resolve));
    writeFileSync(
      join(repo, LOCK),
      JSON.stringify({ pid: dead.pid, host: hostname(), command: "promote", since: "2026-01-01T00:00:00Z" }),
    );
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    await expectClean(repo);
  });
});

describe("what readers make of an unfinished write", () => {
  it("while a live writer holds the lock, readers ignore the folder it has not committed yet; after, they settle it", async () => {
    const repo = await seedRepo(2);
    // A register killed after its history line, and a live process that holds the lock.
    const killed = await cli(repo, ["register", "rl", runFolder({ "model.zip": 900 })], {
      env: { ...process.env, GIT_MODEL_FAULT: "appended:history.jsonl" },
    });
    expect(killed.code).toBe(-1);
    expect(existsSync(join(repo, "models/rl/1.0.2/metadata.json"))).toBe(true);
    const holder = holdLock(repo);
    try {
      const list = await ok(repo, ["list", "rl", "--json"]);
      expect(JSON.stringify(JSON.parse(list.stdout))).not.toContain("1.0.2");
      expect((await ok(repo, ["path", "rl"])).stdout.trim()).toMatch(/models\/rl\/1\.0\.1$/);
      // validate and doctor see the uncommitted folder and history line, and say so.
      const validate = await cli(repo, ["validate"]);
      expect(validate.stdout + validate.stderr).toContain("rl@1.0.2 is not committed");
      expect(validate.stdout + validate.stderr).toContain(
        "models/rl/history.jsonl has lines that are not committed",
      );
      const doctor = await cli(repo, ["doctor"]);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toContain("rl@1.0.2 is not committed");
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.on("close", resolve));
    }
    // The holder is gone: the next reader undoes the interrupted register and says so.
    const list = await ok(repo, ["list", "rl"]);
    expect(list.stderr).toMatch(
      /^git-model: undid the interrupted register rl \(pid \d+\): it had not committed\n$/,
    );
    expect(existsSync(join(repo, "models/rl/1.0.2"))).toBe(false);
    await expectClean(repo);
    expect((await ok(repo, ["validate"])).stdout).not.toContain("not committed");
  });

  it("validate and doctor report a version folder and history line nobody committed", async () => {
    const repo = await seedRepo(1);
    cpSync(join(repo, "models/rl/1.0.0"), join(repo, "models/rl/1.0.1"), { recursive: true });
    const history = join(repo, "models/rl/history.jsonl");
    writeFileSync(
      history,
      `${readFileSync(history, "utf8")}${readFileSync(history, "utf8").replaceAll("1.0.0", "1.0.1")}`,
    );
    const validate = await cli(repo, ["validate", "--json"]);
    const warnings = JSON.parse(validate.stdout).problems.map((p: { message: string }) => p.message);
    expect(warnings).toContain("rl@1.0.1 is not committed, so it is not a registered version");
    const doctor = await cli(repo, ["doctor", "--json"]);
    expect(doctor.code).toBe(1);
    expect(
      JSON.parse(doctor.stdout)
        .disagreements.map((d: { kind: string }) => d.kind)
        .sort(),
    ).toEqual(["uncommitted-history", "uncommitted-version"]);
  });
});

describe("what killed git processes leave", () => {
  it("the next write removes a dead process's scratch ref, keeps a live one's, and clears the index.lock of a killed write", async () => {
    const repo = await seedRepo(1);
    const dead = spawn("true");
    await new Promise((resolve) => dead.on("close", resolve));
    await git(repo, ["update-ref", `refs/git-model/scratch/${dead.pid}-left`, "HEAD"]);
    await git(repo, ["update-ref", `refs/git-model/scratch/${process.pid}-live`, "HEAD"]);
    // A register killed right after moving the branch, and a git process killed with it.
    const killed = await cli(repo, ["register", "rl", runFolder({ "model.zip": 900 })], {
      env: { ...process.env, GIT_MODEL_FAULT: "moved-branch" },
    });
    expect(killed.code).toBe(-1);
    writeFileSync(join(repo, ".git/index.lock"), "");
    const r = await ok(repo, ["promote", "rl@1.0.1", "beta"]);
    expect(r.stderr).toMatch(
      /^git-model: finished the interrupted register rl \(pid \d+\): its commit had landed\n$/,
    );
    expect(existsSync(join(repo, ".git/index.lock"))).toBe(false);
    expect(await git(repo, ["for-each-ref", "--format=%(refname)", "refs/git-model/"])).toBe(
      `refs/git-model/scratch/${process.pid}-live\n`,
    );
    await expectClean(repo);
    expect((await git(repo, ["tag", "--list", "rl@*"])).trim().split("\n")).toEqual([
      "rl@v1.0.0",
      "rl@v1.0.1",
    ]);
  });
});
