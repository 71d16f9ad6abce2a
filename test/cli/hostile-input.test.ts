import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClearError, expectRefused, snapshot } from "../helpers/refusal.js";
import { cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";

/**
 * Issue 11, items 9-13: input that used to hang the CLI, crash it, or be silently changed is
 * matched in bounded time, refused at once by name, or kept exactly.
 */

/** A hang is killed after this long and fails the test (exit -1) instead of stalling the suite. */
const cliWithin = (seconds: number, cwd: string, args: string[]) =>
  cli(cwd, args, { killAfterSeconds: seconds });

let repo: string;
beforeAll(async () => {
  repo = await newRepo();
  const first = await cli(repo, [
    "register",
    "churn",
    runFolder({ "model.pkl": 64 }),
    "--tag",
    `k=${"a".repeat(40)}`,
  ]);
  expect(first.stderr).toBe("");
});

describe("item 9: globs are matched in bounded time", () => {
  it("list --where with a glob of many stars answers at once", { timeout: 60_000 }, async () => {
    const r = await cliWithin(20, repo, [
      "list",
      "churn",
      "--where",
      "tags.k~*a*a*a*a*a*a*a*a*a*a*b",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("refuses an extended glob with a usage error that names the flag", async () => {
    await expectRefused(repo, ["list", "churn", "--where", "tags.k~+(a|aa)"], 2, [
      '--where "tags.k~+(a|aa)": extended globs like +(a|b) are not supported',
    ]);
  });
});

describe("item 10: a run folder entry that is not a file or folder is refused at once, by name", () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it("a FIFO", { timeout: 60_000 }, async () => {
    const run = runFolder({ "model.pkl": 64 });
    expect(spawnSync("mkfifo", [join(run, "pipe")]).status).toBe(0);
    const before = await snapshot(repo);
    const r = await cliWithin(20, repo, ["register", "churn", run]);
    expectClearError(r, 2, [`${join(run, "pipe")} is a FIFO (named pipe)`, "only files and folders"]);
    expect(await snapshot(repo)).toEqual(before);
    // --metadata naming a FIFO outside the run folder.
    const plain = runFolder({ "model.pkl": 64 });
    const m = await cliWithin(20, repo, ["register", "churn", plain, "--metadata", join(run, "pipe")]);
    expectClearError(m, 2, [`${join(run, "pipe")} is a FIFO (named pipe)`]);
    expect(await snapshot(repo)).toEqual(before);
  });

  it("a socket", async () => {
    const run = runFolder({ "model.pkl": 64 });
    const path = join(run, "sock");
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(path, resolve));
    await expectRefused(repo, ["register", "churn", run], 2, [`${path} is a socket`]);
  });

  it("a symbolic link inside the folder to a FIFO, and a device", { timeout: 60_000 }, async () => {
    const run = runFolder({ "model.pkl": 64 });
    mkdirSync(join(run, "sub"));
    expect(spawnSync("mkfifo", [join(run, "sub", "pipe")]).status).toBe(0);
    spawnSync("ln", ["-s", "sub/pipe", join(run, "link")]);
    const before = await snapshot(repo);
    const r = await cliWithin(20, repo, ["register", "churn", run]);
    expectClearError(r, 2, ["is a FIFO (named pipe)"]);
    expect(await snapshot(repo)).toEqual(before);
    // A device node needs root; where mknod is refused the case is covered by the FIFO above.
    const devices = runFolder({ "model.pkl": 64 });
    if (spawnSync("mknod", [join(devices, "null"), "c", "1", "3"]).status === 0) {
      await expectRefused(repo, ["register", "churn", devices], 2, [`${join(devices, "null")} is a device`]);
    }
  });
});

describe("item 11: inputs beyond the limits are refused with the limit in the message", () => {
  const deep = (levels: number) => `{"params": ${"[".repeat(levels)}1${"]".repeat(levels)}}`;

  it("metadata nested 10,000 levels, in the run folder and as --metadata", async () => {
    const run = runFolder({ "model.pkl": 64, "metadata.json": deep(10_000) });
    const r = await expectRefused(repo, ["register", "churn", run], 1, ["nested deeper than 64 levels"]);
    expect(r.stderr).toContain(join(run, "metadata.json"));
    const file = join(runFolder({ "m.json": deep(100) }), "m.json");
    await expectRefused(repo, ["register", "churn", runFolder({ "model.pkl": 64 }), "--metadata", file], 1, [
      `${file}: nested deeper than 64 levels`,
    ]);
  });

  it("metadata with more keys than the limit, and a file larger than it", async () => {
    const keys = Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, i]));
    const many = runFolder({ "model.pkl": 64, "metadata.json": JSON.stringify({ params: keys }) });
    await expectRefused(repo, ["register", "churn", many], 1, ["more than 100,000 keys and list items"]);
    const big = runFolder({
      "model.pkl": 64,
      "metadata.json": JSON.stringify({ description: "x".repeat(9 * 2 ** 20) }),
    });
    await expectRefused(repo, ["register", "churn", big], 1, [
      "more than the 8 MiB git-model reads in a JSON file",
    ]);
  });

  it("a committed metadata.json, stages.json and history line beyond the limits", async () => {
    const local = await newRepo();
    expect((await cli(local, ["register", "churn", runFolder({ "model.pkl": 64 })])).code).toBe(0);
    const version = readdirSync(join(local, "models", "churn")).find((n) => /^\d/.test(n))!;
    writeFileSync(join(local, "models", "churn", version, "metadata.json"), deep(10_000));
    const show = await cli(local, ["show", `churn@${version}`]);
    expectClearError(show, 1, ["nested deeper than 64 levels"]);
    writeFileSync(
      join(local, "models", "churn", "stages.json"),
      `{"production": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
    );
    expectClearError(await cli(local, ["path", "churn#production"]), 1, [
      "stages.json: nested deeper than 64 levels",
    ]);
    appendFileSync(join(local, "models", "churn", "history.jsonl"), `${deep(10_000)}\n`);
    const validate = await cli(local, ["validate", "--json"]);
    expect(validate.stderr).not.toMatch(/^ {4}at /m);
    expect(validate.stdout).toContain("nested deeper than 64 levels");
    expect(validate.code).toBe(1);
  });

  it(".gitmodel.yaml nested 100,000 levels, or larger than 1 MiB", async () => {
    const local = await newRepo({
      config: `root: models\nlfs: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
      init: false,
    });
    await expectRefused(local, ["list"], 2, [".gitmodel.yaml: [ and { nested deeper than 64 levels"]);
    writeFileSync(join(local, ".gitmodel.yaml"), `root: models\n# ${"x".repeat(2 ** 20)}\n`);
    await expectRefused(local, ["list"], 2, [".gitmodel.yaml: ", "more than the 1 MiB git-model reads"]);
  });
});

