import { closeSync, constants, lstatSync, openSync, readSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { GitModelError } from "../../domain/errors.js";
import { MAX_POINTER_SIZE, parseLfsPointer } from "../../domain/lfs.js";
import { assertRelativePath, GIT_CONTROL_FILES, gitControlFileProblem } from "../../domain/names.js";
import { error, type Problem } from "../../domain/problems.js";
import { describeEntry } from "../../infra/files.js";
import { blobId } from "../../infra/git.js";
import type { Registry } from "../core/registry.js";
import type { Files } from "./listing.js";
import { type Checkers, type Parsed, readMetadataOutcome } from "./parsing.js";

/** validate's version checks: metadata.json against its folder, and each artifact against its record. */

const RESTORE_HINT = "restore the file from git history or LFS";

export const lineOf = (e: GitModelError) => (e.line ? { line: e.line } : {});

/** An artifact whose content must be looked at: its recorded digest against the file. */
export interface ArtifactCheck {
  path: string;
  sha256: string;
  size: number;
}

export function checkVersion(
  registry: Registry,
  model: string,
  version: string,
  /** Its folder, `models/<model>/<version>`. */
  folder: string,
  names: Set<string>,
  files: Files,
  parsed: Parsed,
  artifacts: ArtifactCheck[],
  problems: Problem[],
): void {
  const metadataFile = `${folder}/metadata.json`;
  if (!names.has("metadata.json")) {
    problems.push(
      error(folder, "metadata.json is missing", { hint: "register versions with git model register" }),
    );
    return;
  }
  const outcome =
    parsed.metadata.get(metadataFile) ?? readMetadataOutcome(registry, metadataFile, parsed.checkers);
  if (!outcome.ok) {
    const e = outcome.error;
    if (!(e instanceof GitModelError)) throw e;
    problems.push(error(metadataFile, e.message.replace(/^[^:]+(:\d+:\d+)?: /, ""), lineOf(e)));
    return;
  }
  const metadata = outcome.value;
  if (metadata.name !== model)
    problems.push(error(metadataFile, `name is ${JSON.stringify(metadata.name)} but the folder is ${model}`));
  if (metadata.version !== version) {
    problems.push(
      error(metadataFile, `version is ${JSON.stringify(metadata.version)} but the folder is ${version}`),
    );
  }
  const listed = new Set<string>();
  for (const artifact of metadata.artifacts) {
    try {
      assertRelativePath(artifact.path, "artifact path");
    } catch (e) {
      problems.push(error(metadataFile, (e as Error).message));
      continue;
    }
    listed.add(artifact.path);
    const path = `${folder}/${artifact.path}`;
    if (!names.has(artifact.path)) {
      problems.push(
        error(path, "artifact listed in metadata.json is missing", {
          hint: RESTORE_HINT,
        }),
      );
      continue;
    }
    // The common case costs no read: the index holds exactly the LFS pointer of the recorded
    // content, and the work tree holds what the index holds (the status said so).
    const oid = files.get(path);
    if (oid && oid === pointerBlobId(artifact.sha256, artifact.size, oid.length)) continue;
    artifacts.push({ path, sha256: artifact.sha256, size: artifact.size });
  }
  for (const name of names) {
    const base = name.slice(name.lastIndexOf("/") + 1);
    if (GIT_CONTROL_FILES.has(base)) {
      problems.push(
        error(`${folder}/${name}`, gitControlFileProblem(base), {
          hint: `remove it: git rm ${folder}/${name}`,
        }),
      );
    } else if (name !== "metadata.json" && !listed.has(name)) {
      problems.push(
        error(`${folder}/${name}`, "file is not listed in metadata.json artifacts", {
          hint: "register new files as a new version",
        }),
      );
    }
  }
}

export const POINTER_HEAD = "version https://git-lfs.github.com/spec/v1\noid sha256:";

/** node:crypto, loaded when the first digest is taken (after the git processes have started). */
export const crypto = () => process.getBuiltinModule("node:crypto");

/**
 * The git blob id of the LFS pointer git-lfs writes for content of this sha256 and size: equal
 * to a file's index blob id exactly when the index holds that pointer.
 */
export function pointerBlobId(sha256: string, size: number, oidLength: number): string {
  const pointer = `${POINTER_HEAD}${sha256}\nsize ${size}\n`;
  return blobId(pointer, oidLength);
}

/**
 * The artifacts the index could not vouch for (changed, untracked, plain git files, pointers
 * written another way): an LFS pointer as the work tree holds it (not smudged, as in CI) by a
 * bounded read; else the index blob of an unchanged tracked file, in one cat-file batch; else
 * the work-tree file, hashed. A pointer's oid is the sha256, so nothing is downloaded.
 */
export async function checkArtifacts(
  registry: Registry,
  artifacts: readonly ArtifactCheck[],
  files: Files,
  problems: Problem[],
  checkers: Checkers,
): Promise<void> {
  const pointers = new Map<string, Buffer>();
  const blobs = new Map<string, string>();
  const readable: ArtifactCheck[] = [];
  for (const artifact of artifacts) {
    // A FIFO put in an artifact's place would hang the read; a link is reported by the link check.
    const info = lstatSync(registry.abs(artifact.path), { throwIfNoEntry: false });
    if (info && !info.isFile() && !info.isSymbolicLink()) {
      problems.push(error(artifact.path, `is ${describeEntry(info)}, not a file`, { hint: RESTORE_HINT }));
    } else readable.push(artifact);
  }
  for (const { path } of readable) {
    const oid = files.get(path);
    if (!oid) continue;
    const pointer = readPointerSync(registry.abs(path));
    if (pointer) pointers.set(path, pointer);
    else blobs.set(path, oid);
  }
  const contents = await registry.git.catFile([...blobs.values()]);
  for (const { path, sha256, size } of readable) {
    const oid = blobs.get(path);
    const blob = pointers.get(path) ?? (oid ? (contents.get(oid)?.content ?? null) : null);
    const actual = await artifactDigest(registry, path, blob, checkers);
    if (actual.sha256 !== sha256 || actual.size !== size) {
      problems.push(
        error(
          path,
          `content does not match metadata.json (sha256 ${actual.sha256.slice(0, 12)}, ${actual.size} bytes; recorded ${sha256.slice(0, 12)}, ${size} bytes)`,
        ),
      );
    }
  }
}

export const pointerBuffer = Buffer.alloc(MAX_POINTER_SIZE + 1);

/**
 * The file when it is an LFS pointer, else null (bigger, not a pointer, a symbolic link, missing).
 * Reads at most one byte more than a pointer can have, so a smudged model file costs one read.
 */
export function readPointerSync(path: string): Buffer | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const n = readSync(fd, pointerBuffer, 0, pointerBuffer.length, 0);
    const head = pointerBuffer.subarray(0, n);
    return n <= MAX_POINTER_SIZE && parseLfsPointer(head) ? Buffer.from(head) : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** sha256 and size of an artifact: from its LFS pointer when there is one, else from its bytes. */
export async function artifactDigest(
  registry: Registry,
  path: string,
  blob: Buffer | null,
  checkers: Checkers,
): Promise<{ sha256: string; size: number }> {
  if (blob) {
    const pointer = parseLfsPointer(blob);
    if (pointer) return { sha256: pointer.oid, size: pointer.size };
    return { sha256: crypto().createHash("sha256").update(blob).digest("hex"), size: blob.length };
  }
  const full = registry.abs(path);
  const head = await readFile(full)
    .then((b) => (b.length <= 1024 ? b : null))
    .catch(() => null);
  const pointer = head ? parseLfsPointer(head) : null;
  return pointer ? { sha256: pointer.oid, size: pointer.size } : checkers.hashFile(full);
}
