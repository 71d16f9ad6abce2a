import { AsyncLocalStorage } from "node:async_hooks";
import { copyFile, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { conflict, invalid } from "../../domain/errors.js";
import {
  appendLine,
  assertNoLinkOnPath,
  assertNotInNestedRepository,
  assertRealPathInside,
  exists,
  randomName,
  writeFileAtomic,
} from "../../infra/files.js";
import {
  type Git,
  type PushOutcome,
  type RunResult,
  TagExistsError,
  type TreeChange,
} from "../../infra/git.js";
import { faultPoint } from "./fault.js";
import { Journal, readJournal, settle, sha256 } from "./journal.js";
import { notice } from "./notices.js";
import { settleInterrupted } from "./recovery.js";
import { describeHolder, holdsWriteLock, withWriteLock } from "./write-lock.js";

/**
 * A registry write: files changed in the work tree, committed as one commit that holds only
 * these paths (whatever else the user has staged stays staged and out of it), optional
 * annotated tags, optional push. Every step is announced in the write-ahead journal
 * (journal.ts) before it is taken, so a failure undoes every step, newest first, and a kill at
 * any moment is finished or undone by the next git-model command: the work tree, the index, the
 * branch and the tags end as they were before, or as they are after.
 *
 * The commit is written by one `git fast-import` from the parent commit and the changed paths
 * only (no index is rebuilt, so the cost follows the change, not the repository), and lands
 * with one compare-and-swap `update-ref`, so a concurrent commit to the same branch is
 * detected instead of overwritten.
 */

const ZERO_OID = "0000000000000000000000000000000000000000";

export interface TagSpec {
  name: string;
  message: string;
  /** The commit to tag; the transaction's own commit when omitted. */
  target?: string;
  /** The tagger date as git's raw `<seconds> <zone>`; now when omitted. */
  date?: string;
}

export class Transaction {
  /**
   * Files written, with the bytes this transaction wrote (null for a copied artifact, hashed
   * from the folder the transaction created): the commit holds these bytes, whatever the work
   * tree holds by then. And folders removed.
   */
  private readonly files = new Map<string, Buffer | null>();
  private readonly removed = new Set<string>();
  private committed: string | null = null;
  private createdTags: string[] = [];
  private readonly journal: Journal;

  constructor(
    private readonly git: Git,
    command = "write",
  ) {
    this.journal = new Journal(git.gitDir, command);
  }

  /** Refuses to touch paths the user has uncommitted changes in: they would be swept into our commit. */
  async assertUntouched(paths: readonly string[], why: string): Promise<void> {
    const dirty = await this.git.list([
      "status",
      "--porcelain",
      "-z",
      "--untracked-files=no",
      "--",
      ...paths,
    ]);
    if (dirty.length) {
      const names = dirty.map((l) => l.slice(3));
      throw conflict(
        `${names.slice(0, 3).join(", ")} ha${names.length > 1 ? "ve" : "s"} uncommitted changes; ${why}`,
        {
          hint: "commit them if they are meant to be, or discard them (git checkout -- <file>), then run the command again",
        },
      );
    }
  }

  private abs(path: string): string {
    return join(this.git.top, path);
  }

  private async track(path: string): Promise<void> {
    // No part of the path may be a link (a committed history.jsonl -> ../../notes.txt would take
    // the append out of the registry); with none, the path is where its name says it is.
    assertNoLinkOnPath(this.git.top, path);
    assertNotInNestedRepository(this.git.top, path);
    const submodule = (await this.git.submodulePaths()).find((s) => path === s || path.startsWith(`${s}/`));
    if (submodule) {
      // Committing there would replace the submodule's gitlink with a tree, dropping it.
      throw invalid(`${submodule} is a submodule: git-model writes only into this repository`, {
        hint: `choose a root: outside ${submodule} in .gitmodel.yaml, or register in the submodule's own repository`,
      });
    }
    await assertRealPathInside(this.git.top, this.abs(path));
  }

  /** Writes a whole file atomically; undo restores the old content (kept aside) or removes the file. */
  async writeFile(path: string, data: string | Buffer): Promise<void> {
    await this.track(path);
    const full = this.abs(path);
    const bytes = Buffer.from(data);
    this.files.set(path, bytes);
    this.journal.record({ op: "write", path, saved: this.journal.save(full), sha: sha256(bytes) });
    await writeFileAtomic(full, bytes);
    faultPoint(`wrote:${basename(path)}`);
  }

  /** Appends one line (fsync'd); undo truncates the file back to its old length. */
  async appendLine(path: string, line: string): Promise<void> {
    await this.track(path);
    const full = this.abs(path);
    const old = await readFile(full).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return null;
      throw e;
    });
    const added = Buffer.from(withLineBreaks(old, line));
    this.files.set(path, Buffer.concat([old ?? Buffer.alloc(0), added]));
    this.journal.record({ op: "append", path, size: old === null ? null : old.length, added: added.length });
    await appendLine(full, line);
    faultPoint(`appended:${basename(path)}`);
  }

  /** Creates a folder that must not exist yet (the race with a concurrent writer is caught here). */
  async createFolder(path: string): Promise<void> {
    await this.track(path);
    const full = this.abs(path);
    // Checked before the journal names it, so an undo never removes a folder that was there.
    if (await exists(full)) throw conflict(`${path} exists already`);
    this.journal.record({ op: "create", path });
    await mkdir(dirname(full), { recursive: true });
    try {
      await mkdir(full);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw conflict(`${path} exists already`);
      throw e;
    }
    faultPoint("created-folder");
  }

  /** Copies a file into a folder this transaction created (its undo removes the folder). */
  async copyInto(source: string, path: string): Promise<void> {
    this.files.set(path, null);
    const full = this.abs(path);
    await mkdir(dirname(full), { recursive: true });
    await copyFile(source, full);
    faultPoint("copied");
  }

  /** Removes a folder; undo puts it back (it is parked inside .git until the commit lands). */
  async removeFolder(path: string): Promise<void> {
    await this.track(path);
    this.removed.add(path);
    const full = this.abs(path);
    const parked = join(this.git.gitDir, "git-model", `removed-${randomName()}`);
    await mkdir(dirname(parked), { recursive: true });
    this.journal.record({ op: "remove", path, parked });
    await rename(full, parked);
    this.afterCommit.push(() => rm(parked, { recursive: true, force: true }));
    faultPoint("removed-folder");
  }

  private readonly afterCommit: (() => Promise<unknown>)[] = [];

  /** Commits exactly the tracked paths on the current HEAD, then creates the tags. */
  async commit(message: string, tags: readonly TagSpec[] = []): Promise<string> {
    const files = [...this.files.keys()].sort();
    const removed = [...this.removed];
    const [oldHead, oids, , modes] = await Promise.all([
      this.git.commitOf("HEAD"),
      this.hashFiles(files),
      this.git.identities(), // read now, used by commitTree
      Promise.all(
        files.map(
          async (f): Promise<"100755" | "100644"> =>
            (await stat(this.abs(f))).mode & 0o111 ? "100755" : "100644",
        ),
      ),
    ]);
    faultPoint("stored-blobs");
    const changes: TreeChange[] = [
      ...removed.map((path) => ({ path, delete: true as const })),
      ...files.map((path, i) => ({ path, oid: oids[i]!, mode: modes[i]! })),
    ];
    const [commit, ref] = await Promise.all([
      this.git.commitTree(oldHead, changes, message),
      this.git.text(["symbolic-ref", "-q", "HEAD"], { allowFailure: true }),
    ]);
    // The tags are announced with the commit: a kill before they exist still ends with them.
    this.journal.record({
      op: "commit",
      commit,
      head: oldHead,
      ref: ref.trim() || null,
      paths: [...removed, ...files],
      tags: tags.map((t) => ({ name: t.name, message: t.message, ...(t.date ? { date: t.date } : {}) })),
    });
    const subject = message.split("\n")[0];
    const swap = await this.git.run(
      ["update-ref", "-m", `git-model: ${subject}`, "HEAD", commit, oldHead ?? ZERO_OID],
      {
        allowFailure: true,
      },
    );
    if (swap.code !== 0) {
      throw conflict("the branch moved while git-model was committing (another commit landed)", {
        hint: "run the command again",
      });
    }
    this.committed = commit;
    faultPoint("moved-branch");
    // Our paths in the user's index now match the new HEAD; nothing else in it changes, and
    // nothing refreshes the whole index.
    if (removed.length)
      await this.git.run(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", ...removed]);
    if (files.length) {
      const entries = files.map((f, i) => `${modes[i]} ${oids[i]}\t${f}`).join("\n");
      await this.git.run(["update-index", "--add", "--index-info"], { input: `${entries}\n` });
    }
    faultPoint("updated-index");
    if (tags.length) await this.createTags(tags);
    return this.committed;
  }

  /**
   * Blob ids for the written files: the bytes this transaction wrote, by `hash-object --stdin
   * --path` (git's clean filters apply by path), and the copied artifacts from the folder it
   * created, all at once.
   */
  private async hashFiles(files: readonly string[]): Promise<string[]> {
    const copied = files.filter((f) => this.files.get(f) === null);
    const [copiedOids, writtenOids] = await Promise.all([
      this.git.hashWorkTreeFiles(copied),
      Promise.all(
        files
          .filter((f) => this.files.get(f) !== null)
          .map(async (f) => [f, await this.git.hashBytes(f, this.files.get(f)!)] as const),
      ),
    ]);
    const oids = new Map([...copied.map((f, i) => [f, copiedOids[i]!] as const), ...writtenOids]);
    return files.map((f) => oids.get(f)!);
  }

  /** Creates annotated tags in one batch (undone on rollback). */
  async tag(...tags: TagSpec[]): Promise<void> {
    const target = this.committed;
    const specs = tags.map((t) => ({ ...t, target: t.target ?? target ?? "" }));
    if (specs.some((t) => !t.target)) throw new Error("a tag needs a target commit");
    this.journal.record({ op: "tags", tags: specs });
    await this.createTags(specs);
  }

  private async createTags(specs: readonly TagSpec[]): Promise<void> {
    const target = this.committed ?? "";
    try {
      const created = await this.git.createTags(specs.map((t) => ({ ...t, target: t.target ?? target })));
      this.createdTags.push(...created.keys());
      faultPoint("created-tags");
    } catch (e) {
      if (e instanceof TagExistsError) {
        throw conflict(`cannot create tag ${e.names.join(", ")}: it exists already`, {
          hint: "that version was registered before; fetch tags (git fetch --tags) and try again",
        });
      }
      throw e;
    }
  }

  /**
   * Pushes the branch and the created tags in one atomic push, after the LFS objects they need.
   * Reports a refusal instead of throwing, so the caller can decide to retry.
   */
  async push(
    remote: string,
    branch: string,
    lfsOids: readonly string[] = [],
    /** Existing tags to push with it (ones an earlier push left behind). */
    moreTags: readonly string[] = [],
  ): Promise<PushOutcome> {
    this.journal.record({ op: "push", remote, branch });
    if (lfsOids.length) {
      const lfs = await this.git.run(["lfs", "push", "--object-id", remote, ...lfsOids], {
        allowFailure: true,
      });
      if (lfs.code !== 0) {
        return {
          ok: false,
          remoteMovedOn: false,
          message: `git lfs push failed: ${lfs.stderr.trim().split("\n").at(-1)}`,
        };
      }
      faultPoint("pushed-lfs");
    }
    const refspecs = [
      `HEAD:refs/heads/${branch}`,
      ...[...this.createdTags, ...moreTags].map((t) => `refs/tags/${t}:refs/tags/${t}`),
    ];
    const pushing = this.git.push(remote, refspecs, { atomic: true });
    faultPoint("pushing"); // git push is under way: killed here, it may or may not land
    const outcome = await pushing;
    faultPoint("pushed");
    return outcome;
  }

  /** Finishes a successful transaction (drops what undo would have needed). */
  async done(): Promise<void> {
    for (const step of this.afterCommit) await step();
    faultPoint("done");
    this.journal.close();
  }

  /**
   * Undoes every step, newest first, from the journal: the same undo the next command applies
   * after a kill. Safe to call after a partial failure.
   */
  async rollback(): Promise<void> {
    if (!this.journal.active) return;
    this.journal.record({ op: "undo" });
    await settle(this.git, readJournal(this.git.gitDir), true);
    this.committed = null;
    this.createdTags = [];
  }
}

