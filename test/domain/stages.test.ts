import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../src/domain/config.js";
import { GitModelError } from "../../src/domain/errors.js";
import type { RegistryConfig } from "../../src/domain/registry-config.js";
import type { StagesFile } from "../../src/domain/schemas.js";
import {
  checkStageChange,
  currentStage,
  type HeldBefore,
  holdersOf,
  judgeMoves,
  type MoveRequest,
  parseStagesJson,
  parseTrailers,
  planDemote,
  planMove,
  promotionMessage,
  readStages,
  serializeStages,
  stageMoves,
} from "../../src/domain/stages.js";
import { SCHEMES } from "../../src/domain/versions.js";
import { SEED_004 } from "../helpers/fixtures.js";

const seed = parseConfig(SEED_004);
const lifecycle = defaultConfig();
const scheme = SCHEMES.semver;
const PATH = "models/rl/stages.json";
const registered = new Set(["1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.9.0", "1.10.0"]);
const never: HeldBefore = () => false;
const held =
  (...pairs: [string, string][]): HeldBefore =>
  (version, stage) =>
    pairs.some(([v, s]) => v === version && s === stage);

function stateOf(file: StagesFile | null, config: RegistryConfig = seed, text?: string) {
  return readStages({ file, text, path: PATH, config, registered, scheme });
}

function move(
  file: StagesFile | null,
  version: string,
  to: string,
  options: { config?: RegistryConfig; heldBefore?: HeldBefore } = {},
) {
  const config = options.config ?? seed;
  const request: MoveRequest = {
    state: stateOf(file, config),
    config,
    scheme,
    version,
    to,
    heldBefore: options.heldBefore ?? never,
    model: "rl",
  };
  return planMove(request);
}

function thrown(fn: () => unknown): GitModelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GitModelError) return e;
    throw e;
  }
  throw new Error("expected a GitModelError");
}

describe("seed 004: development / beta / champion / archived", () => {
  it("refuses development -> champion and names the allowed targets", () => {
    const e = thrown(() => move({}, "1.3.0", "champion"));
    expect(e.message).toBe("development -> champion is not allowed; from development: beta, archived");
    expect(e.kind).toBe("invalid");
    expect(e.exitCode).toBe(1);
    expect(e.hint).toContain("rollback");
  });

  it("moves development -> beta -> champion", () => {
    const toBeta = move({}, "1.3.0", "beta");
    expect(toBeta).toMatchObject({ from: "development", to: "beta", rollback: false, displaced: undefined });
    expect(toBeta.stages).toEqual({ beta: ["1.3.0"] });
    const toChampion = move(toBeta.stages, "1.3.0", "champion");
    expect(toChampion).toMatchObject({ from: "beta", to: "champion", rollback: false });
    expect(toChampion.stages).toEqual({ champion: "1.3.0" });
    expect(serializeStages(toChampion.stages, seed, scheme)).toBe('{\n  "champion": "1.3.0"\n}\n');
  });

  it("keeps beta a list: it is not exclusive", () => {
    const plan = move({ beta: ["1.2.0"] }, "1.3.0", "beta");
    expect(plan.displaced).toBeUndefined();
    expect(plan.stages).toEqual({ beta: ["1.2.0", "1.3.0"] });
  });

  it("displaces the old champion to archived when a new one is promoted", () => {
    const plan = move({ champion: "1.2.0", beta: ["1.3.0"], archived: ["1.0.0"] }, "1.3.0", "champion");
    expect(plan.displaced).toEqual({ version: "1.2.0", from: "champion", to: "archived" });
    expect(plan.moves).toEqual([
      { version: "1.3.0", from: "beta", to: "champion" },
      { version: "1.2.0", from: "champion", to: "archived" },
    ]);
    expect(plan.stages).toEqual({ champion: "1.3.0", archived: ["1.0.0", "1.2.0"] });
  });

  it("refuses archived -> champion by the table, but allows it as a rollback to a stage held before", () => {
    const after = { champion: "1.3.0", archived: ["1.2.0"] };
    expect(() => move(after, "1.2.0", "champion")).toThrow(
      "archived -> champion is not allowed; from archived: development, beta",
    );
    const rollback = move(after, "1.2.0", "champion", { heldBefore: held(["1.2.0", "champion"]) });
    expect(rollback.rollback).toBe(true);
    expect(rollback.displaced).toEqual({ version: "1.3.0", from: "champion", to: "archived" });
    expect(rollback.stages).toEqual({ champion: "1.2.0", archived: ["1.3.0"] });
  });

  it("accepts a revert-like change that returns the old champion, and refuses it without that history", () => {
    const before = { champion: "1.3.0", archived: ["1.2.0"] };
    const after = { champion: "1.2.0", beta: ["1.3.0"] };
    const afterText = serializeStages(after, seed, scheme);
    const input = { before, after, afterText, file: PATH, config: seed, registered };
    expect(
      checkStageChange({ ...input, heldBefore: held(["1.2.0", "champion"], ["1.3.0", "beta"]) }),
    ).toEqual([]);
    expect(checkStageChange({ ...input, heldBefore: never })).toEqual([
      {
        severity: "error",
        file: PATH,
        line: 5,
        message: "1.2.0: archived -> champion is not allowed; from archived: development, beta",
        hint: expect.stringContaining("rollback"),
      },
    ]);
  });
});

