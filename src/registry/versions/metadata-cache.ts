import { lstatSync, type Stats } from "node:fs";
import type { Metadata } from "../../domain/schemas.js";
import { BUILD, RACY_MS, readGitCache, writeGitCache } from "../../infra/git-cache.js";
import type { Registry } from "../core/registry.js";

/**
 * The checked metadata.json of one model's versions, kept in `.git/git-model/metadata-<model>.json`
 * for the commands that read every version (list MODEL, select): at 1,000 versions, reading and
 * checking 1,000 files is most of their time, while their stat says they have not changed
 * (docs/decisions/core.md). An entry is used only when the file's size, modification time,
 * change time and inode all match what they were when it was checked, and the build that checked
 * it is this one; as with git's index, a file changed within two seconds of being checked is not
 * kept (the same stat could hide a second change). A file that fails its checks is never kept:
 * its error comes every time. A missing, torn or unwritable cache only costs the reading.
 */

type Entry = [size: number, mtimeMs: number, ctimeMs: number, ino: number, metadata: Metadata];

interface CacheFile {
  build: string;
  entries: Record<string, Entry>;
}

export class MetadataCache {
  private readonly entries: Record<string, Entry>;
  private changed = false;
  private readonly now = Date.now();

  private constructor(
    private readonly gitDir: string,
    private readonly name: string,
    cached: unknown,
  ) {
    const file = cached as CacheFile | null;
    this.entries =
      file?.build === BUILD && typeof file.entries === "object" && file.entries !== null
        ? file.entries
        : Object.create(null);
  }

  /** The cache of `model`, or null from sources (tests), which have no build to name. */
  static open(registry: Registry, model: string): MetadataCache | null {
    if (BUILD === null) return null;
    const name = `metadata-${model}.json`;
    return new MetadataCache(registry.git.gitDir, name, readGitCache(registry.git.gitDir, name));
  }

  /**
   * The file's stat when it is a regular file (a link, a folder or a FIFO goes the reading
   * way, which names what it is), else null.
   */
  static stat(path: string): Stats | null {
    try {
      const info = lstatSync(path, { throwIfNoEntry: false });
      return info?.isFile() ? info : null;
    } catch {
      return null;
    }
  }

  /** The metadata kept for `version` if its file is unchanged since it was checked. */
  get(version: string, info: Stats | null): Metadata | undefined {
    const entry = info && Object.hasOwn(this.entries, version) ? this.entries[version] : undefined;
    if (
      !entry ||
      !Array.isArray(entry) ||
      entry[0] !== info!.size ||
      entry[1] !== info!.mtimeMs ||
      entry[2] !== info!.ctimeMs ||
      entry[3] !== info!.ino
    )
      return undefined;
    return entry[4];
  }

  /** Keeps what was checked of `version`'s file, when its stat can vouch for it later. */
  put(version: string, info: Stats | null, metadata: Metadata): void {
    if (!info || this.now - Math.max(info.mtimeMs, info.ctimeMs) < RACY_MS || !survivesJson(metadata)) {
      if (Object.hasOwn(this.entries, version)) {
        delete this.entries[version];
        this.changed = true;
      }
      return;
    }
    this.entries[version] = [info.size, info.mtimeMs, info.ctimeMs, info.ino, metadata];
    this.changed = true;
  }

  /** Writes the cache when it changed, without the versions that are gone. */
  save(versions: readonly string[]): void {
    const present = new Set(versions);
    for (const version of Object.keys(this.entries)) {
      if (present.has(version)) continue;
      delete this.entries[version];
      this.changed = true;
    }
    if (this.changed) writeGitCache(this.gitDir, this.name, { build: BUILD, entries: this.entries });
  }
}

/**
 * Whether JSON gives the value back as it is: JSON has no Infinity (a 1e999 in a file parses to
 * it) and no -0, so such a value is read from its file every time.
 */
function survivesJson(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || value === null) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    if (!survivesJson(item)) return false;
  return true;
}
