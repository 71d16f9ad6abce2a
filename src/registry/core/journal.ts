import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { copyFile, rename, rm, stat, truncate } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readTextSync } from "../../infra/files.js";
import type { Git } from "../../infra/git.js";
import { faultPoint } from "./fault.js";

/**
 * The write-ahead journal of a registry write: `<git dir>/git-model/journal.jsonl`, one line per
 * step, each written before the step it announces, and removed when the write is done or undone.
 * A write killed at any moment leaves it behind, and the next git-model command (a reading one
 * included) settles it from what the journal and the repository say:
 *
 * - the commit landed (HEAD is it, or has it in its history): the write is finished: the index
 *   entries of its paths, its tags, the parked folders it removed;
 * - otherwise it is undone: its tags, the branch (by compare-and-swap, only if it still names
 *   the write's commit), the index entries, then the work tree, newest step first (a file is
 *   restored only while it still holds what the write put there).
 *
 * The same undo is how a failed write rolls back in process (Transaction.rollback): one way to
 * undo, tried by every fault-injection point (test/cli/faults.test.ts).
 */

export type TagRecord = { name: string; message: string; target?: string; date?: string };

export type JournalRecord =
  | { op: "begin"; pid: number; command: string; at: number }
  | { op: "create"; path: string }
  | { op: "write"; path: string; saved: string | null; sha: string }
  | { op: "append"; path: string; size: number | null; added: number }
  | { op: "remove"; path: string; parked: string }
  | {
      op: "commit";
      commit: string;
      head: string | null;
      ref: string | null;
      paths: string[];
      tags: TagRecord[];
    }
  | { op: "tags"; tags: (TagRecord & { target: string })[] }
  | { op: "push"; remote: string; branch: string }
  | { op: "rebase"; head: string | null }
  | { op: "undo" };

export const journalPath = (gitDir: string) => `${gitDir}/git-model/journal.jsonl`;
const savedFolder = (gitDir: string) => `${gitDir}/git-model/saved`;

/** True when a write was interrupted (or is under way) in this working copy: one stat. */
export const hasJournal = (gitDir: string) => existsSync(journalPath(gitDir));

export const sha256 = (data: Buffer) =>
  process.getBuiltinModule("node:crypto").createHash("sha256").update(data).digest("hex");

export class Journal {
  private started = false;

  constructor(
    private readonly gitDir: string,
    private readonly command: string,
  ) {}

  get active(): boolean {
    return this.started;
  }

  /** Appends one record (a single small write: a kill leaves it whole or absent). */
  record(record: JournalRecord): void {
    const path = journalPath(this.gitDir);
    if (!this.started) {
      mkdirSync(dirname(path), { recursive: true });
      const begin: JournalRecord = { op: "begin", pid: process.pid, command: this.command, at: Date.now() };
      appendFileSync(path, `${JSON.stringify(begin)}\n`);
      this.started = true;
    }
    appendFileSync(path, `${JSON.stringify(record)}\n`);
    faultPoint(`journaled:${record.op}`);
  }

  /** Keeps a copy of a file's content before it is overwritten; its name for the journal. */
  save(file: string): string | null {
    if (!existsSync(file)) return null;
    const folder = savedFolder(this.gitDir);
    mkdirSync(folder, { recursive: true });
    const name = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    copyFileSync(file, join(folder, name));
    return name;
  }

  /** The write is over (done or undone): nothing is left to settle. */
  close(): void {
    if (!this.started) return;
    removeJournal(this.gitDir);
    this.started = false;
  }
}

/** The journal goes first: the saved copies it names are only needed while it exists. */
function removeJournal(gitDir: string): void {
  rmSync(journalPath(gitDir), { force: true });
  rmSync(savedFolder(gitDir), { recursive: true, force: true });
}

/** The records of the journal left in this working copy (a torn last line is ignored). */
export function readJournal(gitDir: string): JournalRecord[] {
  const text = readTextSync(journalPath(gitDir)) ?? "";
  const records: JournalRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      break;
    }
  }
  return records;
}

/** Version folders an unsettled journal created: not registered versions, whatever they hold. */
export function pendingFolders(gitDir: string): Set<string> {
  if (!hasJournal(gitDir)) return new Set();
  return new Set(readJournal(gitDir).flatMap((r) => (r.op === "create" ? [r.path.replace(/\/+$/, "")] : [])));
}

