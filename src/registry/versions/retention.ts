import { conflict, environment, invalid, notFound, usage } from "../../domain/errors.js";
import { parseReference } from "../../domain/references.js";
import {
  assertDeletable,
  deletionMessage,
  deregistration,
  parseKeep,
  planCleanup,
  type RetainedVersion,
  retentionStage,
  stagesNaming,
  stagesWithout,
} from "../../domain/retention.js";
import { serializeStages } from "../../domain/stages.js";
import { parseVersion } from "../../domain/versions.js";
import type { Registry } from "../core/registry.js";
import { pushTarget } from "../core/remote.js";
import { inTransaction, writeOperation } from "../core/transaction.js";

/**
 * `delete` and `cleanup` (DESIGN section 7): remove version folders in one commit that also drops
 * them from stages.json, and write GTO's deregistration tag `churn@v1.0.0!` for each on it.
 * All or nothing (see Transaction). history.jsonl stays as it is: it records registrations,
 * and the deletion commit and tags record the removal.
 */

export interface RemovedVersion {
  version: string;
  folder: string;
  stage: string;
  /** The deregistration tag created, or null when one existed already (the version was deleted before, then restored). */
  tag: string | null;
}

export interface DeletionPlan {
  model: string;
  versions: RemovedVersion[];
}

/** Asked after every check passed and before anything is written; false cancels (exit 1, nothing written). */
export type Confirm = (plan: DeletionPlan) => boolean | Promise<boolean>;

/** Push the deletion commit and its deregistration tags in one atomic push, like register --push. */
export interface PushOptions {
  push?: boolean;
  /** Default origin. */
  remote?: string;
}

export interface DeleteOptions extends PushOptions {
  reason?: string;
  confirm?: Confirm;
}

export interface DeleteResult {
  model: string;
  deleted: RemovedVersion[];
  commit: string;
  pushed: boolean;
}

export async function deleteVersion(
  registry: Registry,
  refText: string,
  options: DeleteOptions = {},
): Promise<DeleteResult> {
  return writeOperation(registry.git, `delete ${refText}`, () => deleteOne(registry, refText, options));
}

async function deleteOne(registry: Registry, refText: string, options: DeleteOptions): Promise<DeleteResult> {
  const ref = parseReference(refText);
  // Deleting is permanent: a stage or "latest" would pick the version for the user.
  if (ref.kind !== "version") {
    throw usage(`delete needs an explicit version like ${ref.model}@1.0.0, not ${JSON.stringify(refText)}`, {
      hint: `list the versions with git model list ${ref.model}`,
    });
  }
  const { model } = ref;
  await registry.assertModelExists(model);
  // Not registry.resolve: that reads metadata.json, and a version with broken metadata must stay deletable.
  const [versions, stages] = await Promise.all([registry.versions(model), registry.readStages(model)]);
  const version = parseVersion(registry.scheme(model), ref.version);
  if (!versions.includes(version)) {
    throw notFound(`${model}@${version} is not registered`, {
      hint: versions.length ? `versions: ${versions.slice(-8).join(", ")}` : undefined,
    });
  }
  const stage = retentionStage(registry.config, stagesNaming(stages).get(version));
  assertDeletable(registry.config, model, version, stage);
  return removeVersions(
    registry,
    model,
    [{ version, stage }],
    deletionMessage(model, [version], options),
    options,
  );
}

export interface CleanupOptions extends PushOptions {
  keep: number;
  dryRun?: boolean;
  /** Why, recorded as a `Reason:` trailer and in the deregistration tags; `history` shows it. */
  reason?: string;
  confirm?: Confirm;
}

export interface CleanupResult {
  model: string;
  dryRun: boolean;
  /** Versions kept: the N newest, and the holders of a protecting stage. */
  keep: RetainedVersion[];
  /** Versions deleted, with folders and tags; on a dry run, what would be. */
  deleted: RemovedVersion[];
  /** The deletion commit; null on a dry run or when nothing had to go. */
  commit: string | null;
  pushed: boolean;
}

export async function cleanup(
  registry: Registry,
  model: string,
  options: CleanupOptions,
): Promise<CleanupResult> {
  if (options.dryRun) return cleanupNow(registry, model, options);
  return writeOperation(registry.git, `cleanup ${model}`, () => cleanupNow(registry, model, options));
}

