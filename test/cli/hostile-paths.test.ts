import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bareRemote,
  type CliResult,
  cli,
  cloneOf,
  expectCliError,
  git,
  newRepo,
  runFolder,
} from "../helpers/repo.js";

/**
 * Issue 11, "Outside the registry" and the raw errors: hostile `root:` values, symbolic links
 * committed inside the registry or placed around it, stages.json values that are paths, and
 * names git refuses. Nothing may be written or read outside the registry root, and every
 * refusal is one or two lines naming the file, with the repository left as it was.
 */

interface Snapshot {
  status: string;
  head: string;
  refs: string;
}

async function snapshot(repo: string): Promise<Snapshot> {
  return {
    status: await git(repo, ["status", "--porcelain", "--untracked-files=all"]),
    head: await git(repo, ["rev-parse", "HEAD"]),
    refs: await git(repo, ["for-each-ref", "--format=%(refname) %(objectname)"]),
  };
}

/** Runs the CLI, expects a clear refusal, and the repository exactly as it was. */
async function expectRefused(
  repo: string,
  args: string[],
  code: 1 | 2,
  fragments: readonly string[],
): Promise<CliResult> {
  const before = await snapshot(repo);
  const r = await cli(repo, args);
  expectCliError(r, code, fragments);
  expect(r.stderr.trim().split("\n").length, `one or two lines:\n${r.stderr}`).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/E[A-Z]{3,}:|ENOENT|ENAMETOOLONG|ELOOP/);
  expect(await snapshot(repo)).toEqual(before);
  return r;
}

async function expectOk(repo: string, args: string[]): Promise<CliResult> {
  const r = await cli(repo, args);
  expect(r.code, `exit ${r.code}\n${r.stderr}`).toBe(0);
  return r;
}

describe("root: values git could not check out, or that are git's own", () => {
  const refused: [string, string][] = [
    ["models/./x", "'.' part"],
    ["models//x", "'//'"],
    [".", "repository top"],
    ["./", "repository top"],
    [".git", "git's own name"],
    [".git/hooks", "git's own name"],
    [".GIT/x", "git's own name"],
    ["x/.git", "git's own name"],
    [".git./x", "git's own name"],
    ["git~1/x", "git's own name"],
    [".gitmodules", "git's own name"],
    [".gitattributes", "git's own name"],
    ["/tmp/models", "absolute"],
    ["C:/models", "absolute"],
    ["../models", "'..' part"],
    ["models/../../x", "'..' part"],
    ["models\\\\x", "backslash"],
    ["models\\nx", "control character"],
    ["models\\tx", "control character"],
    ["my models", "characters other than"],
    ["models/*", "characters other than"],
    [":(exclude)x", "characters other than"],
    ["a[b]", "characters other than"],
    ["#models", "characters other than"],
    ["x".repeat(201), "longer than 200"],
    ["", "repository top"],
  ];

  it.each(refused)("refuses root %j, naming the key and the line (exit 2)", async (root, why) => {
    const repo = await newRepo({ init: false, config: `versioning: semver\nroot: "${root}"\n` });
    const run = runFolder({ "model.pkl": 32 });
    const hooks = readdirSync(join(repo, ".git", "hooks")).sort();
    await expectRefused(repo, ["register", "churn", run], 2, [".gitmodel.yaml:2: root:", why]);
    expect(readdirSync(join(repo, ".git", "hooks")).sort()).toEqual(hooks);
  });

  it.each(["./models", "models/", "./models/", "./data/models//"])(
    "takes root %j as its canonical folder, which a clone checks out",
    async (root) => {
      const { url } = await bareRemote();
      const repo = await newRepo({ init: false, config: `root: "${root}"\n` });
      await git(repo, ["remote", "add", "origin", url]);
      await expectOk(repo, ["register", "churn", runFolder({ "model.pkl": 32 })]);
      const canonical = root.replace(/^\.\//, "").replace(/\/+$/, "");
      const files = (await git(repo, ["ls-tree", "-r", "--name-only", "HEAD"])).split("\n");
      expect(files).toContain(`${canonical}/churn/1.0.0/metadata.json`);
      expect(files).toContain(`${canonical}/churn/history.jsonl`);
      expect((await expectOk(repo, ["path", "churn@1.0.0"])).stdout.trim()).toBe(
        join(repo, canonical, "churn", "1.0.0"),
      );
      await git(repo, ["push", "-q", "origin", "main"]);
      const clone = await cloneOf(url);
      expect(existsSync(join(clone, canonical, "churn", "1.0.0", "metadata.json"))).toBe(true);
      expect(await git(clone, ["status", "--porcelain"])).toBe("");
    },
  );
});

describe("names git refuses are refused up front, with the rule they break", () => {
  let repo: string;
  let run: string;

  beforeAll(async () => {
    repo = await newRepo();
    run = runFolder({ "model.pkl": 48 });
  });

  it.each([
    ["1.0.0-a.lock", "ends with '.lock'"],
    ["1.0.0-rc.lock", "ends with '.lock'"],
    [`1.0.0-${"a".repeat(250)}`, "bytes long (at most 188)"],
    [`1.0.0-${"a".repeat(200)}`, "bytes long (at most 188)"],
  ])("refuses --version %j before writing anything (exit 2)", async (version, why) => {
    await expectRefused(repo, ["register", "churn", run, "--version", version], 2, ["invalid version", why]);
  });

  it("takes the longest version that fits, and its tag exists", async () => {
    const version = `1.0.0-${"a".repeat(188 - 6)}`;
    await expectOk(repo, ["register", "churn", run, "--version", version]);
    expect(await git(repo, ["tag", "--list", `churn@v${version}`])).toContain(version);
  });
});
