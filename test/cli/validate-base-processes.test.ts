import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * `validate --base` costs what the change costs (issue 13): the git processes it starts must not
 * read what grows with the registry when the change does not need it. Seen through git's own
 * trace (GIT_TRACE2_EVENT: each process's arguments and the regions it entered), never timed.
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
): Promise<{ code: number; added: unknown; processes: GitProcess[] }> {
  const trace = join(tempDir("gm-trace-"), "events.json");
  const r = await cli(repo, ["validate", "--base", base, "--json"], {
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

describe("validate --base and the git processes it starts", () => {
  it("diffs the base and HEAD without reading the index", async () => {
    const before = (await git(repo, ["rev-parse", "HEAD"])).trim();
    const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 500 })]);
    expect(r.code, r.stderr).toBe(0);
    const { processes, added } = await tracedValidate(before);
    expect(added).toEqual([{ model: "churn", version: "1.0.1" }]);
    const diffs = processes.filter((p) => p.argv[0] === "diff-tree");
    expect(diffs).toHaveLength(1);
    expect(diffs[0]!.indexEntries).toBeNull();
    // The status does read it: the check sees the index, the diff of commits does not need to.
    expect(processes.find((p) => p.argv[0] === "status")?.indexEntries).toBeGreaterThan(0);
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
