import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { environment, invalid, notFound, usage } from "../../domain/errors.js";
import { MAX_POINTER_SIZE, parseLfsPointer } from "../../domain/lfs.js";
import { assertRelativePath } from "../../domain/names.js";
import { assertRealPathInside, isInside, randomName, realPathAsFarAsExists } from "../../infra/files.js";
import type { Registry, ResolvedVersion } from "../core/registry.js";
import { ensureLfsReady } from "./lfs-tracking.js";
import { hashFile } from "./run-folder.js";

/**
 * Loading a version for serving (DESIGN section 5, seed 002): `pull` fetches only that version's
 * LFS objects; `export` copies its files out of the repository once they are real.
 */

/** An artifact in the work tree: its content, an LFS pointer not pulled yet, or nothing. */
export type ArtifactState = "present" | "pointer" | "missing";

export interface ArtifactCheck {
  path: string;
  /** Absolute path in the work tree. */
  file: string;
  sha256: string;
  size: number;
  state: ArtifactState;
}

/** Where each artifact of a version stands; artifact paths from metadata.json are validated first. */
export async function checkArtifacts(version: ResolvedVersion): Promise<ArtifactCheck[]> {
  return Promise.all(
    version.metadata.artifacts.map(async (a): Promise<ArtifactCheck> => {
      assertRelativePath(a.path, `artifact path in ${version.folder}/metadata.json`);
      const file = join(version.path, ...a.path.split("/"));
      await assertRealPathInside(version.path, file);
      const info = await stat(file).catch(() => null);
      const base = { path: a.path, file, sha256: a.sha256, size: a.size };
      if (!info?.isFile()) return { ...base, state: "missing" };
      // A file of the recorded size, or too big to be a pointer, is the content itself.
      if (info.size === a.size || info.size > MAX_POINTER_SIZE) return { ...base, state: "present" };
      return { ...base, state: parseLfsPointer(await readFile(file)) ? "pointer" : "present" };
    }),
  );
}

const label = (v: ResolvedVersion) => `${v.model}@${v.version}`;
const listed = (checks: readonly ArtifactCheck[]) =>
  checks
    .slice(0, 3)
    .map((c) => c.path)
    .join(", ") + (checks.length > 3 ? ` and ${checks.length - 3} more` : "");

const stillPointers = (checks: readonly ArtifactCheck[]) =>
  `${listed(checks)} ${checks.length > 1 ? "are still LFS pointers" : "is still an LFS pointer"}`;

function assertNoneMissing(version: ResolvedVersion, checks: readonly ArtifactCheck[]): void {
  const missing = checks.filter((c) => c.state === "missing");
  if (missing.length) {
    throw notFound(
      `${listed(missing)} of ${label(version)} ${missing.length > 1 ? "are" : "is"} missing from ${version.folder}`,
      {
        hint: "restore the folder (git checkout -- <folder>) or run git model validate",
      },
    );
  }
}

export interface PullResult {
  model: string;
  version: string;
  folder: string;
  path: string;
  /** Artifacts that were pointers and are now real (empty when all were already). */
  fetched: string[];
}

export async function pullVersion(registry: Registry, ref: string): Promise<PullResult> {
  const version = await registry.resolve(ref);
  const before = await checkArtifacts(version);
  assertNoneMissing(version, before);
  const pointers = before.filter((c) => c.state === "pointer");
  if (pointers.length) {
    await ensureLfsReady(registry.git);
    // --exclude= clears a configured lfs.fetchexclude, so the version's own files always come.
    const r = await registry.git.run(["lfs", "pull", `--include=${version.folder}/**`, "--exclude="], {
      allowFailure: true,
    });
    if (r.code !== 0) {
      const why = r.stderr.trim().split("\n").filter(Boolean).at(-1) ?? `exit code ${r.code}`;
      throw environment(`git lfs pull of ${version.folder} failed: ${why}`, {
        hint: "check that the remote is reachable and holds the LFS objects (git lfs env shows the endpoint)",
      });
    }
    const still = (await checkArtifacts(version)).filter((c) => c.state === "pointer");
    if (still.length) {
      throw notFound(`${label(version)}: ${stillPointers(still)} after git lfs pull`, {
        hint: "the LFS server does not have them: push them from a clone that has them (git lfs push --all origin)",
      });
    }
  }
  return {
    model: version.model,
    version: version.version,
    folder: version.folder,
    path: version.path,
    fetched: pointers.map((p) => p.path),
  };
}

