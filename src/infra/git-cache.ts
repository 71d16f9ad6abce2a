import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

/** Written aside and renamed, so a concurrent reader sees a whole file or the old one; no fsync: a lost file is computed again. */
export function writeGitCache(gitDir: string, name: string, value: unknown): void {
  const target = path(gitDir, name);
  const temp = `${target}.${randomName()}.tmp`;
  try {
    mkdirSync(`${gitDir}/git-model`, { recursive: true });
    writeFileSync(temp, JSON.stringify(value), { flag: "wx" });
    renameSync(temp, target);
  } catch {
    rmSync(temp, { force: true });
  }
}

/**
 * A file or folder whose times are this close to now may still change within the same
 * timestamps, so a cache keyed by its stat does not keep it (git's "racily clean" entries).
 */
export const RACY_MS = 2000;
