import { invalid, notFound, usage } from "./errors.js";
import { beyondShapeLimits, INPUT_LIMITS, LIMIT_HINT, tooLarge } from "./input-limits.js";
import { error, hasErrors, type Problem, warning } from "./problems.js";
import type { RegistryConfig } from "./registry-config.js";
import { type StagesFile, StagesFileSchema } from "./schemas.js";
import {
  configuredStageOf,
  isConfiguredStage,
  stageKeys,
  stageNames,
  stagesByVersion,
  versionsIn,
} from "./stages-file.js";
import type { VersionScheme } from "./versions.js";

/**
 * Stages of one model (DESIGN section 5): reading stages.json against the configuration, planning
 * a move (promote, demote, rollback), writing the file back, and checking a change of it between
 * two refs. Pure: the caller reads files and history and passes them in.
 */

/** What the stage rules need from the configuration. */
export type StageConfig = Pick<RegistryConfig, "stages" | "initialStage" | "transitions" | "displacedTo">;

/** Whether `version` explicitly held `stage` at some earlier point of the stages history. */
export type HeldBefore = (version: string, stage: string) => boolean;

export interface StageMove {
  version: string;
  from: string;
  to: string;
}

/** A model's stages as read from stages.json: every configured stage and who holds it. */
export interface StageState {
  readonly initialStage: string;
  /** Every configured stage, in configuration order, with its holders in scheme order. */
  readonly holders: ReadonlyMap<string, readonly string[]>;
  /** version -> configured stage, for every version the file names. */
  readonly stageOf: ReadonlyMap<string, string>;
  readonly registered: ReadonlySet<string>;
  /** What is wrong with the file; a plan refuses to start from a file with errors. */
  readonly problems: readonly Problem[];
}

const SHAPE_HINT =
  'stages.json maps each stage to a version or a list: {"production": "1.2.0", "archived": ["1.0.0"]}';

// ---------------------------------------------------------------------------------------------
// Configuration helpers

/** The initial stage holds every unnamed version, so it can never be exclusive in practice. */
export const isExclusive = (config: StageConfig, stage: string) =>
  config.stages.some((s) => s.name === stage && s.exclusive && !s.initial);

/** Where the previous holder of an exclusive stage goes. */
export const displacedTarget = (config: StageConfig, stage: string) =>
  config.displacedTo !== undefined && config.displacedTo !== stage ? config.displacedTo : config.initialStage;

function assertConfiguredStage(config: StageConfig, stage: string): void {
  if (isConfiguredStage(config, stage)) return;
  throw usage(`stage "${stage}" is not configured; stages: ${stageNames(config).join(", ")}`, {
    hint: "stages are configured under stages: in .gitmodel.yaml",
  });
}

// ---------------------------------------------------------------------------------------------
// Reading stages.json

/** Scheme order for valid versions, then anything else alphabetically, so sorting a hand-edited typo never throws. */
function orderVersions(versions: Iterable<string>, scheme: VersionScheme | undefined): string[] {
  const unique = [...new Set(versions)];
  const valid = scheme ? unique.filter((v) => scheme.parse(v) === v) : [];
  const validSet = new Set(valid);
  const rest = unique.filter((v) => !validSet.has(v)).sort();
  return [...(scheme ? valid.sort((a, b) => scheme.compare(a, b)) : []), ...rest];
}

/** Line numbers of the keys and values of a stages.json text, found by a small scan of its tokens. */
interface StagesLines {
  keys: Map<string, number[]>;
  values: Map<string, Map<string, number[]>>;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i;
}

function decodeString(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "string" ? value : raw.slice(1, -1);
  } catch {
    return raw.slice(1, -1);
  }
}

const isKey = (text: string, after: number) => /^\s*:/.test(text.slice(after, after + 64));

function pushLine<K>(map: Map<K, number[]>, key: K, line: number): void {
  const lines = map.get(key);
  if (lines) lines.push(line);
  else map.set(key, [line]);
}

