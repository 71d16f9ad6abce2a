import {
  type ExistingStageTag,
  type GtoMismatch,
  gtoMismatches,
  type PlannedStageTag,
  planStageTags,
  readGtoStages,
  type StageTagKind,
  type TagRecord,
  tagMoves,
} from "../../domain/gto.js";
import { compareText } from "../../domain/order.js";
import { type ParsedTag, parseTag, registrationTag } from "../../domain/references.js";
import { stageHistory } from "../../domain/stage-history.js";
import { parseStagesJson } from "../../domain/stages.js";
import type { Git } from "../../infra/git.js";
import type { Registry } from "../core/registry.js";
import { inTransaction, type TagSpec } from "../core/transaction.js";
import { readStageLogs, type StageLog } from "./stage-log.js";

/**
 * GTO stage tags (DESIGN section 4, docs/decisions/stages.md): `name#stage#N` on the registration
 * commit of a version that entered a stage, `name#stage!#N` on one that left it, each dated at
 * its stage change so that GTO reads them in history order. The files are the truth; this finds
 * the moves of a branch's history that have no tag yet (for the Action's register mode,
 * `doctor` and `promote --tag`) and what GTO reads from the tags.
 */

export interface StageTagToCreate {
  name: string;
  model: string;
  /** An assignment (`name#stage#N`) or an unassignment (`name#stage!#N`). */
  kind: StageTagKind;
  stage: string;
  version: string;
  counter: number;
  /** The registration commit of the version: where the tag points. */
  target: string;
  /** The commit of the stage change the tag records. */
  change: string;
  /** The tagger date: the change's committer time, moved forward past the model's previous stage tag. */
  date: string;
  /** The same as git's raw date (`<seconds> <zone>`). */
  rawDate: string;
  message: string;
}

/** What the tags of one model say against its history on the branch read. */
export interface ModelStageTags {
  model: string;
  /** The tags missing, in history order. */
  missing: StageTagToCreate[];
  /** Stage tags that record no move of the history. */
  extra: ExistingStageTag[];
  /** Stage tags GTO orders before a move that happened earlier. */
  outOfOrder: ExistingStageTag[];
  /** Where GTO, reading the tags (with the missing ones created), differs from stages.json. */
  mismatches: GtoMismatch[];
}

interface TagRow extends TagRecord {
  /** Annotated (GTO ignores lightweight tags). */
  annotated: boolean;
}

/** Every tag (or the models' tags) with its commit and tagger time, from one for-each-ref. */
async function readTags(git: Git, models?: readonly string[]): Promise<TagRow[]> {
  if (models?.length === 0) return [];
  const rows = await git.forEachRef(
    models ? models.flatMap((m) => [`refs/tags/${m}@*`, `refs/tags/${m}#*`]) : ["refs/tags"],
    ["%(refname:strip=2)", "%(*objectname)", "%(objectname)", "%(objecttype)", "%(taggerdate:unix)"],
  );
  return rows.map(([name = "", peeled = "", oid = "", type = "", time = ""]) => ({
    name,
    commit: peeled || oid,
    annotated: type === "tag",
    time: Number(time) || 0,
  }));
}

/** A tag of the registry's grammar, its name parsed once. */
interface ParsedTagRow {
  row: TagRow;
  parsed: ParsedTag;
}

/**
 * The registry's tags grouped by model, each name parsed once: the loops below run per model,
 * and parsing every tag for every model was 1.2 million parses (0.7 s) at 100 models and 11,000 tags.
 */
function tagsByModel(tags: readonly TagRow[]): Map<string, ParsedTagRow[]> {
  const byModel = new Map<string, ParsedTagRow[]>();
  for (const row of tags) {
    const parsed = parseTag(row.name);
    if (!parsed) continue;
    const list = byModel.get(parsed.model);
    if (list) list.push({ row, parsed });
    else byModel.set(parsed.model, [{ row, parsed }]);
  }
  return byModel;
}

/** version -> registration commit: the registration tag's commit where there is one, else the commit that added the folder. */
function registrationCommits(tags: readonly ParsedTagRow[], log: StageLog | undefined) {
  const byVersion = new Map<string, string>();
  for (const r of log?.registrations ?? []) byVersion.set(r.version, r.commit);
  for (const { row, parsed } of tags)
    if (parsed.kind === "registration") byVersion.set(parsed.version, row.commit);
  return byVersion;
}

function tagMessage(model: string, tag: PlannedStageTag): string {
  const what =
    tag.kind === "assignment"
      ? `assign ${registrationTag(model, tag.version)} to ${tag.stage}`
      : `unassign ${registrationTag(model, tag.version)} from ${tag.stage}`;
  return `${what}\n\nStage-Change: ${tag.change}\n`;
}

