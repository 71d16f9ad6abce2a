// `npm run bench`: every command of the built CLI (dist/cli.js) run as a user runs it, a whole
// process with its working folder in a synthetic registry, beside the floor: the same bytes read
// by plain `git for-each-ref` / `git log` and `cat`, plus a bare `node -e 0`.
//
// Options:
//   --sizes 1000,10000   registries to measure (versions; 100 models each). 100000 is opt-in: its
//                        registry (100 models x 1,000 versions, 2.7 GB) takes 8-10 minutes to
//                        generate on a quiet 2-core machine (33 under load), once: it is cached.
//   --runs 7             timed runs per row, after one warm-up run (each under GNU time: CPU, peak RSS)
//   --row-seconds 45     a row whose warm-up run is slow gets fewer timed runs (at least 3; 1 when
//                        the warm-up alone took longer), so that they take about this long; its
//                        floor too. The `runs` column says how many each row had. Keeps
//                        --sizes 10000,100000 to a bounded time.
//   --only list,show     rows whose name starts with one of these
//   --json FILE          also write the results as JSON
//   --access             also run bench/git-access.mjs (the measured reasons for each git-access choice)
//   --help               print these options
//
// The bench reports, it is not a test: it exits 0 whatever the numbers, and prints the misses.

import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { actionRows } from "./action-rows.mjs";
import {
  cachedRegistry,
  GENERATOR_VERSION,
  gitEnv,
  modelName,
  restoreRegistry,
  writeNextVersion,
} from "./generate.mjs";
import { median } from "./timing.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const CLI = join(ROOT, "dist", "cli.js");
const NODE = process.execPath;

const { values: opts } = parseOptions({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "7" },
    "row-seconds": { type: "string", default: "45" },
    only: { type: "string" },
    json: { type: "string" },
    access: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
/** parseArgs, its refusal of an unknown option said in one line rather than a stack. */
function parseOptions(config) {
  try {
    return parseArgs(config);
  } catch (e) {
    console.error(`error: ${e.message} (npm run bench -- --help lists the options)`);
    process.exit(2);
  }
}
if (opts.help) {
  // The options are this file's opening comment: one text to keep up to date.
  const text = readFileSync(new URL(import.meta.url), "utf8");
  const usage = text.slice(0, text.indexOf("\n\n")).replace(/^\/\/ ?/gm, "");
  console.log(`usage: npm run bench -- [options]\n\n${usage}`);
  process.exit(0);
}
const RUNS = Math.max(1, Number(opts.runs));
const ROW_MS = Math.max(1, Number(opts["row-seconds"])) * 1000;

/**
 * The timed runs of a row (or its floor) whose one untimed run took `ms`: --runs, or fewer when
 * they would take longer than --row-seconds, but at least 3 (a median), and 1 when that one run
 * alone took longer (a report of 100,000 versions).
 */
const runsFor = (ms) => Math.min(RUNS, Math.max(ms > ROW_MS ? 1 : 3, Math.floor(ROW_MS / Math.max(ms, 1))));
const ONLY = opts.only ? opts.only.split(",") : null;
const MODELS = 100;

/** The environment every measured process gets: the generated repository's, no colours. */
const ENV = gitEnv({ NO_COLOR: "1" });
delete ENV.GIT_MODEL_STAGE;

// ---------------------------------------------------------------------------------------------
// Measuring

const TIME = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p)) ?? null;

