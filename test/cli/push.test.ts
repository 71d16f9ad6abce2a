import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { httpRegistryRemote } from "../helpers/http-remote.js";
import {
  bareRemote,
  cli,
  cloneOf,
  expectCliError,
  git,
  newRepo,
  remoteAndClone,
  runFolder,
  tempDir,
} from "../helpers/repo.js";

/** Everything a failed command must leave as it was. */
async function snapshot(repo: string) {
  return {
    head: await git(repo, ["rev-parse", "HEAD"]),
    status: await git(repo, ["status", "--porcelain", "--untracked-files=all"]),
    index: await git(repo, ["ls-files", "-s"]),
    tags: await git(repo, ["tag", "--list"]),
  };
}

/** A bare remote seeded with an initialised registry, and two clones of it. */
async function twoClones(url: string, bare: string, cloneConfig: string[] = []) {
  const seed = await newRepo();
  await git(seed, ["remote", "add", "origin", url]);
  for (const c of cloneConfig) await git(seed, ["config", ...c.split("=")]);
  await git(seed, ["push", "-q", "origin", "main"]);
  void bare;
  return { a: await cloneOf(url, cloneConfig), b: await cloneOf(url, cloneConfig) };
}

describe("register --push over file://", () => {
  it("pushes the commit, the tag and the LFS objects", async () => {
    const { bare, url } = await bareRemote();
    const { a } = await twoClones(url, bare);
    const r = await cli(a, ["register", "churn", runFolder({ "model.pkl": 3000 }), "--push"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("pushed");
    expect(await git(bare, ["tag", "--list"])).toBe("churn@v1.0.0\n");
    expect((await git(bare, ["rev-parse", "main"])).trim()).toBe(
      (await git(a, ["rev-parse", "HEAD"])).trim(),
    );
    // The LFS object reached the remote's LFS store, and a fresh clone can fetch it.
    const oid = JSON.parse(readFileSync(join(a, "models/churn/1.0.0/metadata.json"), "utf8")).artifacts[0]
      .sha256;
    expect(existsSync(join(bare, "lfs", "objects", oid.slice(0, 2), oid.slice(2, 4), oid))).toBe(true);
    const fresh = await cloneOf(url);
    await git(fresh, ["lfs", "pull"]);
    expect(readFileSync(join(fresh, "models/churn/1.0.0/model.pkl")).length).toBe(3000);
  });

  it("two clones registering at once never overwrite each other: the loser is told to pull, and nothing is left behind", async () => {
    const { bare, url } = await bareRemote();
    const { a, b } = await twoClones(url, bare);
    const runA = runFolder({ "model.pkl": 100 });
    const runB = runFolder({ "model.pkl": 200 });
    const [ra, rb] = await Promise.all([
      cli(a, ["register", "churn", runA, "--push"]),
      cli(b, ["register", "churn", runB, "--push"]),
    ]);
    const results = [ra, rb];
    const winners = results.filter((r) => r.code === 0);
    const losers = results.filter((r) => r.code !== 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]!.code).toBe(1);
    expect(losers[0]!.stderr).toContain("the remote moved on and the registration of churn@1.0.0 was undone");
    expect(losers[0]!.stderr).toContain(
      "pull (git pull --rebase origin main) and register again, or pass --retry",
    );
    expect(losers[0]!.stderr).not.toMatch(/\n\s+at /);
    const loser = ra.code === 0 ? b : a;
    expect(await git(loser, ["status", "--porcelain", "--untracked-files=all"])).toBe("");
    expect(await git(loser, ["tag", "--list"])).toBe("");
    expect(await git(bare, ["tag", "--list"])).toBe("churn@v1.0.0\n");
  });

  it("with --retry the loser rebases and takes the next version", async () => {
    const { bare, url } = await bareRemote();
    const { a, b } = await twoClones(url, bare);
    expect((await cli(a, ["register", "churn", runFolder({ "model.pkl": 100 }), "--push"])).code).toBe(0);
    const r = await cli(b, [
      "register",
      "churn",
      runFolder({ "model.pkl": 200 }),
      "--push",
      "--retry",
      "--json",
    ]);
    expect(r.code).toBe(0);
    // The remote's tags said 1.0.0 was taken, so b took 1.0.1 at once; its push lost to a's
    // commit, so it rebased and pushed the same number: nothing was renumbered.
    expect(r.stderr).not.toContain("the remote took");
    expect(JSON.parse(r.stdout)).toMatchObject({ version: "1.0.1", pushed: true, renumbered: [] });
    expect((await git(bare, ["tag", "--list"])).trim().split("\n")).toEqual(["churn@v1.0.0", "churn@v1.0.1"]);
    expect(await git(bare, ["log", "--format=%s", "main"])).toMatch(
      /^register churn@1\.0\.1\nregister churn@1\.0\.0\n/,
    );
  });

  it("a push that fails for another reason undoes the commit and the tag", async () => {
    const { bare, url } = await bareRemote();
    const { a: repo } = await twoClones(url, bare);
    // The remote answers (ls-remote) but refuses the push.
    writeFileSync(join(bare, "hooks", "pre-receive"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    const before = await snapshot(repo);
    const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 10 }), "--push"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("failed, so the registration was undone");
    expect(await snapshot(repo)).toEqual(before);
  });

  it("refuses --push without a remote, and --retry without --push", async () => {
    const repo = await newRepo();
    const before = await snapshot(repo);
    const noRemote = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 10 }), "--push"]);
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toContain("no remote named origin");
    const retry = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 10 }), "--retry"]);
    expect(retry.code).toBe(2);
    expect(retry.stderr).toContain("--retry only applies with --push");
    expect(await snapshot(repo)).toEqual(before);
  });

  it("refuses --push on a detached HEAD, with nothing to push to, and leaves the clone as it was", async () => {
    const { clone } = await remoteAndClone();
    await git(clone, ["switch", "-q", "--detach"]);
    const before = await snapshot(clone);
    const r = await cli(clone, ["register", "churn", runFolder({ "model.pkl": 10 }), "--push"]);
    expectCliError(r, 2, ["--push needs a branch to push; HEAD is detached"]);
    expect(await snapshot(clone)).toEqual(before);
  });
});

describe("register --push over smart HTTP (git http-backend)", () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("races two clones; the loser renumbers with --retry", async () => {
    const { url, bare, lfsConfig, server } = await httpRegistryRemote(tempDir("gm-http-"));
    servers.push(server);
    const { a, b } = await twoClones(url, bare, lfsConfig);
    const [ra, rb] = await Promise.all([
      cli(a, ["register", "churn", runFolder({ "model.pkl": 100 }), "--push", "--retry", "--json"]),
      cli(b, ["register", "churn", runFolder({ "model.pkl": 200 }), "--push", "--retry", "--json"]),
    ]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const versions = [JSON.parse(ra.stdout).version, JSON.parse(rb.stdout).version].sort();
    expect(versions).toEqual(["1.0.0", "1.0.1"]);
    expect((await git(bare, ["tag", "--list"])).trim().split("\n")).toEqual(["churn@v1.0.0", "churn@v1.0.1"]);
    expect(server.requests.some((r) => r.includes("git-receive-pack"))).toBe(true);
  });
});
