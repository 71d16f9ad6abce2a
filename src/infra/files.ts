import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  type Stats,
} from "node:fs";
import { lstat, mkdir, open, realpath, rename, rm } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { invalid, usage } from "../domain/errors.js";

/** File-system edges: atomic writes, durable appends, and paths that cannot leave their root. */

/**
 * A random name for a temporary file or ref. Web Crypto, not `node:crypto`: the global loads on
 * first use, so the reading commands, which never write, do not pay for node:crypto at start-up
 * (about 5 ms; docs/benchmarks.md).
 */
export const randomName = (): string => globalThis.crypto.randomUUID();

/** Writes a file by temp file + fsync + rename, so a reader sees the old or the new content, never half. */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomName()}.git-model.tmp`);
  const handle = await open(temp, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/**
 * Appends one line and fsyncs it. When the file ends in a torn line (no newline), the new line
 * starts on a line of its own so the torn one stays reportable and nothing valid is glued to it.
 */
export async function appendLine(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // "a+", except that a symbolic link in the last part is refused (ELOOP) rather than followed.
  const handle = await open(
    path,
    constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
    0o666,
  ).catch((e) => {
    throw (e as NodeJS.ErrnoException).code === "ELOOP" ? linkError(path, path) : e;
  });
  try {
    const { size, nlink } = await handle.stat();
    // A hard link shares the bytes with a file elsewhere (outside the registry, perhaps), which
    // an append would change too; git never creates one.
    if (nlink > 1) {
      throw invalid(
        `${path} has ${nlink - 1} other hard link(s): git-model appends only to a file of its own`,
        {
          hint: "replace it by a copy (cp --remove-destination) and run the command again",
        },
      );
    }
    let prefix = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = "\n";
    }
    await handle.appendFile(prefix + (line.endsWith("\n") ? line : `${line}\n`));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What a file-system entry is, for a message: "a FIFO (named pipe)", "a folder", ... */
export function describeEntry(
  kind: Pick<Stats, "isFile" | "isDirectory" | "isFIFO" | "isSocket" | "isBlockDevice" | "isCharacterDevice">,
): string {
  if (kind.isFile()) return "a file";
  if (kind.isDirectory()) return "a folder";
  if (kind.isFIFO()) return "a FIFO (named pipe)";
  if (kind.isSocket()) return "a socket";
  if (kind.isBlockDevice() || kind.isCharacterDevice()) return "a device";
  return "neither a file nor a folder";
}

type ErrorKind = "invalid" | "usage";

/**
 * Opens a file to read it whole: without waiting for a writer when it is a FIFO (O_NONBLOCK,
 * which changes nothing for a regular file), and refusing, by name, anything that is not a
 * regular file (a FIFO would hang the read forever, a folder fails with a raw EISDIR). Null
 * when it does not exist. `noFollow`: a symbolic link in the last part is refused, not followed.
 */
function openFileSync(full: string, shown: string, options: { noFollow?: boolean; kind?: ErrorKind } = {}) {
  let fd: number;
  try {
    fd = openSync(
      full,
      constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0),
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    if (code === "ELOOP" && options.noFollow) throw linkError(full, shown);
    throw e;
  }
  const info = fstatSync(fd);
  if (!info.isFile()) {
    closeSync(fd);
    throw notAFileError(shown, info, options.kind);
  }
  return fd;
}

export function notAFileError(shown: string, info: Stats, kind: ErrorKind = "invalid") {
  return (kind === "usage" ? usage : invalid)(`${shown} is ${describeEntry(info)}, not a file`, {
    hint: `remove it, or put the file itself in its place (git checkout -- ${shown}, if git has it)`,
  });
}

function readBytesSync(fd: number | null): Buffer | null {
  if (fd === null) return null;
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readWholeSync(fd: number | null): string | null {
  return readBytesSync(fd)?.toString("utf8") ?? null;
}

/** A file's text, null when it does not exist; anything but a regular file is refused by name. */
export function readTextSync(path: string, shown = path, kind: ErrorKind = "invalid"): string | null {
  return readWholeSync(openFileSync(path, shown, { kind }));
}

export async function readTextIfExists(path: string, shown = path): Promise<string | null> {
  return readTextSync(path, shown);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** True when `child` is `parent` or below it (both absolute). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * The real location of `path` (links resolved) as far as it exists, with the parts that do not
 * exist yet added as they are: where a write to `path` would land.
 */
export async function realPathAsFarAsExists(path: string): Promise<string> {
  let probe = path;
  const missing: string[] = [];
  for (;;) {
    try {
      return join(await realpath(probe), ...missing.reverse());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      const parent = dirname(probe);
      if (parent === probe) return path;
      missing.push(basename(probe));
      probe = parent;
    }
  }
}

/**
 * Refuses a path whose real location (symlinks resolved, as far as it exists) is outside `root`.
 * Names are checked before they get here; this catches links placed in the tree.
 */
export async function assertRealPathInside(root: string, path: string): Promise<void> {
  const realRoot = await realpath(root).catch(() => root);
  if (!isInside(realRoot, await realPathAsFarAsExists(path))) {
    throw usage(`${relative(root, path) || path} leads outside the registry (through a symbolic link)`, {
      hint: "replace the link by the real folder, or remove it",
    });
  }
}

/** A symbolic link where git-model reads or writes registry files: `shown` is the path to name. */
export function linkError(full: string, shown: string) {
  let target = "";
  try {
    target = ` (to ${readlinkSync(full)})`;
  } catch {}
  return invalid(`${shown} is a symbolic link${target}: git-model does not follow links in the registry`, {
    hint: "put the file or folder itself in its place (or remove the link) and commit",
  });
}

/**
 * Refuses `path` (relative to `top`, with forward slashes) when any of its parts below `top` is a
 * symbolic link, or a part before the last is a file rather than a folder. Git commits a link, not what it points to, so a write through one lands outside
 * the registry (or the repository), and a read through one shows what is not registered. Each
 * existing part is checked with lstat; parts named in `checked` are known not to be links (a
 * listing said so, or an earlier call), and the parts checked here are added to it.
 */
export function assertNoLinkOnPath(top: string, path: string, checked?: Set<string>): void {
  let prefix = "";
  for (const part of path.split("/")) {
    prefix = prefix ? `${prefix}/${part}` : part;
    if (checked?.has(prefix)) continue;
    let info: ReturnType<typeof lstatSync>;
    try {
      info = lstatSync(join(top, prefix));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return;
      throw e;
    }
    if (info.isSymbolicLink()) throw linkError(join(top, prefix), prefix);
    if (prefix !== path && !info.isDirectory()) {
      throw invalid(`${prefix} is a file where git-model needs a folder (for ${path})`, {
        hint: "move the file away (git mv), or choose another root: in .gitmodel.yaml",
      });
    }
    checked?.add(prefix);
  }
}

/**
 * Refuses `path` (relative to `top`) when a folder on it is another git repository: a submodule's
 * or a nested clone's work tree, which has a `.git` of its own. A write there lands in that
 * repository, and a commit of it here replaces the submodule's gitlink with a tree, silently
 * dropping the submodule. One lstat per part: writes touch a handful of paths.
 */
export function assertNotInNestedRepository(top: string, path: string): void {
  let prefix = "";
  for (const part of path.split("/")) {
    prefix = prefix ? `${prefix}/${part}` : part;
    try {
      lstatSync(join(top, prefix, ".git"));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") continue; // no .git, or `prefix` is a file
      throw e;
    }
    throw invalid(
      `${prefix} is another git repository (a submodule or a clone): git-model writes only into this one`,
      {
        hint: `choose a root: outside ${prefix} in .gitmodel.yaml, or register in ${prefix}'s own repository`,
      },
    );
  }
}

/** A file's bytes, null when it does not exist; a link in its last part or anything but a file is refused. */
export function readBytesNoFollowSync(full: string, shown = full): Buffer | null {
  return readBytesSync(openFileSync(full, shown, { noFollow: true }));
}

/** A file's text, null when it does not exist; a symbolic link in its last part is refused, not followed. */
export function readTextNoFollowSync(full: string, shown: string): string | null {
  return readWholeSync(openFileSync(full, shown, { noFollow: true }));
}