function run(argv, cwd, { check = true, env = ENV } = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw r.error;
  if (check && r.status !== 0)
    throw new Error(`${argv.join(" ").slice(0, 200)} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return { ms, status: r.status, stdout: r.stdout, stderr: String(r.stderr) };
}

/**
 * One run of a command: wall time measured here; with GNU time (`time -f "%U %S %M"`) also its
 * CPU time (user + system of the process and of the git processes it waited for) and its peak
 * resident memory (the kernel's ru_maxrss: the largest of node and its children, so node's).
 * GNU time adds about a millisecond of its own. Without it, memory is node's VmHWM, printed by
 * a small preload from /proc/self/status at exit, and CPU time is not known.
 */
function measuredRun(argv, cwd, env = ENV) {
  if (TIME) {
    const out = join(scratch(), "time.txt");
    const r = run([TIME, "-f", "%U %S %M", "-o", out, ...argv], cwd, { check: false, env });
    const [user, system, kib] = readFileSync(out, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
    return { ...r, cpu: (user + system) * 1000, memory: kib / 1024 };
  }
  const preload = join(scratch(), "hwm.cjs");
  if (!existsSync(preload)) {
    writeFileSync(
      preload,
      `process.on("exit", () => { try { const m = /VmHWM:\\s+(\\d+)/.exec(require("fs").readFileSync("/proc/self/status", "utf8")); process.stderr.write("\\nGM_BENCH_HWM " + m[1] + "\\n"); } catch {} });\n`,
    );
  }
  const r = run([argv[0], "--require", preload, ...argv.slice(1)], cwd, { check: false, env });
  const m = /GM_BENCH_HWM (\d+)/.exec(r.stderr);
  return { ...r, cpu: null, memory: m ? Number(m[1]) / 1024 : null };
}

let scratchDir;
function scratch() {
  scratchDir ??= mkdtempSync(join(tmpdir(), "git-model-bench-run-"));
  return scratchDir;
}

/** Runs the steps of a floor one after the other; returns the total time. */
function runSteps(steps, cwd) {
  let ms = 0;
  for (const step of steps) ms += run(step, cwd).ms;
  return ms;
}

/** `cat` of many files, in chunks that stay well under the argument-size limit. */
function catSteps(files) {
  const steps = [];
  for (let i = 0; i < files.length; i += 4000) steps.push(["cat", ...files.slice(i, i + 4000)]);
  return steps;
}

// ---------------------------------------------------------------------------------------------
// What the built CLI can do now

function availableCommands() {
  const r = spawnSync(NODE, [CLI, "--help"], { encoding: "utf8", env: ENV });
  const help = r.stdout ?? "";
  const section = help.split(/^Commands:\s*$/m)[1] ?? "";
  return new Set([...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]));
}

// ---------------------------------------------------------------------------------------------
// The rows

/**
 * One row per command. `command` is the CLI command the row needs (skipped with a note when the
 * built CLI lacks it); `args` its arguments; `floor` the plain git/cat steps that read the same
 * bytes; `target` in ms at 10,000 versions (ratio: also within that factor of floor + node start;
 * null: measured and shown, not judged); `setup`/`teardown` bracket the row, `reset` runs untimed
 * after every run (of a writing command, or to undo what a run leaves behind).
 */
function rows(ctx) {
  const { model, files, holder, runDir } = ctx;
  const m = `models/${model}`;
  const modelFiles = files.filter((f) => f.startsWith(`${m}/`));
  const metadataOf = (list) => list.filter((f) => f.endsWith("/metadata.json"));
  const versionDirs = [
    ...new Set(
      modelFiles.filter((f) => f.split("/").length === 4).map((f) => f.split("/").slice(0, 3).join("/")),
    ),
  ];
  const modelDirs = [...new Set(files.map((f) => f.split("/").slice(0, 2).join("/")))];
  return [
    // The parsed .gitmodel.yaml and each model folder's listing are cached in .git/git-model
    // (docs/decisions/core.md): the first row times a fresh clone's run, which reads everything
    // and writes the caches, the second what every later run pays.
    {
      name: "list (first run)",
      command: "list",
      args: ["list"],
      target: null,
      setup: () => freshClone(ctx),
      reset: () => freshClone(ctx),
      floor: [
        ["ls", "-f", ...modelDirs],
        ...catSteps([".gitmodel.yaml", ...modelDirs.map((d) => `${d}/stages.json`)]),
      ],
      floorText: "ls of every model folder + cat of every stages.json",
    },
    {
      name: "list",
      command: "list",
      args: ["list"],
      target: { ms: 300, ratio: 2 },
      floor: [
        ["ls", "-f", ...modelDirs],
        ...catSteps([".gitmodel.yaml", ...modelDirs.map((d) => `${d}/stages.json`)]),
      ],
      floorText: "ls of every model folder + cat of every stages.json",
    },
    {
      name: "list MODEL",
      command: "list",
      args: ["list", model],
      target: { ms: 150, ratio: 2 },
      floor: [
        ["ls", "-f", m],
        ...catSteps([".gitmodel.yaml", `${m}/stages.json`, ...metadataOf(modelFiles)]),
      ],
      floorText: "ls of the model + cat of its stages.json and metadata.json files",
    },
    {
      name: "show MODEL#production",
      command: "show",
      args: ["show", `${model}#production`],
      target: { ms: 150, ratio: 2 },
      floor: [
        ["ls", "-f", m],
        ["cat", ".gitmodel.yaml", `${m}/stages.json`, `${m}/${holder}/metadata.json`],
      ],
      floorText: "ls of the model + cat of stages.json and the holder's metadata.json",
    },
    {
      name: "select MODEL",
      command: "select",
      args: ["select", model],
      okCodes: [0, 1],
      target: { ms: 150, ratio: 2 },
      floor: [
        ["ls", "-f", ...versionDirs],
        ...catSteps([".gitmodel.yaml", `${m}/stages.json`, ...metadataOf(modelFiles)]),
      ],
      floorText: "ls of every version folder of the model + cat of its metadata.json files",
    },
    // The one-model commands in a fresh clone: no configuration cache yet.
    ...["list MODEL", "show MODEL#production", "select MODEL"].map((name) => ({
      name: `${name} (first run)`,
      command: name.split(" ")[0],
      args: name === "show MODEL#production" ? ["show", `${model}#production`] : [name.split(" ")[0], model],
      okCodes: [0, 1],
      target: null,
      setup: () => freshClone(ctx),
      reset: () => freshClone(ctx),
      floor: [
        ["ls", "-f", m],
        ...catSteps([".gitmodel.yaml", `${m}/stages.json`, ...metadataOf(modelFiles)]),
      ],
      floorText: "ls of the model + cat of its stages.json and metadata.json files",
    })),
    // A fresh clone (what CI always has): no commit-graph and no caches in .git/git-model. The
    // first-run rows remove both before every run; history writes no commit-graph itself.
    {
      name: "history MODEL (first run)",
      command: "history",
      args: ["history", model],
      // Issue 13's table: "under 1 s: CI clones are always fresh" (the ratio is the warm row's).
      target: { anyMs: 1000 },
      setup: () => freshClone(ctx),
      reset: () => freshClone(ctx),
      floor: historyFloor(model),
      floorText: "as history MODEL",
    },
    {
      name: "history MODEL",
      command: "history",
      args: ["history", model],
      target: { ms: 150, ratio: 2 },
      floor: historyFloor(model),
      floorText:
        "one git log of the model's stages.json + for-each-ref of its registration tags + cat of stages.json, history.jsonl",
    },
    // Issue 4: "history of a model with 1,000 stage moves comes back well under 0.3 s". One
    // more model on top of the registry, 200 versions and 1,000 stage-move commits.
    {
      name: "history MODEL (1,000 stage moves)",
      command: "history",
      args: ["history", BUSY],
      target: { ms: 300 },
      setup: () => commitStageMoves(ctx, 200, 1000),
      teardown: () => restore(ctx),
      floor: historyFloor(BUSY),
      floorText: "as history MODEL, for the model with 1,000 stage moves",
    },
    // Issue 5: "a history of 100,000 monitoring lines is read streaming, in bounded memory, in
    // well under a second". The lines are written into the model's monitoring.jsonl, as months
    // of monitor runs would leave it (champion against a challenger).
    {
      name: "status MODEL (100,000 monitoring lines)",
      command: "status",
      args: ["status", model],
      target: { ms: 1000 },
      setup: () => writeMonitoringLines(ctx, 100_000),
      teardown: () => restore(ctx),
      floor: [["cat", `${m}/monitoring.jsonl`]],
      floorText: "cat of the 100,000-line monitoring.jsonl",
    },
    // validate keeps the registration trees it looked up in .git/git-model: the first row times
    // a clone's first run, which looks up all of them.
    {
      name: "validate (first run)",
      command: "validate",
      args: ["validate"],
      target: { ratio: 1.5 },
      setup: () => freshClone(ctx),
      reset: () => freshClone(ctx),
      floor: [
        ["git", "for-each-ref", "refs/tags"],
        ...catSteps([".gitmodel.yaml", ".gitattributes", ...files]),
      ],
      floorText: "for-each-ref of every tag + cat of every file under models/",
    },
    {
      name: "validate",
      command: "validate",
      args: ["validate"],
      target: { ms: 1000, ratio: 1.5 },
      floor: [
        ["git", "for-each-ref", "refs/tags"],
        ...catSteps([".gitmodel.yaml", ".gitattributes", ...files]),
      ],
      floorText: "for-each-ref of every tag + cat of every file under models/",
    },
    {
      name: "validate --base (1 model, first run)",
      command: "validate",
      args: ["validate", "--base", "HEAD~1"],
      target: { vs10k: 1.5 },
      setup: () => {
        commitOneVersion(ctx);
        freshClone(ctx);
      },
      reset: () => freshClone(ctx),
      teardown: () => restore(ctx),
      floor: () => [
        ["git", "diff-tree", "-r", "--name-only", "HEAD~1", "HEAD", "--", "models"],
        ["cat", ".gitmodel.yaml", ...ctx.changed],
        ["git", "cat-file", "-p", `HEAD~1:${m}/history.jsonl`],
      ],
      floorText: "as validate --base (1 model)",
    },
    {
      name: "validate --base (1 model)",
      command: "validate",
      args: ["validate", "--base", "HEAD~1"],
      target: { ms: 300, vs10k: 1.5 },
      setup: () => commitOneVersion(ctx),
      teardown: () => restore(ctx),
      floor: () => [
        ["git", "diff-tree", "-r", "--name-only", "HEAD~1", "HEAD", "--", "models"],
        ["cat", ".gitmodel.yaml", ...ctx.changed],
        ["git", "cat-file", "-p", `HEAD~1:${m}/history.jsonl`],
      ],
      floorText:
        "git diff-tree --name-only of the base and HEAD + cat of the changed files + the base's history.jsonl",
    },
    // Issue 14: at 10,000 versions the report is built within 3x of reading every metadata file.
    // It also reads one `git log` of the registry and writes the site (16 MB at 10,000 versions).
    {
      name: "report",
      command: "report",
      args: ["report", "--out", join(scratch(), "report-site")],
      target: { ratio: 3 },
      floor: catSteps(metadataOf(files)),
      floorText: "cat of every metadata.json",
    },
    {
      name: "register",
      command: "register",
      args: ["register", model, runDir],
      target: { ms: 500 },
      reset: () => restore(ctx),
      floor: [
        ["git", "for-each-ref", `refs/tags/${model}@*`],
        ["ls", "-f", m],
        [
          "cat",
          ".gitmodel.yaml",
          ".gitattributes",
          `${m}/history.jsonl`,
          ...readdirSync(runDir).map((f) => join(runDir, f)),
        ],
      ],
      floorText:
        "for-each-ref of the model's tags + ls + cat of history.jsonl and the run's files (reads only)",
    },
    ...actionRows({ repo: ctx.repo, model, scratch: ctx.scratch, env: ENV, node: NODE }),
  ];
}

