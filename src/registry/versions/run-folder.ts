import { createHash } from "node:crypto";
import { createReadStream, type Stats } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { usage } from "../../domain/errors.js";
import { assertRelativePath, GIT_CONTROL_FILES, gitControlFileProblem } from "../../domain/names.js";
import { compareText } from "../../domain/order.js";
import { describeEntry, isInside } from "../../infra/files.js";

/** The files of a training run's output folder, as `register` will copy them. */
export interface RunFile {
  /** Path relative to the run folder, with forward slashes. */
  path: string;
  /** Where the content is read from (a link inside the folder is followed to its target). */
  source: string;
  size: number;
  sha256: string;
}

/** Lists and hashes a run folder; refuses one that is missing, empty, or links out of itself. */
export async function readRunFolder(dir: string): Promise<{ files: RunFile[]; metadataFile: string | null }> {
  const info = await stat(dir).catch(() => null);
  if (!info)
    throw usage(`run folder ${dir} does not exist`, { hint: "pass the folder your training run wrote" });
  if (!info.isDirectory())
    throw usage(`${dir} is not a folder`, { hint: "pass the folder your training run wrote" });
  const realDir = await realpath(dir);
  const found: { path: string; source: string }[] = [];
  let metadataFile: string | null = null;

  /** `realFolder`: where `folder` really is, to tell a link to a folder that holds it (a loop). */
  async function walk(folder: string, realFolder: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
      const full = join(folder, entry.name);
      const rel = relative(realDir, full).split(sep).join("/");
      if (entry.name === ".git") continue;
      if (GIT_CONTROL_FILES.has(entry.name)) {
        throw usage(`${join(dir, rel)}: ${gitControlFileProblem(entry.name)}`, {
          hint: "remove it from the run folder (the registry's own .gitattributes stores model files in LFS)",
        });
      }
      // readdir decodes names as UTF-8; a name that is not comes back with U+FFFD and names no file.
      if (entry.name.includes("\uFFFD") && !(await lstat(full).catch(() => null))) {
        throw usage(`${join(dir, relative(realDir, folder))} holds a file whose name is not valid UTF-8`, {
          hint: "rename it to UTF-8: artifact paths are recorded as text in metadata.json",
        });
      }
      let source = full;
      let kind: EntryKind = entry;
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch((e: NodeJS.ErrnoException) => e);
        if (typeof target !== "string") {
          throw usage(
            `${join(dir, rel)} is ${target.code === "ELOOP" ? "a loop of symbolic links" : "a broken symbolic link"}`,
            { hint: "remove the link, or replace it by what it should point to" },
          );
        }
        if (!isInside(realDir, target)) {
          throw usage(`${join(dir, rel)} is a symbolic link out of the run folder (to ${target})`, {
            hint: "copy the file into the run folder instead of linking to it",
          });
        }
        source = target;
        kind = await lstat(target);
        if (kind.isDirectory() && isInside(target, realFolder)) {
          throw usage(`${join(dir, rel)} is a symbolic link to a folder that holds it (a loop)`, {
            hint: "remove the link: the folder's files are registered without it",
          });
        }
      }
      assertFileOrFolder(kind, join(dir, rel));
      if (kind.isDirectory()) {
        await walk(full, source === full ? join(realFolder, entry.name) : source);
      } else if (rel === "metadata.json") {
        metadataFile = source;
      } else {
        assertRelativePath(rel, "artifact path");
        found.push({ path: rel, source });
      }
    }
  }
  await walk(realDir, realDir);
  if (found.length === 0) {
    throw usage(`run folder ${dir} has no files to register`, {
      hint: "a version needs at least one artifact",
    });
  }
  const files = await Promise.all(found.map(async (f) => ({ ...f, ...(await hashFile(f.source)) })));
  return { files, metadataFile };
}

/** What lstat and a folder entry both tell: the type of the thing. */
type EntryKind = Pick<
  Stats,
  "isFile" | "isDirectory" | "isFIFO" | "isSocket" | "isBlockDevice" | "isCharacterDevice"
>;

/**
 * Only files and folders are registered: reading a FIFO waits for a writer forever, a socket
 * fails with ENXIO, a device never ends. Refused by name before anything is written.
 */
export function assertFileOrFolder(kind: EntryKind, shown: string): void {
  if (kind.isFile() || kind.isDirectory()) return;
  throw usage(`${shown} is ${describeEntry(kind)}; only files and folders can be registered`, {
    hint: "remove it from the run folder, or copy what it holds into a file",
  });
}

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}
