import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IndexEntry, readGitIndex, worktreeMatches } from "../../src/infra/git-index.js";
import { cleanEnv, git, newRepo, tempDir } from "../helpers/repo.js";

/** What git itself says of every entry: `ls-files --stage --debug`, parsed. */
async function gitsEntries(repo: string): Promise<Omit<IndexEntry, "special">[]> {
  const out = await git(repo, ["-c", "core.quotePath=false", "ls-files", "--stage", "--debug"]);
  const entries: Omit<IndexEntry, "special">[] = [];
  const rows = out.split("\n");
  for (let i = 0; i + 5 < rows.length; i += 6) {
    const [, mode, oid, stage, path] = /^(\d+) ([0-9a-f]+) (\d)\t(.*)$/.exec(rows[i]!)!;
    const [ctimeSec, ctimeNsec] = /ctime: (\d+):(\d+)/
      .exec(rows[i + 1]!)!
      .slice(1)
      .map(Number);
    const [mtimeSec, mtimeNsec] = /mtime: (\d+):(\d+)/
      .exec(rows[i + 2]!)!
      .slice(1)
      .map(Number);
    const ino = Number(/ino: (\d+)/.exec(rows[i + 3]!)![1]);
    const [uid, gid] = /uid: (\d+)\tgid: (\d+)/
      .exec(rows[i + 4]!)!
      .slice(1)
      .map(Number);
    const size = Number(/size: (\d+)/.exec(rows[i + 5]!)![1]);
    entries.push({
      path: path!,
      mode: Number.parseInt(mode!, 8),
      oid: oid!,
      stage: Number(stage),
      ctimeSec: ctimeSec!,
      ctimeNsec: ctimeNsec!,
      mtimeSec: mtimeSec!,
      mtimeNsec: mtimeNsec!,
      ino,
      uid: uid!,
      gid: gid!,
      size,
    });
  }
  return entries;
}

