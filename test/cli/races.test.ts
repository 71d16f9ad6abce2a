import { afterAll, describe, expect, it } from "vitest";
import { httpRegistryRemote } from "../helpers/http-remote.js";
import { bareRemote, cli, cloneOf, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Races between clones (issue 11, item 4): 8 clones run `register --push --retry` at once, over
 * file:// and over smart HTTP. Every registration lands, each with its own version, and the
 * remote holds each one's commit, folder, history line and tag: nothing lost, nothing doubled.
 */

const WIDTH = 8;
/** Registrations per clone over file:// (GIT_MODEL_RACE_ROUNDS runs a longer trial by hand). */
const ROUNDS = Number(process.env.GIT_MODEL_RACE_ROUNDS) || 2;

async function clones(url: string, config: string[] = []): Promise<string[]> {
  const seed = await newRepo();
  await git(seed, ["remote", "add", "origin", url]);
  for (const c of config) await git(seed, ["config", ...c.split("=")]);
  await git(seed, ["push", "-q", "origin", "main"]);
  return Promise.all(Array.from({ length: WIDTH }, () => cloneOf(url, config)));
}

let attempts = 0;

/** Each clone registers `rounds` times in a row, all clones at once; returns every version taken. */
async function race(repos: readonly string[], rounds: number): Promise<string[]> {
  const results = await Promise.all(
    repos.map(async (repo, i) => {
      const versions: string[] = [];
      for (let round = 0; round < rounds; round++) {
        const run = runFolder({ "model.pkl": 100 + i * 10 + round });
        const r = await cli(repo, ["register", "churn", run, "--push", "--retry", "--json"]);
        expect(r.code, `clone ${i} round ${round}: ${r.stderr}`).toBe(0);
        const result = JSON.parse(r.stdout);
        versions.push(result.version);
        attempts += 1 + result.renumbered.length;
        expect(await git(repo, ["status", "--porcelain", "--untracked-files=all"])).toBe("");
      }
      return versions;
    }),
  );
  return results.flat();
}

/** The remote holds exactly these versions: one commit, folder, history line and tag each. */
async function expectRemoteHolds(bare: string, versions: readonly string[]): Promise<void> {
  const sorted = [...versions].sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]));
  expect(new Set(versions).size, "distinct versions").toBe(versions.length);
  expect(sorted).toEqual(sorted.map((_, i) => `1.0.${i}`));
  const tags = (await git(bare, ["tag", "--list"])).trim().split("\n").sort();
  expect(tags).toEqual(sorted.map((v) => `churn@v${v}`).sort());
  const history = (await git(bare, ["show", "main:models/churn/history.jsonl"]))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).version);
  expect([...history].sort()).toEqual([...sorted].sort());
  const folders = (await git(bare, ["ls-tree", "--name-only", "main", "models/churn/"]))
    .trim()
    .split("\n")
    .filter((p) => /\/\d/.test(p))
    .map((p) => p.split("/").at(-1));
  expect(folders.sort()).toEqual([...sorted].sort());
  const subjects = (await git(bare, ["log", "--format=%s", "main"]))
    .split("\n")
    .filter((s) => s.startsWith("register"));
  expect(subjects.sort()).toEqual(sorted.map((v) => `register churn@${v}`).sort());
  // Each tag points at the commit that registered its version.
  for (const v of sorted) {
    expect((await git(bare, ["log", "-1", "--format=%s", `churn@v${v}^{commit}`])).trim()).toBe(
      `register churn@${v}`,
    );
  }
}

describe(`${WIDTH} clones racing register --push --retry`, () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("over file://, twice each: every registration lands with its own version", {
    timeout: 300_000,
  }, async () => {
    const { bare, url } = await bareRemote();
    const repos = await clones(url);
    attempts = 0;
    const versions = await race(repos, ROUNDS);
    expect(versions).toHaveLength(ROUNDS * WIDTH);
    await expectRemoteHolds(bare, versions);
    console.log(
      `file://: ${versions.length} registrations by ${WIDTH} clones, ${attempts} attempts, all landed`,
    );
  });

  it("over smart HTTP: every registration lands with its own version", { timeout: 300_000 }, async () => {
    const { url, bare, lfsConfig, server } = await httpRegistryRemote(tempDir("gm-http-"));
    servers.push(server);
    const repos = await clones(url, lfsConfig);
    attempts = 0;
    const versions = await race(repos, 1);
    expect(versions).toHaveLength(WIDTH);
    await expectRemoteHolds(bare, versions);
    console.log(
      `smart HTTP: ${versions.length} registrations by ${WIDTH} clones, ${attempts} attempts, all landed`,
    );
  });
});
