import { compareText } from "../../domain/order.js";
import { error, type Problem, warning } from "../../domain/problems.js";
import { holdHeapGrowth, holdYoungGeneration } from "../../infra/heap.js";
import type { Registry } from "../core/registry.js";
import { type ArtifactCheck, checkArtifacts, checkVersion } from "./artifacts.js";
import { changesSince, type DiffSince, diffSince, statusLetter } from "./base-diff.js";
import {
  fillRegistrationTrees,
  immutability,
  type RegistrationTrees,
  registrationTrees,
} from "./immutability.js";
import { describeLeftover, leftoversIn } from "./leftovers.js";
import {
  type Batch,
  groupByModel,
  type Listing,
  listRegistryFiles,
  registryBatches,
  statusArgs,
  versionsByListing,
} from "./listing.js";
import { modelFileProblems } from "./model-files.js";
import { type Checkers, JSONL_FORMATS, loadCheckers, type Parsed, parseWorkTree } from "./parsing.js";
import { mergeProblems } from "./problems.js";
import { restrict, scopeFromPaths, type Wanted, wantedByChanges } from "./scope.js";
import { stageMoveProblems } from "./stage-moves.js";

/**
 * `validate` (DESIGN section 8) and the Action's pull-request check. The registry as the work
 * tree holds it is checked against its formats; with a base ref, only what changed since the
 * base is checked, against the base: the cost follows the change, not the registry.
 */

export interface ValidateOptions {
  /** Repository-relative or absolute paths to limit the check to. */
  paths?: string[];
  /** Check only what changed since this ref, against it. */
  base?: string;
  /** Versions the whole-registry check takes at once, and above which it batches (default BATCH_VERSIONS and ONE_PASS_VERSIONS; tests make it small). */
  batchVersions?: number;
}

export interface VersionRef {
  model: string;
  version: string;
}

export interface ValidationReport {
  problems: Problem[];
  models: number;
  versions: number;
  /** With a base: versions added and removed since it. */
  added: VersionRef[];
  removed: VersionRef[];
  /** With a base: models whose stages.json changed. */
  stagesChanged: string[];
}

/**
 * Versions the whole-registry check takes at once. Above it, the models are checked in
 * batches of about this many versions, each with its own listing, tags and trees, so that what
 * validate holds follows the batch, not the registry: at 100,000 versions one pass held some
 * 500 MiB (docs/benchmarks.md).
 */
export const BATCH_VERSIONS = 5_000;
/**
 * Up to this many versions the whole registry is checked in one pass, as before batches: at
 * 10,000 versions that holds about 140 MiB, and batches would cost it a third more CPU (a
 * listing, tags and trees per batch, and held garbage collection).
 */
export const ONE_PASS_VERSIONS = 20_000;