function locateLines(text: string): StagesLines {
  const keys = new Map<string, number[]>();
  const values = new Map<string, Map<string, number[]>>();
  const open: string[] = [];
  let line = 1;
  let key: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") line++;
    else if (ch === "{" || ch === "[") open.push(ch);
    else if (ch === "}" || ch === "]") open.pop();
    else if (ch === '"') {
      const end = endOfString(text, i);
      const value = decodeString(text.slice(i, end + 1));
      const topLevel = open.length === 1 && open[0] === "{";
      if (topLevel && isKey(text, end + 1)) {
        key = value;
        pushLine(keys, key, line);
      } else if (key !== undefined && (topLevel || (open.length === 2 && open[1] === "["))) {
        const stage = values.get(key) ?? new Map<string, number[]>();
        values.set(key, stage);
        pushLine(stage, value, line);
      }
      i = end;
    }
  }
  return { keys, values };
}

const keyLine = (lines: StagesLines, stage: string) => lines.keys.get(stage)?.[0];

/** The line of `version` under `stage`; `occurrence` picks a repeated one. */
const valueLine = (lines: StagesLines, stage: string, version: string, occurrence = 0) =>
  lines.values.get(stage)?.get(version)?.[occurrence] ?? keyLine(lines, stage);

const at = (line: number | undefined) => (line === undefined ? {} : { line });

/**
 * Parses a stages.json text. Broken JSON or a value that is neither a version nor a list of
 * versions gives problems and no file: nothing can be planned from it until a person fixes it.
 */
export function parseStagesJson(
  text: string,
  path: string,
): { file: StagesFile | null; problems: Problem[] } {
  const large = tooLarge(text, INPUT_LIMITS.jsonBytes, "a JSON file");
  if (large) return { file: null, problems: [error(path, large, { hint: LIMIT_HINT })] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // V8 quotes the whole text in some messages; the position is what a person needs.
    const message = (e as Error).message.replace(/, ".*" is not valid JSON$/s, "");
    const line = /\(line (\d+) column \d+\)/.exec(message)?.[1];
    return {
      file: null,
      problems: [
        error(path, `not valid JSON: ${message}`, {
          ...at(line ? Number(line) : undefined),
          hint: SHAPE_HINT,
        }),
      ],
    };
  }
  const beyond = beyondShapeLimits(json);
  if (beyond) return { file: null, problems: [error(path, beyond, { hint: LIMIT_HINT })] };
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return {
      file: null,
      problems: [
        error(path, "must be a JSON object mapping stages to versions", { line: 1, hint: SHAPE_HINT }),
      ],
    };
  }
  const result = StagesFileSchema.safeParse(json);
  if (result.success) return { file: result.data, problems: [] };
  const lines = locateLines(text);
  const badKeys = [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? "")))];
  const problems = badKeys.map((stage) =>
    error(path, `${stage}: must be a version like "1.2.0" or a list of versions`, {
      ...at(keyLine(lines, stage)),
      hint: SHAPE_HINT,
    }),
  );
  return { file: null, problems };
}

export interface ReadStagesInput {
  file: StagesFile | null;
  /** The stages.json text the file was parsed from, so that problems carry a line. */
  text?: string;
  /** Repository-relative path of stages.json, for problems. */
  path: string;
  config: StageConfig;
  registered: ReadonlySet<string>;
  scheme?: VersionScheme;
}

function duplicateKeyProblems(lines: StagesLines, path: string): Problem[] {
  return [...lines.keys]
    .filter(([, keyLines]) => keyLines.length > 1)
    .map(([stage, keyLines]) =>
      error(path, `${stage} appears ${keyLines.length} times; JSON readers keep only the last one`, {
        ...at(keyLines[1]),
        hint: `merge them into one ${stage} entry`,
      }),
    );
}

/** What is wrong with a stage's key or the form of its value, if anything. */
function stageShapeProblem(
  stage: string,
  value: string | string[] | undefined,
  config: StageConfig,
  path: string,
  line: number | undefined,
): Problem | undefined {
  if (!isConfiguredStage(config, stage)) {
    return error(path, `stage "${stage}" is not configured; stages: ${stageNames(config).join(", ")}`, {
      ...at(line),
      hint: "rename it to a configured stage, or add it under stages: in .gitmodel.yaml",
    });
  }
  if (isExclusive(config, stage) && Array.isArray(value)) {
    const many = value.length > 1 ? ` but lists ${value.length} versions: ${value.join(", ")}` : "";
    return error(path, `${stage} is exclusive and holds one version, not a list${many}`, {
      ...at(line),
      hint: `write "${stage}": "${value[0] ?? "1.2.0"}"${many ? " and move the others to another stage" : ""}`,
    });
  }
  // Lenient: a one-version string in a list stage has one obvious meaning; Python readers still
  // expect a list, so it is a warning and the next write fixes it.
  if (!isExclusive(config, stage) && typeof value === "string") {
    return warning(path, `${stage} should be a list: ["${value}"]`, {
      ...at(line),
      hint: "git-model reads it as a one-version list and writes it back as a list",
    });
  }
  return undefined;
}

