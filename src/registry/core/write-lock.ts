import { AsyncLocalStorage } from "node:async_hooks";
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { hostname } from "node:os";
import { conflict } from "../../domain/errors.js";
import { randomName } from "../../infra/files.js";

/**
 * One writer at a time in a working copy. Every git-model write (register, promote, monitor,
 * delete, doctor --fix, the Action's writes) runs inside `withWriteLock`, which holds
 * `<git dir>/git-model/write.lock`: a file created exclusively, naming its holder (pid, host,
 * command, since when). A lock whose holder died (killed, crashed) is taken over; a live holder
 * is waited for, a bounded time, and then named in the error. The git dir is per working copy
 * (a linked worktree has its own), so two worktrees of one repository do not wait for each other.
 *
 * Nested writes in one process (register's retries, a library caller composing writes) do not
 * wait for themselves: the holder is tracked per async context, and writes started
 * concurrently in one process queue behind each other like two processes would.
 */

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
  /** The holder's process start time (Linux), so a reused pid is not taken for the holder. */
  start?: string;
  /** Distinguishes this holder's lock file from a later one with the same pid. */
  token: string;
}

const LOCK_NAME = "write.lock";
/** Seconds to wait for a live holder; GIT_MODEL_LOCK_TIMEOUT overrides it. */
const DEFAULT_TIMEOUT_SECONDS = 300;

const held = new AsyncLocalStorage<Set<string>>();
/** Lock files this process holds, removed on exit even when a command ends abruptly. */
const holding = new Map<string, string>();
/** Per lock file, the tail of the in-process queue. */
const queues = new Map<string, Promise<void>>();
let exitHookInstalled = false;

export const lockPath = (gitDir: string) => `${gitDir}/git-model/${LOCK_NAME}`;

/** Runs `body` holding the working copy's write lock. */
export async function withWriteLock<T>(
  gitDir: string,
  command: string,
  body: () => Promise<T>,
  options: { onWait?: (holder: LockHolder | null) => void } = {},
): Promise<T> {
  const path = lockPath(gitDir);
  const mine = held.getStore();
  if (mine?.has(path)) return body();

  // In-process queue first, so two writes of one process do not race for the file.
  const previous = queues.get(path) ?? Promise.resolve();
  let leave!: () => void;
  const turn = new Promise<void>((resolve) => (leave = resolve));
  const tail = previous.then(() => turn);
  queues.set(path, tail);
  await previous;
  try {
    const token = await acquire(path, command, options.onWait);
    try {
      return await held.run(new Set([...(mine ?? []), path]), body);
    } finally {
      release(path, token);
    }
  } finally {
    leave();
    if (queues.get(path) === tail) queues.delete(path);
  }
}

/** True when this async context holds the working copy's write lock. */
export function holdsWriteLock(gitDir: string): boolean {
  return held.getStore()?.has(lockPath(gitDir)) ?? false;
}

/**
 * Takes the lock only when it is free or its holder is dead, without waiting: for a reading
 * command that wants to finish an interrupted write, but must not wait behind a live writer.
 * Returns a release function, or null when a live writer holds the lock.
 */
export async function tryWriteLock(gitDir: string, command: string): Promise<(() => void) | null> {
  const path = lockPath(gitDir);
  if (held.getStore()?.has(path)) return () => {};
  await mkdir(`${gitDir}/git-model`, { recursive: true });
  // A second try when the first one found a dead holder and took its lock over.
  const token = attempt(path, command) ?? attempt(path, command);
  if (token !== null) return () => release(path, token);
  return null;
}

/** Reads the lock's holder, or null when there is no lock (or it cannot be read yet). */
export function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as LockHolder;
    return typeof holder?.pid === "number" ? holder : null;
  } catch {
    return null;
  }
}

async function acquire(
  path: string,
  command: string,
  onWait: ((holder: LockHolder | null) => void) | undefined,
): Promise<string> {
  await mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  const timeout = timeoutSeconds() * 1000;
  const started = Date.now();
  let pause = 10;
  let told = false;
  for (;;) {
    const token = attempt(path, command);
    if (token !== null) return token;
    const holder = readHolder(path);
    const waited = Date.now() - started;
    if (waited >= timeout) {
      throw conflict(
        `another git-model command is writing in this working copy: ${describeHolder(holder)}; waited ${Math.round(waited / 1000)} s`,
        {
          hint:
            holder && holder.host !== hostname()
              ? `if that process is gone, remove ${path}`
              : "let it finish and run the command again (GIT_MODEL_LOCK_TIMEOUT sets the wait, in seconds)",
        },
      );
    }
    if (!told && waited >= 1000) {
      told = true;
      onWait?.(holder);
    }
    // Jittered, growing pauses: waiters do not wake in step.
    await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    pause = Math.min(pause * 2, 250);
  }
}

export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return "a process that is starting";
  return `pid ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since})`;
}

/** One try: create the lock file, or take it over from a dead holder. A token when it is ours. */
function attempt(path: string, command: string): string | null {
  const token = randomName();
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    since: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    ...startTimeOf(process.pid),
    token,
  };
  if (createExclusive(path, `${JSON.stringify(holder)}\n`)) {
    holding.set(path, token);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on("exit", () => {
        for (const [file, mine] of holding) release(file, mine);
      });
    }
    return token;
  }
  const current = readHolder(path);
  if (isStale(path, current)) takeOver(path, current);
  return null;
}

function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a dead holder's lock. Under a short guard lock, so two waiters that both found it dead
 * cannot remove each other's fresh lock: the second one re-reads, and finds a live holder.
 */
function takeOver(path: string, dead: LockHolder | null): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`)) {
    // A guard whose process died within those few lines is stale.
    if (isStale(guard, readHolder(guard))) unlinkQuietly(guard);
    return;
  }
  try {
    const now = readHolder(path);
    const same = now === null ? dead === null : dead !== null && now.token === dead.token;
    if (same && isStale(path, now)) unlinkQuietly(path);
  } finally {
    unlinkQuietly(guard);
  }
}

/**
 * A lock is stale when its holder is a process of this host that no longer runs (or whose pid
 * now belongs to a later process), or when it stayed unreadable (a holder killed between
 * creating and writing it) for more than a few seconds.
 */
function isStale(path: string, holder: LockHolder | null): boolean {
  if (holder === null) {
    try {
      return Date.now() - statSync(path).mtimeMs > 5000;
    } catch {
      return false;
    }
  }
  if (holder.host !== hostname()) return false;
  if (!isAlive(holder.pid)) return true;
  const start = startTimeOf(holder.pid).start;
  return holder.start !== undefined && start !== undefined && start !== holder.start;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's start time in clock ticks since boot (Linux's /proc), or nothing elsewhere. */
function startTimeOf(pid: number): { start?: string } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces and parentheses): starttime is the 20th.
    const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return start ? { start } : {};
  } catch {
    return {};
  }
}

function release(path: string, token: string): void {
  if (holding.get(path) !== token) return;
  holding.delete(path);
  if (readHolder(path)?.token === token) unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}

function timeoutSeconds(): number {
  const value = Number(process.env.GIT_MODEL_LOCK_TIMEOUT);
  return Number.isFinite(value) && value >= 0 && process.env.GIT_MODEL_LOCK_TIMEOUT !== ""
    ? value
    : DEFAULT_TIMEOUT_SECONDS;
}