/** A repository with files at several depths, a long path, an executable, a link and a non-ASCII name. */
async function repoWithFiles(): Promise<string> {
  const repo = await newRepo({ init: false });
  const long = `${"d".repeat(200)}/${"e".repeat(200)}`;
  const files: Record<string, string> = {
    "models/churn/stages.json": "{}\n",
    "models/churn/history.jsonl": "",
    "models/churn/1.0.0/metadata.json": '{"a":1}\n',
    "models/churn/1.0.0/model.pkl": "pickle\n",
    "models/churn-2/history.jsonl": "x\n",
    "models/fraud/1.0.0/metadata.json": '{"b":2}\n',
    "models/fraud/história.jsonl": "ü\n",
    [`models/fraud/${long}/f`]: "deep\n",
    "models/top.txt": "top\n",
    "other/history.jsonl": "not the registry\n",
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(repo, path, ".."), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  writeFileSync(join(repo, "models/run.sh"), "#!/bin/sh\n", { mode: 0o755 });
  await git(repo, ["add", "-A"]);
  await git(repo, ["commit", "-qm", "files"]);
  return repo;
}

const everything = { folders: ["models", "other", "README.md"], files: [], trees: ["", "models"] };

/** The index of a repository, read for these folders, files and cache-tree records. */
function read(repo: string, query: { folders?: string[]; files?: string[]; trees?: string[] }) {
  return readGitIndex(join(repo, ".git"), { folders: [], files: [], trees: [], ...query });
}

describe("readGitIndex", () => {
  for (const version of [2, 3, 4]) {
    it(`reads every entry of an index of version ${version} as git does`, async () => {
      const repo = await repoWithFiles();
      await git(repo, ["update-index", "--index-version", String(version)]);
      const all = read(repo, { folders: ["README.md", "models", "other"] })!.entries;
      expect(all.map(({ special, ...rest }) => rest)).toEqual(await gitsEntries(repo));
      expect(all.some((e) => e.special)).toBe(false);
    });
  }

  for (const version of [2, 4])
    it(`selects a folder's entries and files by whole path parts (version ${version})`, async () => {
      const repo = await repoWithFiles();
      await git(repo, ["update-index", "--index-version", String(version)]);
      const paths = (folders: string[], files: string[]) =>
        read(repo, { folders, files })!.entries.map((e) => e.path);
      expect(paths(["models/churn"], [])).toEqual([
        "models/churn/1.0.0/metadata.json",
        "models/churn/1.0.0/model.pkl",
        "models/churn/history.jsonl",
        "models/churn/stages.json",
      ]);
      expect(
        paths(["models/top.txt"], ["models/churn/history.jsonl", "models/churn-2/history.jsonl"]),
      ).toEqual(["models/churn-2/history.jsonl", "models/churn/history.jsonl", "models/top.txt"]);
      expect(
        paths(["models/chu", "models/churn/1.0.0/model"], ["models/churn/history", "models/nope"]),
      ).toEqual([]);
      // A folder and a file below it; a folder and one beside it that its name starts.
      expect(
        paths(["models/churn", "models/churn-2"], ["models/churn/stages.json", "models/top.txt"]),
      ).toEqual([
        "models/churn-2/history.jsonl",
        "models/churn/1.0.0/metadata.json",
        "models/churn/1.0.0/model.pkl",
        "models/churn/history.jsonl",
        "models/churn/stages.json",
        "models/top.txt",
      ]);
    });

  for (const version of [2, 4])
    it(`reads an index larger than its buffer, and paths of 4,095 bytes and more (version ${version})`, async () => {
      const repo = await newRepo({ init: false });
      const blob = (await git(repo, ["hash-object", "-w", "README.md"])).trim();
      const paths = Array.from(
        { length: 6000 },
        (_, i) => `big/${String(i).padStart(5, "0")}/${"x".repeat(i % 97)}`,
      );
      paths.push(`big/${"l".repeat(4091)}`, `big/${"m".repeat(5000)}`, `big/02999/${"y".repeat(4095)}`);
      execFileSync("git", ["update-index", "--add", "--index-info"], {
        cwd: repo,
        env: cleanEnv(),
        input: paths.map((p) => `100644 ${blob}\t${p}\n`).join(""),
      });
      const top = (await git(repo, ["write-tree"])).trim();
      await git(repo, ["update-index", "--index-version", String(version)]);
      const index = read(repo, { folders: ["big", "README.md"], trees: ["big", "big/02999", "big/05999"] })!;
      expect(index.entries.map(({ special, ...rest }) => rest)).toEqual(await gitsEntries(repo));
      for (const folder of ["big", "big/02999", "big/05999"])
        expect(index.trees.get(folder)).toBe((await git(repo, ["rev-parse", `${top}:${folder}`])).trim());
      const some = read(repo, { folders: ["big/02999"], files: [`big/${"m".repeat(5000)}`] })!.entries;
      expect(some.map((e) => e.path)).toEqual(
        [
          `big/02999/${"x".repeat(2999 % 97)}`,
          `big/02999/${"y".repeat(4095)}`,
          `big/${"m".repeat(5000)}`,
        ].sort(),
      );
    });

  for (const version of [2, 3, 4])
    it(`finds any folders and files, there or not, among entries in many buffers (version ${version})`, async () => {
      const repo = await newRepo({ init: false });
      const blob = (await git(repo, ["hash-object", "-w", "README.md"])).trim();
      // 100 model folders of 40 versions of 3 files, and each model's own files (some missing).
      const models = Array.from({ length: 100 }, (_, m) => `models/m-${String(m).padStart(2, "0")}`);
      const own = ["history.jsonl", "monitoring.jsonl", "stages.json"];
      const paths = models.flatMap((m, i) => [
        ...Array.from({ length: 40 }, (_, v) =>
          ["a.json", "b.pkl", "c"].map((f) => `${m}/1.0.${v}/${f}`),
        ).flat(),
        ...own.filter((_, k) => (i + k) % 4 !== 0).map((f) => `${m}/${f}`),
      ]);
      execFileSync("git", ["update-index", "--add", "--index-info"], {
        cwd: repo,
        env: cleanEnv(),
        input: paths.map((p) => `100644 ${blob}\t${p}\n`).join(""),
      });
      // Version 3 writes the extended flags only where an entry has one.
      if (version === 3)
        await git(repo, ["update-index", "--skip-worktree", "--", ...paths.filter((_, i) => i % 7 === 0)]);
      await git(repo, ["update-index", "--index-version", String(version)]);
      expect(readFileSync(join(repo, ".git", "index")).length).toBeGreaterThan(3 * 256 * 1024);
      const listed = (await git(repo, ["ls-files"])).trim().split("\n");
      const candidates = [
        ...models,
        ...models.flatMap((m) => [...own.map((f) => `${m}/${f}`), `${m}/1.0.7`]),
      ];
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.constantFrom(...candidates), { maxLength: 12 }),
          fc.uniqueArray(fc.constantFrom(...candidates), { maxLength: 40 }),
          (folders, files) => {
            const expected = listed.filter(
              (p) => files.includes(p) || folders.some((f) => p === f || p.startsWith(`${f}/`)),
            );
            expect(read(repo, { folders, files })!.entries.map((e) => e.path)).toEqual(expected);
          },
        ),
        { numRuns: 60 },
      );
    });

  it("reads an index that ends at its last entry, with no extension after it (version 4)", async () => {
    // A repository with no commit: nothing has ever written a cache-tree (read-tree would).
    const repo = tempDir("gm-noext-");
    await git(repo, ["init", "-q"]);
    writeFileSync(join(repo, "a"), "a\n");
    const blob = (await git(repo, ["hash-object", "-w", "a"])).trim();
    execFileSync("git", ["update-index", "--add", "--index-info"], {
      cwd: repo,
      env: cleanEnv(),
      input: `100644 ${blob}\tx/y\n100644 ${blob}\tz\n`,
    });
    await git(repo, ["update-index", "--index-version", "4"]);
    expect(readFileSync(join(repo, ".git", "index")).includes("TREE")).toBe(false);
    expect(read(repo, { folders: ["x"], files: ["z"] })?.entries.map((e) => e.path)).toEqual(["x/y", "z"]);
  });

  it("gives the cache-tree's tree ids, and none for a folder whose entries changed since", async () => {
    const repo = await repoWithFiles();
    const folders = ["models", "models/churn", "models/churn/1.0.0", "other", "models/fraud"];
    const trees = (asked: string[]) => read(repo, { trees: asked })!.trees;
    const inHead = async (folder: string) => (await git(repo, ["rev-parse", `HEAD:${folder}`])).trim();
    // Asked one at a time and all at once: the records off the way are stepped over.
    for (const folder of folders) expect(trees([folder]).get(folder)).toBe(await inHead(folder));
    const all = trees([...folders, "", "models/nope", "models/churn/1.0.0/metadata.json"]);
    for (const folder of folders) expect(all.get(folder)).toBe(await inHead(folder));
    expect(all.get("")).toBe((await git(repo, ["rev-parse", "HEAD^{tree}"])).trim());
    expect(all.get("models/nope")).toBeNull();
    expect(all.get("models/churn/1.0.0/metadata.json")).toBeNull();

    writeFileSync(join(repo, "models/churn/1.0.0/extra"), "x\n");
    await git(repo, ["add", "models/churn/1.0.0/extra"]);
    const after = trees(["models", "models/churn", "models/fraud"]);
    expect(after.get("models")).toBeNull();
    expect(after.get("models/churn")).toBeNull();
    expect(after.get("models/fraud")).toBe(await inHead("models/fraud"));
  });

  it("marks intent-to-add, skip-worktree and assume-unchanged entries, and the sides of a conflict", async () => {
    const repo = await repoWithFiles();
    writeFileSync(join(repo, "models/new.txt"), "n\n");
    await git(repo, ["add", "--intent-to-add", "models/new.txt"]);
    await git(repo, ["update-index", "--skip-worktree", "models/churn/stages.json"]);
    await git(repo, ["update-index", "--assume-unchanged", "models/top.txt"]);
    const special = read(repo, { folders: ["models"] })!
      .entries.filter((e) => e.special)
      .map((e) => e.path);
    expect(special).toEqual(["models/churn/stages.json", "models/new.txt", "models/top.txt"]);

    await git(repo, ["update-index", "--no-skip-worktree", "models/churn/stages.json"]);
    await git(repo, ["update-index", "--no-assume-unchanged", "models/top.txt"]);
    await git(repo, ["reset", "-q", "--hard"]);
    await git(repo, ["checkout", "-qb", "side"]);
    writeFileSync(join(repo, "models/top.txt"), "side\n");
    await git(repo, ["commit", "-qam", "side"]);
    await git(repo, ["checkout", "-q", "main"]);
    writeFileSync(join(repo, "models/top.txt"), "main\n");
    await git(repo, ["commit", "-qam", "main"]);
    await git(repo, ["merge", "-q", "side"]).catch(() => {});
    const stages = read(repo, { files: ["models/top.txt"] })!.entries.map((e) => e.stage);
    expect(stages).toEqual([1, 2, 3]);
  });

  it("answers null for what it does not read: a split index, no index, another index file", async () => {
    const repo = await repoWithFiles();
    expect(readGitIndex(join(repo, ".git", "nope"), everything)).toBeNull();
    process.env.GIT_INDEX_FILE = join(repo, ".git", "index");
    try {
      expect(readGitIndex(join(repo, ".git"), everything)).toBeNull();
    } finally {
      delete process.env.GIT_INDEX_FILE;
    }
    await git(repo, ["update-index", "--split-index"]);
    expect(readGitIndex(join(repo, ".git"), everything)).toBeNull();
  });

  it("answers null for an index cut short", async () => {
    const repo = await repoWithFiles();
    const whole = readFileSync(join(repo, ".git", "index"));
    for (const cut of [0, 11, 12, 100, whole.length - 21, whole.length - 1]) {
      writeFileSync(join(repo, ".git", "index"), whole.subarray(0, cut));
      expect(readGitIndex(join(repo, ".git"), everything)).toBeNull();
    }
  });

  it("answers null for an entry whose path does not end where its length says", async () => {
    const repo = await repoWithFiles();
    const file = join(repo, ".git", "index");
    const index = readFileSync(file);
    // The first entry (version 2): its path's length in the flags, then the NUL after the path.
    const nul = 12 + 62 + (index.readUInt16BE(12 + 60) & 0xfff);
    expect(index[nul]).toBe(0);
    index[nul] = 0x78;
    writeFileSync(file, index);
    expect(readGitIndex(join(repo, ".git"), everything)).toBeNull();
  });
});