function shapeProblems(file: StagesFile, input: ReadStagesInput, lines: StagesLines): Problem[] {
  const { config, path, registered } = input;
  const problems = duplicateKeyProblems(lines, path);
  const stageOfSeen = new Map<string, string>();
  for (const stage of stageKeys(file, config)) {
    const shape = stageShapeProblem(stage, file[stage], config, path, keyLine(lines, stage));
    if (shape) problems.push(shape);
    const occurrences = new Map<string, number>();
    for (const version of versionsIn(file, stage)) {
      const occurrence = occurrences.get(version) ?? 0;
      occurrences.set(version, occurrence + 1);
      const line = at(valueLine(lines, stage, version, occurrence));
      if (occurrence > 0) {
        problems.push(
          warning(path, `${stage} lists ${version} twice`, { ...line, hint: "remove the repeated entry" }),
        );
        continue;
      }
      const earlier = stageOfSeen.get(version);
      if (earlier === undefined) stageOfSeen.set(version, stage);
      else {
        const message = `${version} is in two stages, ${earlier} and ${stage}; a version holds one stage at a time`;
        problems.push(error(path, message, { ...line, hint: `remove it from ${earlier} or from ${stage}` }));
      }
      if (!registered.has(version)) {
        problems.push(
          error(path, `${stage} names ${version}, which is not a registered version`, {
            ...line,
            hint: "register it first, or remove it from stages.json",
          }),
        );
      }
    }
  }
  return problems;
}

/**
 * Reads a model's stages.json against the configuration: who holds each stage (registered
 * versions named nowhere are in the initial stage) and every shape problem with its line.
 */
export function readStages(input: ReadStagesInput): StageState {
  const { config, registered, scheme } = input;
  const file = input.file ?? {};
  const problems = shapeProblems(file, input, locateLines(input.text ?? ""));
  const stageOf = configuredStageOf(file, config);
  const members = new Map(stageNames(config).map((name) => [name, [] as string[]]));
  for (const [version, stage] of stageOf) members.get(stage)?.push(version);
  for (const version of registered)
    if (!stageOf.has(version)) members.get(config.initialStage)?.push(version);
  const holders = new Map([...members].map(([stage, versions]) => [stage, orderVersions(versions, scheme)]));
  return { initialStage: config.initialStage, holders, stageOf, registered, problems };
}

/** The stage a version holds: the one the file names, or the initial stage. */
export const currentStage = (state: StageState, version: string) =>
  state.stageOf.get(version) ?? state.initialStage;

export const holdersOf = (state: StageState, stage: string): readonly string[] =>
  state.holders.get(stage) ?? [];

// ---------------------------------------------------------------------------------------------
// Judging a move: the transition table, the rollback rule, displacement

/** Why a move is acceptable, or that it is not. */
export type MoveVerdict = "allowed" | "rollback" | "displaced" | "forbidden";

export function forbiddenMoveMessage(config: StageConfig, from: string, to: string): string {
  const allowed = config.transitions[from] ?? [];
  return `${from} -> ${to} is not allowed; from ${from}: ${allowed.length ? allowed.join(", ") : "none"}`;
}

const FORBIDDEN_HINT =
  "move it through an allowed stage, or change transitions: in .gitmodel.yaml; a return to a stage the version held before (a rollback) is always allowed";

/**
 * A return to a non-initial stage the version held before is a rollback: always allowed. The
 * initial stage does not count, since every version held it implicitly at registration.
 * `enteredExclusive` names the exclusive stages that got a new holder in the same change.
 */
