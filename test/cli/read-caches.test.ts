import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, newRepo, runFolder } from "../helpers/repo.js";
import { ok } from "../helpers/stages.js";

/**
 * list MODEL and select keep the checked metadata.json of a model in
 * .git/git-model/metadata-<model>.json (src/registry/versions/metadata-cache.ts) and read a file
 * again only when its stat changed; whole-registry list keeps each model folder's count and newest
 * version in .git/git-model/listings.json (src/registry/versions/model-summary.ts). Whatever is
 * done to a file or a folder, what the commands say must be what they say without the caches.
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
  for (const i of [0, 1]) await ok(repo, ["register", "fraud", runFolder({ "model.pkl": 80 + i })]);
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

describe("the listings of whole-registry list", () => {
  const LISTINGS = ".git/git-model/listings.json";
  const fraud = (path = "") => join(repo, "models", "fraud", path);
  const list = async () => {
    const runs = await Promise.all([cli(repo, ["list"]), cli(repo, ["list", "--json"])]);
    return runs.flatMap((r) => [String(r.code), r.stdout, r.stderr]);
  };
  /** list with the listings as they are, then with none: the same. */
  const sameAsWithout = async () => {
    const cached = await list();
    rmSync(join(repo, LISTINGS), { force: true });
    expect(await list()).toEqual(cached);
    return cached[1]!;
  };
  /** list, after which the listings hold fraud's folder as it is now (it must have settled). */
  const kept = async () => {
    const [, stdout] = await list();
    expect(Object.keys(JSON.parse(read(LISTINGS)).entries)).toContain("fraud");
    return stdout;
  };

  it("counts what the folder holds, whatever changed in it since it was kept", async () => {
    const changes: [string, () => void, RegExp][] = [
      [
        "a version folder added",
        () => cpSync(fraud("1.0.1"), fraud("1.0.7"), { recursive: true }),
        /^fraud +3 +1\.0\.7/m,
      ],
      ["one removed", () => rmSync(fraud("1.0.7"), { recursive: true }), /^fraud +2 +1\.0\.1/m],
      [
        "a file named like a version",
        () => writeFileSync(fraud("1.0.9"), "not a folder\n"),
        /^fraud +2 +1\.0\.1/m,
      ],
      ["a link to a version folder", () => symlinkSync("1.0.1", fraud("1.0.8")), /^fraud +2 +1\.0\.1/m],
      [
        "the newest replaced by a file",
        () => {
          rmSync(fraud("1.0.1"), { recursive: true });
          writeFileSync(fraud("1.0.1"), "");
        },
        /^fraud +1 +1\.0\.0/m,
      ],
    ];
    for (const [name, change, expected] of changes) {
      await kept();
      // With the folder's modification time set back: its change time still tells.
      spawnSync("touch", ["-r", fraud(), join(repo, "stamp")]);
      change();
      expect(spawnSync("touch", ["-r", join(repo, "stamp"), fraud()]).status).toBe(0);
      rmSync(join(repo, "stamp"));
      expect(await sameAsWithout(), name).toMatch(expected);
      await settle();
    }
    for (const f of ["1.0.1", "1.0.8", "1.0.9"]) rmSync(fraud(f), { recursive: true, force: true });
    await git(["checkout", "--", "models/fraud"]);
    await settle();
    expect(await kept()).toMatch(/^fraud +2 +1\.0\.1/m);
  });

  it("follows the version scheme, and ignores a torn, forged or other build's listing", async () => {
    expect(await kept()).toMatch(/^fraud +2 +1\.0\.1/m);
    const config = read(".gitmodel.yaml");
    // Under major-minor, 1.0.0 and 1.0.1 are not version names: no versions.
    writeFileSync(join(repo, ".gitmodel.yaml"), `${config}models:\n  fraud:\n    versioning: major-minor\n`);
    expect(await sameAsWithout()).toMatch(/^fraud +0 +- /m);
    writeFileSync(join(repo, ".gitmodel.yaml"), config);
    await kept();
    const good = JSON.parse(read(LISTINGS));
    const entry = good.entries.fraud as unknown[];
    const forged = (stat: unknown[], listing: object, build = good.build) =>
      JSON.stringify({ build, entries: { ...good.entries, fraud: [...stat, listing] } });
    const nine = { scheme: "semver", versions: 9, latest: "9.9.9" };
    for (const bad of [
      "[",
      forged(entry.slice(0, 4), nine, "another-build"),
      forged([entry[0], entry[1], (entry[2] as number) + 1, entry[3]], nine),
      forged(entry.slice(0, 4), { ...nine, scheme: "major-minor" }),
      forged(entry.slice(0, 4), { scheme: "semver", versions: "9", latest: {} }),
    ]) {
      writeFileSync(join(repo, LISTINGS), bad);
      const [code, stdout, stderr] = await list();
      expect([code, stderr]).toEqual(["0", ""]);
      expect(stdout).toMatch(/^fraud +2 +1\.0\.1/m);
    }
  });
});

async function git(args: string[]): Promise<string> {
  const r = spawnSync("git", args, { cwd: repo, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