/** The plain reads behind `history M`: the log of its stages.json, its registration tags with their commits, its two files. */
function historyFloor(model) {
  const m = `models/${model}`;
  return [
    ["git", "log", "--format=%H %P%x00%an%x00%ae%x00%cI%x00%B", "--raw", "HEAD", "--", `${m}/stages.json`],
    ["git", "for-each-ref", "--format=%(refname) %(*authorname) %(*committerdate)", `refs/tags/${model}@*`],
    ["cat", `${m}/stages.json`, `${m}/history.jsonl`],
  ];
}

/**
 * A fresh clone, as CI has it: no commit-graph and none of git-model's caches in .git/git-model
 * (the parsed configuration, the registration trees). The objects are packed as a clone
 * receives them (bench/generate.mjs repacks), and the refs are packed.
 */
function freshClone(ctx) {
  removeCommitGraph(ctx);
  rmSync(join(ctx.repo, ".git", "git-model"), { recursive: true, force: true });
}

/** No commit-graph: as in a fresh clone. */
function removeCommitGraph(ctx) {
  const info = join(ctx.repo, ".git", "objects", "info");
  rmSync(join(info, "commit-graph"), { force: true });
  rmSync(join(info, "commit-graphs"), { recursive: true, force: true });
}

const BUSY = "busy-100";