export async function validate(registry: Registry, options: ValidateOptions = {}): Promise<ValidationReport> {
  const report: ValidationReport = {
    problems: [],
    models: 0,
    versions: 0,
    added: [],
    removed: [],
    stagesChanged: [],
  };
  // With a base, the diff says which models to look at, and only their files are listed: the
  // cost follows the change, not the registry (docs/benchmarks.md).
  const pathScope = options.paths?.length ? scopeFromPaths(registry, options.paths) : null;
  const whole = !options.base && pathScope === null;
  // zod, the schemas and the stage rules load beside the first git processes; with a base, once
  // the status has started: loading them holds node's one thread for 20-40 ms, and the status
  // is the longest of validate --base's git processes (it reads the index).
  let loading: Promise<Checkers> | null = null;
  const checkers = () => {
    if (!loading) {
      loading = loadCheckers(whole);
      loading.catch(() => {}); // awaited below
    }
    return loading;
  };
  if (!options.base) checkers();
  const batches = whole
    ? registryBatches(
        registry,
        options.batchVersions ?? BATCH_VERSIONS,
        options.batchVersions ?? ONE_PASS_VERSIONS,
      )
    : null;
  if (batches) {
    const young = holdYoungGeneration(YOUNG_GENERATION_MIB);
    const old = holdHeapGrowth(OLD_GENERATION_GROWTH_PERCENT);
    // One status of the registry for every batch: its cost is the index's, whatever the pathspecs.
    // Started first, beside the lookups below (on a first run they keep git busy for seconds).
    const status = registry.git.list(statusArgs([registry.root]));
    status.catch(() => {}); // awaited in each batch
    // Every registration's tree, looked up once in commit order (batch by batch cost git 3x
    // more). On a first run that is seconds of git: the batches are checked meanwhile, and each
    // batch's immutability check waits for the lookups, holding only its versions and HEAD's trees.
    const filled = fillRegistrationTrees(registry, new Set(batches.flatMap((b) => [...b.wanted.keys()])));
    let fillDone = false;
    // A failed fill leaves the lookups to each batch.
    let waiting: Promise<unknown> = filled.catch(() => {}).then(() => (fillDone = true));
    // A batch checked before the fill is done reads its tags and HEAD's trees once it is, one such
    // batch after the other: held by a dozen waiting batches at once, they took validate past 200 MiB.
    const treesOf = (wanted: Wanted): Promise<RegistrationTrees> => {
      if (fillDone) return registrationTrees(registry, wanted, { cache: true });
      const trees = waiting.then(() => registrationTrees(registry, wanted, { cache: true }));
      waiting = trees.catch(() => {});
      return trees;
    };
    const problems: Promise<Problem[]>[] = [];
    const start = (batch: Batch): Part => {
      const part = {
        wanted: batch.wanted,
        atTags: treesOf(batch.wanted),
        listing: listRegistryFiles(registry, batch.pathspecs, { status, keep: batch.keep }),
      };
      // Awaited in checkPart; a batch started ahead must not fail as an unhandled rejection.
      part.atTags.catch(() => {});
      part.listing.catch(() => {});
      return part;
    };
    try {
      let next = start(batches[0]!);
      for (let i = 0; i < batches.length; i++) {
        // Not awaited here: a batch's problems wait for its registration trees, the next batch does not.
        const checked = await checkPart(registry, report, checkers(), next, options, null, null, () => {
          // The next batch's git processes run while this one is checked.
          if (i + 1 < batches.length) next = start(batches[i + 1]!);
        });
        checked.problems.catch(() => {}); // awaited below
        problems.push(checked.problems);
      }
      for (const batch of problems) report.problems.push(...(await batch));
    } finally {
      young.release();
      old.release();
    }
  } else if (options.base) {
    // While git reads the index for the status, the models the commits touch are parsed and
    // their versions' tags and trees looked up; what the work tree adds to them (uncommitted
    // model files, new model folders) is looked up once the status is in.
    let parsed: Promise<Parsed> | null = null;
    const parsedNow = () =>
      (parsed ??= checkers().then((c): Parsed => ({ checkers: c, metadata: new Map(), jsonl: new Map() })));
    let early = null as StartedChecks | null;
    const diff = await diffSince(registry, options.base, (committed) => {
      early = startChecks(registry, wantedByChanges(registry, committed), parsedNow());
    });
    const wanted = wantedByChanges(registry, diff.changes);
    const rest = startChecks(registry, early ? beyond(wanted, early.wanted) : wanted, parsedNow());
    const atTags = early ? mergedTrees(early.atTags, rest.atTags) : rest.atTags;
    const parsing = Promise.all([early?.parsing, rest.parsing]).then(() => parsedNow());
    const part = { wanted, atTags, listing: diff.listing, parsed: parsing };
    const checked = await checkPart(registry, report, checkers(), part, options, diff, null);
    report.problems.push(...(await checked.problems));
  } else {
    // Every git process starts now, and runs while the work tree is parsed: the immutability
    // check's tags and trees first (its cat-file takes longest), then the listing.
    const atTags = registrationTrees(registry, pathScope, { cache: whole });
    const listing = listRegistryFiles(registry);
    const checked = await checkPart(
      registry,
      report,
      checkers(),
      { wanted: pathScope, atTags, listing },
      options,
      null,
      pathScope,
    );
    report.problems.push(...(await checked.problems));
  }
  report.problems.sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
  return report;
}

/** What V8's young generation may grow to while validate checks batches (both semi-spaces). */
const YOUNG_GENERATION_MIB = 16;
/** How far V8's old generation may grow past what survived its last full collection, in batches. */
const OLD_GENERATION_GROWTH_PERCENT = 30;

/** What one pass checks, with its git processes started. */
interface Part {
  wanted: Wanted | null;
  atTags: Promise<RegistrationTrees>;
  listing: Promise<Listing>;
  /** The work tree's files of `wanted`, when they are parsed already (validate --base). */
  parsed?: Promise<Parsed>;
}

/** validate --base's git processes and parsing for some of the models and versions it checks. */
interface StartedChecks {
  wanted: Wanted;
  atTags: Promise<RegistrationTrees>;
  parsing: Promise<void>;
}

function startChecks(registry: Registry, wanted: Wanted, parsed: Promise<Parsed>): StartedChecks {
  const atTags = registrationTrees(registry, wanted);
  const parsing = parsed.then((p) => parseWorkTree(registry, wanted, p, { jsonl: false }));
  atTags.catch(() => {}); // awaited in checkPart
  parsing.catch(() => {});
  return { wanted, atTags, parsing };
}

/** The models and versions of `wanted` that `known` does not hold already. */
function beyond(wanted: Wanted, known: Wanted): Wanted {
  const out: Wanted = new Map();
  for (const [model, versions] of wanted) {
    const have = known.get(model);
    if (have === "all") continue;
    if (!have || versions === "all") out.set(model, versions);
    else {
      const more = [...versions].filter((v) => !have.has(v));
      if (more.length) out.set(model, new Set(more));
    }
  }
  return out;
}

async function mergedTrees(
  a: Promise<RegistrationTrees>,
  b: Promise<RegistrationTrees>,
): Promise<RegistrationTrees> {
  const [x, y] = await Promise.all([a, b]);
  return {
    tags: new Map([...x.tags, ...y.tags]),
    headTrees: new Map([...x.headTrees, ...y.headTrees]),
    atTag: new Map([...x.atTag, ...y.atTag]),
  };
}

