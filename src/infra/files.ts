import { readFileSync } from "node:fs";
import { lstat, mkdir, open, readFile, realpath, rename, rm } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { usage } from "../domain/errors.js";

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
  const handle = await open(path, "a+");
  try {
    const { size } = await handle.stat();
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

/** A file's text, or null when it (or its folder) does not exist. */
export function readTextSync(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw e;
  }
}

export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR")
      return null;
    throw e;
  }
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
 * Refuses a path whose real location (symlinks resolved, as far as it exists) is outside `root`.
 * Names are checked before they get here; this catches links placed in the tree.
 */
export async function assertRealPathInside(root: string, path: string): Promise<void> {
  const realRoot = await realpath(root).catch(() => root);
  let probe = path;
  for (;;) {
    try {
      const real = await realpath(probe);
      if (!isInside(realRoot, real)) {
        throw usage(`${relative(root, path) || path} leads outside the registry (through a symbolic link)`, {
          hint: "replace the link by the real folder, or remove it",
        });
      }
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      const parent = dirname(probe);
      if (parent === probe) return;
      probe = parent;
    }
  }
}