describe("the default lifecycle of DESIGN section 2", () => {
  const promote = (file: StagesFile | null, version: string, to: string, heldBefore?: HeldBefore) =>
    move(file, version, to, { config: lifecycle, ...(heldBefore ? { heldBefore } : {}) });

  it("goes development -> staging -> production, displacing the old holder to archived", () => {
    expect(() => promote({}, "1.3.0", "production")).toThrow(
      "development -> production is not allowed; from development: staging, archived",
    );
    const staged = promote({ production: "1.2.0" }, "1.3.0", "staging");
    expect(staged.stages).toEqual({ staging: "1.3.0", production: "1.2.0" });
    const live = promote(staged.stages, "1.3.0", "production");
    expect(live).toMatchObject({ from: "staging", displaced: { version: "1.2.0", to: "archived" } });
    expect(live.stages).toEqual({ production: "1.3.0", archived: ["1.2.0"] });
    expect(serializeStages(live.stages, lifecycle, scheme)).toBe(
      '{\n  "production": "1.3.0",\n  "archived": [\n    "1.2.0"\n  ]\n}\n',
    );
  });

  it("displaces the holder of staging too: it is exclusive", () => {
    const plan = promote({ staging: "1.2.0" }, "1.3.0", "staging");
    expect(plan.displaced).toEqual({ version: "1.2.0", from: "staging", to: "archived" });
  });

  it("refuses a move to the stage the version already holds", () => {
    const e = thrown(() => promote({ production: "1.2.0" }, "1.2.0", "production"));
    expect(e.message).toBe("rl@1.2.0 is already in production");
    expect(e.exitCode).toBe(1);
  });

  it("refuses a stage that is not configured, listing the stages (usage error)", () => {
    const e = thrown(() => promote({}, "1.2.0", "prod"));
    expect(e.message).toBe(
      'stage "prod" is not configured; stages: development, staging, production, archived',
    );
    expect(e.kind).toBe("usage");
    expect(e.exitCode).toBe(2);
  });

  it("refuses a version that is not registered", () => {
    const e = thrown(() => promote({}, "9.9.9", "staging"));
    expect(e.message).toBe("rl@9.9.9 is not registered");
    expect(e.kind).toBe("not-found");
  });

  it("refuses to plan from a stages.json with errors, pointing at the line", () => {
    const text = '{\n  "production": "1.2.0",\n  "staging": "1.2.0"\n}\n';
    const state = readStages({
      file: JSON.parse(text),
      text,
      path: PATH,
      config: lifecycle,
      registered,
      scheme,
    });
    const e = thrown(() =>
      planMove({ state, config: lifecycle, scheme, version: "1.3.0", to: "staging", heldBefore: never }),
    );
    expect(e.message).toBe(
      `${PATH}:2: 1.2.0 is in two stages, staging and production; a version holds one stage at a time`,
    );
    expect(e.line).toBe(2);
  });

  it("demotes to the initial stage by default, with the same table", () => {
    const demoted = planDemote({
      state: stateOf({ staging: "1.3.0" }, lifecycle),
      config: lifecycle,
      scheme,
      version: "1.3.0",
      heldBefore: never,
    });
    expect(demoted).toMatchObject({ from: "staging", to: "development", rollback: false });
    expect(demoted.stages).toEqual({});
    const fromProduction = { state: stateOf({ production: "1.3.0" }, lifecycle), config: lifecycle, scheme };
    expect(() => planDemote({ ...fromProduction, version: "1.3.0", heldBefore: never })).toThrow(
      "production -> development is not allowed; from production: staging, archived",
    );
    const archived = planDemote({ ...fromProduction, version: "1.3.0", to: "archived", heldBefore: never });
    expect(archived.stages).toEqual({ archived: ["1.3.0"] });
  });

  it("does not treat the initial stage as held before: the table decides a return to it", () => {
    const e = thrown(() =>
      planDemote({
        state: stateOf({ production: "1.3.0" }, lifecycle),
        config: lifecycle,
        scheme,
        version: "1.3.0",
        heldBefore: () => true,
      }),
    );
    expect(e.message).toContain("production -> development is not allowed");
  });
});

