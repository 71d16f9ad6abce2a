import { copyFile, mkdir, readFile, rename, rm, stat, truncate } from "node:fs/promises";
import { dirname, join } from "node:path";
import { conflict } from "../../domain/errors.js";
import {
  appendLine,
  assertNoLinkOnPath,
  assertRealPathInside,
  exists,
  randomName,
  writeFileAtomic,
} from "../../infra/files.js";
import { type Git, type PushOutcome, TagExistsError, type TreeChange } from "../../infra/git.js";
import { notice } from "./notices.js";
import { describeHolder, withWriteLock } from "./write-lock.js";

/**
 * A registry write: files changed in the work tree, committed as one commit that holds only
 * these paths (whatever else the user has staged stays staged and out of it), optional
 * annotated tags, optional push. Any failure undoes every step, newest first, so a failed
 * command leaves the work tree, the index, the branch and the tags as they were.
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
  private readonly undo: (() => Promise<void>)[] = [];
  /**
   * Files written, with the bytes this transaction wrote (null for a copied artifact, hashed
   * from the folder the transaction created): the commit holds these bytes, whatever the work
   * tree holds by then. And folders removed.
   */
  private readonly files = new Map<string, Buffer | null>();
  private readonly removed = new Set<string>();
  private oldHead: string | null = null;
  private committed: string | null = null;
  private createdTags: { name: string; oid: string }[] = [];

  constructor(private readonly git: Git) {}

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
          hint: "commit or stash them first, then run the command again",
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
    await assertRealPathInside(this.git.top, this.abs(path));
  }

  /** Writes a whole file atomically; undo restores the old content or removes the file. */
  async writeFile(path: string, data: string | Buffer): Promise<void> {
    await this.track(path);
    const full = this.abs(path);
    const old = (await exists(full)) ? await readFile(full) : null;
    const bytes = Buffer.from(data);
    this.files.set(path, bytes);
    await writeFileAtomic(full, bytes);
    this.undo.push(async () => (old === null ? rm(full, { force: true }) : writeFileAtomic(full, old)));
  }

  /** Appends one line (fsync'd); undo truncates the file back to its old length. */
  async appendLine(path: string, line: string): Promise<void> {
    await this.track(path);
    const full = this.abs(path);
    const old = await readFile(full).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return null;
      throw e;
    });
    const oldSize = old === null ? null : old.length;
    this.files.set(path, Buffer.concat([old ?? Buffer.alloc(0), Buffer.from(withLineBreaks(old, line))]));
    await appendLine(full, line);
    this.undo.push(async () => (oldSize === null ? rm(full, { force: true }) : truncate(full, oldSize)));
  }

  /** Creates a folder that must not exist yet (the race with a concurrent writer is caught here). */
  async createFolder(path: string): Promise<void> {
    await this.track(path);
    const full = this.abs(path);
    await mkdir(dirname(full), { recursive: true });
    try {
      await mkdir(full);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw conflict(`${path} exists already`);
      throw e;
    }
    this.undo.push(() => rm(full, { recursive: true, force: true }));
  }

  /** Copies a file into a folder this transaction created (its undo removes the folder). */
  async copyInto(source: string, path: string): Promise<void> {
    this.files.set(path, null);
    const full = this.abs(path);
    await mkdir(dirname(full), { recursive: true });
    await copyFile(source, full);
  }

  /** Removes a folder; undo puts it back (it is parked inside .git until the commit lands). */
  async removeFolder(path: string): Promise<void> {
    await this.track(path);
    this.removed.add(path);
    const full = this.abs(path);
    const parked = join(this.git.gitDir, "git-model", `removed-${randomName()}`);
    await mkdir(dirname(parked), { recursive: true });
    await rename(full, parked);
    this.undo.push(() => rename(parked, full));
    this.afterCommit.push(() => rm(parked, { recursive: true, force: true }));
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
    const changes: TreeChange[] = [
      ...removed.map((path) => ({ path, delete: true as const })),
      ...files.map((path, i) => ({ path, oid: oids[i]!, mode: modes[i]! })),
    ];
    this.oldHead = oldHead;
    const commit = await this.git.commitTree(oldHead, changes, message);
    const subject = message.split("\n")[0];
    const swap = await this.git.run(
      ["update-ref", "-m", `git-model: ${subject}`, "HEAD", commit, this.oldHead ?? ZERO_OID],
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
    // Our paths in the user's index now match the new HEAD; nothing else in it changes, and
    // nothing refreshes the whole index.
    if (removed.length)
      await this.git.run(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", ...removed]);
    if (files.length) {
      const entries = files.map((f, i) => `${modes[i]} ${oids[i]}\t${f}`).join("\n");
      await this.git.run(["update-index", "--add", "--index-info"], { input: `${entries}\n` });
    }
    if (tags.length) await this.tag(...tags);
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
    try {
      const created = await this.git.createTags(specs);
      for (const [name, oid] of created) this.createdTags.push({ name, oid });
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
    }
    const refspecs = [
      `HEAD:refs/heads/${branch}`,
      ...[...this.createdTags.map((t) => t.name), ...moreTags].map((t) => `refs/tags/${t}:refs/tags/${t}`),
    ];
    return this.git.push(remote, refspecs, { atomic: true });
  }

  /** Finishes a successful transaction (drops what undo would have needed). */
  async done(): Promise<void> {
    for (const step of this.afterCommit) await step();
  }

  /** Undoes every step, newest first. Safe to call after a partial failure. */
  async rollback(): Promise<void> {
    for (const tag of this.createdTags.reverse()) {
      await this.git.run(["update-ref", "-d", `refs/tags/${tag.name}`, tag.oid], { allowFailure: true });
    }
    this.createdTags = [];
    if (this.committed) {
      const paths = [...this.files.keys(), ...this.removed];
      if (this.oldHead) {
        await this.git.run(["update-ref", "-m", "git-model: undo", "HEAD", this.oldHead, this.committed], {
          allowFailure: true,
        });
        await this.git.run(["reset", "-q", "--", ...paths], { allowFailure: true });
      } else {
        const branch = await this.git.text(["symbolic-ref", "HEAD"]).catch(() => "");
        if (branch.trim())
          await this.git.run(["update-ref", "-d", branch.trim(), this.committed], { allowFailure: true });
        await this.git.run(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", ...paths], {
          allowFailure: true,
        });
      }
      this.committed = null;
    }
    for (const step of this.undo.reverse()) await step().catch(() => {});
    this.undo.length = 0;
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
  return withWriteLock(git.gitDir, command, body, {
    onWait: (holder) => notice(`waiting for another git-model command to finish: ${describeHolder(holder)}`),
  });
}

/** Runs `body` inside a transaction: commit what it did, or undo everything when it throws. */
export async function inTransaction<T>(git: Git, body: (tx: Transaction) => Promise<T>): Promise<T> {
  return writeOperation(git, "write", async () => {
    const tx = new Transaction(git);
    try {
      const result = await body(tx);
      await tx.done();
      return result;
    } catch (e) {
      await tx.rollback();
      throw e;
    }
  });
}