/**
 * A model with `versions` registrations and then `moves` promotion commits of stages.json (with
 * git-model's trailers; each moves one version and archives the one it displaces), committed on
 * top of HEAD by one `git fast-import`.
 */
function commitStageMoves(ctx, versions, moves) {
  const { repo } = ctx;
  const m = `models/${BUSY}`;
  let time = Number(String(run(["git", "log", "-1", "--format=%ct"], repo).stdout).trim());
  const ident = "Bench Trainer <trainer@example.com>";
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const parts = [];
  let parent = ctx.head;
  let mark = 0;
  const commit = (message, files) => {
    time += 600;
    parts.push(`commit refs/heads/main\nmark :${++mark}\nauthor ${ident} ${time} +0000\n`);
    parts.push(`committer ${ident} ${time} +0000\n${data(message)}from ${parent}\n`);
    for (const [path, content] of files) parts.push(`M 100644 inline ${path}\n${data(content)}`);
    parts.push("\n");
    parent = `:${mark}`;
  };
  const tags = [];
  const names = Array.from({ length: versions }, (_, k) => `1.${Math.floor(k / 10)}.${k % 10}`);
  let history = "";
  for (const version of names) {
    const at = new Date(time * 1000 + 600_000).toISOString().replace(/\.\d+Z$/, "Z");
    const metrics = { val_rmse: 0.01, sharpe_ratio: 1.5 };
    const sha256 = "b".repeat(64);
    const metadata = {
      schema: 1,
      name: BUSY,
      version,
      created_at: at,
      artifacts: [{ path: "model.pkl", sha256, size: 10 }],
      metrics,
    };
    history += `${JSON.stringify({ at, version, metrics })}\n`;
    commit(`register ${BUSY}@${version}\n\nModel: ${BUSY}\nVersion: ${version}\n`, [
      [`${m}/${version}/metadata.json`, `${JSON.stringify(metadata, null, 2)}\n`],
      [
        `${m}/${version}/model.pkl`,
        `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize 10\n`,
      ],
      [`${m}/history.jsonl`, history],
    ]);
    // Its registration tag, as register writes it (annotated, on the registration commit).
    tags.push(
      `tag ${BUSY}@v${version}\nfrom :${mark}\ntagger ${ident} ${time} +0000\n${data(`register ${BUSY}@v${version}\n`)}`,
    );
  }
  const stages = { staging: null, production: null, archived: [] };
  const text = () => {
    const out = {};
    if (stages.staging) out.staging = stages.staging;
    if (stages.production) out.production = stages.production;
    if (stages.archived.length) out.archived = [...stages.archived].sort(cmpSemver);
    return `${JSON.stringify(out, null, 2)}\n`;
  };
  let next = 0;
  for (let i = 0; i < moves; i++) {
    let version;
    let from;
    let to;
    let displaced;
    if (i % 2 === 0 || !stages.staging) {
      version = names[next++ % names.length];
      if (version === stages.production) version = names[next++ % names.length];
      from = stages.archived.includes(version) ? "archived" : "development";
      stages.archived = stages.archived.filter((v) => v !== version);
      displaced = stages.staging;
      stages.staging = version;
      to = "staging";
    } else {
      version = stages.staging;
      from = "staging";
      to = "production";
      displaced = stages.production;
      stages.production = version;
      stages.staging = null;
    }
    if (displaced) stages.archived.push(displaced);
    const trailers = [`Model: ${BUSY}`, `Version: ${version}`, `Stage: ${to}`, `From: ${from}`];
    if (displaced) trailers.push(`Displaced: ${displaced}`);
    trailers.push(`Reason: bench move ${i}`);
    commit(`promote ${BUSY}@${version} to ${to}\n\n${trailers.join("\n")}\n`, [[`${m}/stages.json`, text()]]);
  }
  const r = spawnSync("git", ["fast-import", "--quiet", "--force"], {
    cwd: repo,
    env: ENV,
    input: parts.join("") + tags.join(""),
  });
  if (r.status !== 0) throw new Error(`fast-import of ${BUSY} failed: ${r.stderr}`);
  run(["git", "reset", "-q", "--hard", "main"], repo);
}