describe("displaced_to", () => {
  it("sends the displaced holder to the initial stage when displaced_to is not set", () => {
    const config = parseConfig(
      "stages:\n  - { name: candidate, initial: true }\n  - { name: live, exclusive: true }\n",
    );
    expect(config.displacedTo).toBeUndefined();
    const plan = move({ live: "1.2.0" }, "1.3.0", "live", { config });
    expect(plan.displaced).toEqual({ version: "1.2.0", from: "live", to: "candidate" });
    expect(plan.stages).toEqual({ live: "1.3.0" });
  });

  it("refuses to displace into an exclusive stage that someone else holds", () => {
    const config = parseConfig(
      [
        "stages:",
        "  - { name: development, initial: true }",
        "  - { name: staging, exclusive: true }",
        "  - { name: production, exclusive: true }",
        "displaced_to: staging",
      ].join("\n"),
    );
    const e = thrown(() =>
      move({ staging: "1.1.0", production: "1.2.0" }, "1.3.0", "production", { config }),
    );
    expect(e.message).toBe("cannot move 1.2.0 out of production: staging is exclusive and held by 1.1.0");
    // The usual swap works: the new holder leaves staging free for the old one.
    const swap = move({ staging: "1.3.0", production: "1.2.0" }, "1.3.0", "production", { config });
    expect(swap.stages).toEqual({ staging: "1.2.0", production: "1.3.0" });
  });
});

