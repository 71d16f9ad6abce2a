import { conflict, GitModelError, notFound, usage } from "../../domain/errors.js";
import { assertModelName } from "../../domain/names.js";
import { error, type Problem } from "../../domain/problems.js";
import { parseReference, type Reference } from "../../domain/references.js";
import { heldBeforeFrom, holderAt, rollbackTarget, stageHistory } from "../../domain/stage-history.js";
import {
  checkStageChange,
  currentStage,
  holdersOf,
  isExclusive,
  type MovePlan,
  type PromotionRecord,
  parseStagesJson,
  planDemote,
  planMove,
  promotionMessage,
  readStages,
  type StageAction,
  type StageState,
  serializeStages,
} from "../../domain/stages.js";
import { isConfiguredStage, versionsIn } from "../../domain/stages-file.js";
import { parseVersion, sortVersions, type VersionScheme } from "../../domain/versions.js";
import { exists } from "../../infra/files.js";
import type { Registry } from "../core/registry.js";
import { inTransaction, writeOperation } from "../core/transaction.js";
import { readStageLog, readStageLogs } from "./stage-log.js";
import { defaultBranch, tagsForChange } from "./stage-tags.js";

/**
 * Stages of a model against the work tree and its git history (DESIGN section 5): loading the
 * state, planning promote / demote / rollback, committing the change (stages.json alone, all or
 * nothing), "what held the stage then", and the stage checks of validate. The rules themselves
 * are the domain's (src/domain/stages.ts, stage-history.ts); this file only reads and writes.
 */

export interface ModelStages {
  model: string;
  /** Repository-relative path of stages.json. */
  file: string;
  /** stages.json as the work tree holds it ("" when the model has none yet). */
  text: string;
  /** The state, its problems including a file that is not JSON. */
  state: StageState;
  scheme: VersionScheme;
}

/** Registered versions: version folders in the work tree that hold a metadata.json. */
export async function registeredVersions(registry: Registry, model: string): Promise<Set<string>> {
  const folders = await registry.versions(model);
  const present = await Promise.all(
    folders.map((v) => exists(registry.abs(`${registry.versionFolder(model, v)}/metadata.json`))),
  );
  return new Set(folders.filter((_, i) => present[i]));
}

/** The state of stages.json from its text; a text that is not a stages file gives problems and no holders. */
function stateOf(
  registry: Registry,
  model: string,
  file: string,
  text: string | null,
  registered: ReadonlySet<string>,
) {
  const scheme = registry.scheme(model);
  const parsed = text === null ? { file: null, problems: [] } : parseStagesJson(text, file);
  const state = readStages({
    file: parsed.file,
    text: text ?? "",
    path: file,
    config: registry.config,
    registered,
    scheme,
  });
  return { parsed: parsed.file, state: { ...state, problems: [...parsed.problems, ...state.problems] } };
}

export async function loadModelStages(registry: Registry, model: string): Promise<ModelStages> {
  await registry.assertModelExists(model);
  const file = `${registry.modelFolder(model)}/stages.json`;
  const text = registry.readText(file);
  const registered = await registeredVersions(registry, model);
  const { state } = stateOf(registry, model, file, text, registered);
  return { model, file, text: text ?? "", state, scheme: registry.scheme(model) };
}

function assertStage(registry: Registry, stage: string): string {
  if (isConfiguredStage(registry.config, stage)) return stage;
  throw usage(
    `stage "${stage}" is not configured; stages: ${registry.config.stages.map((s) => s.name).join(", ")}`,
    { hint: "stages are configured under stages: in .gitmodel.yaml" },
  );
}

/** The version a reference names among the model's registered versions (the rules check it is registered). */
function versionOf(registry: Registry, stages: ModelStages, ref: Reference): string {
  const { state, scheme } = stages;
  if (ref.kind === "version") return parseVersion(scheme, ref.version);
  if (ref.kind === "latest") {
    const latest = sortVersions(scheme, state.registered).at(-1);
    if (!latest) throw notFound(`${ref.model} has no versions yet`, { hint: "register one first" });
    return latest;
  }
  // A list stage may hold several versions: the newest answers, as in `show` and `path`.
  const holder = holdersOf(state, assertStage(registry, ref.stage)).at(-1);
  if (!holder) throw notFound(`no version of ${ref.model} is in ${ref.stage}`);
  return holder;
}

// ---------------------------------------------------------------------------------------------
// Planning and committing a stage change

/** A planned change of one stages.json: what `--dry-run` prints, and what `--pr` commits on a branch. */
export interface StageChange {
  action: StageAction;
  model: string;
  /** Repository-relative path of stages.json. */
  file: string;
  plan: MovePlan;
  /** stages.json before and after ("" before when the model had none). */
  before: string;
  after: string;
  /** The commit message: subject and the trailers of DESIGN section 5. */
  message: string;
  record: PromotionRecord;
}

