import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, type Stats, writeFileSync } from "node:fs";
import { randomName } from "./files.js";

/**
 * Files in `.git/git-model/` that only save work: what they hold can always be computed again,
 * so a missing, torn or unreadable file reads as none, and a `.git` that cannot be written (a
 * read-only mount, another user's clone) only costs the work. Like git's own caches (index,
 * commit-graph), they are per clone and never committed.
 */

const path = (gitDir: string, name: string) => `${gitDir}/git-model/${name}`;

/**
 * Names this build (scripts/build.mjs: a hash of the sources and the lockfile), for caches whose
 * content another git-model would compute differently. Null from sources (tests), which then
 * keep no such cache.
 */
export const BUILD: string | null = typeof __BUILD_ID__ === "string" ? __BUILD_ID__ : null;

declare const __BUILD_ID__: string | undefined;

/** The parsed JSON of a cache file, or null when there is none that parses. */
export function readGitCache(gitDir: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(path(gitDir, name), "utf8"));
  } catch {
    return null;
  }
}

/** The bytes of a cache file, or null when there is none. */
export function readGitCacheBytes(gitDir: string, name: string): Buffer | null {
  try {
    return readFileSync(path(gitDir, name));
  } catch {
    return null;
  }
}

/** Written aside and renamed, so a concurrent reader sees a whole file or the old one; no fsync: a lost file is computed again. */
export function writeGitCache(gitDir: string, name: string, value: unknown): void {
  writeGitCacheBytes(gitDir, name, JSON.stringify(value));
}

export function writeGitCacheBytes(gitDir: string, name: string, bytes: string | Buffer): void {
  const target = path(gitDir, name);
  const temp = `${target}.${randomName()}.tmp`;
  try {
    mkdirSync(`${gitDir}/git-model`, { recursive: true });
    writeFileSync(temp, bytes, { flag: "wx" });
    renameSync(temp, target);
  } catch {
    rmSync(temp, { force: true });
  }
}

/**
 * A file or folder whose times are this close to now may still change within the same
 * timestamps, so a cache keyed by its stat does not keep it (git's "racily clean" entries).
 */
const RACY_MS = 2000;

type StatEntry<T> = [size: number, mtimeMs: number, ctimeMs: number, ino: number, value: T];

/**
 * Values computed from files or folders, each kept beside the stat of what it was computed from:
 * size, modification time, change time and inode, which together change whenever the content
 * does (the change time cannot be set back by hand). Written by this build only and read by it
 * only; as with git's index, what changed in the last two seconds is not kept, since a second
 * change within the same timestamps would not show (docs/decisions/core.md).
 */
export class StatCache<T> {
  private changed = false;
  private readonly now = Date.now();

  private constructor(
    private readonly gitDir: string,
    private readonly name: string,
    private readonly entries: Record<string, StatEntry<T>>,
  ) {}

  /** The cache in `.git/git-model/<name>`, or null from sources (tests), which name no build. */
  static open<T>(gitDir: string, name: string): StatCache<T> | null {
    if (BUILD === null) return null;
    const file = readGitCache(gitDir, name) as { build?: unknown; entries?: unknown } | null;
    const entries =
      file?.build === BUILD && typeof file.entries === "object" && file.entries !== null
        ? (file.entries as Record<string, StatEntry<T>>)
        : {};
    return new StatCache<T>(gitDir, name, entries);
  }

  /** The value kept for `key` if `info` is still the stat it was computed from. */
  get(key: string, info: Stats | null): T | undefined {
    const entry = info && Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
    if (
      !Array.isArray(entry) ||
      entry.length !== 5 ||
      entry[0] !== info!.size ||
      entry[1] !== info!.mtimeMs ||
      entry[2] !== info!.ctimeMs ||
      entry[3] !== info!.ino
    )
      return undefined;
    return entry[4];
  }

  /** Keeps `value` for `key`, computed from what had the stat `info` (null: keep nothing). */
  put(key: string, info: Stats | null, value: T): void {
    if (info && this.now - Math.max(info.mtimeMs, info.ctimeMs) >= RACY_MS) {
      this.entries[key] = [info.size, info.mtimeMs, info.ctimeMs, info.ino, value];
      this.changed = true;
    } else if (Object.hasOwn(this.entries, key)) {
      delete this.entries[key];
      this.changed = true;
    }
  }

  /** Writes the cache when it changed, keeping only the `keys` given. */
  save(keys: readonly string[]): void {
    const present = new Set(keys);
    for (const key of Object.keys(this.entries)) {
      if (present.has(key)) continue;
      delete this.entries[key];
      this.changed = true;
    }
    if (this.changed) writeGitCache(this.gitDir, this.name, { build: BUILD, entries: this.entries });
  }
}

/**
 * The lstat of `path` when it is a regular file (or a folder), else null: a link, a FIFO or
 * anything else goes the reading way, which names what it is.
 */
export function statIf(kind: "file" | "folder", path: string): Stats | null {
  try {
    const info = lstatSync(path, { throwIfNoEntry: false });
    return (kind === "file" ? info?.isFile() : info?.isDirectory()) ? info! : null;
  } catch {
    return null;
  }
}
