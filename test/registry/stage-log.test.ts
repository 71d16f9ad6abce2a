import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { graphState, headFromFiles } from "../../src/registry/stages/commit-graph.js";
import { cleanEnv, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";
import { ok, seedRepo } from "../helpers/stages.js";

/**
 * What makes `history` fast at 100,000 versions (docs/benchmarks.md): one log of stages.json, which
 * git answers from a commit-graph's Bloom filters when the clone has one (history keeps such a
 * graph current but never writes one from nothing: a fresh clone pays no write); the model's log started
 * before the registry is open, on a guess that is checked; and answers that stay the same
 * whatever the guess was.
 */

const gitDir = (repo: string) => join(repo, ".git");
const head = async (repo: string) => (await git(repo, ["rev-parse", "HEAD"])).trim();
const bloomStatistics = async (repo: string, path: string) => {
  // trace2 reports how a pathspec log used the Bloom filters.
  const { execFile } = await import("node:child_process");
  return new Promise<string>((resolve) =>
    execFile(
      "git",
      ["log", "--format=%H", "HEAD", "--", path],
      { cwd: repo, env: { ...process.env, GIT_TRACE2_PERF: "1" } },
      (_e, _out, err) => resolve(/statistics:(\{[^}]*\})/.exec(err)?.[1] ?? ""),
    ),
  );
};

describe("the commit-graph behind history", () => {
  it("history writes none in a fresh clone, and keeps one with Bloom filters current once there is one", async () => {
    const repo = await seedRepo(2);
    expect(graphState(gitDir(repo), await head(repo))).toBe("missing");
    // A fresh clone (what CI has) pays no graph write: at 100,000 commits that took seconds.
    await ok(repo, ["history", "rl"]);
    expect(graphState(gitDir(repo), await head(repo))).toBe("missing");

    // A clone whose graph has the filters (git maintenance, commit-graph write --changed-paths).
    await git(repo, ["commit-graph", "write", "--reachable", "--changed-paths"]);
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    expect(graphState(gitDir(repo), await head(repo))).toBe("stale");
    const r = await ok(repo, ["history", "rl", "--json"]);
    expect(JSON.parse(r.stdout).entries.at(-1)).toMatchObject({ type: "move", version: "1.0.0", to: "beta" });
    expect(graphState(gitDir(repo), await head(repo))).toBe("current");
    // git answers the log history reads (one stages.json) from the filters.
    expect(JSON.parse(await bloomStatistics(repo, "models/rl/stages.json"))).toMatchObject({
      filter_not_present: 0,
    });
  });

  it("a graph written without changed paths is left as it is", async () => {
    const repo = await seedRepo(1);
    await git(repo, ["commit-graph", "write", "--reachable", "--no-changed-paths"]);
    expect(graphState(gitDir(repo), await head(repo))).toBe("no-bloom");
    await ok(repo, ["history", "rl"]);
    expect(graphState(gitDir(repo), await head(repo))).toBe("no-bloom");
  });

  it("git gc keeps the filters, so the graph stays current", async () => {
    const repo = await seedRepo(1);
    await git(repo, ["commit-graph", "write", "--reachable", "--changed-paths"]);
    await ok(repo, ["history", "rl"]);
    await git(repo, ["gc", "-q"]);
    expect(graphState(gitDir(repo), await head(repo))).toBe("current");
  });

  it("reads HEAD from a loose ref, packed-refs and a detached HEAD", async () => {
    const repo = await newRepo();
    const commit = await head(repo);
    expect(headFromFiles(gitDir(repo))).toBe(commit);
    await git(repo, ["pack-refs", "--all"]);
    expect(headFromFiles(gitDir(repo))).toBe(commit);
    await git(repo, ["checkout", "-q", "--detach"]);
    expect(headFromFiles(gitDir(repo))).toBe(commit);
  });
});

describe("the log started before the registry is open", () => {
  it("gives the same history from the top, from a subfolder and with -C", async () => {
    const repo = await seedRepo(2);
    await ok(repo, ["promote", "rl@1.0.1", "beta", "--reason", "r"]);
    const fromTop = (await ok(repo, ["history", "rl", "--json"])).stdout;
    const sub = join(repo, "models", "rl");
    expect((await cli(sub, ["history", "rl", "--json"])).stdout).toBe(fromTop);
    expect((await cli(join(repo, ".."), ["history", "rl", "--json", "-C", "repo"])).stdout).toBe(fromTop);
  });

  it("gives the right answer whatever the guess of the root was", async () => {
    const configs = [
      'root: "registry/models"   # where models live\nversioning: semver\n', // guessed right
      "root:\n  registry/models\nversioning: semver\n", // no guess
      "{ root: registry/models, versioning: semver }\n", // guessed wrong (models/)
    ];
    for (const config of configs) {
      const repo = await newRepo({ config });
      const run = runFolder({ "model.bin": 64 });
      await ok(repo, ["register", "rl", run]);
      const r = await ok(repo, ["history", "rl", "--json"]);
      expect(JSON.parse(r.stdout).entries.map((e: { type: string; version: string }) => e.version)).toEqual([
        "1.0.0",
      ]);
    }
  });

  it("a model without stage tags: one log of its stages.json, the one started on the tags' answer", async () => {
    const repo = await seedRepo(2);
    await ok(repo, ["promote", "rl@1.0.0", "beta", "--reason", "first"]);
    await ok(repo, ["promote", "rl@1.0.1", "beta", "--reason", "second"]);
    await ok(repo, ["doctor", "--fix"]); // the stage tags GTO reads, which history is bounded by
    const withTags = (await ok(repo, ["history", "rl", "--json"])).stdout;
    // A registry whose moves were made without stage tags (or lost them): git's whole log.
    const stageTags = (await git(repo, ["tag", "-l", "rl#*"])).split("\n").filter(Boolean);
    expect(stageTags.length).toBeGreaterThan(0);
    await git(repo, ["tag", "-d", ...stageTags]);
    const trace = join(tempDir("gm-trace-"), "events.json");
    const r = await ok(repo, ["history", "rl", "--json"], cleanEnv({ GIT_TRACE2_EVENT: trace }));
    expect(r.stdout).toBe(withTags);
    const logs = readFileSync(trace, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; argv?: string[] })
      .filter(
        (e) => e.event === "start" && e.argv!.includes("log") && e.argv!.includes("models/rl/stages.json"),
      );
    expect(logs).toHaveLength(1);
  });

  it("a model folder without commits yet, in a repository without any", async () => {
    const repo = tempDir();
    await git(repo, ["init", "-q", "-b", "main"]);
    mkdirSync(join(repo, "models", "fresh"), { recursive: true });
    writeFileSync(join(repo, "models", "fresh", "stages.json"), "{}\n");
    const r = await ok(repo, ["history", "fresh"]);
    expect(r.stdout).toContain("no history for fresh yet");
    expect(graphState(gitDir(repo), "0".repeat(40))).toBe("missing");
  });
});
