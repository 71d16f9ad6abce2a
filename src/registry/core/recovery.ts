import type { Git } from "../../infra/git.js";
import {
  hasJournal,
  mayHaveScratchRefs,
  pendingFolders,
  readJournal,
  removeDeadScratchRefs,
  type Settled,
  settle,
} from "./journal.js";
import { notice } from "./notices.js";
import { tryWriteLock } from "./write-lock.js";

/**
 * What the next command does about a write that was killed (journal.ts): it finishes or undoes
 * it before anything else, and says so in one line. Writers do it holding the write lock;
 * readers do it too when the lock is free (or its holder dead), and otherwise, a write being
 * under way, leave the folders it created out of what they read.
 */

/** Settles an interrupted write; the caller holds the write lock. */
export async function settleInterrupted(git: Git): Promise<void> {
  if (hasJournal(git.gitDir)) {
    const settled = await settle(git, readJournal(git.gitDir));
    if (settled.outcome !== "nothing") notice(describe(settled));
  } else if (mayHaveScratchRefs(git.gitDir)) {
    await removeDeadScratchRefs(git);
  }
}

/**
 * For a reading command, when a journal exists: settles it if no live writer holds the lock,
 * and returns the folders a live writer has created but not committed yet (to be ignored).
 */
export async function settleBeforeReading(git: Git): Promise<Set<string>> {
  try {
    const release = await tryWriteLock(git.gitDir, "settle an interrupted write");
    if (!release) return pendingFolders(git.gitDir);
    try {
      await settleInterrupted(git);
      return new Set();
    } finally {
      release();
    }
  } catch {
    // A repository this reader cannot write (read-only, another user's): it reads around the write.
    return pendingFolders(git.gitDir);
  }
}

function describe(settled: Settled): string {
  const who = `${settled.command}${settled.pid ? ` (pid ${settled.pid})` : ""}`;
  const what =
    settled.outcome === "finished"
      ? `finished the interrupted ${who}${settled.committed ? ": its commit had landed" : ""}`
      : `undid the interrupted ${who}: it had not committed`;
  return [what, ...settled.notes].join("; ");
}