describe("readStages", () => {
  it("puts registered versions named nowhere in the initial stage, holders in scheme order", () => {
    const state = stateOf({ archived: ["1.10.0", "1.9.0"], champion: "1.3.0" });
    expect(holdersOf(state, "archived")).toEqual(["1.9.0", "1.10.0"]);
    expect(holdersOf(state, "development")).toEqual(["1.0.0", "1.1.0", "1.2.0"]);
    expect(currentStage(state, "1.0.0")).toBe("development");
    expect(currentStage(state, "1.3.0")).toBe("champion");
    expect(state.problems).toEqual([]);
  });

  it("reports every problem of a hand-edited stages.json at its line", () => {
    const text = [
      "{", //                                         1
      '  "champion": ["1.2.0", "1.3.0"],', //         2
      '  "beta": ["1.3.0"],', //                      3
      '  "archived": [', //                           4
      '    "1.0.0",', //                              5
      '    "9.9.9"', //                               6
      "  ],", //                                      7
      '  "prod": "1.1.0"', //                         8
      "}", //                                         9
    ].join("\n");
    const { problems } = stateOf(JSON.parse(text), seed, text);
    const found = problems.map((p) => [p.severity, p.line, p.message]);
    expect(found).toEqual([
      [
        "error",
        2,
        "champion is exclusive and holds one version, not a list but lists 2 versions: 1.2.0, 1.3.0",
      ],
      ["error", 2, "1.3.0 is in two stages, beta and champion; a version holds one stage at a time"],
      ["error", 6, "archived names 9.9.9, which is not a registered version"],
      ["error", 8, 'stage "prod" is not configured; stages: development, beta, champion, archived'],
    ]);
    expect(problems.every((p) => p.file === PATH && p.hint)).toBe(true);
  });

  it("rejects a one-version list in an exclusive stage too", () => {
    const text = '{\n  "champion": ["1.2.0"]\n}\n';
    expect(stateOf(JSON.parse(text), seed, text).problems).toMatchObject([
      { severity: "error", line: 2, message: "champion is exclusive and holds one version, not a list" },
    ]);
  });

  it("accepts a string in a non-exclusive stage with a warning, and writes it back as a list", () => {
    const text = '{\n  "archived": "1.0.0"\n}\n';
    const state = stateOf(JSON.parse(text), seed, text);
    expect(state.problems).toMatchObject([
      { severity: "warning", line: 2, message: 'archived should be a list: ["1.0.0"]' },
    ]);
    expect(holdersOf(state, "archived")).toEqual(["1.0.0"]);
    expect(serializeStages({ archived: "1.0.0" }, seed, scheme)).toBe(
      '{\n  "archived": [\n    "1.0.0"\n  ]\n}\n',
    );
  });

  it("reports a stage written twice (JSON keeps the last) and a version listed twice", () => {
    const text = '{\n  "beta": ["1.2.0"],\n  "beta": ["1.3.0", "1.3.0"]\n}\n';
    const found = stateOf(JSON.parse(text), seed, text).problems.map((p) => [p.severity, p.line, p.message]);
    expect(found).toEqual([
      ["error", 3, "beta appears 2 times; JSON readers keep only the last one"],
      ["warning", 3, "beta lists 1.3.0 twice"],
    ]);
  });

  it("accepts the initial stage named explicitly: it means the same as naming it nowhere", () => {
    const state = stateOf({ development: ["1.2.0"] });
    expect(state.problems).toEqual([]);
    expect(currentStage(state, "1.2.0")).toBe("development");
    expect(move({ development: ["1.2.0"] }, "1.2.0", "beta").stages).toEqual({ beta: ["1.2.0"] });
  });
});

describe("parseStagesJson", () => {
  it("reports broken JSON with its line", () => {
    const { file, problems } = parseStagesJson('{\n  "beta": ["1.2.0"],\n}\n', PATH);
    expect(file).toBeNull();
    expect(problems).toMatchObject([{ severity: "error", file: PATH, line: 3 }]);
    expect(problems[0]?.message).toMatch(/^not valid JSON: Expected double-quoted property name/);
  });

  it("reports a top level that is not an object, and a value that is neither a version nor a list", () => {
    expect(parseStagesJson('["1.2.0"]', PATH).problems).toMatchObject([
      { line: 1, message: "must be a JSON object mapping stages to versions" },
    ]);
    const { file, problems } = parseStagesJson('{\n  "beta": ["1.2.0"],\n  "champion": 1.3\n}', PATH);
    expect(file).toBeNull();
    expect(problems).toMatchObject([
      { line: 3, message: 'champion: must be a version like "1.2.0" or a list of versions' },
    ]);
  });

  it("returns the file when it is well formed", () => {
    expect(parseStagesJson('{"champion": "1.2.0", "archived": ["1.0.0"]}', PATH)).toEqual({
      file: { champion: "1.2.0", archived: ["1.0.0"] },
      problems: [],
    });
  });
});

