import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import {
  CLI,
  cleanEnv,
  cli,
  cloneOf,
  expectCliError,
  git,
  remoteAndClone,
  smallRun,
  tempDir,
} from "../helpers/repo.js";

/**
 * A version number is never taken twice, in any clone: the committed record (history.jsonl,
 * deregistration tags) and, when pushing, the remote's tags decide the next number; delete and
 * cleanup push what they did; register --push pushes the registration tags a killed push left.
 */

const remoteWithClone = async () => {
  const { clone, ...rest } = await remoteAndClone();
  return { ...rest, a: clone };
};
const run = smallRun;
const register = async (repo: string, n: number, extra: string[] = []) => {
  const r = await cli(repo, ["register", "m", run(n), "--json", ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { version: string; pushed: boolean };
};
const historyVersions = (repo: string) =>
  readFileSync(join(repo, "models/m/history.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).version);
const remoteTags = async (bare: string) => (await git(bare, ["tag", "--list"])).trim().split("\n");

describe("a version number is never taken twice", () => {
  it("a fresh clone does not take again a number deleted elsewhere, though no tag reached the remote", async () => {
    const { url, a } = await remoteWithClone();
    await register(a, 1);
    await register(a, 2);
    // Pushed the plain git way: the branch, no tags.
    expect((await cli(a, ["delete", "m@1.0.1", "--yes"])).code).toBe(0);
    await git(a, ["push", "-q", "origin", "main"]);
    const fresh = await cloneOf(url);
    expect(await git(fresh, ["tag", "--list"])).toBe("");
    expect((await register(fresh, 3)).version).toBe("1.0.2");
    expect(historyVersions(fresh)).toEqual(["1.0.0", "1.0.1", "1.0.2"]);
    // An explicit --version that history.jsonl records is refused too.
    const again = await cli(fresh, ["register", "m", run(4), "--version", "1.0.1"]);
    expectCliError(again, 1, ["m@1.0.1 exists already"]);
  });

  it("delete --push pushes the commit and the deregistration tag together; a fresh clone goes on from there", async () => {
    const { bare, url, a } = await remoteWithClone();
    await register(a, 1, ["--push"]);
    await register(a, 2, ["--push"]);
    const r = await cli(a, ["delete", "m@1.0.1", "--yes", "--push", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      pushed: true,
      deleted: [{ version: "1.0.1", tag: "m@v1.0.1!" }],
    });
    expect(await remoteTags(bare)).toEqual(["m@v1.0.0", "m@v1.0.1", "m@v1.0.1!"]);
    expect((await git(bare, ["rev-parse", "main"])).trim()).toBe(
      (await git(a, ["rev-parse", "HEAD"])).trim(),
    );
    const fresh = await cloneOf(url);
    expect((await register(fresh, 3, ["--push"])).version).toBe("1.0.2");
  });

  it("cleanup --push does the same; a rejected push undoes the deletion and says to pull", async () => {
    const { bare, url, a } = await remoteWithClone();
    for (const n of [1, 2, 3]) await register(a, n, ["--push"]);
    const b = await cloneOf(url);
    await register(a, 4, ["--push"]);
    // b is behind: its push is refused, and nothing of the cleanup stays.
    const head = (await git(b, ["rev-parse", "HEAD"])).trim();
    const refused = await cli(b, ["cleanup", "m", "--keep", "1", "--yes", "--push"]);
    expectCliError(refused, 1, [
      "the remote moved on, so the deletion was undone",
      "git pull --rebase origin main",
    ]);
    expect((await git(b, ["rev-parse", "HEAD"])).trim()).toBe(head);
    expect(await git(b, ["tag", "--list", "*!"])).toBe("");
    expect(await git(b, ["status", "--porcelain"])).toBe("");
    await git(b, ["pull", "-q", "--rebase", "origin", "main"]);
    const ok = await cli(b, ["cleanup", "m", "--keep", "1", "--yes", "--push"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("pushed to origin");
    expect(await remoteTags(bare)).toEqual([
      "m@v1.0.0",
      "m@v1.0.0!",
      "m@v1.0.1",
      "m@v1.0.1!",
      "m@v1.0.2",
      "m@v1.0.2!",
      "m@v1.0.3",
    ]);
  });

  it("register --push pushes the registration tags an earlier push left behind, and takes a number the remote's tags hold as taken", async () => {
    const { bare, url, a } = await remoteWithClone();
    // A push that never happened (killed, or left out): the commit and tag of 1.0.0 stay local.
    await register(a, 1);
    // The branch reaches the remote the plain way, the tag does not.
    await git(a, ["push", "-q", "origin", "main"]);
    await register(a, 2);
    expect((await register(a, 3, ["--push"])).version).toBe("1.0.2");
    expect(await remoteTags(bare)).toEqual(["m@v1.0.0", "m@v1.0.1", "m@v1.0.2"]);

    // A number taken on the remote by a tag alone (another branch's registration) is skipped.
    const b = await cloneOf(url);
    await git(b, ["checkout", "-q", "-b", "experiment"]);
    await register(b, 4, ["--push"]);
    expect(await remoteTags(bare)).toContain("m@v1.0.3");
    expect((await register(a, 5, ["--push"])).version).toBe("1.0.4");
  });

  it("a register --push killed mid-push: the next register --push leaves the remote with one tag per version and no number twice", async () => {
    const { bare, url, a } = await remoteWithClone();
    const marks = tempDir("gm-marks-");
    // The remote holds the push until told, then refuses it: the command is killed meanwhile.
    const hook = join(bare, "hooks", "pre-receive");
    writeFileSync(
      hook,
      `#!/bin/sh\ntouch '${marks}/entered'\nwhile [ ! -f '${marks}/release' ]; do sleep 0.1; done\nexit 1\n`,
      { mode: 0o755 },
    );
    const child = spawn(process.execPath, [CLI, "register", "m", run(1), "--push"], {
      cwd: a,
      env: cleanEnv(),
    });
    const exited = new Promise((resolve) => child.on("close", resolve));
    for (let i = 0; i < 300 && !existsSync(join(marks, "entered")); i++) await sleep(100);
    expect(existsSync(join(marks, "entered"))).toBe(true);
    child.kill("SIGKILL");
    await exited;
    rmSync(hook);
    writeFileSync(join(marks, "release"), "");
    await sleep(500); // the orphaned git push sees the refusal and ends

    await register(a, 2, ["--push"]);
    const fresh = await cloneOf(url);
    const folders = (await git(fresh, ["ls-tree", "--name-only", "HEAD", "models/m/"]))
      .trim()
      .split("\n")
      .map((p) => p.slice("models/m/".length))
      .filter((v) => /^\d/.test(v));
    const versions = historyVersions(fresh);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual(folders);
    expect((await remoteTags(bare)).sort()).toEqual(folders.map((v) => `m@v${v}`));
    expect((await cli(fresh, ["doctor"])).stdout).toContain("files and tags agree");
    expect((await cli(fresh, ["validate"])).code).toBe(0);
  });
});
