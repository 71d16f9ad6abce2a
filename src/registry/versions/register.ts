import { readFile, stat } from "node:fs/promises";
import { conflict, environment, invalid, usage } from "../../domain/errors.js";
import { INPUT_LIMITS, LIMIT_HINT, sizeTooLarge } from "../../domain/input-limits.js";
import { findDuplicateKey, findReservedKey, RESERVED_KEY } from "../../domain/json-input.js";
import { jsonlLine, parseJsonl } from "../../domain/jsonl.js";
import { improvement } from "../../domain/lineage.js";
import { assertModelName } from "../../domain/names.js";
import { parseTag, registrationTag } from "../../domain/references.js";
import {
  describeIssues,
  type HistoryLine,
  HistoryLineSchema,
  type Metadata,
  MetadataSchema,
} from "../../domain/schemas.js";
import { type Bump, nextVersion, parseVersion } from "../../domain/versions.js";
import { readTextIfExists } from "../../infra/files.js";
import { gitReason } from "../../infra/git.js";
import { parseJsonText } from "../core/json.js";
import type { Registry } from "../core/registry.js";
import { pushTarget } from "../core/remote.js";
import { inTransaction, rebaseOnto, writeOperation } from "../core/transaction.js";
import { ensureLfsReady, isLfsArtifact, lfsLinesFor, withLfsLines } from "./lfs-tracking.js";
import { assertFileOrFolder, readRunFolder } from "./run-folder.js";

export interface RegisterOptions {
  model: string;
  /** The training run's output folder. */
  dir: string;
  /** A metadata file elsewhere (otherwise `<dir>/metadata.json` when present). */
  metadataFile?: string;
  metrics?: Record<string, number>;
  tags?: Record<string, string>;
  params?: Record<string, unknown>;
  description?: string;
  version?: string;
  bump?: Bump;
  base?: string;
  enhancement?: string;
  message?: string;
  /** Create the registration tag (default true). */
  tag?: boolean;
  push?: boolean;
  /** On a rejected push: pull, renumber and try again. */
  retry?: boolean;
  remote?: string;
  /** The CI run that produced the model, recorded in `source.run_url`. */
  runUrl?: string;
  now?: () => Date;
}

export interface RegisterResult {
  model: string;
  version: string;
  folder: string;
  commit: string;
  tag: string | null;
  pushed: boolean;
  metadata: Metadata;
  /** Versions that were taken by others while we retried. */
  renumbered: string[];
}

/**
 * `--retry` keeps going while the race is being lost to others' progress (the remote moved since
 * the last try: someone else's registration landed), so every clone of a wide race lands in
 * turn; it gives up after MAX_STALLED losses in a row with the remote not moving (a refusal
 * retrying cannot fix), or after MAX_ATTEMPTS whatever happens.
 */
const MAX_STALLED = 5;
const MAX_ATTEMPTS = 100;

/**
 * Registers a training run as a new version: copies the files, writes metadata.json with sha256
 * and sizes, tracks model files in LFS, appends history.jsonl, commits only those paths, tags
 * `name@vX.Y.Z`, and optionally pushes. All or nothing (see Transaction).
 */
export async function register(registry: Registry, options: RegisterOptions): Promise<RegisterResult> {
  const model = assertModelName(options.model);
  if (options.version !== undefined && options.bump)
    throw usage("--version and --bump cannot be used together");
  if (options.enhancement && !options.base)
    throw usage("--enhancement needs --base (the version it was derived from)");
  if (options.retry && !options.push) throw usage("--retry only applies with --push");
  for (const field of ["metrics", "tags", "params"] as const) {
    if (options[field]) assertNoReservedKey(options[field], "register", field);
  }
  const remote = options.remote ?? "origin";
  // Independent reads, together: each is a process or a folder walk, and start-up dominates them.
  const [, run, branch] = await Promise.all([
    ensureLfsReady(registry.git),
    readRunFolder(options.dir),
    options.push ? pushTarget(registry, remote) : registry.git.currentBranch(),
  ]);
  const [fromFile, lineage] = await Promise.all([
    readMetadataInput(options.metadataFile ?? run.metadataFile),
    options.base ? resolveLineage(registry, model, options.base, options.enhancement) : undefined,
  ]);

  // From choosing the number to the push, one writer at a time in this working copy.
  return writeOperation(registry.git, `register ${model}`, () =>
    registerWithRetries(registry, { ...options, model }, run, fromFile, lineage, branch, remote),
  );
}