/** What appendLine adds to a file that held `old`: the line, on a line of its own. */
function withLineBreaks(old: Buffer | null, line: string): string {
  const prefix = old && old.length > 0 && old[old.length - 1] !== 0x0a ? "\n" : "";
  return prefix + (line.endsWith("\n") ? line : `${line}\n`);
}

/**
 * Runs a write command's work holding the working copy's write lock (write-lock.ts): everything
 * it reads to decide (the next version, the stage holders) and everything it writes, so two
 * commands in one working copy never interleave. `command` names the holder for a waiting one.
 */
export function writeOperation<T>(git: Git, command: string, body: () => Promise<T>): Promise<T> {
  if (holdsWriteLock(git.gitDir)) return body();
  return withWriteLock(
    git.gitDir,
    command,
    () =>
      runningCommand.run(command, async () => {
        // A write killed before this one is finished or undone first: it starts from a settled state.
        await settleInterrupted(git);
        return body();
      }),
    {
      onWait: (holder) =>
        notice(`waiting for another git-model command to finish: ${describeHolder(holder)}`),
    },
  );
}

/**
 * Rebases the current branch onto `onto` (register --retry catching up with the remote),
 * announced in the journal: a kill mid-rebase is aborted by the next command. A failed rebase
 * is aborted here and its result returned.
 */