function judgeMove(
  move: StageMove,
  config: StageConfig,
  heldBefore: HeldBefore,
  enteredExclusive: ReadonlySet<string>,
): MoveVerdict {
  if (!isConfiguredStage(config, move.to)) return "forbidden";
  // Leaving a stage that is not configured repairs a broken file.
  if (!isConfiguredStage(config, move.from)) return "allowed";
  const displaced =
    isExclusive(config, move.from) &&
    enteredExclusive.has(move.from) &&
    move.to === displacedTarget(config, move.from);
  if (displaced) return "displaced";
  if (move.to !== config.initialStage && heldBefore(move.version, move.to)) return "rollback";
  return (config.transitions[move.from] ?? []).includes(move.to) ? "allowed" : "forbidden";
}

export interface JudgedMove extends StageMove {
  verdict: MoveVerdict;
}

/** Every move between two stages files with its verdict (for validate and the Action's summary). */
export function judgeMoves(
  before: StagesFile | null,
  after: StagesFile | null,
  config: StageConfig,
  heldBefore: HeldBefore,
): JudgedMove[] {
  const moves = stageMoves(before, after, config);
  const entered = new Set(moves.filter((m) => isExclusive(config, m.to)).map((m) => m.to));
  return moves.map((m) => ({ ...m, verdict: judgeMove(m, config, heldBefore, entered) }));
}

/**
 * The versions whose membership of some stage may differ between two files: the middles left
 * after trimming each stage's common prefix and suffix. A superset is harmless (a version that
 * did not move is filtered out later); the trimming keeps a history of long lists linear.
 */
function possiblyMoved(
  before: StagesFile | null,
  after: StagesFile | null,
  config: StageConfig,
): Set<string> {
  const stages = new Set([...stageKeys(after ?? {}, config), ...stageKeys(before ?? {}, config)]);
  const candidates = new Set<string>();
  for (const stage of stages) {
    const was = versionsIn(before, stage);
    const is = versionsIn(after, stage);
    let start = 0;
    while (start < was.length && start < is.length && was[start] === is[start]) start++;
    let end = 0;
    while (end < was.length - start && end < is.length - start && was.at(-1 - end) === is.at(-1 - end)) end++;
    for (const v of is.slice(start, is.length - end)) candidates.add(v);
    for (const v of was.slice(start, was.length - end)) candidates.add(v);
  }
  return candidates;
}

/** The stage a file names a version in; a full index only when many versions are asked about. */
function stageFinder(
  file: StagesFile | null,
  config: StageConfig,
  asked: number,
): (version: string) => string {
  if (asked > 16) {
    const index = stagesByVersion(file, config);
    return (version) => index.get(version) ?? config.initialStage;
  }
  const keys = stageKeys(file ?? {}, config);
  return (version) => keys.find((stage) => versionsIn(file, stage).includes(version)) ?? config.initialStage;
}

/** The moves from one stages.json to another; a version named nowhere is in the initial stage. */
export function stageMoves(
  before: StagesFile | null,
  after: StagesFile | null,
  config: StageConfig,
): StageMove[] {
  const candidates = possiblyMoved(before, after, config);
  const stageBefore = stageFinder(before, config, candidates.size);
  const stageAfter = stageFinder(after, config, candidates.size);
  const moves: StageMove[] = [];
  for (const version of candidates) {
    const from = stageBefore(version);
    const to = stageAfter(version);
    if (from !== to) moves.push({ version, from, to });
  }
  return moves;
}

// ---------------------------------------------------------------------------------------------
// Planning a move

export interface MoveRequest {
  state: StageState;
  config: StageConfig;
  scheme: VersionScheme;
  version: string;
  to: string;
  heldBefore: HeldBefore;
  /** For messages: "churn@1.3.0" rather than "1.3.0". */
  model?: string;
}

export interface MovePlan {
  version: string;
  from: string;
  to: string;
  /** The previous holder of an exclusive target stage, and where it goes. */
  displaced: StageMove | undefined;
  /** The version returns to a stage it held before. */
  rollback: boolean;
  /** The requested move first, then the displacement. */
  moves: StageMove[];
  /** stages.json after the move. */
  stages: StagesFile;
}