/** Puts the generated registry back as it was: HEAD, work tree, and no tag it did not have. */
/** `count` monitoring lines of the holder against a challenger, in the model's monitoring.jsonl. */
function writeMonitoringLines(ctx, count) {
  const { repo, model, holder } = ctx;
  const start = Date.UTC(2026, 0, 1);
  const lines = [];
  for (let i = 0; i < count; i++) {
    const value = 0.0114 * (1 + ((i % 17) - 5) / 100);
    const challenger = 0.0114 * (1 + ((i % 13) - 7) / 100);
    lines.push(
      JSON.stringify({
        at: new Date(start + i * 60_000).toISOString().replace(/\.\d+Z$/, "Z"),
        version: holder,
        metric: "rmse",
        goal: "min",
        value,
        baseline: { path: "metrics.val_rmse", value: 0.0114 },
        drift_pct: Math.round(((value - 0.0114) / 0.0114) * 10000) / 100,
        challenger: { version: "0.0.1", value: challenger },
        winner: challenger < value ? "0.0.1" : holder,
        recommendation: "ok",
      }),
    );
  }
  writeFileSync(join(repo, "models", model, "monitoring.jsonl"), `${lines.join("\n")}\n`);
}

function restore(ctx) {
  restoreRegistry(ctx.repo, ctx.head);
}

/** A change that touches one model, committed on top: a new version folder and its history line. */
function commitOneVersion(ctx) {
  const { repo, model } = ctx;
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString().replace(/\.\d+Z$/, "Z");
  const metrics = { val_rmse: 0.01, val_mae: 0.007, sharpe_ratio: 1.5 };
  const { version, paths } = writeNextVersion(repo, model, { sha: "a".repeat(64), at, metrics });
  run(["git", "add", "--", `models/${model}`], repo);
  run(["git", "commit", "-q", "-m", `register ${model}@${version}`], repo);
  ctx.changed = paths;
}

