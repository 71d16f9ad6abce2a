import { copyFile, mkdir, readFile, rename, rm, stat, truncate } from "node:fs/promises";
import { dirname, join } from "node:path";
import { conflict } from "../../domain/errors.js";
import { appendLine, assertRealPathInside, exists, randomName, writeFileAtomic } from "../../infra/files.js";
import { type Git, type PushOutcome, TagExistsError, type TreeChange } from "../../infra/git.js";

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
  /** Files written (they are committed as the work tree holds them) and folders removed. */
  private readonly files = new Set<string>();
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

  private async track(path: string, as: Set<string> | null): Promise<void> {
    await assertRealPathInside(this.git.top, this.abs(path));
    as?.add(path);
  }

  /** Writes a whole file atomically; undo restores the old content or removes the file. */
  async writeFile(path: string, data: string | Buffer): Promise<void> {
    await this.track(path, this.files);
    const full = this.abs(path);
    const old = (await exists(full)) ? await readFile(full) : null;
    await writeFileAtomic(full, data);
    this.undo.push(async () => (old === null ? rm(full, { force: true }) : writeFileAtomic(full, old)));
  }

  /** Appends one line (fsync'd); undo truncates the file back to its old length. */
  async appendLine(path: string, line: string): Promise<void> {
    await this.track(path, this.files);
    const full = this.abs(path);
    const oldSize = await stat(full).then(
      (s) => s.size,
      () => null,
    );
    await appendLine(full, line);
    this.undo.push(async () => (oldSize === null ? rm(full, { force: true }) : truncate(full, oldSize)));
  }

  /** Creates a folder that must not exist yet (the race with a concurrent writer is caught here). */
  async createFolder(path: string): Promise<void> {
    await this.track(path, null);
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
    this.files.add(path);
    const full = this.abs(path);
    await mkdir(dirname(full), { recursive: true });
    await copyFile(source, full);
  }

  /** Removes a folder; undo puts it back (it is parked inside .git until the commit lands). */
  async removeFolder(path: string): Promise<void> {
    await this.track(path, this.removed);
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
    const files = [...this.files].sort();
    const removed = [...this.removed];
    const [oldHead, oids, , modes] = await Promise.all([
      this.git.commitOf("HEAD"),
      this.git.hashWorkTreeFiles(files),
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
  async push(remote: string, branch: string, lfsOids: readonly string[] = []): Promise<PushOutcome> {
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
      ...this.createdTags.map((t) => `refs/tags/${t.name}:refs/tags/${t.name}`),
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
      const paths = [...this.files, ...this.removed];
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

/** Runs `body` inside a transaction: commit what it did, or undo everything when it throws. */
export async function inTransaction<T>(git: Git, body: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = new Transaction(git);
  try {
    const result = await body(tx);
    await tx.done();
    return result;
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}