/**
 * Reads the stage tags of the models (default: every model) against their history on `ref`
 * (default HEAD): the tags missing, with the dates that make GTO read them in history order
 * (domain/gto.ts), the tags that record nothing, and what GTO would read once the missing ones
 * exist. One log, one for-each-ref and one cat-file, whatever the number of models and tags.
 */
export async function readStageTags(
  registry: Registry,
  options: { ref?: string; models?: readonly string[] } = {},
): Promise<ModelStageTags[]> {
  const { config } = registry;
  const ref = options.ref ?? "HEAD";
  const [logs, tags] = await Promise.all([
    readStageLogs(registry, options.models ?? "all", ref),
    readTags(registry.git, options.models),
  ]);
  const models = [...logs.keys()].sort(compareText);
  const files = await registry.git.catFile(
    models.map((m) => `${ref}:${registry.modelFolder(m)}/stages.json`),
  );
  const byModel = tagsByModel(tags);
  const result: ModelStageTags[] = [];
  for (const model of models) {
    const log = logs.get(model)!;
    const mine = byModel.get(model) ?? [];
    const registrations = registrationCommits(mine, log);
    const versionAt = new Map([...registrations].map(([version, commit]) => [commit, version]));
    const annotated = mine.filter((t) => t.row.annotated).map((t) => t.row);
    const existing: ExistingStageTag[] = [];
    for (const { row: t, parsed: tag } of mine) {
      if (!t.annotated || (tag.kind !== "stage" && tag.kind !== "unassignment")) continue;
      existing.push({
        name: t.name,
        kind: tag.kind === "stage" ? "assignment" : "unassignment",
        stage: tag.stage,
        version: versionAt.get(t.commit),
        time: t.time,
        counter: tag.counter,
      });
    }
    const events = stageHistory(log.snapshots, config).filter((e) => registrations.has(e.version));
    const plan = planStageTags({ model, moves: tagMoves(events, config.initialStage), existing });
    const missing = plan.missing.map(
      (t): StageTagToCreate => ({
        name: t.name,
        model,
        kind: t.kind,
        stage: t.stage,
        version: t.version,
        counter: t.counter,
        target: registrations.get(t.version)!,
        change: t.change,
        date: new Date(t.time * 1000).toISOString().replace(".000Z", "Z"),
        rawDate: `${t.time} ${t.zone}`,
        message: tagMessage(model, t),
      }),
    );
    const blob = files.get(`${ref}:${registry.modelFolder(model)}/stages.json`);
    const file = blob ? parseStagesJson(blob.content.toString("utf8"), log.file).file : null;
    const gto = readGtoStages(model, [
      ...annotated,
      ...missing.map((t) => ({ name: t.name, commit: t.target, time: Number(t.rawDate.split(" ")[0]) })),
    ]);
    result.push({
      model,
      missing,
      extra: plan.extra,
      outOfOrder: plan.outOfOrder,
      mismatches: gtoMismatches(file, config, gto),
    });
  }
  return result;
}

/** The stage tags missing for the moves in `ref`'s history (default HEAD), in history order per model. */
export async function stageTagsToCreate(
  registry: Registry,
  options: { ref?: string; models?: readonly string[] } = {},
): Promise<StageTagToCreate[]> {
  return (await readStageTags(registry, options)).flatMap((m) => m.missing);
}

/** Creates planned stage tags, with their dates, in one batch; returns their names. */
export async function createStageTags(
  registry: Registry,
  tags: readonly StageTagToCreate[],
): Promise<string[]> {
  if (tags.length === 0) return [];
  await inTransaction(registry.git, (tx) => tx.tag(...tags.map(tagSpec)));
  return tags.map((t) => t.name);
}

/**
 * Creates every stage tag missing for what landed on `ref` (default HEAD), dated as
 * stageTagsToCreate says, and returns them. What `doctor --fix` and the Action's register mode
 * run; a second run creates nothing.
 */
export async function createMissingStageTags(
  registry: Registry,
  options: { ref?: string; models?: readonly string[] } = {},
): Promise<StageTagToCreate[]> {
  const missing = await stageTagsToCreate(registry, options);
  await createStageTags(registry, missing);
  return missing;
}

const tagSpec = (t: StageTagToCreate) => ({
  name: t.name,
  target: t.target,
  message: t.message,
  date: t.rawDate,
});

/**
 * The stage tags `promote --tag` creates after its commit: every tag the model's history on
 * `commit` still lacks, this change's included, so that they stay in history order.
 */
export async function tagsForChange(
  registry: Registry,
  change: { model: string },
  commit: string,
): Promise<TagSpec[]> {
  return (await stageTagsToCreate(registry, { ref: commit, models: [change.model] })).map(tagSpec);
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