export interface StageChangeResult extends StageChange {
  dryRun: boolean;
  /** The new commit, or null on a dry run. */
  commit: string | null;
  /** Stage tags created (only with `tag`). */
  tags: string[];
}

interface WriteOptions {
  reason?: string;
  dryRun?: boolean;
  /** Also create the GTO stage tags of the change now (default: the Action or doctor --fix does). */
  tag?: boolean;
}

export interface PromoteOptions extends WriteOptions {
  /** churn@1.3.0, churn#staging, or churn (the latest version). */
  ref: string;
  stage: string;
}

export interface DemoteOptions extends WriteOptions {
  ref: string;
  /** Default: the initial stage. */
  stage?: string;
}

export interface RollbackOptions extends WriteOptions {
  model: string;
  /** Default: the model's promote.to, else the exclusive stage that changed last. */
  stage?: string;
}

interface Context {
  stages: ModelStages;
  snapshots: Awaited<ReturnType<typeof readStageLog>>["snapshots"];
}

async function context(registry: Registry, model: string): Promise<Context> {
  const [stages, log] = await Promise.all([loadModelStages(registry, model), readStageLog(registry, model)]);
  return { stages, snapshots: log.snapshots };
}

function change(
  registry: Registry,
  stages: ModelStages,
  action: StageAction,
  plan: MovePlan,
  extra: { reason?: string | undefined; rollbackOf?: string | undefined },
): StageChange {
  const record: PromotionRecord = {
    action,
    model: stages.model,
    version: plan.version,
    stage: plan.to,
    from: plan.from,
    ...(plan.displaced ? { displaced: plan.displaced.version } : {}),
    ...(extra.reason?.trim() ? { reason: extra.reason } : {}),
    ...(extra.rollbackOf ? { rollbackOf: extra.rollbackOf } : {}),
  };
  return {
    action,
    model: stages.model,
    file: stages.file,
    plan,
    before: stages.text,
    after: serializeStages(plan.stages, registry.config, stages.scheme),
    message: promotionMessage(record),
    record,
  };
}

/** What promote and demote both start from: the version a reference names, its stages, and their history. */
async function moveRequest(registry: Registry, text: string) {
  const ref = parseReference(text);
  const { stages, snapshots } = await context(registry, ref.model);
  const request = {
    state: stages.state,
    config: registry.config,
    scheme: stages.scheme,
    version: versionOf(registry, stages, ref),
    heldBefore: heldBeforeFrom(snapshots, registry.config),
    model: ref.model,
  };
  return { stages, request };
}

/** Plans `promote REF STAGE`: the transition table or the rollback rule must allow it. Writes nothing. */
export async function planPromotion(
  registry: Registry,
  options: Pick<PromoteOptions, "ref" | "stage" | "reason">,
): Promise<StageChange> {
  const { stages, request } = await moveRequest(registry, options.ref);
  const plan = planMove({ ...request, to: options.stage });
  return change(registry, stages, "promote", plan, { reason: options.reason });
}

/** Plans `demote REF [STAGE]`: to the initial stage unless a stage is given; the same rules as any move. */
export async function planDemotion(
  registry: Registry,
  options: Pick<DemoteOptions, "ref" | "stage" | "reason">,
): Promise<StageChange> {
  const { stages, request } = await moveRequest(registry, options.ref);
  const plan = planDemote({ ...request, ...(options.stage ? { to: options.stage } : {}) });
  return change(registry, stages, "demote", plan, { reason: options.reason });
}

/**
 * Plans `rollback MODEL [--stage S]`: the previous holder of an exclusive stage returns to it (a
 * rollback, so always allowed) and the current holder goes where any displaced holder goes.
 * `Rollback-Of` names the commit of the last move into or out of the stage: the one being undone.
 */
export async function planRollback(
  registry: Registry,
  options: Pick<RollbackOptions, "model" | "stage" | "reason">,
): Promise<StageChange> {
  const model = assertModelName(options.model);
  const { stages, snapshots } = await context(registry, model);
  const { config } = registry;
  const events = stageHistory(snapshots, config);
  const stage = assertStage(registry, options.stage ?? rollbackStage(registry, model, events));
  if (!isExclusive(config, stage)) {
    throw usage(`${stage} is not exclusive, so it has no single previous holder to restore`, {
      hint: `move versions in and out of ${stage} with git model promote / demote`,
    });
  }
  const { state } = stages;
  const target = rollbackTarget({
    model,
    stage,
    events,
    current: holdersOf(state, stage)[0],
    stageOf: (version) => (state.registered.has(version) ? currentStage(state, version) : undefined),
    config,
  });
  const plan = planMove({
    state: stages.state,
    config,
    scheme: stages.scheme,
    version: target.version,
    to: stage,
    heldBefore: heldBeforeFrom(snapshots, config),
    model,
  });
  return change(registry, stages, "rollback", plan, { reason: options.reason, rollbackOf: target.undone });
}

