import { invalid } from "../../domain/errors.js";
import { compareText } from "../../domain/order.js";
import { parseTag, registrationTag } from "../../domain/references.js";
import { planStageTags, type StageEvent, stageHistory } from "../../domain/stage-history.js";
import type { StageMove } from "../../domain/stages.js";
import type { Git } from "../../infra/git.js";
import type { Registry } from "../core/registry.js";
import type { TagSpec } from "../core/transaction.js";
import { readStageLogs, type StageLog } from "./stage-log.js";

/**
 * GTO stage tags (DESIGN section 4): `name#stage#N` on the registration commit of the version
 * that entered the stage. The files are the truth; this finds the moves of a branch's history
 * that have no tag yet (for the Action's register mode and `doctor`), and the tags of one change
 * (for `promote --tag`).
 */

export interface StageTagToCreate {
  name: string;
  model: string;
  stage: string;
  version: string;
  counter: number;
  /** The registration commit of the version: where the tag points. */
  target: string;
  /** The commit of the stage change the tag records. */
  change: string;
  message: string;
}

interface TagRow {
  name: string;
  /** The commit the tag points at (peeled). */
  commit: string;
}

async function readTags(git: Git): Promise<TagRow[]> {
  const rows = await git.forEachRef(["refs/tags"], ["%(refname:strip=2)", "%(*objectname)", "%(objectname)"]);
  return rows.map(([name = "", peeled = "", oid = ""]) => ({ name, commit: peeled || oid }));
}

/** version -> registration commit: the registration tag's commit where there is one, else the commit that added the folder. */
function registrationCommits(model: string, tags: readonly TagRow[], log: StageLog | undefined) {
  const byVersion = new Map<string, string>();
  for (const r of log?.registrations ?? []) byVersion.set(r.version, r.commit);
  for (const t of tags) {
    const tag = parseTag(t.name);
    if (tag?.kind === "registration" && tag.model === model) byVersion.set(tag.version, t.commit);
  }
  return byVersion;
}

const tagMessage = (model: string, stage: string, version: string, change: string) =>
  `assign ${registrationTag(model, version)} to ${stage}\n\nStage-Change: ${change}\n`;

/**
 * The stage tags missing for the moves in `ref`'s history (default HEAD), numbered on from each
 * model's highest counter. A move counts as tagged when a tag for the same version and stage
 * exists; when a version entered a stage n times and has m < n tags for it, its last n - m moves
 * are missing. So a second run plans nothing.
 */
export async function stageTagsToCreate(
  registry: Registry,
  options: { ref?: string; models?: readonly string[] } = {},
): Promise<StageTagToCreate[]> {
  const { config } = registry;
  const [logs, tags] = await Promise.all([
    readStageLogs(registry, options.models ?? "all", options.ref ?? "HEAD"),
    readTags(registry.git),
  ]);
  const names = tags.map((t) => t.name);
  const planned: StageTagToCreate[] = [];
  for (const [model, log] of [...logs].sort(([a], [b]) => compareText(a, b))) {
    const registrations = registrationCommits(model, tags, log);
    const versionAt = new Map([...registrations].map(([version, commit]) => [commit, version]));
    const tagged = new Map<string, number>();
    for (const t of tags) {
      const tag = parseTag(t.name);
      const version = versionAt.get(t.commit);
      if (tag?.kind === "stage" && tag.model === model && version !== undefined) {
        const key = `${tag.stage}\u0000${version}`;
        tagged.set(key, (tagged.get(key) ?? 0) + 1);
      }
    }
    const missing: StageEvent[] = [];
    const events = stageHistory(log.snapshots, config).filter(
      (e) => e.to !== config.initialStage && registrations.has(e.version),
    );
    for (const event of events.toReversed()) {
      const key = `${event.to}\u0000${event.version}`;
      const left = tagged.get(key) ?? 0;
      if (left > 0) tagged.set(key, left - 1);
      else missing.push(event);
    }
    missing.reverse();
    const tagsPlanned = planStageTags({ model, tags: names, moves: missing, config });
    tagsPlanned.forEach((t, i) => {
      const event = missing[i]!;
      planned.push({
        ...t,
        model,
        target: registrations.get(t.version)!,
        change: event.commit,
        message: tagMessage(model, t.stage, t.version, event.commit),
      });
    });
  }
  return planned;
}

/** Creates planned stage tags in one batch; returns their names. */
export async function createStageTags(
  registry: Registry,
  tags: readonly StageTagToCreate[],
): Promise<string[]> {
  const created = await registry.git.createTags(
    tags.map((t) => ({ name: t.name, target: t.target, message: t.message })),
  );
  return [...created.keys()];
}

/** The stage tags of one committed change (`promote --tag`). */
export async function tagsForChange(
  registry: Registry,
  change: { model: string; plan: { moves: readonly StageMove[] } },
  commit: string,
): Promise<TagSpec[]> {
  const { model } = change;
  const [logs, tags] = await Promise.all([readStageLogs(registry, [model]), readTags(registry.git)]);
  const registrations = registrationCommits(model, tags, logs.get(model));
  const planned = planStageTags({
    model,
    tags: tags.map((t) => t.name),
    moves: change.plan.moves,
    config: registry.config,
  });
  return planned.map((t) => {
    const target = registrations.get(t.version);
    if (!target) {
      throw invalid(`cannot tag ${t.name}: no registration commit of ${model}@${t.version} was found`, {
        hint: "leave out --tag; git model doctor reports what it cannot tag",
      });
    }
    return { name: t.name, target, message: tagMessage(model, t.stage, t.version, commit) };
  });
}

/**
 * The default branch: origin's HEAD when known, else init.defaultBranch, main or master, the
 * first that exists locally. `rev` is what to read its history from.
 */
export async function defaultBranch(git: Git): Promise<{ name: string; rev: string } | null> {
  const [rows, configured] = await Promise.all([
    git.forEachRef(["refs/heads", "refs/remotes/origin/HEAD"], ["%(refname)", "%(symref)"]),
    git.run(["config", "--get", "init.defaultBranch"], { allowFailure: true }),
  ]);
  const heads = new Set(
    rows
      .map(([ref = ""]) => ref)
      .filter((ref) => ref.startsWith("refs/heads/"))
      .map((ref) => ref.slice(11)),
  );
  const originHead = rows.find(([ref]) => ref === "refs/remotes/origin/HEAD")?.[1];
  if (originHead?.startsWith("refs/remotes/origin/")) {
    const name = originHead.slice("refs/remotes/origin/".length);
    return { name, rev: heads.has(name) ? `refs/heads/${name}` : originHead };
  }
  for (const name of [configured.stdout.toString("utf8").trim(), "main", "master"]) {
    if (name && heads.has(name)) return { name, rev: `refs/heads/${name}` };
  }
  return null;
}