async function registerWithRetries(
  registry: Registry,
  options: RegisterOptions & { model: string },
  run: Awaited<ReturnType<typeof readRunFolder>>,
  fromFile: Record<string, unknown>,
  lineage: Awaited<ReturnType<typeof resolveLineage>> | undefined,
  branch: string | null,
  remote: string,
): Promise<RegisterResult> {
  const { model } = options;
  const renumbered: string[] = [];
  let remoteTip: string | null = null;
  let stalled = 0;
  for (let attempt = 1; ; attempt++) {
    // The remote's tags count as taken too: a number registered on another branch, or by a clone
    // whose branch did not land, is not offered again (one ls-remote per attempt).
    const remoteTags = options.push ? await registry.git.remoteTags(remote) : undefined;
    const now = (options.now ?? (() => new Date()))();
    const version = await chooseVersion(registry, model, options, now, remoteTags);
    try {
      const result = await registerOnce(
        registry,
        options,
        version,
        run.files,
        fromFile,
        lineage,
        branch,
        remote,
        remoteTags,
      );
      // A retry that took the same number again (the push lost to a commit, not to a version) renumbered nothing.
      return { ...result, renumbered: renumbered.filter((v) => v !== version) };
    } catch (e) {
      if (!(e instanceof PushRejected) || !options.retry) {
        if (e instanceof PushRejected) {
          throw conflict(
            `the remote moved on and the registration of ${model}@${version} was undone: ${e.message}`,
            {
              hint: `pull (git pull --rebase ${remote} ${branch}) and register again, or pass --retry to renumber automatically`,
            },
          );
        }
        throw e;
      }
      renumbered.push(version);
      const tip = await catchUp(registry, remote, branch!);
      stalled = tip === remoteTip ? stalled + 1 : 0;
      remoteTip = tip;
      if (stalled >= MAX_STALLED || attempt >= MAX_ATTEMPTS) {
        throw conflict(
          `the registration of ${model}@${version} was refused by ${remote} and undone: ${e.message}`,
          {
            hint: `gave up after ${attempt} attempts${stalled >= MAX_STALLED ? ` (${remote} did not move in the last ${MAX_STALLED})` : ""}; pull and register again`,
          },
        );
      }
      await backOff(attempt);
    }
  }
}

class PushRejected extends Error {}

