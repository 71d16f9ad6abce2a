import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { Git } from "../../src/infra/git.js";
import { gitHttpForFile, serveGitHttp } from "../helpers/http-remote.js";
import { cleanEnv, git, tempDir } from "../helpers/repo.js";

/**
 * Git.push with `onlyTags` (register's push): new tags of commits the remote has, sent from an
 * object store that holds only them and the newest commits, so that git reads none of the objects
 * of the refs the remote advertises. Real git, real remotes (file:// and git http-backend).
 */

const http = gitHttpForFile();

const IDENTITY = ["-c", "user.name=Tagger", "-c", "user.email=tagger@example.com"];

/**
 * A remote whose main has 5 commits and `tags` annotated tags on them, and a clone of it over
 * `transport` holding one new tag `fresh` on main's first parent, made in the clone.
 */
async function remoteWithTags(name: string, tags: number, transport: "file" | "http") {
  const seed = join(tempDir("gm-push-seed-"), "seed");
  await git(tempDir(), ["init", "-q", "-b", "main", seed]);
  for (let i = 0; i < 5; i++) await git(seed, [...IDENTITY, "commit", "-q", "--allow-empty", "-m", `c${i}`]);
  const commits = (await git(seed, ["rev-list", "HEAD"])).trim().split("\n");
  const stream = Array.from({ length: tags }, (_, i) => {
    const message = `tag ${i}\n`;
    return `tag old-${i}\nfrom ${commits[i % commits.length]}\ntagger Tagger <t@example.com> 1700000000 +0000\ndata ${message.length}\n${message}\n`;
  }).join("");
  const imported = spawnSync("git", ["fast-import", "--quiet"], {
    cwd: seed,
    env: cleanEnv(),
    input: stream,
  });
  expect(imported.status, String(imported.stderr)).toBe(0);
  const bare = join(http.projects, `${name}.git`);
  await git(tempDir(), ["clone", "-q", "--bare", seed, bare]);
  const url = transport === "http" ? `${http.url}/${name}.git` : `file://${bare}`;
  const clone = join(tempDir("gm-push-clone-"), "clone");
  await git(tempDir(), ["clone", "-q", url, clone]);
  await git(clone, [...IDENTITY, "tag", "-a", "-m", "fresh", "fresh", "HEAD~1"]);
  return { bare, clone, git: new Git(clone, join(clone, ".git")) };
}

/** The push, with git's trace of every object it reads from a pack (GIT_TRACE_PACK_ACCESS). */
async function tracedPush(
  repo: Git,
  options: { onlyTags?: boolean } = {},
  refspecs: string[] = ["refs/tags/fresh:refs/tags/fresh"],
) {
  const trace = join(tempDir("gm-push-trace-"), "access.txt");
  const before = process.env.GIT_TRACE_PACK_ACCESS;
  process.env.GIT_TRACE_PACK_ACCESS = trace;
  try {
    const outcome = await repo.push("origin", refspecs, {
      atomic: true,
      noVerify: true,
      ...options,
    });
    let reads = 0;
    try {
      // `<time> packfile.c:<line> <pack> <offset>`; a local remote's receive-pack reads its own.
      const ours = [".git/objects/pack/", `${repo.gitDir}/objects/pack/`];
      reads = readFileSync(trace, "utf8")
        .split("\n")
        .filter((l) => ours.some((p) => l.trim().split(/\s+/).at(-2)?.startsWith(p))).length;
    } catch {}
    return { outcome, reads };
  } finally {
    if (before === undefined) delete process.env.GIT_TRACE_PACK_ACCESS;
    else process.env.GIT_TRACE_PACK_ACCESS = before;
  }
}