export interface Settled {
  outcome: "finished" | "undone" | "nothing";
  /** The write had landed its commit (when finished). */
  committed: boolean;
  command: string;
  pid: number | null;
  /** What a person should know, beyond finished or undone (a push that may not have happened). */
  notes: string[];
}

const find = <K extends JournalRecord["op"]>(records: readonly JournalRecord[], op: K) =>
  records.filter((r): r is Extract<JournalRecord, { op: K }> => r.op === op);

/**
 * Settles the journal's write: finishes it when its commit landed and it was not being undone,
 * undoes it otherwise (`undo` forces it: a failed write rolling back). Then removes the journal.
 */
export async function settle(git: Git, records: readonly JournalRecord[], undo = false): Promise<Settled> {
  const begin = find(records, "begin")[0];
  const commit = find(records, "commit")[0];
  const result: Settled = {
    outcome: "nothing",
    committed: false,
    command: begin?.command ?? "write",
    pid: begin?.pid ?? null,
    notes: [],
  };
  if (records.length === 0) return result;
  // What a killed git process left; not when a live write undoes itself (its git processes ended).
  if (!undo) await clearGitLeftovers(git, begin?.at ?? 0);
  const head = await git.commitOf("HEAD");
  const landed =
    !undo &&
    !find(records, "undo").length &&
    commit !== undefined &&
    head !== null &&
    (head === commit.commit || (await isAncestor(git, commit.commit, head)));
  if (landed) await finish(git, records, commit, result);
  else await undoAll(git, records, head, result);
  if (find(records, "rebase").length) {
    // Catching up with the remote: a rebase still under way is aborted; a finished one stays.
    const underWay = existsSync(`${git.gitDir}/rebase-merge`) || existsSync(`${git.gitDir}/rebase-apply`);
    if (underWay) await git.run(["rebase", "--abort"], { allowFailure: true });
    result.outcome = underWay ? "undone" : "finished";
  }
  removeJournal(git.gitDir);
  return result;
}

async function finish(
  git: Git,
  records: readonly JournalRecord[],
  commit: Extract<JournalRecord, { op: "commit" }>,
  result: Settled,
): Promise<void> {
  result.outcome = "finished";
  result.committed = true;
  // The index entries of the commit's paths, as a completed commit leaves them.
  if (commit.paths.length) await git.run(["reset", "-q", "--", ...commit.paths], { allowFailure: true });
  for (const r of find(records, "remove")) await rm(r.parked, { recursive: true, force: true });
  const tags = [
    ...commit.tags.map((t) => ({ ...t, target: t.target ?? commit.commit })),
    ...find(records, "tags").flatMap((r) => r.tags),
  ];
  if (tags.length) {
    const existing = await git.batchCheck(tags.map((t) => `refs/tags/${t.name}`));
    const missing = tags.filter((t) => !existing.get(`refs/tags/${t.name}`));
    if (missing.length) await git.createTags(missing);
  }
  if (find(records, "push").length) {
    result.notes.push("it may not have reached the remote: the next register --push (or git push) sends it");
  }
}

