import { type Dirent, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { invalid, notFound, usage } from "../../domain/errors.js";
import { assertModelName, isModelName } from "../../domain/names.js";
import { parseReference, type Reference } from "../../domain/references.js";
import { CONFIG_FILE, type RegistryConfig } from "../../domain/registry-config.js";
import type { Metadata, StagesFile } from "../../domain/schemas.js";
import { badStageValue, configuredStageOf, parseUsualStages } from "../../domain/stages-file.js";
import { parseVersion, sortVersions, type VersionScheme } from "../../domain/versions.js";
import { assertNoLinkOnPath, readTextNoFollowSync } from "../../infra/files.js";
import { Git } from "../../infra/git.js";
import { loadConfig } from "./config-cache.js";

/**
 * The registry as it stands in the work tree. Reading commands use plain file reads here;
 * reads at other refs go through Git's batched calls (see history, validate --base).
 *
 * The reads are synchronous on purpose: a metadata.json is a few hundred bytes, and
 * fs/promises spends more on its thread-pool round trips (open, stat, read, close) than on the
 * bytes: 100 files take about 1 ms with readFileSync and 20-50 ms with fs/promises
 * (docs/benchmarks.md). Nothing else runs in the process while a command reads.
 */

/** A folder's entries, or null when it does not exist. */
function readFolderSync(path: string): Dirent[] | null {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return null;
  }
}

/**
 * The parsers, loaded on first use and then kept: an `import()` per file, even of a module
 * already loaded, goes through the module loader's resolution each time (about 20 µs, a fifth
 * of a second over 10,000 metadata files).
 */
let parsers: Promise<typeof import("./parse-files.js")> | undefined;
const parseFiles = () => {
  parsers ??= import("./parse-files.js");
  return parsers;
};

export interface ResolvedVersion {
  model: string;
  version: string;
  /** Repository-relative folder of the version, with forward slashes. */
  folder: string;
  /** Absolute folder of the version. */
  path: string;
  stage: string;
  metadata: Metadata;
}

export interface OpenOptions {
  /** Path of the configuration file, relative to the repository top (default .gitmodel.yaml). */
  config?: string;
  /** `Git.discover(cwd)` already under way (the CLI starts it before it loads the command). */
  discovered?: Promise<Git>;
}

export async function openRegistry(
  cwd: string = process.cwd(),
  options: OpenOptions = {},
): Promise<Registry> {
  const git = await (options.discovered ?? Git.discover(cwd));
  const configFile = options.config ?? CONFIG_FILE;
  // A write killed here earlier (its journal is left) is finished or undone before anything is read.
  const pending = existsSync(`${git.gitDir}/git-model/journal.jsonl`)
    ? await import("./recovery.js").then((m) => m.settleBeforeReading(git))
    : undefined;
  const config = await loadConfig({
    top: git.top,
    gitDir: git.gitDir,
    file: configFile,
    explicit: options.config !== undefined,
  });
  return new Registry(git, config, configFile, pending);
}

/**
 * Registry paths known not to run through a symbolic link: those lstat found to be folders, and
 * the folders a listing showed (readdir's file type is lstat's: a link is a link). A listing's
 * folders are looked up when asked for, not added one by one: whole-registry `list` lists every
 * version folder (100,000 at that size) and reads inside none of them.
 */
class KnownFolders extends Set<string> {
  /** Folder -> its entries, or, once asked about, the names of the folders among them. */
  private readonly listings = new Map<string, Dirent[] | Set<string>>();

  listed(folder: string, entries: Dirent[]): void {
    this.listings.set(folder, entries);
  }

  override has(path: string): boolean {
    if (super.has(path)) return true;
    const slash = path.lastIndexOf("/");
    let listing = slash > 0 ? this.listings.get(path.slice(0, slash)) : undefined;
    if (listing === undefined) return false;
    if (Array.isArray(listing)) {
      listing = new Set(listing.filter((e) => e.isDirectory()).map((e) => e.name));
      this.listings.set(path.slice(0, slash), listing);
    }
    return listing.has(path.slice(slash + 1));
  }
}

export class Registry {
  constructor(
    readonly git: Git,
    readonly config: RegistryConfig,
    readonly configFile: string = CONFIG_FILE,
    /** Folders a write under way has created and not committed: not versions yet. */
    private readonly pending: ReadonlySet<string> = new Set(),
  ) {}

  /** A write in this clone has created folders it has not committed yet (they are not versions). */
  get writeUnderWay(): boolean {
    return this.pending.size > 0;
  }

  get top(): string {
    return this.git.top;
  }

  /** The registry root, repository-relative (`models`). */
  get root(): string {
    return this.config.root;
  }

  get rootPath(): string {
    return join(this.top, this.root);
  }

  scheme(model: string): VersionScheme {
    return this.config.schemeFor(model);
  }

  /** Repository-relative paths of a model's files. */
  modelFolder(model: string): string {
    return `${this.root}/${assertModelName(model)}`;
  }

  versionFolder(model: string, version: string): string {
    // The last guard before a name becomes a path: only a version of the model's scheme.
    const scheme = this.scheme(model);
    if (scheme.parse(version) !== version) {
      throw invalid(`${JSON.stringify(version)} is not a ${scheme.name} version of ${model}`);
    }
    return `${this.modelFolder(model)}/${version}`;
  }

  abs(repoRelative: string): string {
    return join(this.top, repoRelative);
  }

  /** Registry paths known not to run through a symbolic link (see readText). */
  private readonly notLinks = new KnownFolders();

