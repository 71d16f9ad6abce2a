import { lstatSync, type Stats } from "node:fs";
import { BUILD, RACY_MS, readGitCache, writeGitCache } from "../../infra/git-cache.js";
import type { Registry } from "../core/registry.js";

/**
 * What whole-registry `list` shows (DESIGN section 8): each model's version count, newest version
 * and stage holders. Apart from catalog.ts, whose finders load the filters and the glob matcher, which
 * this listing never needs (docs/benchmarks.md).
 */

export interface ModelSummary {
  model: string;
  versions: number;
  latest: string | null;
  /** stage -> holder(s), for the stages that have holders. */
  stages: Record<string, string | string[]>;
  /** Why the stage holders are not shown: stages.json could not be read (the caller warns). */
  problem?: string;
}

export async function listModels(registry: Registry): Promise<ModelSummary[]> {
  const models = await registry.models();
  const listings = registry.writeUnderWay ? null : FolderListings.open(registry);
  const summaries = await Promise.all(
    models.map(async (model) => {
      let problem: string | undefined;
      const [{ versions, latest }, stages] = await Promise.all([
        countVersions(registry, model, listings),
        // One model's broken stages.json does not hide the others, nor is it passed over in silence.
        registry.readStages(model).catch((e: Error) => {
          problem = e.message;
          return {};
        }),
      ]);
      return { model, versions, latest, stages, ...(problem ? { problem } : {}) };
    }),
  );
  listings?.save(models);
  return summaries;
}

/** A model's version count and newest version: from the listings cache while its folder is unchanged. */
async function countVersions(
  registry: Registry,
  model: string,
  listings: FolderListings | null,
): Promise<{ versions: number; latest: string | null }> {
  const scheme = registry.scheme(model);
  const info = listings ? FolderListings.stat(`${registry.rootPath}/${model}`) : null;
  const kept = listings?.get(model, info, scheme.name);
  if (kept) return kept;
  const versions = await registry.versionFolders(model);
  // The newest by one pass, not a sort: at 10,000 versions the semver sort was a third of `list`.
  const latest = versions.reduce<string | null>(
    (best, v) => (best === null || scheme.compare(v, best) > 0 ? v : best),
    null,
  );
  listings?.put(model, info, scheme.name, versions.length, latest);
  return { versions: versions.length, latest };
}

type Listing = [
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  scheme: string,
  versions: number,
  latest: string | null,
];

/**
 * Each model folder's version count and newest version, kept in `.git/git-model/listings.json`
 * with the folder's modification time, change time and inode (docs/decisions/core.md): a folder's
 * times change whenever an entry is added, removed, renamed or replaced, so while they match, the
 * listing would say the same. At 100,000 versions that is 100 stats instead of reading 100,000
 * folder entries. Kept only for folders unchanged for two seconds (as git's index does), per
 * version scheme, per build, and never while a write is under way in this clone.
 */
class FolderListings {
  private changed = false;
  private readonly now = Date.now();

  private constructor(
    private readonly gitDir: string,
    private readonly entries: Record<string, Listing>,
  ) {}

  static open(registry: Registry): FolderListings | null {
    if (BUILD === null) return null;
    const file = readGitCache(registry.git.gitDir, FILE) as { build?: unknown; entries?: unknown } | null;
    const entries =
      file?.build === BUILD && typeof file.entries === "object" && file.entries !== null
        ? (file.entries as Record<string, Listing>)
        : {};
    return new FolderListings(registry.git.gitDir, entries);
  }

  /** The folder's stat when it is a folder (a link goes the reading way, which names it), else null. */
  static stat(path: string): Stats | null {
    try {
      const info = lstatSync(path, { throwIfNoEntry: false });
      return info?.isDirectory() ? info : null;
    } catch {
      return null;
    }
  }

  get(
    model: string,
    info: Stats | null,
    scheme: string,
  ): { versions: number; latest: string | null } | undefined {
    const entry = info && Object.hasOwn(this.entries, model) ? this.entries[model] : undefined;
    if (
      !Array.isArray(entry) ||
      entry[0] !== info!.mtimeMs ||
      entry[1] !== info!.ctimeMs ||
      entry[2] !== info!.ino ||
      entry[3] !== scheme ||
      typeof entry[4] !== "number" ||
      (entry[5] !== null && typeof entry[5] !== "string")
    )
      return undefined;
    return { versions: entry[4], latest: entry[5] };
  }

  put(model: string, info: Stats | null, scheme: string, versions: number, latest: string | null): void {
    if (!info || this.now - Math.max(info.mtimeMs, info.ctimeMs) < RACY_MS) return;
    this.entries[model] = [info.mtimeMs, info.ctimeMs, info.ino, scheme, versions, latest];
    this.changed = true;
  }

  /** Writes the listings when they changed, without the models that are gone. */
  save(models: readonly string[]): void {
    const present = new Set(models);
    for (const model of Object.keys(this.entries)) {
      if (present.has(model)) continue;
      delete this.entries[model];
      this.changed = true;
    }
    if (this.changed) writeGitCache(this.gitDir, FILE, { build: BUILD, entries: this.entries });
  }
}

const FILE = "listings.json";
