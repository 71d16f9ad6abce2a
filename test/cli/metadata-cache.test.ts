import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, newRepo, runFolder } from "../helpers/repo.js";
import { ok } from "../helpers/stages.js";

/**
 * list MODEL and select keep the checked metadata.json of a model in
 * .git/git-model/metadata-<model>.json (src/registry/versions/metadata-cache.ts) and read a file
 * again only when its stat changed. Whatever is done to a file, what the commands say about it
 * must be what they say without the cache.
 */

const CACHE = ".git/git-model/metadata-churn.json";
const FILE = "models/churn/1.0.1/metadata.json";

let repo: string;

const read = (path: string) => readFileSync(join(repo, path), "utf8");
const cacheEntries = () => Object.keys(JSON.parse(read(CACHE)).entries).sort();

/** list, list --json and select --json, as they come out. */
async function outputs(): Promise<string[]> {
  const runs = await Promise.all([
    cli(repo, ["list", "churn"]),
    cli(repo, ["list", "churn", "--json"]),
    cli(repo, ["select", "churn", "--json"]),
  ]);
  return runs.flatMap((r) => [String(r.code), r.stdout, r.stderr]);
}

/** The outputs with the cache as it is, and then with none: they must be the same. */
async function expectSameAsWithoutCache(): Promise<string[]> {
  const cached = await outputs();
  rmSync(join(repo, CACHE), { force: true });
  expect(await outputs()).toEqual(cached);
  return cached;
}

/** Waits until files written now are older than the two seconds the cache leaves alone. */
const settle = () => sleep(2100);

beforeAll(async () => {
  repo = await newRepo();
  for (const [i, auc] of ["0.81", "0.82", "0.83"].entries())
    await ok(repo, ["register", "churn", runFolder({ "model.pkl": 64 + i }), "--metric", `auc=${auc}`]);
  await settle();
});

describe("the metadata cache", () => {
  it("is written by list MODEL and then read instead of the files, with the same output", async () => {
    rmSync(join(repo, CACHE), { force: true });
    const first = await outputs();
    expect(cacheEntries()).toEqual(["1.0.0", "1.0.1", "1.0.2"]);
    expect(first[1]).toMatch(/^1\.0\.1 +development .* 0\.82$/m);
    // A cached entry that no file vouches for would show here: it is the file's that shows.
    expect(await outputs()).toEqual(first);
    expect(await git(["status", "--porcelain"])).toBe("");
  });

  it("sees an edit that keeps the size and the modification time", async () => {
    await outputs();
    expect(cacheEntries()).toContain("1.0.1");
    const before = statSync(join(repo, FILE));
    // Rewritten in place (same inode), and its modification time set back to the nanosecond.
    spawnSync("touch", ["-r", FILE, "stamp"], { cwd: repo });
    writeFileSync(join(repo, FILE), read(FILE).replace('"auc": 0.82', '"auc": 0.92'));
    expect(spawnSync("touch", ["-r", "stamp", FILE], { cwd: repo }).status).toBe(0);
    rmSync(join(repo, "stamp"));
    const after = statSync(join(repo, FILE));
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const [, stdout] = await outputs();
    expect(stdout).toMatch(/^1\.0\.1 +development .* 0\.92$/m);
    await git(["checkout", "--", FILE]);
    expect((await outputs())[1]).toMatch(/^1\.0\.1 .* 0\.82$/m);
    await settle();
  });

  it("reports a broken file, a link and a FIFO in place of a cached file as without it", async () => {
    const original = read(FILE);
    const cases: [string, () => void, string][] = [
      [
        "invalid",
        () =>
          writeFileSync(join(repo, FILE), original.replace(/"created_at": "[^"]*"/, '"created_at": "soon"')),
        "created_at",
      ],
      [
        "link",
        () => {
          writeFileSync(join(repo, "elsewhere.json"), original);
          unlinkSync(join(repo, FILE));
          symlinkSync("../../../elsewhere.json", join(repo, FILE));
        },
        "is a symbolic link",
      ],
      [
        "fifo",
        () => {
          unlinkSync(join(repo, FILE));
          expect(spawnSync("mkfifo", [join(repo, FILE)]).status).toBe(0);
        },
        "is a FIFO (named pipe), not a file",
      ],
    ];
    for (const [name, breakIt, message] of cases) {
      await outputs(); // the cache holds the valid file
      expect(cacheEntries(), name).toContain("1.0.1");
      breakIt();
      const [code, stdout, stderr] = await expectSameAsWithoutCache();
      expect(code, name).toBe("0");
      expect(stdout, name).not.toMatch(/^1\.0\.1 /m);
      expect(stderr, name).toContain(`left out churn@1.0.1: ${FILE}`);
      expect(stderr, name).toContain(message);
      expect(cacheEntries(), name).not.toContain("1.0.1");
      rmSync(join(repo, FILE), { force: true });
      rmSync(join(repo, "elsewhere.json"), { force: true });
      await git(["checkout", "--", FILE]);
      await settle();
    }
  });

  it("ignores a torn cache, another build's, one whose stats do not match; forgets a removed version", async () => {
    await outputs();
    const good = JSON.parse(read(CACHE));
    const forged = (entries: Record<string, unknown[]>, build = good.build) =>
      JSON.stringify({ build, entries: { ...good.entries, ...entries } });
    const lying = (stat: (entry: unknown[]) => unknown[]) => {
      const entry = good.entries["1.0.1"] as unknown[];
      const metadata = { ...(entry[4] as object), metrics: { auc: 0.99 } };
      return { "1.0.1": [...stat(entry), metadata] };
    };
    for (const bad of [
      "",
      '{"build":',
      forged(
        lying((e) => e.slice(0, 4)),
        "another-build",
      ),
      forged(lying((e) => [e[0], e[1], (e[2] as number) - 1, e[3]])),
      forged(lying((e) => [(e[0] as number) + 1, ...e.slice(1, 4)])),
      forged({ "1.0.1": ["not", "an", "entry"] }),
    ]) {
      writeFileSync(join(repo, CACHE), bad);
      const [code, stdout, stderr] = await outputs();
      expect(code).toBe("0");
      expect(stderr).toBe("");
      expect(stdout).toMatch(/^1\.0\.1 +development .* 0\.82$/m);
      expect(stdout).not.toContain("0.99");
    }
    rmSync(join(repo, "models/churn/1.0.2"), { recursive: true });
    const [, stdout] = await expectSameAsWithoutCache();
    expect(stdout).not.toMatch(/^1\.0\.2 /m);
    await outputs();
    expect(cacheEntries()).toEqual(["1.0.0", "1.0.1"]);
    await git(["checkout", "--", "models/churn/1.0.2"]);
    expect(existsSync(join(repo, "models/churn/1.0.2/metadata.json"))).toBe(true);
    await settle();
  });

  it("does not keep a file changed in the last two seconds, whose stat could hide a second change", async () => {
    rmSync(join(repo, CACHE), { force: true });
    writeFileSync(join(repo, FILE), `${read(FILE)}\n`);
    await outputs();
    expect(cacheEntries()).toEqual(["1.0.0", "1.0.2"]);
    await git(["checkout", "--", FILE]);
  });
});

async function git(args: string[]): Promise<string> {
  const r = spawnSync("git", args, { cwd: repo, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