describe("serializeStages", () => {
  it("writes stages in configuration order, lists in scheme order, no empty stages, a trailing newline", () => {
    const text = serializeStages(
      { archived: ["1.10.0", "1.9.0", "1.0.0"], beta: [], champion: "1.3.0", zeta: ["1.1.0"] },
      seed,
      scheme,
    );
    expect(text).toBe(
      [
        "{",
        '  "champion": "1.3.0",',
        '  "archived": [',
        '    "1.0.0",',
        '    "1.9.0",',
        '    "1.10.0"',
        "  ],",
        '  "zeta": [',
        '    "1.1.0"',
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
    expect(JSON.parse(text).champion).toBe("1.3.0");
  });

  it("is stable: serializing its own output gives the same text", () => {
    const once = serializeStages({ beta: ["1.3.0", "1.2.0"], champion: "1.1.0" }, seed, scheme);
    expect(serializeStages(JSON.parse(once), seed, scheme)).toBe(once);
    expect(serializeStages({}, seed, scheme)).toBe("{}\n");
  });

  it("does not throw on a hand-edited version the scheme cannot order", () => {
    expect(JSON.parse(serializeStages({ archived: ["oops", "1.0.0"] }, seed, scheme)).archived).toEqual([
      "1.0.0",
      "oops",
    ]);
  });
});

describe("stageMoves and judgeMoves", () => {
  it("lists each version that changed stage; unnamed means the initial stage", () => {
    expect(
      stageMoves({ beta: ["1.2.0"], champion: "1.1.0" }, { champion: "1.2.0", archived: ["1.1.0"] }, seed),
    ).toEqual([
      { version: "1.2.0", from: "beta", to: "champion" },
      { version: "1.1.0", from: "champion", to: "archived" },
    ]);
    expect(stageMoves(null, { beta: ["1.0.0"] }, seed)).toEqual([
      { version: "1.0.0", from: "development", to: "beta" },
    ]);
    expect(stageMoves({ beta: ["1.0.0"] }, {}, seed)).toEqual([
      { version: "1.0.0", from: "beta", to: "development" },
    ]);
  });

  it("ignores a reordered list and finds every move of a large change", () => {
    expect(
      stageMoves({ archived: ["1.0.0", "1.1.0", "1.2.0"] }, { archived: ["1.2.0", "1.0.0", "1.1.0"] }, seed),
    ).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `2.${i}.0`);
    const moves = stageMoves({ beta: many }, { archived: many.slice(0, 20), beta: many.slice(20) }, seed);
    expect(moves).toHaveLength(20);
    expect(moves[0]).toEqual({ version: "2.0.0", from: "beta", to: "archived" });
  });

  it("judges each move: allowed, displaced, rollback or forbidden", () => {
    const before = { champion: "1.1.0", beta: ["1.2.0"], archived: ["1.0.0"] };
    const after = { champion: "1.2.0", archived: ["1.1.0"], beta: ["1.0.0", "1.3.0"] };
    const verdicts = judgeMoves(before, after, seed, held(["1.0.0", "beta"])).map((m) => [
      m.version,
      m.verdict,
    ]);
    expect(verdicts).toEqual([
      ["1.0.0", "rollback"],
      ["1.3.0", "allowed"],
      ["1.2.0", "allowed"],
      ["1.1.0", "displaced"],
    ]);
    expect(judgeMoves({}, { champion: "1.3.0" }, seed, never)).toMatchObject([{ verdict: "forbidden" }]);
  });
});

describe("checkStageChange", () => {
  const check = (before: StagesFile | null, after: StagesFile, heldBefore: HeldBefore = never) =>
    checkStageChange({
      before,
      after,
      afterText: serializeStages(after, seed, scheme),
      file: PATH,
      config: seed,
      registered,
      heldBefore,
    });

  it("accepts a promotion with its displacement", () => {
    expect(check({ champion: "1.2.0", beta: ["1.3.0"] }, { champion: "1.3.0", archived: ["1.2.0"] })).toEqual(
      [],
    );
  });

  it("refuses development -> champion at the line of the version", () => {
    expect(check({ beta: ["1.2.0"] }, { beta: ["1.2.0"], champion: "1.3.0" })).toMatchObject([
      {
        severity: "error",
        file: PATH,
        line: 5,
        message: "1.3.0: development -> champion is not allowed; from development: beta, archived",
      },
    ]);
  });

  it("does not take a move out of an exclusive stage for a displacement unless someone entered it", () => {
    // champion -> archived is allowed by the table anyway; champion -> development is not.
    expect(check({ champion: "1.2.0" }, {})).toMatchObject([
      { message: "1.2.0: champion -> development is not allowed; from champion: beta, archived" },
    ]);
  });

  it("reports shape problems of the new file and unregistered versions", () => {
    const after = { champion: ["1.2.0", "1.3.0"], beta: ["7.7.7"] } as StagesFile;
    const text = '{\n  "beta": ["7.7.7"],\n  "champion": ["1.2.0", "1.3.0"]\n}\n';
    const problems = checkStageChange({
      before: {},
      after,
      afterText: text,
      file: PATH,
      config: seed,
      registered,
      heldBefore: never,
    });
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, "beta names 7.7.7, which is not a registered version"],
      [3, "champion is exclusive and holds one version, not a list but lists 2 versions: 1.2.0, 1.3.0"],
      [3, "1.2.0: development -> champion is not allowed; from development: beta, archived"],
      [3, "1.3.0: development -> champion is not allowed; from development: beta, archived"],
    ]);
  });
});

