import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * `validate --base` reads the work tree through one `git status` of the touched models and the
 * model files, HEAD's trees and a walk of the touched folders (no listing of the index per
 * model): every way a work tree can differ from HEAD, staged or not, tracked or not, ignored or
 * linked, must still be reported as before, and changes between commits (renames, deletions,
 * stage moves, a base that is not an ancestor) too.
 */

interface Report {
  ok: boolean;
  problems: { severity: string; file: string; line?: number; message: string }[];
  added: { model: string; version: string }[];
  removed: { model: string; version: string }[];
  stagesChanged: string[];
}

let template = "";
let base = "";

/** churn@1.0.0, churn@1.0.1 and fraud@1.0.0 registered (an LFS artifact and a plain file each), `*.log` ignored. */
beforeAll(async () => {
  template = await newRepo();
  writeFileSync(join(template, ".gitignore"), "*.log\n");
  await git(template, ["add", ".gitignore"]);
  await git(template, ["commit", "-q", "-m", "ignore logs"]);
  for (const [model, n] of [
    ["churn", 0],
    ["churn", 1],
    ["fraud", 2],
  ] as const) {
    const run = runFolder({ "model.pkl": 400 + n, "config.json": `{"n": ${n}}\n` });
    const r = await cli(template, ["register", model, run, "--metric", `val_rmse=0.0${n + 1}`]);
    expect(r.code, r.stderr).toBe(0);
  }
  base = (await git(template, ["rev-parse", "HEAD"])).trim();
}, 60_000);

/**
 * A copy of the template (its own .git), so each case starts from the same registry, its index
 * as a checkout leaves it: HEAD's trees recorded, every file's stat data, written a while after
 * them (validate --base then reads it in node; git-model's own commits leave that to git).
 */
async function copy(): Promise<string> {
  const dir = join(tempDir("gm-vbase-"), "repo");
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  await checkedOut(dir);
  return dir;
}

/** The index as a checkout a few seconds old leaves it (git-model's own commits do not). */
async function checkedOut(repo: string): Promise<void> {
  await git(repo, ["reset", "-q", "--hard"]);
  const later = Date.now() / 1000 + 5;
  utimesSync(join(repo, ".git", "index"), later, later);
}

/**
 * `validate --base --json`, which must say the same when git's status is asked (GIT_INDEX_FILE
 * set: git-model does not read such an index itself).
 */
async function validateBase(repo: string, ref = base): Promise<Report & { code: number }> {
  const r = await cli(repo, ["validate", "--base", ref, "--json"]);
  expect(r.stderr).toBe("");
  const byGit = await cli(repo, ["validate", "--base", ref, "--json"], {
    env: cleanEnv({ GIT_INDEX_FILE: join(repo, ".git", "index") }),
  });
  expect({ code: r.code, out: JSON.parse(r.stdout) }).toEqual({
    code: byGit.code,
    out: JSON.parse(byGit.stdout),
  });
  return { ...JSON.parse(r.stdout), code: r.code };
}

const lines = (report: Report) => report.problems.map((p) => `${p.file}: ${p.severity}: ${p.message}`);

/** Appends `text` to fraud's history.jsonl and commits it: the commit is the base a case passes. */
async function commitToHistory(repo: string, text: string): Promise<{ file: string; before: string }> {
  const file = join(repo, "models/fraud/history.jsonl");
  appendFileSync(file, text);
  await git(repo, ["commit", "-q", "-am", "history.jsonl before the base"]);
  return { file, before: (await git(repo, ["rev-parse", "HEAD"])).trim() };
}

/** The problems reported on a line of fraud's history.jsonl (not the file-level warnings). */
const historyLineProblems = (report: Report) =>
  report.problems.filter((p) => p.file === "models/fraud/history.jsonl" && p.line);

/** churn@1.0.2 committed on top of the base: the change a pull request brings. */
async function registerOnTop(repo: string): Promise<void> {
  const r = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 500 })]);
  expect(r.code, r.stderr).toBe(0);
}