export async function rebaseOnto(git: Git, onto: string): Promise<RunResult> {
  const journal = new Journal(git.gitDir, runningCommand.getStore() ?? "write");
  journal.record({ op: "rebase", head: await git.commitOf("HEAD") });
  try {
    const rebase = await git.run(["rebase", "--quiet", onto], { allowFailure: true });
    if (rebase.code !== 0) await git.run(["rebase", "--abort"], { allowFailure: true });
    faultPoint("rebased");
    return rebase;
  } finally {
    journal.close();
  }
}

/** The write command under way in this async context, named in its journal. */
const runningCommand = new AsyncLocalStorage<string>();

/** The transaction under way in this async context: a nested one joins it. */
const runningTransaction = new AsyncLocalStorage<{ gitDir: string; tx: Transaction }>();

/**
 * Runs `body` inside a transaction: commit what it did, or undo everything when it throws. Inside
 * another transaction of the same repository, `body` joins it (one journal, one undo).
 */
export async function inTransaction<T>(git: Git, body: (tx: Transaction) => Promise<T>): Promise<T> {
  const outer = runningTransaction.getStore();
  if (outer?.gitDir === git.gitDir) return body(outer.tx);
  return writeOperation(git, "write", async () => {
    const tx = new Transaction(git, runningCommand.getStore());
    try {
      const result = await runningTransaction.run({ gitDir: git.gitDir, tx }, () => body(tx));
      await tx.done();
      return result;
    } catch (e) {
      await tx.rollback();
      throw e;
    }
  });
}