describe("item 13: input is kept exactly or refused, never silently changed", () => {
  it("a __proto__ key in metrics, params or tags is refused, from a file or a flag", async () => {
    const run = runFolder({ "model.pkl": 64, "metadata.json": '{"metrics": {"__proto__": 1, "acc": 0.9}}' });
    await expectRefused(repo, ["register", "churn", run], 1, ['metrics.__proto__: the key "__proto__"']);
    const plain = runFolder({ "model.pkl": 64 });
    for (const flag of ["--metric", "--tag", "--param"]) {
      await expectRefused(repo, ["register", "churn", plain, flag, "__proto__=1"], 2, ['"__proto__"']);
    }
  });

  it("metadata that is not UTF-8 is refused, not turned into U+FFFD", async () => {
    const run = runFolder({ "model.pkl": 64 });
    writeFileSync(join(run, "metadata.json"), Buffer.from('{"description": "caf\xe9"}', "latin1"));
    await expectRefused(repo, ["register", "churn", run], 1, [
      `${join(run, "metadata.json")}: not UTF-8 text`,
    ]);
  });

  it("a key given twice in metadata is refused, naming the key and its line", async () => {
    const run = runFolder({
      "model.pkl": 64,
      "metadata.json": '{\n  "tags": {\n    "k": "a",\n    "k": "b"\n  }\n}\n',
    });
    await expectRefused(repo, ["register", "churn", run], 1, [
      `${join(run, "metadata.json")}:4: tags.k is given twice`,
    ]);
  });

  it("a .gitattributes (or .gitignore) in the run folder is refused; validate catches one in a version", async () => {
    for (const name of [".gitattributes", "sub/.gitignore"]) {
      const run = runFolder({ "model.pkl": 64, [name]: "*.pkl -filter -diff -merge\n" });
      await expectRefused(repo, ["register", "churn", run], 2, [
        `${join(run, name)}: a ${name.split("/").at(-1)}`,
      ]);
    }
    const local = await newRepo();
    expect((await cli(local, ["register", "churn", runFolder({ "model.pkl": 64 })])).code).toBe(0);
    const version = readdirSync(join(local, "models", "churn")).find((n) => /^\d/.test(n))!;
    // As register used to leave it: committed with the version, under its registration tag.
    writeFileSync(join(local, "models", "churn", version, ".gitattributes"), "*.pkl -filter\n");
    await git(local, ["add", "-A"]);
    await git(local, ["commit", "-qm", "a version folder with its own .gitattributes"]);
    await git(local, ["tag", "-f", "-a", "-m", "register", `churn@v${version}`]);
    const r = await cli(local, ["validate"]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`models/churn/${version}/.gitattributes`);
    expect(r.stdout + r.stderr).toContain("changes how git stores");
  });

  it("--version '' is refused, not taken as the next version", async () => {
    await expectRefused(repo, ["register", "churn", runFolder({ "model.pkl": 64 }), "--version", ""], 2, [
      'invalid version ""',
    ]);
  });

  it("export creates folders with the mode the umask gives, not 0700", async () => {
    const target = join(tempDir("gm-export-"), "out", "churn");
    const r = await cli(repo, ["export", "churn@latest", target]);
    expect(r.stderr).toBe("");
    const umask = process.umask();
    expect(statSync(target).mode & 0o777).toBe(0o777 & ~umask);
  });
});