describe("worktreeMatches", () => {
  /** What git's status says of the work tree against the index (no refresh written back). */
  async function gitSaysClean(repo: string): Promise<boolean> {
    const env = cleanEnv({ GIT_OPTIONAL_LOCKS: "0" });
    return (await git(repo, ["status", "--porcelain", "--untracked-files=no"], env)) === "";
  }
  const matches = (repo: string) =>
    worktreeMatches(repo, read(repo, { folders: ["models", "other", "README.md"] })!);
  const indexTime = (repo: string, seconds: number) =>
    utimesSync(join(repo, ".git", "index"), seconds, seconds);

  it("says what git's status says: unchanged, edited, and edited within the index's second", async () => {
    const repo = await repoWithFiles();
    const file = join(repo, "models/churn/1.0.0/metadata.json");
    const { mtime } = statSync(file);
    indexTime(repo, Date.now() / 1000 + 5);
    expect([matches(repo), await gitSaysClean(repo)]).toEqual([true, true]);
    // Racily clean: written in the index's second, so only the content can tell.
    indexTime(repo, mtime.getTime() / 1000);
    expect([matches(repo), await gitSaysClean(repo)]).toEqual([true, true]);
    // Same size, same time, other content: the racy rule catches it, as it does for git.
    writeFileSync(file, '{"a":2}\n');
    utimesSync(file, mtime, mtime);
    expect([matches(repo), await gitSaysClean(repo)]).toEqual([false, false]);
    // Edited after the index: the time differs.
    indexTime(repo, mtime.getTime() / 1000 - 5);
    writeFileSync(file, '{"a":3}\n');
    expect([matches(repo), await gitSaysClean(repo)]).toEqual([false, false]);
  });

  it("says no to a file made executable, replaced by a folder or by a FIFO (without reading it)", async () => {
    for (const how of ["executable", "folder", "fifo"] as const) {
      const repo = await repoWithFiles();
      const file = join(repo, "models/churn/history.jsonl");
      if (how === "executable") chmodSync(file, 0o755);
      rmSync(file);
      if (how === "executable") writeFileSync(file, "", { mode: 0o755 });
      if (how === "folder") mkdirSync(file);
      if (how === "fifo") execFileSync("mkfifo", [file]);
      // Racy, so that a content read would be tried where one could be.
      indexTime(repo, statSync(join(repo, "models/churn/stages.json")).mtimeMs / 1000);
      expect([how, matches(repo), await gitSaysClean(repo)]).toEqual([how, false, false]);
    }
  });
});