function refuseBrokenState(state: StageState): void {
  if (!hasErrors(state.problems)) return;
  const first = state.problems.find((p) => p.severity === "error")!;
  const where = [first.file, first.line].filter((p) => p !== undefined).join(":");
  throw invalid(`${where}: ${first.message}`, {
    file: first.file,
    ...at(first.line),
    hint: `fix stages.json first${first.hint ? `: ${first.hint}` : ""}`,
  });
}

function displacement(
  state: StageState,
  config: StageConfig,
  version: string,
  to: string,
): StageMove | undefined {
  if (!isExclusive(config, to)) return undefined;
  const holder = holdersOf(state, to).find((v) => v !== version);
  if (holder === undefined) return undefined;
  const target = displacedTarget(config, to);
  const occupant = isExclusive(config, target)
    ? holdersOf(state, target).find((v) => v !== version && v !== holder)
    : undefined;
  if (occupant !== undefined) {
    throw invalid(`cannot move ${holder} out of ${to}: ${target} is exclusive and held by ${occupant}`, {
      hint: `move ${occupant} out of ${target} first, or set displaced_to to a stage that is not exclusive`,
    });
  }
  return { version: holder, from: to, to: target };
}

/** stages.json for a version -> stage assignment: configured stages in order, the implicit initial stage left out. */
function stagesFileOf(
  assignment: ReadonlyMap<string, string>,
  config: StageConfig,
  scheme: VersionScheme,
): StagesFile {
  const file: StagesFile = {};
  for (const stage of config.stages) {
    if (stage.name === config.initialStage) continue;
    const versions = orderVersions(
      [...assignment].filter(([, s]) => s === stage.name).map(([v]) => v),
      scheme,
    );
    if (versions.length === 0) continue;
    file[stage.name] = isExclusive(config, stage.name) ? versions[0]! : versions;
  }
  return file;
}

/**
 * Plans moving a version to a stage: the transition table or the rollback rule must allow it, and
 * the displaced holder of an exclusive stage goes to displaced_to (or the initial stage).
 */
export function planMove(request: MoveRequest): MovePlan {
  const { state, config, scheme, version, to } = request;
  const label = request.model ? `${request.model}@${version}` : version;
  refuseBrokenState(state);
  assertConfiguredStage(config, to);
  if (!state.registered.has(version)) {
    throw notFound(`${label} is not registered`, {
      hint: "list the registered versions with git model list",
    });
  }
  const from = currentStage(state, version);
  if (from === to) throw invalid(`${label} is already in ${to}`, { hint: "nothing to do" });
  const verdict = judgeMove({ version, from, to }, config, request.heldBefore, new Set());
  if (verdict === "forbidden")
    throw invalid(forbiddenMoveMessage(config, from, to), { hint: FORBIDDEN_HINT });
  const displaced = displacement(state, config, version, to);
  const assignment = new Map(state.stageOf);
  assignment.set(version, to);
  if (displaced) assignment.set(displaced.version, displaced.to);
  return {
    version,
    from,
    to,
    displaced,
    rollback: verdict === "rollback",
    moves: [{ version, from, to }, ...(displaced ? [displaced] : [])],
    stages: stagesFileOf(assignment, config, scheme),
  };
}

/** Demotes a version: to the initial stage unless another stage is given. The same rules as any move. */
export function planDemote(request: Omit<MoveRequest, "to"> & { to?: string }): MovePlan {
  return planMove({ ...request, to: request.to ?? request.config.initialStage });
}

// ---------------------------------------------------------------------------------------------
// Writing stages.json

/**
 * Stable stages.json text: configured stages in configuration order (others after them,
 * alphabetically), lists in scheme order without repeats, empty stages left out, 2-space
 * indentation and a trailing newline, so that every move is a one- or two-line diff.
 */