/** Without --stage: the model's promote.to, else the exclusive stage whose holder changed last. */
function rollbackStage(
  registry: Registry,
  model: string,
  events: readonly { to: string; from: string }[],
): string {
  const configured = registry.config.promoteFor(model)?.to;
  if (configured) return configured;
  const last = events.findLast((e) => isExclusive(registry.config, e.to));
  if (last) return last.to;
  throw usage(`${model} has no stage to roll back yet`, { hint: "name the stage with --stage" });
}

/**
 * Writes the planned stages.json and commits it alone (whatever else is staged stays out),
 * optionally with its stage tags; any failure leaves the work tree, index, branch and tags as
 * they were. Refuses when stages.json changed since the plan or has uncommitted edits.
 */
export async function commitStageChange(
  registry: Registry,
  planned: StageChange,
  options: { tag?: boolean } = {},
): Promise<{ commit: string; tags: string[] }> {
  return writeOperation(registry.git, planned.message.split("\n")[0]!, async () => {
    const now = registry.readText(planned.file) ?? "";
    if (now !== planned.before) {
      throw conflict(`${planned.file} changed while the change was planned`, {
        hint: "run the command again",
      });
    }
    if (options.tag) await assertOnDefaultBranch(registry);
    return inTransaction(registry.git, async (tx) => {
      await tx.assertUntouched([planned.file], `git-model commits ${planned.file} on its own`);
      await tx.writeFile(planned.file, planned.after);
      const commit = await tx.commit(planned.message);
      const tags = options.tag ? await tagsForChange(registry, planned, commit) : [];
      if (tags.length) await tx.tag(...tags);
      return { commit, tags: tags.map((t) => t.name) };
    });
  });
}

async function assertOnDefaultBranch(registry: Registry): Promise<void> {
  const [branch, main] = await Promise.all([registry.git.currentBranch(), defaultBranch(registry.git)]);
  if (main && branch === main.name) return;
  throw usage(
    `--tag records stage changes that land on the default branch${main ? ` (${main.name})` : ""}; this is ${branch ?? "a detached HEAD"}`,
    { hint: "leave out --tag: the Action (or git model doctor --fix) tags the change once it is merged" },
  );
}

async function apply(
  registry: Registry,
  planned: StageChange,
  options: WriteOptions,
): Promise<StageChangeResult> {
  if (options.dryRun) return { ...planned, dryRun: true, commit: null, tags: [] };
  const { commit, tags } = await commitStageChange(registry, planned, { tag: Boolean(options.tag) });
  return { ...planned, dryRun: false, commit, tags };
}

/**
 * Plans and applies a stage change holding the write lock from the plan on (unless a dry run),
 * so concurrent moves in one working copy each plan on the state the previous one committed.
 */
function planAndApply(
  registry: Registry,
  command: string,
  plan: () => Promise<StageChange>,
  options: WriteOptions,
): Promise<StageChangeResult> {
  if (options.dryRun) return plan().then((planned) => apply(registry, planned, options));
  return writeOperation(registry.git, command, async () => apply(registry, await plan(), options));
}

/** `promote`: plans the move and commits stages.json, or with dryRun returns the plan alone. */
export async function promote(registry: Registry, options: PromoteOptions): Promise<StageChangeResult> {
  return planAndApply(
    registry,
    `promote ${options.ref} ${options.stage}`,
    () => planPromotion(registry, options),
    options,
  );
}

export async function demote(registry: Registry, options: DemoteOptions): Promise<StageChangeResult> {
  return planAndApply(registry, `demote ${options.ref}`, () => planDemotion(registry, options), options);
}

export async function rollback(registry: Registry, options: RollbackOptions): Promise<StageChangeResult> {
  return planAndApply(registry, `rollback ${options.model}`, () => planRollback(registry, options), options);
}

// ---------------------------------------------------------------------------------------------
// "What held the stage then"

export interface StageHolderAt {
  model: string;
  stage: string;
  /** As asked: a date, or a commit-ish. */
  at: string;
  /** What stages.json named under the stage then (at most one for an exclusive stage). */
  versions: string[];
  /** The commit whose stages.json answered, and its date; null when the date precedes every change. */
  commit: string | null;
  date: string | null;
}

const looksLikeDate = (text: string) => /^\d{4}-\d{2}-\d{2}([T ]|$)/.test(text);

/**
 * Who held `stage` at a date (from the stage history: the last change at or before it) or at a
 * commit-ish (stages.json read at that commit, which need not have changed it).
 */
