import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bareRemote, cli, cloneOf, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Fault injection (issue 11, items 2 and 3): every write command is run once with
 * GIT_MODEL_FAULT_TRACE to list the steps it takes, then once per step with GIT_MODEL_FAULT set
 * to it, which kills the process (SIGKILL) there. After each kill the next command (a reading
 * one, or the same write again) must find the repository as it was before or as it is after a
 * complete run, having settled the interrupted write itself and said so in one line: the work
 * tree, the index, HEAD, the tags, the remote, and nothing left in .git (journal, lock,
 * index.lock, scratch refs, parked folders, temp files).
 *
 * Every step of every command is tried; the points run in parallel, a few at a time.
 */

const CONCURRENCY = 4;
const NOTICE = /^git-model: (finished|undid) the interrupted /;

interface Scenario {
  name: string;
  /** What the command starts from, made in the copy of the base registry at `repo`. */
  setup?: (repo: string) => Promise<void>;
  args: string[];
  /** The next command after a kill: a reader, or this same write again. */
  next: "reader" | "again";
}

async function ok(repo: string, args: string[]): Promise<void> {
  const r = await cli(repo, args);
  if (r.code !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
}

/**
 * The base: `<root>/repo`, a clone of `<root>/remote.git` with churn@1.0.0 and 1.0.1 registered
 * and pushed, churn@1.0.0 in staging.
 */
async function baseRegistry(): Promise<string> {
  const root = tempDir("gm-base-");
  const { url } = await bareRemote();
  const seed = await newRepo();
  await git(seed, ["remote", "add", "origin", url]);
  for (const size of [100, 101]) {
    await ok(seed, [
      "register",
      "churn",
      runFolder({ "model.pkl": size, "notes.txt": "n\n" }),
      "--metric",
      "val_rmse=0.5",
    ]);
  }
  await ok(seed, ["promote", "churn@1.0.0", "staging"]);
  await git(seed, ["push", "-q", "--tags", "origin", "main"]);
  cpSync(url.slice("file://".length), join(root, "remote.git"), { recursive: true });
  const repo = await cloneOf(`file://${join(root, "remote.git")}`);
  await git(repo, ["fetch", "-q", "--tags"]);
  cpSync(repo, join(root, "repo"), { recursive: true });
  return root;
}

const RUN = runFolder({ "model.pkl": 2000, "sub/weights.bin": 1500, "notes.txt": "run\n" });

const scenarios: Scenario[] = [
  { name: "register", args: ["register", "churn", RUN], next: "again" },
  { name: "register --push", args: ["register", "churn", RUN, "--push"], next: "again" },
  { name: "promote", args: ["promote", "churn@1.0.1", "staging"], next: "reader" },
  { name: "demote", args: ["demote", "churn@1.0.0"], next: "reader" },
  {
    name: "rollback",
    setup: (repo) => ok(repo, ["promote", "churn@1.0.1", "staging"]),
    args: ["rollback", "churn", "--stage", "staging"],
    next: "reader",
  },
  {
    name: "monitor",
    args: ["monitor", "churn", "--version", "1.0.0", "--value", "0.52", "--metric", "val_rmse"],
    next: "again",
  },
  { name: "delete", args: ["delete", "churn@1.0.1", "--yes"], next: "reader" },
  {
    name: "cleanup",
    // churn@1.0.0 holds staging and 1.0.2 is the newest: cleanup removes 1.0.1.
    setup: (repo) => ok(repo, ["register", "churn", runFolder({ "model.pkl": 102 })]),
    args: ["cleanup", "churn", "--keep", "1", "--yes"],
    next: "reader",
  },
  {
    name: "doctor --fix",
    setup: (repo) => git(repo, ["tag", "-d", "churn@v1.0.0", "churn@v1.0.1"]).then(() => {}),
    args: ["doctor", "--fix"],
    next: "reader",
  },
];

interface State {
  head: string;
  parent: string;
  subject: string;
  status: string;
  tags: string;
  otherRefs: string;
  remote: { main: string; tags: string } | null;
}

async function stateOf(repo: string): Promise<State> {
  const [log, status, refs] = await Promise.all([
    git(repo, ["log", "-1", "--format=%H%n%P%n%s"]),
    git(repo, ["status", "--porcelain", "--untracked-files=all", "--ignored"]),
    git(repo, ["for-each-ref", "--format=%(refname) %(*objectname)"]),
  ]);
  const [head = "", parent = "", subject = ""] = log.trim().split("\n");
  const lines = refs.trim().split("\n");
  const remoteDir = join(repo, "..", "remote.git");
  const remote = existsSync(remoteDir)
    ? await git(remoteDir, ["for-each-ref", "--format=%(refname) %(objectname) %(*objectname)"]).then(
        (out) => ({
          main: /refs\/heads\/main (\S+)/.exec(out)?.[1] ?? "",
          tags: out
            .split("\n")
            .filter((l) => l.startsWith("refs/tags/"))
            .map((l) => `${l.split(" ")[0]} ${l.split(" ")[2]}`)
            .join("\n"),
        }),
      )
    : null;
  return {
    head,
    parent,
    subject,
    status,
    tags: lines.filter((l) => l.startsWith("refs/tags/")).join("\n"),
    otherRefs: lines
      .filter(
        (l) => !l.startsWith("refs/tags/") && !l.startsWith("refs/heads/") && !l.startsWith("refs/remotes/"),
      )
      .join("\n"),
    remote,
  };
}

/** What git-model keeps in .git/git-model besides its caches: nothing once a write is settled. */
function leftoversIn(repo: string): string[] {
  const dir = join(repo, ".git", "git-model");
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return [
    ...names.filter((n) => !/^(config-cache|registration-trees|listings|metadata-).*\.json$/.test(n)),
    ...(existsSync(join(repo, ".git", "index.lock")) ? ["index.lock"] : []),
  ];
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface Prepared {
  scenario: Scenario;
  fixture: string;
  before: State;
  after: State;
  steps: string[];
}

/** A copy of the scenario's starting point (repository and remote), with the remote re-pointed. */
function copyFixture(fixture: string): string {
  const root = tempDir("gm-fault-");
  cpSync(fixture, root, { recursive: true });
  const config = join(root, "repo", ".git", "config");
  writeFileSync(config, readFileSync(config, "utf8").replaceAll(fixture, root));
  return join(root, "repo");
}

const prepared: Prepared[] = [];
let tried = 0;

beforeAll(async () => {
  const base = await baseRegistry();
  await pool(scenarios, CONCURRENCY, async (scenario) => {
    // The scenario's starting point: a copy of the base, with its own setup.
    const fixture = dirname(copyFixture(base));
    await scenario.setup?.(join(fixture, "repo"));
    const repo = copyFixture(fixture);
    const before = await stateOf(repo);
    const trace = join(tempDir(), "trace");
    const r = await cli(repo, scenario.args, { env: { ...process.env, GIT_MODEL_FAULT_TRACE: trace } });
    if (r.code !== 0 || !existsSync(trace)) throw new Error(`${scenario.name}: ${r.stderr}`);
    const steps = readFileSync(trace, "utf8").trim().split("\n");
    prepared.push({ scenario, fixture, before, after: await stateOf(repo), steps });
  });
}, 120_000);

describe("a kill at every step of every write", () => {
  it("leaves the repository as before or as after, settled by the next command", async () => {
    const points = prepared.flatMap((p) => p.steps.map((step) => ({ p, step })));
    const failures: string[] = [];
    await pool(points, CONCURRENCY, async ({ p, step }) => {
      try {
        await tryPoint(p, step);
      } catch (e) {
        failures.push(`${p.scenario.name} killed at ${step}: ${(e as Error).message}`);
      }
    });
    tried = points.length;
    expect(failures).toEqual([]);
    // Every scenario reached the steps that matter (a trace that lost them would try nothing).
    for (const p of prepared) expect(p.steps.length, p.scenario.name).toBeGreaterThan(3);
    console.log(`fault points tried: ${tried} over ${prepared.length} write commands`);
  }, 600_000);
});

async function tryPoint(p: Prepared, step: string): Promise<void> {
  const repo = copyFixture(p.fixture);
  const killed = await cli(repo, p.scenario.args, { env: { ...process.env, GIT_MODEL_FAULT: step } });
  if (killed.code !== -1) throw new Error(`not killed (exit ${killed.code}): ${killed.stderr}`);
  const journal = existsSync(join(repo, ".git", "git-model", "journal.jsonl"));
  const next =
    p.scenario.next === "reader" ? await cli(repo, ["list", "--json"]) : await cli(repo, p.scenario.args);
  if (next.code !== 0) throw new Error(`next command failed: ${next.stderr}`);
  const notices = next.stderr.split("\n").filter((l) => NOTICE.test(l));
  if (journal && notices.length !== 1) throw new Error(`expected one notice, got: ${next.stderr}`);
  if (!journal && notices.length) throw new Error(`a notice without an interrupted write: ${next.stderr}`);
  const now = await stateOf(repo);
  const left = leftoversIn(repo);
  if (left.length) throw new Error(`left behind: ${left.join(", ")}`);
  if (now.status !== "") throw new Error(`work tree or index differs from HEAD:\n${now.status}`);
  if (now.otherRefs !== p.before.otherRefs) throw new Error(`refs left: ${now.otherRefs}`);
  if (p.scenario.next === "reader") {
    // As before, or as after.
    const same = (a: State, b: State) => a.head === b.head && a.tags === b.tags;
    const asAfter =
      now.parent === p.before.head && now.subject === p.after.subject && tagNames(now) === tagNames(p.after);
    if (!same(now, p.before) && !asAfter) {
      throw new Error(`neither before nor after: HEAD ${now.subject}, tags\n${now.tags}`);
    }
    return;
  }
  // The write ran again: its commit is on top, on the killed one's (finished) or on the start.
  if (now.subject.split("@")[0] !== p.after.subject.split("@")[0]) throw new Error(`HEAD is ${now.subject}`);
  const first = await git(repo, ["log", "-1", "--format=%H %s", `${now.head}~1`]);
  const finished = first.trim().split(" ")[0] !== p.before.head;
  if (finished && (await git(repo, ["rev-parse", `${now.head}~2`])).trim() !== p.before.head) {
    throw new Error(`more than two commits on the start: ${first}`);
  }
  if (p.scenario.args[0] === "register") {
    // No version number was used up by the kill: the versions stay consecutive.
    const versions = readdirSync(join(repo, "models", "churn"))
      .filter((n) => /^\d/.test(n))
      .sort();
    const expected = finished ? ["1.0.0", "1.0.1", "1.0.2", "1.0.3"] : ["1.0.0", "1.0.1", "1.0.2"];
    if (versions.join() !== expected.join()) throw new Error(`versions ${versions.join(", ")}`);
    const tags = (await git(repo, ["tag", "--list", "churn@v*"])).trim().split("\n");
    if (tags.join() !== expected.map((v) => `churn@v${v}`).join()) throw new Error(`tags ${tags.join(", ")}`);
  }
  if (now.remote && p.scenario.args.includes("--push")) {
    if (now.remote.main !== now.head) throw new Error("the remote's main is not the local HEAD");
    const local = now.tags
      .split("\n")
      .map((l) => l.trim())
      .sort()
      .join("\n");
    // Every tag, the one a kill left unpushed included, is on the remote, and the same.
    if (now.remote.tags.split("\n").sort().join("\n") !== local) {
      throw new Error(`remote tags differ:\n${now.remote.tags}\nlocal:\n${local}`);
    }
  }
}

const tagNames = (s: State) =>
  s.tags
    .split("\n")
    .map((l) => l.split(" ")[0])
    .join("\n");