export function serializeStages(file: StagesFile, config: StageConfig, scheme: VersionScheme): string {
  const names = stageNames(config);
  const keys = [
    ...names.filter((n) => Object.hasOwn(file, n)),
    ...Object.keys(file)
      .filter((k) => !names.includes(k))
      .sort(),
  ];
  const out: StagesFile = {};
  for (const stage of keys) {
    const value = file[stage];
    if (typeof value === "string") {
      out[stage] = isExclusive(config, stage) ? value : [value];
    } else if (value !== undefined && value.length > 0) {
      out[stage] = orderVersions(value, scheme);
    }
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Checking a change of stages.json (validate, and the Action on a pull request)

export interface StageChangeInput {
  before: StagesFile | null;
  after: StagesFile | null;
  afterText: string;
  /** Repository-relative path of stages.json. */
  file: string;
  config: StageConfig;
  registered: ReadonlySet<string>;
  /** Holdings in the history up to the base ref. */
  heldBefore: HeldBefore;
  scheme?: VersionScheme;
}

/**
 * Every problem of a change of stages.json: its shape after the change (configured stages,
 * exclusivity, one stage per version, registered versions) and every move that neither the
 * transition table, the rollback rule nor a displacement allows.
 */
export function checkStageChange(input: StageChangeInput): Problem[] {
  const { after, afterText, file, config } = input;
  const state = readStages({ ...input, file: after, text: afterText, path: file });
  const lines = locateLines(afterText);
  const forbidden = judgeMoves(input.before, after, config, input.heldBefore)
    // A move into a stage that is not configured is already a shape problem.
    .filter((m) => m.verdict === "forbidden" && isConfiguredStage(config, m.to))
    .map((m) =>
      error(file, `${m.version}: ${forbiddenMoveMessage(config, m.from, m.to)}`, {
        ...at(lines.values.get(m.to)?.get(m.version)?.[0]),
        hint: FORBIDDEN_HINT,
      }),
    );
  return [...state.problems, ...forbidden];
}

// ---------------------------------------------------------------------------------------------
// Commit messages and trailers (DESIGN section 5)

export type StageAction = "promote" | "demote" | "rollback";

export interface PromotionRecord {
  /** Default: promote. */
  action?: StageAction;
  model: string;
  version: string;
  stage: string;
  from: string;
  displaced?: string;
  reason?: string;
  /** The commit a rollback undoes. */
  rollbackOf?: string;
}

export type Trailers = Partial<Omit<PromotionRecord, "action">>;

const TRAILERS = [
  ["model", "Model"],
  ["version", "Version"],
  ["stage", "Stage"],
  ["from", "From"],
  ["displaced", "Displaced"],
  ["reason", "Reason"],
  ["rollbackOf", "Rollback-Of"],
] as const satisfies readonly (readonly [keyof Trailers, string])[];

const FIELD_OF_KEY = new Map<string, keyof Trailers>(
  TRAILERS.map(([field, key]) => [key.toLowerCase(), field]),
);

export function promotionSubject(record: PromotionRecord): string {
  const { model, version, stage } = record;
  switch (record.action ?? "promote") {
    case "promote":
      return `promote ${model}@${version} to ${stage}`;
    case "demote":
      return `demote ${model}@${version} to ${stage}`;
    case "rollback":
      return `roll back ${model}#${stage} to ${version}`;
  }
}

/** What a git-model commit subject did; undefined for any other subject (hand edits, reverts, merges). */
export function subjectAction(subject: string): StageAction | undefined {
  if (subject.startsWith("promote ")) return "promote";
  if (subject.startsWith("demote ")) return "demote";
  if (subject.startsWith("roll back ")) return "rollback";
  return undefined;
}

/** The commit message of a stage change: the subject, a blank line, then one trailer per known field. */
export function promotionMessage(record: PromotionRecord): string {
  const trailers = TRAILERS.flatMap(([field, key]) => {
    // A trailer is one line: a multi-line reason is folded into one.
    const value = record[field]?.replace(/\s+/g, " ").trim();
    return value ? [`${key}: ${value}`] : [];
  });
  return `${promotionSubject(record)}\n\n${trailers.join("\n")}\n`;
}

/** Reads the git-model trailers of a commit message (or body); keys are case-insensitive, the last one wins. */
export function parseTrailers(message: string): Trailers {
  const trailers: Trailers = {};
  for (const line of message.split("\n")) {
    const match = /^([A-Za-z-]+):[ \t]*(.*?)\s*$/.exec(line);
    const field = match ? FIELD_OF_KEY.get(match[1]!.toLowerCase()) : undefined;
    if (field && match?.[2]) trailers[field] = match[2];
  }
  return trailers;
}