  /**
   * A registry file's text (null when it does not exist), refusing a symbolic link in any part
   * of its path: what is read must be what git has registered, not a file elsewhere.
   */
  readText(repoRelative: string): string | null {
    // The folders by lstat (each once per command); the file itself by O_NOFOLLOW as it opens.
    const slash = repoRelative.lastIndexOf("/");
    if (slash > 0) assertNoLinkOnPath(this.top, repoRelative.slice(0, slash), this.notLinks);
    return readTextNoFollowSync(this.abs(repoRelative), repoRelative);
  }

  /** A registry folder's entries, null when it does not exist; a link in its path is refused. */
  private readFolder(repoRelative: string): Dirent[] | null {
    assertNoLinkOnPath(this.top, repoRelative, this.notLinks);
    const entries = readFolderSync(this.abs(repoRelative));
    // Folders that readdir says are folders (not links) need no lstat of their own later.
    if (entries) this.notLinks.listed(repoRelative, entries);
    return entries;
  }

  /** Model folders under the root whose names are valid, sorted. */
  async models(): Promise<string[]> {
    const entries = this.readFolder(this.root) ?? [];
    return entries
      .filter((e) => e.isDirectory() && isModelName(e.name))
      .map((e) => e.name)
      .sort();
  }

  /** The model's name, once it is known to be valid and to have a folder here. */
  async assertModelExists(model: string): Promise<string> {
    assertModelName(model);
    const entries = this.readFolder(this.modelFolder(model));
    if (entries === null) {
      const known = await this.models();
      throw notFound(`no model named ${model} in ${this.root}/`, {
        hint: known.length
          ? `models here: ${known.slice(0, 10).join(", ")}`
          : "register one with git model register",
      });
    }
    return model;
  }

  /** A model's version folders, oldest first by its scheme. */
  async versions(model: string): Promise<string[]> {
    return sortVersions(this.scheme(model), await this.versionFolders(model));
  }

  /** A model's version folders in no particular order: cheaper where only a count or the newest is needed. */
  async versionFolders(model: string): Promise<string[]> {
    const scheme = this.scheme(model);
    const folder = this.modelFolder(model);
    const entries = this.readFolder(folder) ?? [];
    const names: string[] = [];
    for (const e of entries) if (e.isDirectory() && scheme.parse(e.name) === e.name) names.push(e.name);
    // Folders of a write under way are rare: the names are not built to look them up otherwise.
    return this.pending.size === 0 ? names : names.filter((name) => !this.pending.has(`${folder}/${name}`));
  }

  /** `batch`: how many metadata.json the caller reads in all, which decides how they are parsed. */
  async readMetadata(model: string, version: string, batch = 1): Promise<Metadata> {
    const file = `${this.versionFolder(model, version)}/metadata.json`;
    const text = this.readText(file);
    if (text === null) throw notFound(`${file} is missing`, { file, hint: "run git model validate" });
    const { parseMetadata, metadataSchemaFor } = await parseFiles();
    return parseMetadata(text, file, metadataSchemaFor(batch));
  }

  /** stages.json of a model ({} when the model has none yet). */
  async readStages(model: string): Promise<StagesFile> {
    const file = `${this.modelFolder(model)}/stages.json`;
    const text = this.readText(file);
    if (text === null) return {};
    // The usual file is taken as JSON.parse gives it; anything else gets zod's checks and messages.
    let stages = parseUsualStages(text);
    if (!stages) {
      const { parseStagesText } = await parseFiles();
      stages = parseStagesText(text, file);
    }
    const scheme = this.scheme(model);
    const bad = badStageValue(stages, (v) => scheme.parse(v) === v);
    if (bad) {
      throw invalid(
        `${file}: ${JSON.stringify(bad.value)} under ${bad.stage} is not a ${scheme.name} version of ${model}`,
        {
          file,
          hint: `stages.json names versions like ${scheme.example}; fix the file (git log -p -- ${file})`,
        },
      );
    }
    return stages;
  }

  /** Resolves `churn@1.3.0`, `churn@latest`, `churn#production` or `churn` to a registered version. */
  async resolve(input: string | Reference): Promise<ResolvedVersion> {
    const ref = typeof input === "string" ? parseReference(input) : input;
    await this.assertModelExists(ref.model);
    const [versions, stages] = await Promise.all([this.versions(ref.model), this.readStages(ref.model)]);
    let version: string | undefined;
    if (ref.kind === "version") {
      version = parseVersion(this.scheme(ref.model), ref.version);
      if (!versions.includes(version)) {
        throw notFound(`${ref.model}@${version} is not registered`, {
          hint: versions.length ? `versions: ${versions.slice(-8).join(", ")}` : undefined,
        });
      }
    } else if (ref.kind === "latest") {
      version = versions.at(-1);
      if (!version) throw notFound(`${ref.model} has no versions yet`);
    } else {
      if (!this.config.stages.some((s) => s.name === ref.stage)) {
        throw usage(`unknown stage ${ref.stage}`, {
          hint: `configured stages: ${this.config.stages.map((s) => s.name).join(", ")}`,
        });
      }
      const holders = stages[ref.stage];
      const list = holders === undefined ? [] : Array.isArray(holders) ? holders : [holders];
      // A non-exclusive stage may hold several versions: the newest of them answers.
      version = sortVersions(this.scheme(ref.model), list).at(-1);
      if (!version) throw notFound(`no version of ${ref.model} is in ${ref.stage}`);
    }
    const folder = this.versionFolder(ref.model, version);
    return {
      model: ref.model,
      version,
      folder,
      path: this.abs(folder),
      stage: configuredStageOf(stages, this.config).get(version) ?? this.config.initialStage,
      metadata: await this.readMetadata(ref.model, version),
    };
  }
}