/** The work tree's files of `wanted` (every model when null), parsed. */
async function parsedWorkTree(
  registry: Registry,
  wanted: Wanted | null,
  checkers: Promise<Checkers>,
): Promise<Parsed> {
  const parsed: Parsed = { checkers: await checkers, metadata: new Map(), jsonl: new Map() };
  await parseWorkTree(registry, wanted, parsed);
  return parsed;
}

/**
 * One pass of the checks over a part of the registry (or all of it); adds its counts to the
 * report. Its problems are returned as a promise, wrapped so that awaiting the pass does not wait
 * for them: they wait for the registration trees (the immutability check's edits replace what
 * follows from them), which a batch of the whole registry must not wait for (validate above).
 */
async function checkPart(
  registry: Registry,
  report: ValidationReport,
  checkers: Promise<Checkers>,
  part: Part,
  options: ValidateOptions,
  diff: DiffSince | null,
  pathScope: Wanted | null,
  listed?: () => void,
): Promise<{ problems: Promise<Problem[]> }> {
  const { wanted, atTags, listing } = part;
  atTags.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection first
  listing.catch(() => {}); // awaited below
  part.parsed?.catch(() => {}); // awaited below
  const problems: Problem[] = [];
  const parsed = await (part.parsed ?? parsedWorkTree(registry, wanted, checkers));
  const { files, changed, links } = await listing;
  listed?.();
  // Reported even where the link replaced a registered file (which is an edit too): the link is the cause.
  const linkProblems = links.map((link) =>
    error(link, "is a symbolic link: git-model does not follow links in the registry", {
      hint: "put the file or folder itself in its place (or remove the link) and commit",
    }),
  );
  const untracked = [...changed].flatMap(([path, xy]) => (xy === "??" ? [path] : []));
  for (const leftover of leftoversIn(registry, untracked, changed.keys())) {
    const { message, hint } = describeLeftover(leftover);
    problems.push(warning(leftover.path, message, { hint }));
  }
  let scope = groupByModel(registry, files.keys(), problems);
  // Before the scope narrows: the stage checks need every registered version of a model.
  const { valid, registered } = versionsByListing(registry, scope);
  let baseVersions: Set<string> | null = null;

  const baseEdits: Problem[] = [];
  if (options.base && diff) {
    // The touched models' uncommitted and untracked files, which the diff of commits does not list.
    const listed = new Set(diff.changes.map((c) => c.path));
    for (const [path, xy] of changed)
      if (!listed.has(path)) diff.changes.push({ status: statusLetter(xy), path });
    const since = await changesSince(registry, options.base, files, diff, parsed.checkers.jsonl);
    baseVersions = since.baseVersions;
    baseEdits.push(...since.problems);
    Object.assign(report, { added: since.added, removed: since.removed, stagesChanged: since.stagesChanged });
    scope = restrict(scope, since.touched);
    // The JSONL files' lines since the base; a file the change left as it was has none.
    for (const [model, entry] of scope)
      for (const name of entry.modelFiles) {
        const file = `${registry.modelFolder(model)}/${name}`;
        if (name in JSONL_FORMATS) parsed.jsonl.set(file, since.jsonl.get(file) ?? []);
      }
  }
  if (pathScope) scope = restrict(scope, pathScope);
  // What the check holds while it waits: the scope's versions, not their files.
  const versions = new Map(
    [...scope].map(([model, entry]) => [model, { versions: new Set(entry.versions.keys()) }]),
  );
  const immutable = immutability(registry, atTags, versions, new Set(changed.keys()), baseVersions);
  immutable.catch(() => {}); // its outcome is returned below

  const models = [...scope].sort(([a], [b]) => compareText(a, b));
  for (const [model, entry] of models) {
    report.models++;
    modelFileProblems(registry, model, entry, parsed, problems);
  }
  problems.push(
    ...(await stageMoveProblems(registry, parsed.checkers, scope, {
      base: options.base,
      stagesChanged: report.stagesChanged,
      registered,
    })),
  );

  const artifacts: ArtifactCheck[] = [];
  for (const [model, entry] of models) {
    // As in parseWorkTree: the immutability check's git processes keep going meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    const scheme = registry.scheme(model);
    const modelFolder = registry.modelFolder(model);
    const versions = valid.get(model);
    for (const [version, names] of entry.versions) {
      const folder = `${modelFolder}/${version}`;
      if (!versions?.has(version)) {
        problems.push(
          error(folder, `${version} is not a version of the ${scheme.name} scheme (like ${scheme.example})`),
        );
        continue;
      }
      report.versions++;
      checkVersion(registry, model, version, folder, names, files, parsed, artifacts, problems);
    }
  }
  await checkArtifacts(registry, artifacts, files, problems, parsed.checkers);
  return {
    problems: immutable.then((edits) => [...linkProblems, ...mergeProblems(problems, baseEdits, edits)]),
  };
}