async function cleanupNow(
  registry: Registry,
  model: string,
  options: CleanupOptions,
): Promise<CleanupResult> {
  const keep = parseKeep(options.keep);
  await registry.assertModelExists(model);
  const [versions, stages] = await Promise.all([registry.versions(model), registry.readStages(model)]);
  const named = stagesNaming(stages);
  const plan = planCleanup(
    versions,
    (v) => retentionStage(registry.config, named.get(v)),
    keep,
    registry.config,
  );
  const base = { model, dryRun: Boolean(options.dryRun), keep: plan.keep };
  if (options.dryRun || plan.remove.length === 0) {
    return {
      ...base,
      deleted: await describeRemovals(registry, model, plan.remove),
      commit: null,
      pushed: false,
    };
  }
  const message = deletionMessage(
    model,
    plan.remove.map((r) => r.version),
    { keep, reason: options.reason },
  );
  const result = await removeVersions(registry, model, plan.remove, message, options);
  return { ...base, deleted: result.deleted, commit: result.commit, pushed: result.pushed };
}

/** Folders and the tags that deleting would create, in one for-each-ref for the model's tags. */
async function describeRemovals(
  registry: Registry,
  model: string,
  removals: readonly Pick<RetainedVersion, "version" | "stage">[],
): Promise<RemovedVersion[]> {
  const rows = await registry.git.forEachRef([`refs/tags/${model}@*`], ["%(refname:strip=2)"]);
  const existing = new Set(rows.map(([name]) => name));
  return removals.map(({ version, stage }) => {
    const tag = deregistration(model, version).name;
    return {
      version,
      stage,
      folder: registry.versionFolder(model, version),
      tag: existing.has(tag) ? null : tag,
    };
  });
}

async function removeVersions(
  registry: Registry,
  model: string,
  removals: readonly Pick<RetainedVersion, "version" | "stage">[],
  message: string,
  options: PushOptions & { reason?: string; confirm?: Confirm },
): Promise<DeleteResult> {
  const git = registry.git;
  const remote = options.remote ?? "origin";
  const branch = options.push ? await pushTarget(registry, remote) : null;
  const deleted = await describeRemovals(registry, model, removals);
  const folders = deleted.map((d) => d.folder);
  const stagesPath = `${registry.modelFolder(model)}/stages.json`;
  const remaining = stagesWithout(await registry.readStages(model), new Set(deleted.map((d) => d.version)));

  if (options.confirm && !(await options.confirm({ model, versions: deleted }))) {
    throw invalid("not confirmed; nothing was deleted");
  }
  return inTransaction(git, async (tx) => {
    // stages.json is checked even when it stays as it is: the decision above was made on the work
    // tree's copy, and an uncommitted edit there could leave HEAD naming a deleted version.
    await tx.assertUntouched([...folders, stagesPath], "commit or discard them before deleting");
    const untracked = await git.list(["ls-files", "-z", "--others", "--exclude-standard", "--", ...folders]);
    if (untracked.length) {
      throw conflict(
        `${untracked.slice(0, 3).join(", ")} ${untracked.length > 1 ? "are" : "is"} not committed`,
        {
          hint: "deleting the version folder would lose it: move it elsewhere or commit it first",
        },
      );
    }
    for (const folder of folders) await tx.removeFolder(folder);
    if (remaining) {
      await tx.writeFile(stagesPath, serializeStages(remaining, registry.config, registry.scheme(model)));
    }
    const tags = deleted.flatMap((d) =>
      d.tag ? [{ name: d.tag, message: deregistration(model, d.version, options.reason).message }] : [],
    );
    // Every tag in one batch: Git.createTags is one process whatever their number.
    const commit = await tx.commit(message, tags);
    if (branch) {
      const outcome = await tx.push(remote, branch);
      if (!outcome.ok && outcome.remoteMovedOn) {
        throw conflict(`the remote moved on, so the deletion was undone: ${outcome.message}`, {
          hint: `pull (git pull --rebase ${remote} ${branch}) and run the command again`,
        });
      }
      if (!outcome.ok) {
        throw environment(`push to ${remote} failed, so the deletion was undone: ${outcome.message}`, {
          hint: outcome.hint ?? `check that you can push to ${remote} (git push ${remote} ${branch})`,
        });
      }
    }
    return { model, deleted, commit, pushed: branch !== null };
  });
}
