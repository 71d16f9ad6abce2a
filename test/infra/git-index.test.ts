import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type IndexEntry, readGitIndex } from "../../src/infra/git-index.js";
import { git, newRepo } from "../helpers/repo.js";

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

describe("readGitIndex", () => {
  for (const version of [2, 3, 4]) {
    it(`reads every entry of an index of version ${version} as git does`, async () => {
      const repo = await repoWithFiles();
      await git(repo, ["update-index", "--index-version", String(version)]);
      const index = readGitIndex(join(repo, ".git"))!;
      expect(index).not.toBeNull();
      const all = index.select(["README.md", "models", "other"], []);
      expect(all.map(({ special, ...rest }) => rest)).toEqual(await gitsEntries(repo));
      expect(all.some((e) => e.special)).toBe(false);
    });
  }

  for (const version of [2, 4])
    it(`selects a folder's entries and files by whole path parts (version ${version})`, async () => {
      const repo = await repoWithFiles();
      await git(repo, ["update-index", "--index-version", String(version)]);
      const index = readGitIndex(join(repo, ".git"))!;
      const paths = (folders: string[], files: string[]) => index.select(folders, files).map((e) => e.path);
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
    });

  it("gives the cache-tree's tree ids, and none for a folder whose entries changed since", async () => {
    const repo = await repoWithFiles();
    const index = readGitIndex(join(repo, ".git"))!;
    for (const folder of ["models", "models/churn", "models/churn/1.0.0", "other"])
      expect(index.treeOid(folder)).toBe((await git(repo, ["rev-parse", `HEAD:${folder}`])).trim());
    expect(index.treeOid("")).toBe((await git(repo, ["rev-parse", "HEAD^{tree}"])).trim());
    expect(index.treeOid("models/nope")).toBeNull();

    writeFileSync(join(repo, "models/churn/1.0.0/extra"), "x\n");
    await git(repo, ["add", "models/churn/1.0.0/extra"]);
    const after = readGitIndex(join(repo, ".git"))!;
    expect(after.treeOid("models")).toBeNull();
    expect(after.treeOid("models/churn")).toBeNull();
    expect(after.treeOid("models/fraud")).toBe((await git(repo, ["rev-parse", "HEAD:models/fraud"])).trim());
  });

  it("marks intent-to-add, skip-worktree and assume-unchanged entries, and the sides of a conflict", async () => {
    const repo = await repoWithFiles();
    writeFileSync(join(repo, "models/new.txt"), "n\n");
    await git(repo, ["add", "--intent-to-add", "models/new.txt"]);
    await git(repo, ["update-index", "--skip-worktree", "models/churn/stages.json"]);
    await git(repo, ["update-index", "--assume-unchanged", "models/top.txt"]);
    const special = readGitIndex(join(repo, ".git"))!
      .select(["models"], [])
      .filter((e) => e.special)
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
    const stages = readGitIndex(join(repo, ".git"))!
      .select(["models/top.txt"], [])
      .map((e) => e.stage);
    expect(stages).toEqual([1, 2, 3]);
  });

  it("answers null for what it does not read: a split index, no index, another index file", async () => {
    const repo = await repoWithFiles();
    expect(readGitIndex(join(repo, ".git", "nope"))).toBeNull();
    process.env.GIT_INDEX_FILE = join(repo, ".git", "index");
    try {
      expect(readGitIndex(join(repo, ".git"))).toBeNull();
    } finally {
      delete process.env.GIT_INDEX_FILE;
    }
    await git(repo, ["update-index", "--split-index"]);
    expect(readGitIndex(join(repo, ".git"))).toBeNull();
  });

  it("answers null for an index cut short", async () => {
    const repo = await repoWithFiles();
    const whole = readFileSync(join(repo, ".git", "index"));
    for (const cut of [0, 11, 12, 100, whole.length - 21, whole.length - 1]) {
      writeFileSync(join(repo, ".git", "index"), whole.subarray(0, cut));
      expect(readGitIndex(join(repo, ".git"))).toBeNull();
    }
  });
});