describe("commit messages and trailers", () => {
  it("writes the message of DESIGN section 5", () => {
    const message = promotionMessage({
      model: "churn",
      version: "1.3.0",
      stage: "production",
      from: "staging",
      displaced: "1.2.0",
      reason: "Best performance in backtesting",
    });
    expect(message).toBe(
      [
        "promote churn@1.3.0 to production",
        "",
        "Model: churn",
        "Version: 1.3.0",
        "Stage: production",
        "From: staging",
        "Displaced: 1.2.0",
        "Reason: Best performance in backtesting",
        "",
      ].join("\n"),
    );
  });

  it("leaves out Displaced and Reason when there are none, and adds Rollback-Of to a rollback", () => {
    const plain = promotionMessage({ model: "rl", version: "1.3.0", stage: "beta", from: "development" });
    expect(plain).not.toContain("Displaced:");
    expect(plain).not.toContain("Reason:");
    const rollback = promotionMessage({
      action: "rollback",
      model: "rl",
      version: "1.2.0",
      stage: "champion",
      from: "archived",
      displaced: "1.3.0",
      rollbackOf: "4e1d2c3",
    });
    expect(rollback.split("\n")[0]).toBe("roll back rl#champion to 1.2.0");
    expect(rollback).toContain("\nRollback-Of: 4e1d2c3\n");
    expect(
      promotionMessage({ action: "demote", model: "rl", version: "1.2.0", stage: "archived", from: "beta" }),
    ).toMatch(/^demote rl@1\.2\.0 to archived\n/);
  });

  it("round-trips through parseTrailers, folding a multi-line reason into one line", () => {
    const record = {
      model: "rl",
      version: "1.3.0",
      stage: "champion",
      from: "beta",
      displaced: "1.2.0",
      reason: "Improved Sharpe ratio\nby 15%",
      rollbackOf: "abc1234",
    };
    expect(parseTrailers(promotionMessage(record))).toEqual({
      ...record,
      reason: "Improved Sharpe ratio by 15%",
    });
  });

  it("reads trailers case-insensitively and ignores other lines", () => {
    expect(
      parseTrailers("some text\n\nmodel: rl\nVERSION: 1.0.0\nSigned-off-by: someone\nStage: beta"),
    ).toEqual({
      model: "rl",
      version: "1.0.0",
      stage: "beta",
    });
    expect(parseTrailers("This reverts commit 4e1d2c3.")).toEqual({});
  });
});