describe("validate --base and the work tree", () => {
  it("reports a staged edit and an untracked file in registered versions of a touched model", async () => {
    const repo = await copy();
    await registerOnTop(repo);
    writeFileSync(join(repo, "models/churn/1.0.0/config.json"), '{"n": 99}\n');
    await git(repo, ["add", "models/churn/1.0.0/config.json"]);
    writeFileSync(join(repo, "models/churn/1.0.0/notes.txt"), "untracked\n");
    writeFileSync(join(repo, "models/churn/1.0.2/notes.txt"), "untracked\n");
    const report = await validateBase(repo);
    expect(report.code).toBe(1);
    expect(lines(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\/churn\/1\.0\.0\/config\.json: error: edited in churn@1\.0\.0/),
        expect.stringMatching(/^models\/churn\/1\.0\.0\/notes\.txt: error: added to churn@1\.0\.0/),
        expect.stringMatching(
          /^models\/churn\/1\.0\.2\/notes\.txt: error: file is not listed in metadata\.json/,
        ),
      ]),
    );
    expect(report.added).toEqual([{ model: "churn", version: "1.0.2" }]);
    expect(JSON.stringify(report.problems)).not.toContain("fraud");
  });

  it("leaves an untracked file in a version folder nothing else touches to the whole validate", async () => {
    const repo = await copy();
    await registerOnTop(repo);
    writeFileSync(join(repo, "models/churn/1.0.1/notes.txt"), "untracked\n");
    const report = await validateBase(repo);
    expect(report.code, lines(report).join("\n")).toBe(0);
    expect(JSON.stringify(report.problems)).not.toContain("notes.txt");
    const whole = await cli(repo, ["validate", "--json"]);
    expect(whole.code).toBe(1);
    expect(whole.stdout).toContain("models/churn/1.0.1/notes.txt");
  });

  it("does not report an ignored file, and reports a deleted one and one removed from the index only", async () => {
    const repo = await copy();
    await registerOnTop(repo);
    writeFileSync(join(repo, "models/churn/1.0.1/debug.log"), "ignored\n");
    rmSync(join(repo, "models/churn/1.0.0/config.json"));
    await git(repo, ["rm", "-q", "--cached", "models/churn/1.0.1/config.json"]);
    const report = await validateBase(repo);
    expect(JSON.stringify(report)).not.toContain("debug.log");
    expect(lines(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\/churn\/1\.0\.0\/config\.json: error: removed from churn@1\.0\.0/),
        expect.stringMatching(/^models\/churn\/1\.0\.1\/config\.json: error: added to churn@1\.0\.1/),
      ]),
    );
  });

  it("reports a symbolic link put in place of a registered file", async () => {
    const repo = await copy();
    await registerOnTop(repo);
    const file = join(repo, "models/churn/1.0.0/config.json");
    rmSync(file);
    symlinkSync("../1.0.1/config.json", file);
    const report = await validateBase(repo);
    expect(lines(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\/churn\/1\.0\.0\/config\.json: error: is a symbolic link/),
      ]),
    );
  });

  it("reports a model folder or a version folder replaced by a link to the same files", async () => {
    for (const folder of ["models/fraud", "models/churn/1.0.0"]) {
      const repo = await copy();
      expect((await cli(repo, ["promote", "churn@1.0.1", "staging"])).code).toBe(0);
      await checkedOut(repo);
      // The same files, the same inodes, behind a link: lstat through it finds them unchanged.
      const moved = join(tempDir("gm-moved-"), "folder");
      renameSync(join(repo, folder), moved);
      symlinkSync(moved, join(repo, folder));
      const report = await validateBase(repo);
      expect(report.code).toBe(1);
      expect(JSON.stringify(report.problems)).toContain(folder);
    }
  });

  it("checks a model that no commit touched when its stages.json is staged, edited or untracked", async () => {
    for (const how of ["staged", "edited", "untracked"] as const) {
      const repo = await copy();
      const stages = join(repo, "models/fraud/stages.json");
      // Tracked (a committed promotion) for the first two; never written for the third.
      if (how !== "untracked") expect((await cli(repo, ["promote", "fraud@1.0.0", "staging"])).code).toBe(0);
      writeFileSync(stages, `${JSON.stringify({ production: "9.9.9" }, null, 2)}\n`);
      if (how === "staged") await git(repo, ["add", stages]);
      const report = await validateBase(repo, "HEAD");
      expect(report.code, how).toBe(1);
      expect(
        report.problems.some((p) => p.file === "models/fraud/stages.json" && p.severity === "error"),
        `${how}: ${lines(report).join("\n")}`,
      ).toBe(true);
      expect(report.stagesChanged, how).toEqual(["fraud"]);
    }
  });

  it("checks a history.jsonl rewritten in the work tree of a model that no commit touched", async () => {
    const repo = await copy();
    await registerOnTop(repo);
    const file = join(repo, "models/fraud/history.jsonl");
    const [first, ...rest] = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, [JSON.stringify({ ...JSON.parse(first!), note: "rewritten" }), ...rest].join("\n"));
    const report = await validateBase(repo);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "models/fraud/history.jsonl", line: 1, severity: "error" }),
      ]),
    );
  });

  it("checks the history.jsonl lines added since the base, by their line numbers, not the base's own", async () => {
    const repo = await copy();
    // A line that breaks the format, committed before the base: the whole validate reports it.
    const { file, before } = await commitToHistory(repo, '{"at":"yesterday","version":"0.0.1"}\n');
    const lineCount = readFileSync(file, "utf8").split("\n").length - 1;
    appendFileSync(
      file,
      '{"at":"2026-01-01T00:00:00Z","version":"1.0.1"}\n{"at":"today","version":"1.0.2"}\n',
    );
    const report = await validateBase(repo, before);
    // (Beside the warning that the lines are not committed, which has no line.)
    const jsonl = historyLineProblems(report);
    expect(jsonl.map((p) => p.line)).toEqual([lineCount + 2]);
    expect(jsonl[0]!.message).toMatch(/^at:/);
    const whole = await cli(repo, ["validate", "--json"]);
    const lines = historyLineProblems(JSON.parse(whole.stdout) as Report).map((p) => p.line);
    expect(lines).toEqual([lineCount, lineCount + 2]);
  });

  it("checks a torn last line of the base that the change completes", async () => {
    const repo = await copy();
    const { file, before } = await commitToHistory(repo, '{"at":"2026-01-01T00:00:00Z",');
    const torn = readFileSync(file, "utf8").split("\n").length;
    appendFileSync(file, '"version":""}\n');
    const report = await validateBase(repo, before);
    const jsonl = historyLineProblems(report);
    expect(jsonl.map((p) => [p.line, p.message.split(":")[0]])).toEqual([[torn, "version"]]);
  });

  it("warns of a version folder that is not committed, in a new model folder and in a touched model", async () => {
    const repo = await copy();
    await registerOnTop(repo);
    for (const folder of ["models/newcomer/1.0.0", "models/churn/1.0.3"]) {
      mkdirSync(join(repo, folder), { recursive: true });
      writeFileSync(join(repo, folder, "metadata.json"), "{}\n");
    }
    const report = await validateBase(repo);
    const warned = report.problems.filter((p) => p.severity === "warning").map((p) => p.file);
    expect(warned).toEqual(expect.arrayContaining(["models/churn/1.0.3", "models/newcomer/1.0.0"]));
  });
});

