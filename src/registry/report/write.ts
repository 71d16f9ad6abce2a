import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { usage } from "../../domain/errors.js";
import { isInside } from "../../infra/files.js";

/**
 * Writes the report's files as one folder, all or nothing: they are written into a temporary
 * folder beside the target, which then takes the target's place by rename. A reader (or a web
 * server) sees the old report or the new one, never half of one; a killed run leaves only its
 * temporary folder, which the next run removes.
 */

export interface WriteSiteOptions {
  /** Replace a non-empty folder that is not a report this command wrote. */
  force?: boolean;
  /**
   * Folders the report must never replace (nor anything that contains them), and, unless
   * `intoAllowed`, never be written into: the registry root, .git, the repository.
   */
  protect: { path: string; what: string; intoAllowed?: boolean }[];
  /** The file that marks a folder as a report this command wrote. */
  manifest: string;
}

const TEMP = /^\.(.+)\.git-model-(?:tmp|old)-(\d+)-[0-9a-f]+$/;

/** The real path of `path`, as far as it exists, with the rest appended. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realPathOf(parent), basename(path));
  }
}

export interface WrittenSite {
  out: string;
  files: number;
  bytes: number;
}

/**
 * A report being written: files go into the temporary folder as they are rendered (so no more
 * than one model's pages is held in memory), and `finish` puts the folder in place.
 */
export class SiteWriter {
  private files = 0;
  private bytes = 0;
  private readonly folders = new Set<string>();

  private constructor(
    private readonly outInput: string,
    readonly out: string,
    private readonly temp: string,
    private readonly options: WriteSiteOptions,
  ) {}

  /** Checks the target (see WriteSiteOptions) and creates the temporary folder beside it. */
  static async open(outInput: string, options: WriteSiteOptions): Promise<SiteWriter> {
    const out = await realPathOf(resolve(outInput));
    for (const { path, what, intoAllowed } of options.protect) {
      const real = await realPathOf(path);
      if (!intoAllowed && isInside(real, out))
        throw usage(`--out ${outInput} is inside ${what} (${real})`, {
          hint: "write the report outside it, e.g. --out ../registry-report or a folder in .gitignore",
        });
      if (isInside(out, real))
        throw usage(`--out ${outInput} contains ${what} (${real}): replacing it would remove it`, {
          hint: "name a folder of its own for the report, e.g. --out report",
        });
    }
    await checkTarget(outInput, out, options);
    const parent = dirname(out);
    await mkdir(parent, { recursive: true });
    await removeStaleTemps(parent, basename(out));
    const temp = join(parent, tempName(out, "tmp"));
    await mkdir(temp);
    return new SiteWriter(outInput, out, temp, options);
  }

  /** Writes one file of the site; `path` is relative and comes from the renderer, never from the registry. */
  async write(path: string, content: string): Promise<void> {
    const folder = dirname(path);
    // Synchronous, as the registry's reads are: a few hundred files, each cheaper without the
    // thread pool's round trips (the async writes were a tenth of the report's time at 10,000 versions).
    if (folder !== "." && !this.folders.has(folder)) {
      mkdirSync(join(this.temp, folder), { recursive: true });
      this.folders.add(folder);
    }
    writeFileSync(join(this.temp, path), content);
    this.files++;
    this.bytes += Buffer.byteLength(content);
  }

  async writeAll(files: ReadonlyMap<string, string>): Promise<void> {
    for (const [path, content] of files) await this.write(path, content);
  }

  /** Puts the finished folder in the target's place. */
  async finish(): Promise<WrittenSite> {
    try {
      await swapIn(this.outInput, this.temp, this.out, this.options);
    } catch (e) {
      await this.abort();
      throw e;
    }
    return { out: this.out, files: this.files, bytes: this.bytes };
  }

  /** Removes the temporary folder; the target is left as it was. */
  async abort(): Promise<void> {
    await rm(this.temp, { recursive: true, force: true });
  }
}

const tempName = (out: string, kind: "tmp" | "old") =>
  `.${basename(out)}.git-model-${kind}-${process.pid}-${randomBytes(4).toString("hex")}`;

/** The target may be missing, an empty folder, or a report this command wrote; anything else needs --force. */
async function checkTarget(outInput: string, out: string, options: WriteSiteOptions): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (!info) return;
  if (!info.isDirectory())
    throw usage(`--out ${outInput} is a file, not a folder`, { hint: "name a folder for the report" });
  if (options.force) return;
  const entries = await readdir(out);
  if (entries.length === 0 || (await isOwnReport(out, options.manifest))) return;
  throw usage(
    `--out ${outInput} is a folder with other files in it (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", ..." : ""})`,
    {
      hint: "name a new or empty folder, or pass --force to replace this one with the report",
    },
  );
}

async function isOwnReport(out: string, manifest: string): Promise<boolean> {
  try {
    const parsed = JSON.parse(await readFile(join(out, manifest), "utf8")) as { generator?: unknown };
    return typeof parsed.generator === "string" && parsed.generator.startsWith("git-model");
  } catch {
    return false;
  }
}

/**
 * Moves the finished folder into place. Another run may be swapping at the same moment: the
 * rename fails when the target came back in between, and is tried again after the same checks.
 */
async function swapIn(outInput: string, temp: string, out: string, options: WriteSiteOptions): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const existing = await lstat(out).catch(() => null);
    let old: string | null = null;
    if (existing) {
      if (attempt > 0) await checkTarget(outInput, out, options);
      old = join(dirname(out), tempName(out, "old"));
      try {
        await rename(out, old);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 5) throw e;
        old = null;
      }
    }
    try {
      await rename(temp, out);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === "ENOTEMPTY" || code === "EEXIST") && attempt < 5) {
        // Another run's complete report took the place: ours replaces it on the next attempt.
        if (old) await rm(old, { recursive: true, force: true });
        continue;
      }
      if (old) await rename(old, out).catch(() => {});
      throw e;
    }
    if (old) await rm(old, { recursive: true, force: true });
    return;
  }
}

/** Temporary folders of runs that were killed (their process is gone) are removed. */
async function removeStaleTemps(parent: string, name: string): Promise<void> {
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    const match = TEMP.exec(entry);
    if (!match || match[1] !== name || isAlive(Number(match[2]))) continue;
    await rm(join(parent, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  // This process's own folders belong to a write under way.
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