export async function stageHolderAt(
  registry: Registry,
  model: string,
  stage: string,
  at: string,
): Promise<StageHolderAt> {
  await registry.assertModelExists(model);
  assertStage(registry, stage);
  const file = `${registry.modelFolder(model)}/stages.json`;
  if (looksLikeDate(at)) {
    const log = await readStageLog(registry, model);
    const answer = holderAt(log.snapshots, stage, { date: at.replace(" ", "T") });
    return { model, stage, at, ...answer };
  }
  const commit = await registry.git.commitOf(at);
  if (!commit) {
    throw usage(`${at} is neither a date nor a commit`, {
      hint: "give a date like 2026-01-31, a time like 2026-01-31T12:00:00Z, or a commit, tag or branch",
    });
  }
  const objects = await registry.git.catFile([commit, `${commit}:${file}`]);
  const committer = /^committer .* (\d+) [+-]\d{4}$/m.exec(
    objects.get(commit)?.content.toString("utf8") ?? "",
  );
  const blob = objects.get(`${commit}:${file}`);
  const parsed = blob ? parseStagesJson(blob.content.toString("utf8"), file).file : null;
  return {
    model,
    stage,
    at,
    versions: versionsIn(parsed, stage),
    commit,
    date: committer ? new Date(Number(committer[1]) * 1000).toISOString().replace(".000Z", "Z") : null,
  };
}

/** `show MODEL#STAGE --at WHEN`: the version that held the stage then (the newest, for a list stage). */
export async function holderThen(
  registry: Registry,
  ref: string,
  at: string,
): Promise<StageHolderAt & { version: string }> {
  const parsed = parseReference(ref);
  if (parsed.kind !== "stage") {
    throw usage(`--at needs a stage reference like ${parsed.model}#production, not ${ref}`, {
      hint: "GIT_MODEL_STAGE sets the stage of a bare model name",
    });
  }
  const answer = await stageHolderAt(registry, parsed.model, parsed.stage, at);
  const version = sortVersions(registry.scheme(parsed.model), answer.versions).at(-1);
  if (version === undefined) {
    throw notFound(`no version of ${parsed.model} was in ${parsed.stage} at ${at}`, {
      hint: `see when it changed with git model history ${parsed.model} --stage ${parsed.stage}`,
    });
  }
  return { ...answer, version };
}

// ---------------------------------------------------------------------------------------------
// validate: the shape of stages.json, and a change of it against a base

/**
 * The stage problems of the given models: the shape of each stages.json in the work tree, and
 * for the models in `changed`, every move since `base` checked against the transition table and
 * the rollback rule (holdings up to the base). One log and one cat-file for all of them.
 */
export async function stageProblems(
  registry: Registry,
  models: readonly string[],
  options: {
    base?: string;
    changed?: readonly string[];
    /**
     * The registered versions of each model, when the caller knows them already (validate has
     * the file list): otherwise they are looked up in the work tree, a stat per version.
     */
    registered?: ReadonlyMap<string, ReadonlySet<string>>;
  } = {},
): Promise<Problem[]> {
  const base = options.base === undefined ? null : await registry.git.commitOf(options.base);
  if (options.base !== undefined && !base) throw usage(`unknown base ${options.base}`);
  const changed = base ? models.filter((m) => options.changed?.includes(m)) : [];
  const [logs, befores] =
    base && changed.length
      ? await Promise.all([
          readStageLogs(registry, changed, base, { stagesOnly: true }),
          registry.git.catFile(changed.map((m) => `${base}:${registry.modelFolder(m)}/stages.json`)),
        ])
      : [new Map(), new Map()];
  const problems: Problem[] = [];
  for (const model of models) {
    const file = `${registry.modelFolder(model)}/stages.json`;
    // Synchronous, as in registry.ts: a few hundred bytes per model (docs/benchmarks.md).
    let text: string | null;
    try {
      text = registry.readText(file);
    } catch (e) {
      // A link in its path: reported (as validate reports every link), not followed.
      if (!(e instanceof GitModelError)) throw e;
      problems.push(error(file, e.message, e.hint ? { hint: e.hint } : {}));
      continue;
    }
    const registered = options.registered?.get(model) ?? (await registeredVersions(registry, model));
    const { parsed, state } = stateOf(registry, model, file, text, registered);
    if (!base || !changed.includes(model)) {
      problems.push(...state.problems);
      continue;
    }
    const beforeBlob = befores.get(`${base}:${file}`);
    const before = beforeBlob ? parseStagesJson(beforeBlob.content.toString("utf8"), file).file : null;
    const notJson = text === null ? [] : parseStagesJson(text, file).problems;
    problems.push(
      ...notJson,
      ...checkStageChange({
        before,
        after: parsed,
        afterText: text ?? "",
        file,
        config: registry.config,
        registered,
        heldBefore: heldBeforeFrom(logs.get(model)?.snapshots ?? [], registry.config),
        scheme: registry.scheme(model),
      }),
    );
  }
  return problems;
}