export interface ExportOptions {
  /** Write into a folder that is not empty, replacing files of the same names. */
  force?: boolean;
}

export interface ExportResult {
  model: string;
  version: string;
  stage: string;
  folder: string;
  /** Absolute target folder. */
  target: string;
  files: { path: string; size: number; sha256: string }[];
}

/**
 * Copies a version's artifacts and metadata.json to `target`. Every check runs first; files are
 * copied and verified against their sha256 in a sibling temp folder, then moved in, so a failure
 * leaves `target` as it was.
 */
export async function exportVersion(
  registry: Registry,
  ref: string,
  targetDir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const version = await registry.resolve(ref);
  const target = resolve(targetDir);
  // Where the files would really land: a link to models/churn/1.0.0 (or to models/churn, with
  // /9.9.9 after it) must not overwrite a version or make a new one. Git's own folder neither.
  const [realTarget, realRoot, realGitDir] = await Promise.all([
    realPathAsFarAsExists(target),
    realPathAsFarAsExists(registry.rootPath),
    realPathAsFarAsExists(registry.git.gitDir),
  ]);
  if (
    isInside(realRoot, realTarget) ||
    isInside(registry.rootPath, target) ||
    isInside(realGitDir, realTarget)
  ) {
    const into = isInside(realGitDir, realTarget) ? "git's folder" : `the registry (${registry.root}/)`;
    throw usage(
      `cannot export into ${into}: ${targetDir}${realTarget === target ? "" : ` (really ${realTarget})`}`,
      {
        hint: "export to a folder outside the registry, for example /srv/models/churn",
      },
    );
  }
  const checks = await checkArtifacts(version);
  assertNoneMissing(version, checks);
  const pointers = checks.filter((c) => c.state === "pointer");
  if (pointers.length) {
    throw invalid(`${label(version)} is not pulled: ${stillPointers(pointers)}`, {
      hint: `run git model pull ${label(version)} first`,
    });
  }
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) throw usage(`${targetDir} exists and is not a folder`);
  if (existing && (await readdir(target)).length > 0 && !options.force) {
    throw usage(`${targetDir} is not empty`, {
      hint: "choose an empty or new folder, or pass --force to overwrite files of the same names",
    });
  }

  const files = [
    ...checks.map((c) => ({ path: c.path, source: c.file, expected: { sha256: c.sha256, size: c.size } })),
    { path: "metadata.json", source: join(version.path, "metadata.json"), expected: null },
  ];
  const exported: { path: string; size: number; sha256: string }[] = [];
  await mkdir(dirname(target), { recursive: true });
  // A sibling of the target: same file system, so the final renames cannot half-copy a file.
  // mkdir, not mkdtemp: mkdtemp makes the folder 0700, and it becomes the target.
  const staging = join(dirname(target), `.${basename(target)}.git-model-${randomName()}`);
  await mkdir(staging);
  try {
    for (const f of files) {
      const dest = join(staging, ...f.path.split("/"));
      await mkdir(dirname(dest), { recursive: true });
      await copyFile(f.source, dest);
      const copied = await hashFile(dest);
      if (f.expected && (copied.sha256 !== f.expected.sha256 || copied.size !== f.expected.size)) {
        throw invalid(`${version.folder}/${f.path} does not match its sha256 in metadata.json`, {
          hint: "the work tree copy was changed after registration; run git model validate",
        });
      }
      exported.push({ path: f.path, ...copied });
    }
    if (!existing) {
      await rename(staging, target);
    } else {
      for (const f of files) {
        const dest = join(target, ...f.path.split("/"));
        // A link inside the target must not carry a file out of it.
        await assertRealPathInside(target, dest);
        await mkdir(dirname(dest), { recursive: true });
        await rename(join(staging, ...f.path.split("/")), dest);
      }
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return {
    model: version.model,
    version: version.version,
    stage: version.stage,
    folder: version.folder,
    target,
    files: exported,
  };
}
