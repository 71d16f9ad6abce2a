import { realpathSync } from "node:fs";
import { join } from "node:path";
import type { ParsedConfig } from "../../domain/config-schema.js";
import { usage } from "../../domain/errors.js";
import { assertRelativePath } from "../../domain/names.js";
import { CONFIG_FILE, type RegistryConfig, resolveConfig } from "../../domain/registry-config.js";
import { isInside, readTextSync } from "../../infra/files.js";
import { BUILD, readGitCache, writeGitCache } from "../../infra/git-cache.js";

/**
 * The configuration of a registry, read through a cache of the parsed file.
 *
 * Parsing .gitmodel.yaml means loading yaml and zod and running both cold: about 40 ms of every
 * command's start-up, more than `list` spends on the registry itself (docs/benchmarks.md). The
 * parsed file (plain data, every default filled in) is kept in `.git/git-model/config-cache.json`
 * beside the exact text it came from and the build that parsed it. It is used only when both are
 * equal, so an edited file, another branch's file or another git-model version is parsed again;
 * an invalid file is never cached, so its error is reported on every run. Like git's own caches,
 * it lives in the .git folder: it is not part of the repository and is never committed, and a
 * cache that cannot be read or written only costs the parse.
 */

const CACHE_FILE = "config-cache.json";

interface CacheEntry {
  build: string;
  file: string;
  /** The file's text, or null for a repository without one (the defaults). */
  text: string | null;
  parsed: ParsedConfig;
}

export interface ConfigLocation {
  top: string;
  gitDir: string;
  /** Path of the configuration file, relative to the repository top. */
  file?: string;
  /** The file was named by the user (--config): it must exist. */
  explicit?: boolean;
}

export async function loadConfig(where: ConfigLocation): Promise<RegistryConfig> {
  const file = where.file ?? CONFIG_FILE;
  // Relative to the repository top, and inside it.
  if (where.explicit) assertRelativePath(file, "configuration file");
  assertConfigInside(where.top, file);
  const text = readTextSync(join(where.top, file), file, "usage");
  if (text === null && where.explicit) throw usage(`configuration file ${file} does not exist`);
  const cached = BUILD === null ? null : (readGitCache(where.gitDir, CACHE_FILE) as CacheEntry | null);
  if (
    typeof cached?.parsed === "object" &&
    cached.parsed !== null &&
    cached.build === BUILD &&
    cached.file === file &&
    cached.text === text
  ) {
    return resolveConfig(cached.parsed);
  }
  const { defaultConfigFile, parseConfigFile } = await import("../../domain/config.js");
  const parsed = text === null ? defaultConfigFile() : parseConfigFile(text, file);
  if (BUILD !== null) writeGitCache(where.gitDir, CACHE_FILE, { build: BUILD, file, text, parsed });
  return resolveConfig(parsed);
}

/** A configuration file that is a link, or under one, must lead to a file inside the repository. */
export function assertConfigInside(top: string, file: string): void {
  let real: string;
  try {
    real = realpathSync(join(top, file));
  } catch {
    return; // missing (the defaults), or reported by the read
  }
  if (!isInside(realpathSync(top), real)) {
    throw usage(`configuration file ${file} leads outside the repository (to ${real})`, {
      hint: "keep .gitmodel.yaml in the repository; a symbolic link to a file elsewhere is not read",
    });
  }
}