describe("a push of tags only", () => {
  for (const transport of ["file", "http"] as const) {
    it(`reads as many of the clone's objects with 300 tags on the remote as with 10 (${transport})`, async () => {
      const few = await remoteWithTags(`few-${transport}`, 10, transport);
      const many = await remoteWithTags(`many-${transport}`, 300, transport);
      const [a, b] = [
        await tracedPush(few.git, { onlyTags: true }),
        await tracedPush(many.git, { onlyTags: true }),
      ];
      for (const [r, remote] of [
        [a, few],
        [b, many],
      ] as const) {
        expect(r.outcome).toMatchObject({ ok: true });
        // The remote holds the tag object itself, pointing at the clone's commit.
        expect((await git(remote.bare, ["cat-file", "-t", "fresh"])).trim()).toBe("tag");
        expect((await git(remote.bare, ["rev-parse", "fresh^{commit}"])).trim()).toBe(
          (await git(remote.clone, ["rev-parse", "HEAD~1"])).trim(),
        );
      }
      expect(b.reads).toBe(a.reads);
      // The ordinary push reads every advertised tag the clone has: the difference is the 290.
      await git(many.bare, ["tag", "-d", "fresh"]);
      const ordinary = await tracedPush(many.git);
      expect(ordinary.outcome).toMatchObject({ ok: true });
      expect(ordinary.reads).toBeGreaterThanOrEqual(a.reads + 290);
    });
  }

  it("takes a refspec without a colon (its source as the destination) from the small store too", async () => {
    const few = await remoteWithTags("bare-refspec-few", 10, "file");
    const many = await remoteWithTags("bare-refspec-many", 300, "file");
    const a = await tracedPush(few.git, { onlyTags: true }, ["refs/tags/fresh"]);
    const b = await tracedPush(many.git, { onlyTags: true }, ["refs/tags/fresh"]);
    for (const [r, remote] of [
      [a, few],
      [b, many],
    ] as const) {
      expect(r.outcome).toMatchObject({ ok: true });
      expect((await git(remote.bare, ["rev-parse", "fresh"])).trim()).toBe(
        (await git(remote.clone, ["rev-parse", "fresh"])).trim(),
      );
    }
    // Sent from the small store: none of the 300 advertised tags read.
    expect(b.reads).toBe(a.reads);
  });

  it("removes the small stores a killed push left behind, not those of a push still running", async () => {
    const { git: repo } = await remoteWithTags("stale-stores", 10, "file");
    const stores = join(repo.gitDir, "git-model");
    mkdirSync(stores, { recursive: true });
    // A push killed an hour and more ago (an old name, without a process id), a push whose
    // process is gone, and one whose process (this one) still runs.
    const old = join(stores, "push-AbC123");
    const dead = spawnSync("true").pid!;
    const killed = join(stores, `push-${dead}-XyZ789`);
    const running = join(stores, `push-${process.pid}-QrS456`);
    for (const store of [old, killed, running]) mkdirSync(join(store, "pack"), { recursive: true });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    const r = await tracedPush(repo, { onlyTags: true });
    expect(r.outcome).toMatchObject({ ok: true });
    expect(
      readdirSync(stores)
        .filter((n) => n.startsWith("push-"))
        .sort(),
    ).toEqual([basename(running)]);
  });

  it("sends the token the repository's configuration gives (an http extra header, as actions/checkout sets it)", async () => {
    const header = `basic ${Buffer.from("x-access-token:ghs_secret").toString("base64")}`;
    const guarded = await serveGitHttp(http.projects, { authorization: header });
    try {
      const { bare } = await remoteWithTags("guarded", 10, "file");
      const clone = join(tempDir("gm-push-guarded-"), "clone");
      const extraHeader = `http.${guarded.url}/.extraheader=AUTHORIZATION: ${header}`;
      await git(tempDir(), ["clone", "-q", "-c", extraHeader, `${guarded.url}/guarded.git`, clone]);
      await git(clone, [...IDENTITY, "tag", "-a", "-m", "fresh", "fresh", "HEAD~1"]);
      const r = await tracedPush(new Git(clone, join(clone, ".git")), { onlyTags: true });
      expect(r.outcome).toMatchObject({ ok: true });
      expect((await git(bare, ["cat-file", "-t", "fresh"])).trim()).toBe("tag");
      // Without the header the server refuses the same push.
      await git(clone, ["config", "--unset-all", `http.${guarded.url}/.extraheader`]);
      await git(clone, [...IDENTITY, "tag", "-a", "-m", "later", "later", "HEAD"]);
      const refused = await new Git(clone, join(clone, ".git")).push(
        "origin",
        ["refs/tags/later:refs/tags/later"],
        {
          atomic: true,
          onlyTags: true,
        },
      );
      expect(refused.ok).toBe(false);
    } finally {
      await guarded.close();
    }
  });

  it("falls back to the ordinary push when the remote's branch moved past the clone's HEAD", async () => {
    const { bare, clone, git: repo } = await remoteWithTags("moved", 10, "file");
    // Another clone pushes a commit: the remote advertises a main this clone does not have.
    const other = join(tempDir("gm-push-other-"), "other");
    await git(tempDir(), ["clone", "-q", `file://${bare}`, other]);
    await git(other, [...IDENTITY, "commit", "-q", "--allow-empty", "-m", "later"]);
    await git(other, ["push", "-q", "origin", "HEAD:main"]);
    const r = await tracedPush(repo, { onlyTags: true });
    expect(r.outcome).toMatchObject({ ok: true });
    expect((await git(bare, ["rev-parse", "fresh"])).trim()).toBe(
      (await git(clone, ["rev-parse", "fresh"])).trim(),
    );
  });

  it("is refused as a whole when one tag exists on the remote, and says the remote moved on", async () => {
    const { bare, clone, git: repo } = await remoteWithTags("taken", 10, "http");
    await git(clone, [...IDENTITY, "tag", "-a", "-m", "second", "second", "HEAD"]);
    // Someone else's `fresh` on the remote, a different tag object.
    await git(bare, [...IDENTITY, "tag", "-a", "-m", "theirs", "fresh", "main"]);
    const outcome = await repo.push(
      "origin",
      ["refs/tags/second:refs/tags/second", "refs/tags/fresh:refs/tags/fresh"],
      { atomic: true, noVerify: true, onlyTags: true },
    );
    expect(outcome).toMatchObject({ ok: false, remoteMovedOn: true });
    await expect(git(bare, ["rev-parse", "--verify", "-q", "second"])).rejects.toThrow();
  });
});