async function registerOnce(
  registry: Registry,
  options: RegisterOptions & { model: string },
  version: string,
  files: Awaited<ReturnType<typeof readRunFolder>>["files"],
  fromFile: Record<string, unknown>,
  lineage: { base: string; enhancement?: string; baseMetrics: Record<string, number> } | undefined,
  branch: string | null,
  remote: string,
  remoteTags: ReadonlySet<string> | undefined,
): Promise<Omit<RegisterResult, "renumbered">> {
  const { model } = options;
  const git = registry.git;
  const folder = registry.versionFolder(model, version);
  const historyPath = `${registry.modelFolder(model)}/history.jsonl`;
  const now = (options.now ?? (() => new Date()))();
  const createdAt = `${now.toISOString().slice(0, 19)}Z`;
  const [sourceCommit, currentAttributes] = await Promise.all([
    git.commitOf("HEAD"),
    readTextIfExists(registry.abs(".gitattributes")),
  ]);

  const metrics = { ...(fromFile.metrics as Record<string, number> | undefined), ...options.metrics };
  const tags = { ...(fromFile.tags as Record<string, string> | undefined), ...options.tags };
  const params = { ...(fromFile.params as Record<string, unknown> | undefined), ...options.params };
  const candidate = {
    ...fromFile,
    schema: 1,
    name: model,
    version,
    created_at: createdAt,
    ...(options.description ? { description: options.description } : {}),
    artifacts: files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
    ...(Object.keys(metrics).length ? { metrics } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    ...(Object.keys(tags).length ? { tags } : {}),
    ...(lineage
      ? {
          lineage: {
            base: lineage.base,
            ...(lineage.enhancement ? { enhancement: lineage.enhancement } : {}),
          },
          improvement: improvement(lineage.baseMetrics, metrics),
        }
      : {}),
    source: {
      ...(fromFile.source as Record<string, unknown> | undefined),
      ...(sourceCommit ? { commit: sourceCommit } : {}),
      ...(branch ? { branch } : {}),
      ...(options.runUrl ? { run_url: options.runUrl } : {}),
    },
  };
  const checked = MetadataSchema.safeParse(candidate);
  if (!checked.success) {
    throw invalid(
      `the metadata for ${model}@${version} is invalid: ${describeIssues(checked.error, 3).join("; ")}`,
    );
  }
  const metadata = checked.data;
  const historyLine: HistoryLine = {
    at: createdAt,
    version,
    ...(metadata.metrics ? { metrics: metadata.metrics } : {}),
    ...(metadata.tags ? { tags: metadata.tags } : {}),
    ...(metadata.lineage ? { lineage: metadata.lineage } : {}),
    ...(metadata.source ? { source: metadata.source } : {}),
  };

  const artifacts = files.map((f) => ({ repoPath: `${folder}/${f.path}`, relPath: f.path, size: f.size }));
  const { lfs, lfsThresholdBytes: threshold } = registry.config;
  const attributes = withLfsLines(
    currentAttributes ?? "",
    lfsLinesFor(registry.root, lfs, artifacts, threshold),
  );
  const lfsOids = files.filter((f) => isLfsArtifact(f.path, f.size, lfs, threshold)).map((f) => f.sha256);
  const tagName = options.tag === false ? null : registrationTag(model, version);
  const subject = options.message ?? `register ${model}@${version}`;
  const message = `${subject}\n\nModel: ${model}\nVersion: ${version}\n`;
  const tagMessage = `register ${registrationTag(model, version)}\n\n${JSON.stringify(metadata.metrics ?? {})}\n`;

  return inTransaction(git, async (tx) => {
    await tx.assertUntouched(
      [historyPath, ...(attributes === null ? [] : [".gitattributes"])],
      "git-model would commit them with the registration",
    );
    await tx.createFolder(folder);
    for (const f of files) await tx.copyInto(f.source, `${folder}/${f.path}`);
    await tx.writeFile(`${folder}/metadata.json`, `${JSON.stringify(metadata, null, 2)}\n`);
    if (attributes !== null) await tx.writeFile(".gitattributes", attributes);
    await tx.appendLine(historyPath, jsonlLine(historyLine));
    const commit = await tx.commit(message, tagName ? [{ name: tagName, message: tagMessage }] : []);
    let pushed = false;
    if (options.push && branch) {
      const leftBehind = await leftBehindTags(
        registry,
        new Set([...(remoteTags ?? []), ...(tagName ? [tagName] : [])]),
      );
      const outcome = await tx.push(remote, branch, lfsOids, leftBehind);
      if (!outcome.ok) {
        if (outcome.remoteMovedOn) throw new PushRejected(outcome.message);
        throw environment(`push to ${remote} failed, so the registration was undone: ${outcome.message}`, {
          hint: outcome.hint ?? `check that you can push to ${remote} (git push ${remote} ${branch})`,
        });
      }
      pushed = true;
    }
    return { model, version, folder, commit, tag: tagName, pushed, metadata };
  });
}

/**
 * Every number the model ever took, so that none is taken twice in any clone: version folders,
 * the lines of history.jsonl (deleting a version keeps its line, and the file travels with every
 * clone), registration and deregistration tags here, and, when pushing, the remote's.
 */
async function takenVersions(
  registry: Registry,
  model: string,
  remoteTags: ReadonlySet<string> | undefined,
): Promise<string[]> {
  const scheme = registry.scheme(model);
  const [folders, tagRows, historyText] = await Promise.all([
    registry.versions(model),
    registry.git.forEachRef([`refs/tags/${model}@*`], ["%(refname:strip=2)"]),
    readTextIfExists(registry.abs(`${registry.modelFolder(model)}/history.jsonl`)),
  ]);
  const tagNames = [...tagRows.map(([name = ""]) => name), ...(remoteTags ?? [])];
  const fromTags = tagNames.flatMap((name) => {
    const tag = parseTag(name);
    return (tag?.kind === "registration" || tag?.kind === "deregistration") && tag.model === model
      ? [tag.version]
      : [];
  });
  const fromHistory = parseJsonl(historyText ?? "", HistoryLineSchema).records.map((r) => r.value.version);
  return [...new Set([...folders, ...fromTags, ...fromHistory])].filter((v) => scheme.parse(v) === v);
}

async function chooseVersion(
  registry: Registry,
  model: string,
  options: RegisterOptions,
  now: Date,
  remoteTags: ReadonlySet<string> | undefined,
): Promise<string> {
  const scheme = registry.scheme(model);
  const taken = await takenVersions(registry, model, remoteTags);
  if (options.version !== undefined) {
    const version = parseVersion(scheme, options.version);
    if (taken.includes(version)) {
      throw conflict(`${model}@${version} exists already (versions are immutable)`, {
        hint: "leave out --version to take the next one, or choose another",
      });
    }
    return version;
  }
  return nextVersion(scheme, taken, { ...(options.bump ? { bump: options.bump } : {}), now });
}

/**
 * Registration and deregistration tags on commits this push carries or the remote has (merged
 * into HEAD) that the remote lacks: what an earlier push, killed or left out, did not deliver.
 */
export async function leftBehindTags(registry: Registry, remoteTags: ReadonlySet<string>): Promise<string[]> {
  const rows = await registry.git.forEachRef(["refs/tags"], ["%(refname:strip=2)"], { merged: "HEAD" });
  return rows
    .map(([name = ""]) => name)
    .filter((name) => {
      const kind = parseTag(name)?.kind;
      return (kind === "registration" || kind === "deregistration") && !remoteTags.has(name);
    });
}

async function readMetadataInput(file: string | null | undefined): Promise<Record<string, unknown>> {
  if (!file) return {};
  const info = await stat(file).catch(() => {
    throw usage(`metadata file ${file} does not exist`);
  });
  assertFileOrFolder(info, file);
  if (info.isDirectory())
    throw usage(`metadata file ${file} is a folder`, { hint: "--metadata takes a JSON file" });
  // Checked before reading: a file of gigabytes is not read to be refused.
  const large = sizeTooLarge(info.size, INPUT_LIMITS.jsonBytes, "a JSON file");
  if (large) throw invalid(`${file}: ${large}`, { file, hint: LIMIT_HINT });
  let text: string;
  try {
    // Strict: a Latin-1 file read as UTF-8 would have its accents turned into U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(file));
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    throw invalid(`${file}: not UTF-8 text`, { file, hint: "save the metadata as UTF-8 (JSON is UTF-8)" });
  }
  const json = parseJsonText(text, file);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw invalid(`${file}: metadata must be a JSON object`);
  }
  // JSON.parse keeps the last of a key given twice; which one was meant is the author's call.
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    throw invalid(`${file}:${duplicate.line}: ${duplicate.path} is given twice`, {
      file,
      line: duplicate.line,
      hint: "keep one of them",
    });
  }
  assertNoReservedKey(json, file);
  return json as Record<string, unknown>;
}