function cmpSemver(a, b) {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** A training run's output folder: a 256 KiB model file and a metadata.json with metrics. */
function makeRunFolder() {
  const dir = join(scratch(), "run");
  mkdirSync(dir, { recursive: true });
  const buf = Buffer.alloc(256 * 1024);
  let x = 12345;
  for (let i = 0; i < buf.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  writeFileSync(join(dir, "model.pkl"), buf);
  writeFileSync(
    join(dir, "metadata.json"),
    `${JSON.stringify({ description: "bench run", metrics: { val_rmse: 0.0101, val_mae: 0.0071, sharpe_ratio: 1.6 }, params: { max_depth: 6 }, tags: { timeframe: "1H", model_type: "continued", training_mode: "multi_symbol" } }, null, 2)}\n`,
  );
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Main

const firstLine = (text) =>
  text
    .trim()
    .split("\n")
    .find((l) => l.trim()) ?? "";

const fmt = (ms) => (ms === null || ms === undefined ? "-" : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function measureNodeStart() {
  run([NODE, "-e", "0"], ROOT);
  return median(Array.from({ length: RUNS }, () => run([NODE, "-e", "0"], ROOT).ms));
}

async function measureSize(versions, available) {
  const perModel = Math.round(versions / MODELS);
  const t = performance.now();
  const { repo, summary, cached } = await cachedRegistry({
    models: MODELS,
    versionsPerModel: perModel,
    log: (s) => console.log(s),
  });
  console.log(
    `\n## ${MODELS * perModel} versions (${MODELS} models x ${perModel}), ${summary.commits} commits, ${summary.tags} tags: ${repo}` +
      (cached
        ? ` (cached; generated in ${summary.seconds ?? "?"} s${summary.seconds ? ` = ${(summary.seconds / 60).toFixed(0)} min` : ""})`
        : ` (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`),
  );
  const files = String(run(["git", "ls-files", "-z", "--", "models"], repo).stdout)
    .split("\0")
    .filter(Boolean);
  const model = modelName(42);
  const stages = JSON.parse(readFileSync(join(repo, "models", model, "stages.json"), "utf8"));
  const ctx = {
    repo,
    model,
    files,
    holder: stages.production ?? stages.staging,
    head: summary.head,
    runDir: makeRunFolder(),
    changed: [],
    // Each size's rows keep their own scratch (the Action rows' clone), so two sizes' rows can
    // be set up at once (sideBySide).
    scratch: mkdtempSync(join(scratch(), `${versions}-`)),
  };
  const node = measureNodeStart();
  console.log(`node -e 0: ${fmt(node)} ms (median of ${RUNS})`);
  const results = [];
  for (const row of rows(ctx)) {
    if (ONLY && !ONLY.some((o) => row.name.startsWith(o))) continue;
    if (row.command !== null && !available.has(row.command)) {
      results.push({ name: row.name, skipped: `the built CLI has no \`${row.command}\` command yet` });
      continue;
    }
    try {
      row.setup?.();
      const { argv, cwd, env, okCodes } = invocation(row, repo);
      // Warm-up: the page cache, V8's compile cache, racy index entries.
      const warm = measuredRun(argv, cwd, env);
      row.reset?.();
      const times = [];
      const cpuTimes = [];
      let memory = warm.memory;
      let failure = failureOf(warm, okCodes);
      const runs = runsFor(warm.ms);
      for (let i = 0; i < runs && !failure; i++) {
        const r = measuredRun(argv, cwd, env);
        failure = failureOf(r, okCodes);
        times.push(r.ms);
        if (r.cpu !== null) cpuTimes.push(r.cpu);
        if (r.memory !== null) memory = Math.max(memory ?? 0, r.memory);
        row.reset?.();
      }
      const floorSteps = typeof row.floor === "function" ? row.floor() : row.floor;
      const floorRuns = runsFor(runSteps(floorSteps, cwd));
      const floors = Array.from({ length: floorRuns }, () => runSteps(floorSteps, cwd));
      row.teardown?.();
      if (failure) {
        results.push({ name: row.name, skipped: `failed: ${failure.slice(0, 120)}` });
        continue;
      }
      const med = median(times);
      const floor = median(floors);
      results.push({
        name: row.name,
        runs: runs === floorRuns ? `${runs}` : `${runs}/${floorRuns}`,
        median: med,
        min: Math.min(...times),
        cpu: cpuTimes.length ? median(cpuTimes) : null,
        floor,
        ratio: med / (floor + node),
        memory,
        target: row.target,
        floorText: row.floorText,
      });
    } catch (e) {
      try {
        row.teardown?.();
      } catch {}
      results.push({
        name: row.name,
        skipped: `bench error: ${String(e.message).split("\n")[0].slice(0, 140)}`,
      });
    }
  }
  return { versions: MODELS * perModel, node, results, repo, ctx };
}

/** How a row runs: the rows of the Action give their own process, folder and environment (bench/action-rows.mjs). */
function invocation(row, repo) {
  return {
    argv: row.argv ?? [NODE, CLI, ...row.args],
    cwd: row.cwd?.() ?? repo,
    env: row.env?.() ?? ENV,
    okCodes: row.okCodes ?? [0],
  };
}

/**
 * The rows judged against their own figure at 10,000 versions (`vs10k`), measured again side by
 * side: each run of the larger registry's row next to one of the 10,000 row's, in turn (which
 * goes first alternates). Measured minutes apart, in their own tables, the two medians also
 * hold whatever the machine did in between: on a shared 2-core machine `node -e 0` took 26.5 ms
 * at the start of one run and 38.6 ms ten minutes later, more than the registry's size changed.
 */
function sideBySide(small, big) {
  const twins = new Map(
    rows({ ...small.ctx, scratch: mkdtempSync(join(scratch(), "side-small-")) }).map((r) => [r.name, r]),
  );
  const results = [];
  for (const row of rows({ ...big.ctx, scratch: mkdtempSync(join(scratch(), "side-big-")) })) {
    if (!row.target?.vs10k || (ONLY && !ONLY.some((o) => row.name.startsWith(o)))) continue;
    if (row.command !== null && !available.has(row.command)) continue;
    const twin = twins.get(row.name);
    if (!twin) continue;
    const pair = [
      { row: twin, repo: small.repo, times: [] },
      { row, repo: big.repo, times: [] },
    ];
    let failure = null;
    try {
      for (const p of pair) {
        p.row.setup?.();
        p.run = invocation(p.row, p.repo);
        const warm = measuredRun(p.run.argv, p.run.cwd, p.run.env);
        failure ??= failureOf(warm, p.run.okCodes);
        p.row.reset?.();
        p.warm = warm.ms;
      }
      const runs = runsFor(pair[0].warm + pair[1].warm);
      for (let i = 0; i < runs && !failure; i++) {
        for (const p of i % 2 ? [...pair].reverse() : pair) {
          const r = measuredRun(p.run.argv, p.run.cwd, p.run.env);
          failure ??= failureOf(r, p.run.okCodes);
          p.times.push(r.ms);
          p.row.reset?.();
        }
      }
    } catch (e) {
      failure ??= `bench error: ${String(e.message).split("\n")[0].slice(0, 140)}`;
    } finally {
      for (const p of pair) {
        try {
          p.row.teardown?.();
        } catch {}
      }
    }
    const [a, b] = pair.map((p) => (p.times.length ? median(p.times) : null));
    results.push({
      name: row.name,
      versions: big.versions,
      runs: pair[0].times.length,
      at10k: a,
      median: b,
      limit: row.target.vs10k,
      failure,
    });
  }
  return results;
}

/** The side-by-side row's miss, or null. */
function sideMiss(r) {
  if (r.failure) return `not measured side by side (${r.failure.slice(0, 120)})`;
  if (r.median > r.limit * r.at10k)
    return `${fmt(r.median)} ms > ${r.limit}x its ${fmt(r.at10k)} ms at 10,000 (side by side)`;
  return null;
}

/**
 * The row's misses at this size, or null when it is not judged (below 10,000 versions, or no
 * target). Targets: `ms` (at 10,000 versions), `anyMs` (at every size), `ratio` (median against
 * floor + node start), `vs10k` (median against the same row's at 10,000, measured side by side
 * in this run: sideBySide), and peak
 * memory under 200 MiB for every judged row.
 */
function judge(r, versions) {
  if (r.skipped || versions < 10000 || !r.target) return null;
  const t = r.target;
  const misses = [];
  if (t.ms && versions === 10000 && r.median >= t.ms) misses.push(`${fmt(r.median)} ms >= ${t.ms} ms`);
  if (t.anyMs && r.median >= t.anyMs) misses.push(`${fmt(r.median)} ms >= ${t.anyMs} ms`);
  if (t.ratio && r.ratio > t.ratio) misses.push(`${r.ratio.toFixed(2)}x floor+node > ${t.ratio}x`);
  // Judged in the side-by-side table (sideBySide); here only when there is none.
  if (t.vs10k && versions > 10000 && !sizes.some((s) => s.versions === 10000))
    misses.push("no 10,000-version figure in this run to compare with");
  if (r.memory !== null && r.memory >= 200) misses.push(`${r.memory.toFixed(0)} MiB >= 200 MiB`);
  return misses;
}

/** The target column: what is judged at this size. */
function targetText(t, versions) {
  if (!t) return "(none)";
  if (versions < 10000) return "(from 10,000)";
  const parts = [];
  if (t.ms && versions === 10000) parts.push(`< ${t.ms} ms`);
  if (t.anyMs) parts.push(`< ${t.anyMs} ms`);
  if (t.ratio) parts.push(`<= ${t.ratio}x`);
  if (t.vs10k && versions > 10000) parts.push(`<= ${t.vs10k}x its 10k (side by side)`);
  parts.push("< 200 MiB");
  return parts.join(", ");
}

function printTable(size) {
  const header = [
    "command",
    "runs",
    "median ms",
    "min ms",
    "cpu ms",
    "floor ms",
    "ratio",
    "peak MiB",
    "target",
    "result",
  ];
  const lines = [];
  for (const r of size.results) {
    if (r.skipped) {
      lines.push([r.name, "-", "-", "-", "-", "-", "-", "-", "-", `skipped: ${r.skipped}`]);
      continue;
    }
    const misses = judge(r, size.versions);
    const target = targetText(r.target, size.versions);
    lines.push([
      r.name,
      r.runs,
      fmt(r.median),
      fmt(r.min),
      r.cpu === null ? "?" : fmt(r.cpu),
      fmt(r.floor),
      `${r.ratio.toFixed(2)}x`,
      r.memory === null ? "?" : r.memory.toFixed(0),
      target,
      misses === null ? "-" : misses.length ? "FAIL" : "pass",
    ]);
  }
  printAligned(header, lines, 8);
}

/** A table in columns: the first and those from `textFrom` on flush left, the numbers between flush right. */
function printAligned(header, lines, textFrom) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const row = (cells) =>
    cells
      .map((c, i) => (i === 0 || i >= textFrom ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(row(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(row(l));
}

/** Why a run failed (its exit status and first line of stderr), or null when its status is one of `okCodes`. */
function failureOf(run, okCodes) {
  return okCodes.includes(run.status) ? null : `exit ${run.status}: ${firstLine(run.stderr)}`;
}

if (!existsSync(CLI)) {
  console.error("dist/cli.js is missing: run `npm run build` first");
  process.exit(0);
}
const available = availableCommands();
console.log(
  `git-model bench: ${RUNS} runs + 1 warm-up per row (fewer for a row whose warm-up x runs exceeds ${ROW_MS / 1000} s: at least 3, or 1 when the warm-up alone does); ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      " ",
    )}; node ${process.version}; generator v${GENERATOR_VERSION}; memory by ${TIME ? `${TIME} -f %M` : "VmHWM at exit"}`,
);
console.log(`commands in dist/cli.js: ${[...available].join(", ")}`);
const sizes = [];
const benchStarted = performance.now();
// Smallest first: a row's figure at 10,000 versions is what its 100,000 figure is judged against.
for (const versions of opts.sizes
  .split(",")
  .map(Number)
  .sort((a, b) => a - b)) {
  const sizeStarted = performance.now();
  const size = await measureSize(versions, available);
  sizes.push(size);
  printTable(size);
  console.log(
    `(${versions} versions measured in ${((performance.now() - sizeStarted) / 60000).toFixed(1)} min)`,
  );
}
// The vs10k rows again, each larger registry's runs side by side with the 10,000 one's.
const small = sizes.find((s) => s.versions === 10000);
const side = small ? sizes.filter((s) => s.versions > 10000).flatMap((big) => sideBySide(small, big)) : [];
if (side.length) {
  console.log("\n## Side by side: the rows judged against their 10,000 figure, runs of both sizes in turn");
  const header = ["command", "versions", "runs", "10,000 ms", "median ms", "growth", "target", "result"];
  const lines = side.map((r) => [
    r.name,
    String(r.versions),
    String(r.runs),
    fmt(r.at10k),
    fmt(r.median),
    r.at10k && r.median ? `${(r.median / r.at10k).toFixed(2)}x` : "-",
    `<= ${r.limit}x`,
    sideMiss(r) ? "FAIL" : "pass",
  ]);
  printAligned(header, lines, 6);
}

console.log(
  "\ncpu ms: user + system time of the command and the git processes it ran (GNU time); peak MiB: its maximum RSS." +
    "\nruns: timed runs of the command (/ of its floor when they differ), fewer than --runs when a run is slow (--row-seconds)." +
    "\nratio = median / (floor + node start). Floors (plain git and cat reading the same bytes):",
);
for (const r of sizes.at(-1)?.results ?? []) if (r.floorText) console.log(`  ${r.name}: ${r.floorText}`);

const misses = [];
for (const size of sizes) {
  for (const r of size.results) {
    const m = judge(r, size.versions);
    if (m?.length) misses.push(`${r.name} at ${size.versions}: ${m.join("; ")}`);
    if (r.skipped && size.versions >= 10000)
      misses.push(`${r.name} at ${size.versions}: not measured (${r.skipped})`);
  }
}
for (const r of side) {
  const m = sideMiss(r);
  if (m) misses.push(`${r.name} at ${r.versions}: ${m}`);
}
console.log(
  `\nwhole run: ${((performance.now() - benchStarted) / 60000).toFixed(1)} min; load average now: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (numbers on a busy machine are higher)`,
);
if (misses.length) {
  console.log(`\nSUMMARY: ${misses.length} target(s) missed or not measured:`);
  for (const m of misses) console.log(`  - ${m}`);
} else {
  console.log("\nSUMMARY: every target met.");
}
if (opts.json)
  writeFileSync(
    opts.json,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        loadavg: loadavg(),
        sizes: sizes.map(({ ctx, ...size }) => size),
        sideBySide: side,
      },
      null,
      2,
    )}\n`,
  );
if (opts.access && sizes.length) {
  const { runAccessBench } = await import("./git-access.mjs");
  await runAccessBench(sizes.at(-1).repo);
}
if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
process.exitCode = 0;