async function undoAll(
  git: Git,
  records: readonly JournalRecord[],
  head: string | null,
  result: Settled,
): Promise<void> {
  result.outcome = "undone";
  const commit = find(records, "commit")[0];
  // Tags first (they name the commit), each only while it still points where the write put it.
  const tags = [
    ...(commit ? commit.tags.map((t) => ({ name: t.name, target: t.target ?? commit.commit })) : []),
    ...find(records, "tags").flatMap((r) => r.tags),
  ];
  if (tags.length) {
    const rows = await git.forEachRef(
      tags.map((t) => `refs/tags/${t.name}`),
      ["%(refname)", "%(objectname)", "%(*objectname)"],
    );
    const planned = new Map(tags.map((t) => [`refs/tags/${t.name}`, t.target]));
    const ours = rows.filter(([ref, , peeled]) => planned.get(ref!) === peeled);
    if (ours.length) {
      const input = ours.map(([ref, oid]) => `delete ${ref} ${oid}\n`).join("");
      await git.run(["update-ref", "--stdin"], { input, allowFailure: true });
    }
  }
  if (commit) {
    let nowHead = head;
    if (head === commit.commit) {
      const moved = commit.head
        ? await git.run(["update-ref", "-m", "git-model: undo", "HEAD", commit.head, commit.commit], {
            allowFailure: true,
          })
        : await git.run(["update-ref", "-d", commit.ref ?? "HEAD", commit.commit], { allowFailure: true });
      if (moved.code === 0) nowHead = commit.head;
    }
    // The index entries go back to the branch's, once the branch is back where it was.
    if (nowHead === commit.head && commit.paths.length) {
      if (commit.head) await git.run(["reset", "-q", "--", ...commit.paths], { allowFailure: true });
      else
        await git.run(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", ...commit.paths], {
          allowFailure: true,
        });
    }
  }
  const created = find(records, "create").map((r) => r.path);
  const tracked = new Set(
    created.length && (await git.commitOf("HEAD"))
      ? await git.list(["ls-tree", "-z", "--name-only", "HEAD", "--", ...created])
      : [],
  );
  for (const record of [...records].reverse()) {
    const full = join(git.top, "path" in record ? record.path : "");
    switch (record.op) {
      case "create":
        if (!tracked.has(record.path)) await rm(full, { recursive: true, force: true });
        break;
      case "write": {
        const now = await readIfExists(full);
        const saved = record.saved && join(savedFolder(git.gitDir), record.saved);
        if (now !== null && sha256(now) !== record.sha) {
          // Not what the write put there: the old content still (a kill before the write), or
          // somebody's edit since, which is not undone.
          const old = saved ? await readIfExists(saved) : null;
          if (old === null || !old.equals(now)) {
            result.notes.push(`${record.path} changed since, so it was left as it is`);
          }
          removeTempFiles(dirname(full));
          break;
        }
        if (saved && existsSync(saved)) await moveFile(saved, full);
        else if (!record.saved) await rm(full, { force: true });
        removeTempFiles(dirname(full));
        break;
      }
      case "append": {
        const size = await stat(full).then(
          (s) => s.size,
          () => null,
        );
        if (size === null) break;
        if (size !== (record.size ?? 0) + record.added && size !== (record.size ?? 0)) {
          result.notes.push(`${record.path} changed since, so it was left as it is`);
        } else if (record.size === null) await rm(full, { force: true });
        else await truncate(full, record.size);
        break;
      }
      case "remove":
        if (existsSync(record.parked) && !existsSync(full)) await rename(record.parked, full);
        break;
    }
  }
}

/** Renames, or copies where the git folder is on another file system than the work tree. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/** Temporary files of atomic writes (files.ts) that a kill left next to their target. */
function removeTempFiles(folder: string): void {
  try {
    for (const name of readdirSync(folder)) {
      if (name.endsWith(".git-model.tmp")) rmSync(join(folder, name), { force: true });
    }
  } catch {}
}

/**
 * What a killed git process of ours can leave: `index.lock` (only one at least as recent as the
 * interrupted write: an older one is somebody else's) and fast-import's scratch refs.
 */
async function clearGitLeftovers(git: Git, since: number): Promise<void> {
  const indexLock = `${git.gitDir}/index.lock`;
  try {
    if (statSync(indexLock).mtimeMs >= since - 1000) rmSync(indexLock, { force: true });
  } catch {}
  await removeDeadScratchRefs(git);
}

/**
 * Removes `refs/git-model/scratch/<pid>-...` refs whose process no longer runs (fast-import's
 * temporary refs, which a kill leaves behind). Refs are shared by a repository's worktrees, so
 * a live process's ref is left alone.
 */
export async function removeDeadScratchRefs(git: Git): Promise<void> {
  const rows = await git.forEachRef(["refs/git-model/scratch/"], ["%(refname)", "%(objectname)"]);
  const dead = rows.filter(([ref]) => {
    const pid = Number(/scratch\/(\d+)-/.exec(ref ?? "")?.[1]);
    if (!pid || pid === process.pid) return !pid;
    try {
      process.kill(pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "ESRCH";
    }
  });
  if (dead.length) {
    const input = dead.map(([ref, oid]) => `delete ${ref} ${oid}\n`).join("");
    await git.run(["update-ref", "--stdin"], { input, allowFailure: true });
  }
}

/** True when the scratch-ref folder (loose refs, in the repository's common git dir) holds any. */
export function mayHaveScratchRefs(gitDir: string): boolean {
  const common = readTextSync(`${gitDir}/commondir`)?.trim();
  const dir = `${common ? join(gitDir, common) : gitDir}/refs/git-model/scratch`;
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

async function isAncestor(git: Git, commit: string, head: string): Promise<boolean> {
  const r = await git.run(["merge-base", "--is-ancestor", commit, head], { allowFailure: true });
  return r.code === 0;
}