/** A `__proto__` key would be dropped on the way to metadata.json: refused by its path. */
function assertNoReservedKey(value: unknown, where: string, prefix = ""): void {
  const path = findReservedKey(value, prefix);
  if (path) {
    throw invalid(`${where}: ${path}: the key "${RESERVED_KEY}" cannot be stored (JavaScript reserves it)`, {
      hint: "use another key name",
    });
  }
}

async function resolveLineage(
  registry: Registry,
  model: string,
  base: string,
  enhancement: string | undefined,
) {
  const ref = base.includes("@") || base.includes("#") ? base : `${model}@${base}`;
  const resolved = await registry.resolve(ref).catch((e: Error) => {
    throw usage(`base ${base} does not exist: ${e.message}`, {
      hint: "--base takes a registered reference like churn@1.2.0",
    });
  });
  return {
    base: `${resolved.model}@${resolved.version}`,
    ...(enhancement ? { enhancement } : {}),
    baseMetrics: resolved.metadata.metrics ?? {},
  };
}

/**
 * After a rejected push: bring the branch up to date with the remote so the next number is free.
 * Returns the remote branch's commit, by which the retry loop sees whether the remote moved.
 */
async function catchUp(registry: Registry, remote: string, branch: string): Promise<string | null> {
  const git = registry.git;
  // Not --quiet: that also silences why a ref was refused (a local tag it would clobber).
  await git.run(["fetch", "--tags", remote, branch]);
  const tip = await git.commitOf("FETCH_HEAD");
  const rebase = await rebaseOnto(git, "FETCH_HEAD");
  if (rebase.code !== 0) {
    throw conflict(`could not rebase ${branch} onto ${remote}/${branch}: ${gitReason(rebase.stderr)}`, {
      hint: "pull and resolve by hand, then register again",
    });
  }
  return tip;
}

/** A random pause before the next try ("full jitter"), so racing clones do not retry in step. */
function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(2000, 50 * 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
