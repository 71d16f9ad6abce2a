// Rows of `npm run bench` for the GitHub Action (dist/action.js), run as the runner runs it, in a
// fresh clone of the synthetic registry with a remote: validate on a pull request that registers
// one version, and register on a push, with nothing to tag and with one new version to tag.
// register reaches GitHub's API as on a runner (GITHUB_API_URL): the tests' API stand-in, run as
// a process of its own (bench/github-stand-in.mjs) on the bench's bare remote.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeNextVersion } from "./generate.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const ACTION = join(ROOT, "dist", "action.js");
const STAND_IN = join(ROOT, "bench", "github-stand-in.mjs");
/** register's branch at the last commit whose tags are all on the remote (src/registry/checks/publish-tags.ts). */
const TAGGED = "git-model/tagged";

function git(cwd, args, env) {
  const r = spawnSync("git", args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * The rows, given the registry (`repo`, `model`), a scratch folder and the bench's environment.
 * The clone and its bare remote are made by the first row's setup and removed by the last's
 * teardown; every run starts without git-model's caches (.git/git-model), as on a runner.
 */
export function actionRows({ repo, model, scratch, env, node }) {
  const dir = join(scratch, "action");
  // At .../acme/models.git: register's API route needs origin to name GITHUB_REPOSITORY.
  const origin = join(dir, "acme", "models.git");
  const ws = join(dir, "ws");
  const runner = join(dir, "runner");
  const state = { base: "", head: "", tag: "", api: "" };
  /** The API stand-in's process, started once the rows' remote is ready. */
  let standIn = null;
  const runEnv = (command, eventName, event) => {
    mkdirSync(runner, { recursive: true });
    const eventPath = join(runner, `${command}.json`);
    writeFileSync(eventPath, JSON.stringify(event));
    for (const f of ["output", "summary"]) writeFileSync(join(runner, f), "");
    return {
      ...env,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: join(runner, "output"),
      GITHUB_STEP_SUMMARY: join(runner, "summary"),
      GITHUB_WORKSPACE: ws,
      GITHUB_REPOSITORY: "acme/models",
      ...(state.api ? { GITHUB_API_URL: state.api } : {}),
      INPUT_COMMAND: command,
      INPUT_TOKEN: "bench-token",
    };
  };
  const fresh = () => rmSync(join(ws, ".git", "git-model"), { recursive: true, force: true });
  const push = { ref: "refs/heads/main", repository: { full_name: "acme/models", default_branch: "main" } };
  // The push of the new version as GitHub describes it: the branch went from `before` to `after`.
  const pushOfVersion = () => ({ ...push, before: state.base, after: state.head });

  /** The Action's register on a push (a manual run's plan: everything), which must succeed. */
  function registerInClone() {
    const r = spawnSync(node, [ACTION], { cwd: ws, env: runEnv("register", "push", push) });
    if (r.status !== 0) throw new Error(`register in the bench clone failed: ${r.stdout}`);
  }

  /** A clone of a bare copy of the registry, with every tag register would make already made. */
  function cloneWithRemote() {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    git(dir, ["clone", "-q", "--bare", repo, origin], env);
    git(dir, ["clone", "-q", origin, ws], { ...env, GIT_LFS_SKIP_SMUDGE: "1" });
    registerInClone();
  }

  /** One more version of the model, committed (pushed for register; the pull request's head for validate). */
  function commitVersion() {
    state.base = git(ws, ["rev-parse", "HEAD"], env);
    const metrics = { val_rmse: 0.009, val_mae: 0.007 };
    const { version } = writeNextVersion(ws, model, {
      sha: "c".repeat(64),
      at: "2026-02-01T00:00:00Z",
      metrics,
    });
    git(ws, ["add", "--", `models/${model}`], env);
    git(ws, ["commit", "-q", "--no-verify", "-m", `register ${model}@${version}`], env);
    git(ws, ["push", "-q", "--no-verify", "origin", "HEAD:main"], env);
    state.head = git(ws, ["rev-parse", "HEAD"], env);
    state.tag = `${model}@v${version}`;
  }

  /**
   * register's one tag, gone again from the clone and the remote, and register's tagged branch
   * back at the commit before the version (in the remote and in the clone's remote-tracking ref).
   */
  function untag() {
    fresh();
    spawnSync("git", ["tag", "-d", state.tag], { cwd: ws, env });
    spawnSync("git", ["tag", "-d", state.tag], { cwd: origin, env });
    git(origin, ["update-ref", `refs/heads/${TAGGED}`, state.base], env);
    git(ws, ["update-ref", `refs/remotes/origin/${TAGGED}`, state.base], env);
  }

  /** The clone, its remote and the new version, made once for the rows (whichever runs first). */
  function prepare() {
    if (state.head) return;
    cloneWithRemote();
    commitVersion();
    registerInClone();
    startStandIn();
  }

  /**
   * The GitHub API stand-in on `origin`, in a process of its own (the bench's spawnSync would
   * block a server in this one); its URL from the file it writes once it listens.
   */
  function startStandIn() {
    const urlFile = join(dir, "api-url");
    standIn = spawn(node, [STAND_IN, origin, urlFile, "acme/models"], { env, stdio: "ignore" });
    process.once("exit", stopStandIn);
    for (let i = 0; i < 200 && !existsSync(urlFile); i++) spawnSync("sleep", ["0.05"]);
    if (!existsSync(urlFile)) throw new Error("the GitHub API stand-in did not start");
    state.api = readFileSync(urlFile, "utf8").trim();
  }

  function stopStandIn() {
    standIn?.kill();
    standIn = null;
    state.api = "";
  }

  /** A tag object of the new version's commit as the stand-in writes one, for the floor's `hash-object -t tag`. */
  function floorTagObject() {
    const file = join(dir, "floor-tag");
    writeFileSync(
      file,
      `object ${state.head}\ntype commit\ntag ${state.tag}\ntagger bench <bench@example.com> 1769904000 +0000\n\nRegistered ${state.tag}\n`,
    );
    return file;
  }

  const action = [node, ACTION];
  /** A row that runs the Action's register in the bench clone, from the state `reset` leaves. */
  const registerRow = (name, reset, floor) => ({
    name,
    command: null,
    cwd: () => ws,
    argv: action,
    env: () => runEnv("register", "push", pushOfVersion()),
    target: { vs10k: 1.5 },
    setup: () => {
      prepare();
      reset();
    },
    reset,
    floor,
  });

  return [
    {
      name: "action validate (1 new version, fresh clone)",
      command: null,
      cwd: () => ws,
      argv: action,
      env: () =>
        runEnv("validate", "pull_request", {
          pull_request: {
            number: 1,
            base: { sha: state.base, ref: "main", repo: { full_name: "acme/models" } },
            head: { sha: state.head, ref: "feature", repo: { full_name: "acme/models" } },
          },
        }),
      target: null,
      setup: () => {
        prepare();
        fresh();
      },
      reset: fresh,
      floor: () => [
        ["git", "diff-tree", "-r", "--name-only", state.base, state.head, "--", "models"],
        ["cat", ".gitmodel.yaml", `models/${model}/history.jsonl`, `models/${model}/stages.json`],
        ["git", "cat-file", "-p", `${state.base}:models/${model}/history.jsonl`],
      ],
      floorText: "as validate --base (1 model)",
    },
    {
      // register's tagged branch is at HEAD: two refs read.
      ...registerRow("action register (nothing to tag, fresh clone)", fresh, () => [
        ["git", "rev-parse", "HEAD", `refs/remotes/origin/${TAGGED}`],
      ]),
      floorText: "rev-parse of HEAD and register's tagged branch",
    },
    {
      // What the push changed (one model), the model's tags, and what GitHub does for the API's
      // requests (the stand-in on the bench's remote): the two refs read, the tag object
      // written, the tag and the branch moved.
      ...registerRow("action register (1 new version, fresh clone)", untag, () => [
        ["git", "diff-tree", "-r", "--name-only", state.base, state.head, "--", "models"],
        ["git", "for-each-ref", "--format=%(refname)", `refs/tags/${model}@*`],
        ["git", `--git-dir=${origin}`, "rev-parse", `refs/heads/${TAGGED}`, "HEAD"],
        ["git", `--git-dir=${origin}`, "hash-object", "-t", "tag", "-w", floorTagObject()],
        ["git", `--git-dir=${origin}`, "update-ref", `refs/heads/${TAGGED}`, state.head],
      ]),
      teardown: () => {
        stopStandIn();
        rmSync(dir, { recursive: true, force: true });
        state.head = "";
      },
      floorText:
        "diff-tree of the push + for-each-ref of the model's tags + the API's side on the remote: rev-parse of 2 refs, hash-object -t tag -w, update-ref",
    },
  ];
}
