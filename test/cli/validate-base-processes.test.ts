import { appendFileSync, cpSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * `validate --base` costs what the change costs (issue 13): the git processes it starts must not
 * read what grows with the registry when the change does not need it. Seen through git's own
 * trace (GIT_TRACE2_EVENT: each process's arguments and the regions it entered), never timed.
 * Whether the answers are the same either way is validate-base-worktree's to show.
 */

interface GitProcess {
  argv: string[];
  /** The entries of the index it read (git's `read/cache_nr`), null when it read none. */
  indexEntries: number | null;
}

let repo = "";

/** churn@1.0.0 and fraud@1.0.0 and 1.0.1 registered: two models, three registration tags. */
beforeAll(async () => {
  repo = await newRepo();
  for (const [model, n] of [
    ["churn", 0],
    ["fraud", 1],
    ["fraud", 2],
  ] as const) {
    const r = await cli(repo, ["register", model, runFolder({ "model.pkl": 400 + n })]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);

/** `validate --base REF --json` with git's trace: its report and the git processes it ran. */
async function tracedValidate(
  base: string,
  cwd = repo,
): Promise<{ code: number; added: unknown; processes: GitProcess[] }> {
  const trace = join(tempDir("gm-trace-"), "events.json");
  const r = await cli(cwd, ["validate", "--base", base, "--json"], {
    env: cleanEnv({ GIT_TRACE2_EVENT: trace }),
  });
  expect(r.stderr).toBe("");
  const bySid = new Map<string, GitProcess>();
  for (const line of readFileSync(trace, "utf8").split("\n")) {
    if (!line) continue;
    const event = JSON.parse(line) as {
      event: string;
      sid: string;
      argv?: string[];
      key?: string;
      value?: string;
    };
    const process = bySid.get(event.sid) ?? { argv: [], indexEntries: null };
    bySid.set(event.sid, process);
    if (event.event === "start") process.argv = event.argv!.slice(1);
    if (event.event === "data" && event.key === "read/cache_nr") process.indexEntries = Number(event.value);
  }
  const report = JSON.parse(r.stdout) as { added: unknown };
  return { code: r.code, added: report.added, processes: [...bySid.values()] };
}

/** Sets the index file's modification time: git's and git-model's racy-clean rule compares with it. */
function indexTime(clone: string, seconds: number): void {
  utimesSync(join(clone, ".git", "index"), seconds, seconds);
}

/** A fresh clone of the repository, its LFS files left as pointers (as actions/checkout leaves them). */
async function freshClone(): Promise<string> {
  const clone = join(tempDir("gm-clone-"), "repo");
  await git(repo, ["clone", "-q", repo, clone], cleanEnv({ GIT_LFS_SKIP_SMUDGE: "1" }));
  return clone;
}

const readers = (processes: GitProcess[]) =>
  processes.filter((p) => p.indexEntries !== null).map((p) => p.argv[0]);

describe("validate --base and the git processes it starts", () => {
  it("in a fresh clone, diffs the base and HEAD and reads the index in node, not with git", async () => {
    const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 500 })]);
    expect(r.code, r.stderr).toBe(0);
    const clone = await freshClone();
    const { processes, added } = await tracedValidate("HEAD~1", clone);
    expect(added).toEqual([{ model: "churn", version: "1.0.1" }]);
    expect(processes.filter((p) => p.argv[0] === "diff-tree")).toHaveLength(1);
    // No git process reads the 300,000 entries of a large registry's index: no status, no ls-files.
    expect(readers(processes)).toEqual([]);
    expect(processes.map((p) => p.argv[0])).not.toContain("status");
  });

  it("asks git's status when a file may differ from the index: staged, edited, or racily clean", async () => {
    const clone = await freshClone();
    const edit = join(clone, "models/churn/1.0.0/metadata.json");
    appendFileSync(edit, " ");
    const edited = await tracedValidate("HEAD~1", clone);
    expect(readers(edited.processes)).toContain("status");
    expect(edited.code).toBe(1);
    await git(clone, ["checkout", "--", "models/churn/1.0.0/metadata.json"]);

    writeFileSync(join(clone, "models/fraud/notes.txt"), "staged\n");
    await git(clone, ["add", "models/fraud/notes.txt"]);
    const staged = await tracedValidate("HEAD~1", clone);
    expect(readers(staged.processes)).toContain("status");
    // Undone by a hard reset, which records HEAD's trees in the index again (a mixed one, or
    // git rm --cached, leaves them to the next commit, and the check to git).
    await git(clone, ["reset", "-q", "--hard"]);
    expect(readers((await tracedValidate("HEAD~1", clone)).processes)).toEqual([]);

    // The LFS files checked out, as actions/checkout's `lfs: true` does: git-lfs adds each file
    // again, which drops the index's record of HEAD's trees, and git is asked.
    cpSync(join(repo, ".git", "lfs"), join(clone, ".git", "lfs"), { recursive: true });
    await git(clone, ["lfs", "install", "--local"]);
    await git(clone, ["lfs", "checkout"]);
    const pkl = join(clone, "models/churn/1.0.1/model.pkl");
    expect(readFileSync(pkl, "latin1")).not.toMatch(/^version /);
    expect(readers((await tracedValidate("HEAD~1", clone)).processes)).toContain("status");
    // Recorded again (write-tree), and one file written in the second the index was: its stat
    // data cannot tell, and its content does not hash to the pointer the index holds (git's
    // filter would have to clean it).
    await git(clone, ["write-tree"]);
    indexTime(clone, statSync(pkl).mtimeMs / 1000);
    const racy = await tracedValidate("HEAD~1", clone);
    expect(racy.added).toEqual([{ model: "churn", version: "1.0.1" }]);
    expect(readers(racy.processes)).toContain("status");
    indexTime(clone, Date.now() / 1000 + 5);
    expect(readers((await tracedValidate("HEAD~1", clone)).processes)).toEqual([]);
  });

  it("reads no registration tag for a change of stages.json alone", async () => {
    const before = (await git(repo, ["rev-parse", "HEAD"])).trim();
    expect((await cli(repo, ["promote", "fraud@1.0.1", "staging"])).code).toBe(0);
    const { code, processes } = await tracedValidate(before);
    expect(code).toBe(0);
    // No ref is listed at all: neither the whole refs/tags nor the model's own tags (the move is
    // checked against the versions the listing finds, not the tags).
    const refLists = processes.filter((p) => p.argv[0] === "for-each-ref" || p.argv[0] === "show-ref");
    expect(refLists.map((p) => p.argv.join(" "))).toEqual([]);
  });
});
