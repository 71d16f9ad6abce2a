import type { Metadata } from "../../domain/schemas.js";
import { StatCache } from "../../infra/git-cache.js";
import type { Registry } from "../core/registry.js";

/**
 * The checked metadata.json of one model's versions, kept in `.git/git-model/metadata-<model>.json`
 * for the commands that read every version (list MODEL, select): at 1,000 versions, reading and
 * checking 1,000 files is most of their time, while their stat says they have not changed
 * (docs/decisions/core.md; StatCache says when an entry is used). A file that fails its checks,
 * or is a link, a FIFO or a folder, is never kept: its error comes every time.
 */
export function openMetadataCache(registry: Registry, model: string): StatCache<Metadata> | null {
  return StatCache.open<Metadata>(registry.git.gitDir, `metadata-${model}.json`);
}

/**
 * Whether JSON gives the value back as it is: JSON has no Infinity (a 1e999 in a file parses to
 * it) and no -0, so such a value is read from its file every time.
 */
export function survivesJson(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || value === null) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    if (!survivesJson(item)) return false;
  return true;
}
