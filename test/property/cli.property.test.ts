import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cli, git, newRepo, runFolder, tempDir } from "../helpers/repo.js";
import {
  configText,
  hostileText,
  metadataText,
  modelName,
  reference,
  scaled,
  stagesText,
  version,
  whereExpression,
} from "./arbitraries.js";

/**
 * Issue 11 item 14, through the built CLI: whatever the input, the exit code is 0, 1 or 2, a
 * failure says something on stderr and shows no stack trace, and nothing is written outside the
 * registry root. Each case starts a process, so the counts are modest (CLI_RUNS, reported in
 * docs/reliability.md); the in-process properties run the parsers thousands of times.
 */

const CLI_RUNS = { register: 10, metadata: 6, reading: 12, where: 8, stages: 6, config: 6 };

const KILL_AFTER_SECONDS = 30;

function expectHandledByCli(r: CliResult, input: unknown): void {
  const context = `input ${JSON.stringify(input)?.slice(0, 300)}\nexit ${r.code}\nstderr: ${r.stderr.slice(0, 2000)}`;
  expect([0, 1, 2], context).toContain(r.code);
  expect(r.stderr, context).not.toMatch(/^\s+at .*(:\d+:\d+\)?|<anonymous>)$/m);
  expect(r.stderr, context).not.toMatch(
    /node:internal|Maximum call stack|RangeError|TypeError|ReferenceError/,
  );
  // A "no" (exit 1 of select, validate's report) may speak on stdout; a failure is never silent.
  if (r.code !== 0) expect(`${r.stdout}${r.stderr}`.trim(), context).not.toBe("");
}

/** Everything outside the registry root: the repository's other files, and the folder around it. */
async function outsideRegistry(repo: string): Promise<string> {
  const status = await git(repo, [
    "status",
    "--porcelain",
    "--untracked-files=all",
    "--",
    ".",
    ":!models",
    ":!.gitattributes",
  ]);
  const committed = (await git(repo, ["ls-tree", "-r", "HEAD"]))
    .split("\n")
    .filter((l) => !/\t(models\/|\.gitattributes$)/.test(l));
  return `${status}\n${committed.join("\n")}\n${readdirSync(dirname(repo)).join(",")}`;
}

let repo: string;
let outside: string;

beforeAll(async () => {
  repo = await newRepo();
  const first = await cli(repo, ["register", "churn", runFolder({ "model.pkl": 64 }), "--tag", "k=v"]);
  expect(first.code, first.stderr).toBe(0);
  outside = await outsideRegistry(repo);
});

const run = (args: string[]) => cli(repo, args, { killAfterSeconds: KILL_AFTER_SECONDS });

/** The operating system cannot pass a NUL in an argument at all: such cases are skipped. */
const passable = (args: readonly string[]) => fc.pre(args.every((a) => !a.includes("\0")));

describe("hostile input on the command line", () => {
  it("register with any model name, version, tag, metric and param", { timeout: 180_000 }, async () => {
    const plain = runFolder({ "model.pkl": 64 });
    await fc.assert(
      fc.asyncProperty(
        modelName,
        fc.option(version, { nil: undefined }),
        fc.tuple(hostileText, hostileText),
        fc.tuple(hostileText, fc.oneof(hostileText, fc.double().map(String))),
        async (name, v, [tagKey, tagValue], [metricKey, metricValue]) => {
          const args = [
            "register",
            name,
            plain,
            "--tag",
            `${tagKey}=${tagValue}`,
            "--param",
            `${metricKey}=${metricValue}`,
          ];
          if (v !== undefined) args.push("--version", v);
          if (metricKey !== "") args.push("--metric", `${metricKey}=${metricValue}`);
          passable(args);
          expectHandledByCli(await run(args), args);
          expect(await outsideRegistry(repo)).toBe(outside);
        },
      ),
      { numRuns: scaled(CLI_RUNS.register) },
    );
  });

  it("register a run folder whose metadata.json is hostile", { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(metadataText, async (text) => {
        const folder = runFolder({ "model.pkl": 64, "metadata.json": text });
        expectHandledByCli(await run(["register", "churn", folder]), text);
        expect(await outsideRegistry(repo)).toBe(outside);
      }),
      { numRuns: scaled(CLI_RUNS.metadata) },
    );
  });

  it("reading commands with any reference", { timeout: 180_000 }, async () => {
    const target = join(tempDir("gm-export-"), "out");
    await fc.assert(
      fc.asyncProperty(
        reference,
        fc.constantFrom("show", "path", "select", "list", "history", "export"),
        async (ref, command) => {
          const model = ref.split(/[@#]/)[0] ?? ref;
          const args =
            command === "export"
              ? [command, ref, target, "--force"]
              : [command, command === "show" || command === "path" ? ref : model, "--json"];
          passable(args);
          expectHandledByCli(await run(args), args);
        },
      ),
      { numRuns: scaled(CLI_RUNS.reading) },
    );
  });

  it("list and select with any --where expression", { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(whereExpression, fc.constantFrom("list", "select"), async (where, command) => {
        passable([where]);
        expectHandledByCli(await run([command, "churn", "--where", where]), where);
      }),
      { numRuns: scaled(CLI_RUNS.where) },
    );
  });
});

describe("hostile files in a clone", () => {
  it("stages.json: path, list and validate", { timeout: 180_000 }, async () => {
    const local = await newRepo();
    expect((await cli(local, ["register", "churn", runFolder({ "model.pkl": 64 })])).code).toBe(0);
    const before = await outsideRegistry(local);
    await fc.assert(
      fc.asyncProperty(
        stagesText,
        fc.constantFrom<string[]>(["path", "churn#production"], ["list", "churn"], ["validate"]),
        async (text, args) => {
          writeFileSync(join(local, "models", "churn", "stages.json"), text);
          expectHandledByCli(await cli(local, args, { killAfterSeconds: KILL_AFTER_SECONDS }), text);
          expect(await outsideRegistry(local)).toBe(before);
        },
      ),
      { numRuns: scaled(CLI_RUNS.stages) },
    );
  });

  it(".gitmodel.yaml: list and register", { timeout: 180_000 }, async () => {
    const local = await newRepo({ init: false });
    const folder = runFolder({ "model.pkl": 64 });
    await fc.assert(
      fc.asyncProperty(
        configText,
        fc.constantFrom<string[]>(["list"], ["register", "churn", folder]),
        async (text, args) => {
          writeFileSync(join(local, ".gitmodel.yaml"), text);
          const r = await cli(local, args, { killAfterSeconds: KILL_AFTER_SECONDS });
          expectHandledByCli(r, text);
          // A registration under whatever root the file names stays inside the repository.
          const stray = await git(local, ["status", "--porcelain", "--untracked-files=all", "--ignored"]);
          expect(stray, text).not.toMatch(/^\?\? \.\.\//m);
          expect(readdirSync(dirname(local))).toEqual(["repo"]);
          await git(local, ["reset", "-q", "--hard"]);
          await git(local, ["clean", "-qfdx"]);
        },
      ),
      { numRuns: scaled(CLI_RUNS.config) },
    );
  });
});