describe("validate --base and the commits since the base", () => {
  it("reports a renamed and a deleted version as removed, the new name as added", async () => {
    const repo = await copy();
    await git(repo, ["mv", "models/churn/1.0.1", "models/churn/1.1.0"]);
    await git(repo, ["rm", "-q", "-r", "models/fraud/1.0.0"]);
    await git(repo, ["commit", "-q", "-m", "rename and delete"]);
    const report = await validateBase(repo);
    expect(report.code).toBe(1);
    expect(report.removed).toEqual(
      expect.arrayContaining([
        { model: "churn", version: "1.0.1" },
        { model: "fraud", version: "1.0.0" },
      ]),
    );
    expect(report.added).toEqual([{ model: "churn", version: "1.1.0" }]);
  });

  it("checks the stage moves made since the base, and a move to a version that does not exist", async () => {
    const repo = await copy();
    expect((await cli(repo, ["promote", "churn@1.0.1", "staging"])).code).toBe(0);
    const good = await validateBase(repo);
    expect(good.code, lines(good).join("\n")).toBe(0);
    expect(good.stagesChanged).toEqual(["churn"]);
    const stages = join(repo, "models/churn/stages.json");
    writeFileSync(stages, `${JSON.stringify({ staging: "7.7.7" }, null, 2)}\n`);
    await git(repo, ["commit", "-q", "-am", "hand edit"]);
    const bad = await validateBase(repo);
    expect(bad.code).toBe(1);
    expect(bad.problems.some((p) => p.file === "models/churn/stages.json")).toBe(true);
  });

  it("compares with a base that is not an ancestor: the changes are those between the two trees", async () => {
    const repo = await copy();
    await git(repo, ["checkout", "-q", "-b", "side"]);
    expect((await cli(repo, ["register", "fraud", runFolder({ "model.pkl": 600 })])).code).toBe(0);
    const side = (await git(repo, ["rev-parse", "HEAD"])).trim();
    await git(repo, ["checkout", "-q", "main"]);
    await registerOnTop(repo);
    const report = await validateBase(repo, side);
    expect(report.added).toEqual([{ model: "churn", version: "1.0.2" }]);
    expect(report.removed).toEqual([{ model: "fraud", version: "1.0.1" }]);
  });
});
