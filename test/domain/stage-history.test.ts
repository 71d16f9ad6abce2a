import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/domain/config.js";
import { GitModelError } from "../../src/domain/errors.js";
import type { StagesFile } from "../../src/domain/schemas.js";
import {
  heldBeforeFrom,
  holderAt,
  instantOf,
  pullRequestNumber,
  rollbackTarget,
  type StagesSnapshot,
  stageHistory,
} from "../../src/domain/stage-history.js";
import { checkStageChange, promotionMessage, serializeStages } from "../../src/domain/stages.js";
import { SCHEMES } from "../../src/domain/versions.js";
import { SEED_004 } from "../helpers/fixtures.js";

const seed = parseConfig(SEED_004);

/** A 40-digit commit id for a small number. */
const sha = (n: number) => n.toString(16).padStart(4, "0").repeat(10);

function snapshot(
  n: number,
  parents: number[],
  message: string,
  stages: StagesFile | null,
  date: string,
  author = "Ada",
): StagesSnapshot {
  const [subject = "", ...rest] = message.split("\n");
  return {
    commit: sha(n),
    parents: parents.map(sha),
    author,
    email: `${author.toLowerCase()}@example.com`,
    date,
    subject,
    body: rest.join("\n").trim(),
    stages,
  };
}

const promote = (
  version: string,
  stage: string,
  from: string,
  extra: { displaced?: string; reason?: string } = {},
) => promotionMessage({ model: "rl", version, stage, from, ...extra });

// Seed 004's life of a model: two champions, a `git revert`, a hand edit, a merged pull request,
// a squash-merged one, a broken file and its fix, a hand-made return and a `git model rollback`.
const history: StagesSnapshot[] = [
  snapshot(
    1,
    [],
    promote("1.2.0", "beta", "development", { reason: "Passed initial validation" }),
    { beta: ["1.2.0"] },
    "2026-01-10T10:00:00Z",
  ),
  snapshot(2, [1], promote("1.2.0", "champion", "beta"), { champion: "1.2.0" }, "2026-01-12T10:00:00Z"),
  snapshot(
    3,
    [2],
    promote("1.3.0", "beta", "development"),
    { beta: ["1.3.0"], champion: "1.2.0" },
    "2026-01-20T10:00:00Z",
  ),
  snapshot(
    4,
    [3],
    promote("1.3.0", "champion", "beta", { displaced: "1.2.0", reason: "Best performance in backtesting" }),
    { champion: "1.3.0", archived: ["1.2.0"] },
    "2026-01-25T09:00:00Z",
  ),
  snapshot(
    5,
    [4],
    `Revert "promote rl@1.3.0 to champion"\n\nThis reverts commit ${sha(4)}.`,
    { beta: ["1.3.0"], champion: "1.2.0" },
    "2026-02-01T08:00:00+01:00",
    "Bob",
  ),
  snapshot(
    6,
    [5],
    "archive 1.0.0",
    { beta: ["1.3.0"], champion: "1.2.0", archived: ["1.0.0"] },
    "2026-02-02T10:00:00Z",
  ),
  snapshot(
    7,
    [6],
    promote("1.1.0", "beta", "development"),
    { beta: ["1.1.0", "1.3.0"], champion: "1.2.0", archived: ["1.0.0"] },
    "2026-02-03T10:00:00Z",
  ),
  snapshot(
    8,
    [6, 7],
    "Merge pull request #12 from acme/git-model/promote/rl-beta\n\npromote rl@1.1.0 to beta",
    { beta: ["1.1.0", "1.3.0"], champion: "1.2.0", archived: ["1.0.0"] },
    "2026-02-04T10:00:00Z",
  ),
  snapshot(
    9,
    [8],
    "promote rl@1.0.0 to beta (#13)\n\n* promote rl@1.0.0 to beta\n\nModel: rl\nVersion: 1.0.0\nStage: beta\nFrom: archived\nReason: retry",
    { beta: ["1.0.0", "1.1.0", "1.3.0"], champion: "1.2.0" },
    "2026-02-05T10:00:00Z",
  ),
  snapshot(10, [9], "oops", null, "2026-02-06T10:00:00Z"),
  snapshot(
    11,
    [10],
    "fix stages.json",
    { beta: ["1.0.0", "1.1.0", "1.3.0"], champion: "1.2.0" },
    "2026-02-07T10:00:00Z",
  ),
  snapshot(
    12,
    [11],
    "put 1.3.0 back",
    { beta: ["1.0.0", "1.1.0"], champion: "1.3.0", archived: ["1.2.0"] },
    "2026-02-08T10:00:00Z",
  ),
  snapshot(
    13,
    [12],
    promotionMessage({
      action: "rollback",
      model: "rl",
      version: "1.2.0",
      stage: "champion",
      from: "archived",
      displaced: "1.3.0",
      rollbackOf: sha(12),
    }),
    { beta: ["1.0.0", "1.1.0"], champion: "1.2.0", archived: ["1.3.0"] },
    "2026-02-09T10:00:00Z",
  ),
];

const row = (e: ReturnType<typeof stageHistory>[number]) =>
  [e.commit.slice(0, 4), e.version, e.from, e.to, e.kind, e.rollback, e.reason, e.pullRequest] as const;

describe("stageHistory", () => {
  const events = stageHistory(history, seed);

  it("lists every move oldest first: promotions, displacements, reverts, hand edits, merges", () => {
    expect(events.map(row)).toEqual([
      ["0001", "1.2.0", "development", "beta", "promotion", false, "Passed initial validation", null],
      ["0002", "1.2.0", "beta", "champion", "promotion", false, null, null],
      ["0003", "1.3.0", "development", "beta", "promotion", false, null, null],
      ["0004", "1.3.0", "beta", "champion", "promotion", false, "Best performance in backtesting", null],
      ["0004", "1.2.0", "champion", "archived", "demotion", false, "displaced by 1.3.0", null],
      ["0005", "1.3.0", "champion", "beta", "rollback", true, null, null],
      ["0005", "1.2.0", "archived", "champion", "rollback", true, null, null],
      ["0006", "1.0.0", "development", "archived", "hand-edit", false, null, null],
      ["0007", "1.1.0", "development", "beta", "promotion", false, null, 12],
      ["0009", "1.0.0", "archived", "beta", "promotion", false, "retry", 13],
      ["000c", "1.3.0", "beta", "champion", "hand-edit", true, null, null],
      ["000c", "1.2.0", "champion", "archived", "hand-edit", false, null, null],
      ["000d", "1.2.0", "archived", "champion", "rollback", true, null, null],
      ["000d", "1.3.0", "champion", "archived", "rollback", true, "displaced by 1.2.0", null],
    ]);
  });

  it("records who and when from the commit", () => {
    expect(events[5]).toMatchObject({
      who: "Bob",
      email: "bob@example.com",
      at: "2026-02-01T08:00:00+01:00",
      commit: sha(5),
      subject: 'Revert "promote rl@1.3.0 to champion"',
    });
  });

  it("reads the same linear history without parents (each snapshot follows the one before)", () => {
    const linear = history.filter((s) => s.parents.length < 2).map((s) => ({ ...s, parents: [] }));
    expect(stageHistory(linear, seed).map(row)).toEqual(
      events.map(row).map((r) => (r[1] === "1.1.0" ? [...r.slice(0, 7), null] : r)),
    );
  });

  it("reports a merge's own change when its branch is not among the snapshots", () => {
    const merged = stageHistory(
      [
        snapshot(1, [], "start", { beta: ["1.1.0"] }, "2026-01-01T00:00:00Z"),
        snapshot(
          3,
          [1, 2],
          "Merge pull request #7 from acme/x",
          { beta: ["1.1.0", "1.2.0"] },
          "2026-01-02T00:00:00Z",
        ),
      ],
      seed,
    );
    expect(merged.map(row).at(-1)).toEqual([
      "0003",
      "1.2.0",
      "development",
      "beta",
      "hand-edit",
      false,
      null,
      7,
    ]);
  });
});

describe("heldBeforeFrom and previousHolder", () => {
  it("remembers every stage a version held explicitly", () => {
    const held = heldBeforeFrom(history.slice(0, 4), seed);
    expect(held("1.2.0", "champion")).toBe(true);
    expect(held("1.3.0", "beta")).toBe(true);
    expect(held("1.1.0", "beta")).toBe(false);
    expect(held("1.2.0", "development")).toBe(false);
  });

  it("lets validate accept a git revert of the last promotion", () => {
    const before = history[3]!.stages;
    const after = history[4]!.stages!;
    const input = {
      before,
      after,
      afterText: serializeStages(after, seed, SCHEMES.semver),
      file: "models/rl/stages.json",
      config: seed,
      registered: new Set(["1.0.0", "1.1.0", "1.2.0", "1.3.0"]),
    };
    expect(checkStageChange({ ...input, heldBefore: heldBeforeFrom(history.slice(0, 4), seed) })).toEqual([]);
    expect(checkStageChange({ ...input, heldBefore: () => false })).toMatchObject([
      { message: "1.2.0: archived -> champion is not allowed; from archived: development, beta" },
    ]);
  });

  it("restores the holder the stage had before its last change, twice like reverting a revert", () => {
    const parked = (v: string) => (v === "1.2.0" ? "archived" : "beta");
    const first = rollbackTarget({
      model: "rl",
      stage: "champion",
      events: stageHistory(history.slice(0, 4), seed),
      current: "1.3.0",
      stageOf: parked,
      config: seed,
    });
    expect(first).toEqual({ version: "1.2.0", undone: sha(4) });
    // After the revert (commit 5) 1.2.0 holds champion again; its last change brought 1.2.0 back.
    expect(
      rollbackTarget({
        model: "rl",
        stage: "champion",
        events: stageHistory(history.slice(0, 5), seed),
        current: "1.2.0",
        stageOf: () => "development",
        config: seed,
      }),
    ).toEqual({ version: "1.3.0", undone: sha(5) });
  });

  it("refuses when the stage held nothing before, or its earlier holder holds another stage now", () => {
    const input = {
      model: "rl",
      stage: "champion",
      events: stageHistory(history.slice(0, 4), seed),
      current: "1.3.0",
      config: seed,
    };
    expect(() =>
      rollbackTarget({
        ...input,
        events: stageHistory(history.slice(0, 2), seed),
        current: "1.2.0",
        stageOf: () => "champion",
      }),
    ).toThrow(
      `rl#champion has no earlier holder to roll back to: it held no version before 1.2.0 entered it (commit ${sha(2).slice(0, 7)})`,
    );
    const moved = (() => {
      try {
        rollbackTarget({ ...input, stageOf: () => "beta" });
      } catch (e) {
        return e as GitModelError;
      }
    })();
    expect(moved?.message).toBe(
      "rl#champion's earlier holder 1.2.0 is in beta now, and rolling back champion does not move a version out of beta",
    );
    expect(moved?.hint).toBe(
      "take 1.3.0 out with git model demote rl@1.3.0; to move 1.2.0 back anyway: git model promote rl@1.2.0 champion",
    );
    expect(moved?.exitCode).toBe(1);
    expect(() => rollbackTarget({ ...input, stageOf: () => undefined })).toThrow(
      "rl#champion's earlier holder 1.2.0 is no longer registered",
    );
  });
});

describe("holderAt", () => {
  it("answers what held a stage at a date: a bare date counts the whole day", () => {
    expect(holderAt(history, "champion", { date: "2026-01-24" })).toEqual({
      versions: ["1.2.0"],
      commit: sha(3),
      date: "2026-01-20T10:00:00Z",
    });
    expect(holderAt(history, "champion", { date: "2026-01-25" }).versions).toEqual(["1.3.0"]);
    expect(holderAt(history, "champion", { date: "2026-01-25T08:59:59Z" }).versions).toEqual(["1.2.0"]);
    expect(holderAt(history, "champion", { date: "2026-02-01T12:00:00" }).versions).toEqual(["1.2.0"]);
    expect(holderAt(history, "champion", { date: "2025-12-31" })).toEqual({
      versions: [],
      commit: null,
      date: null,
    });
  });

  it("answers at a commit, carrying the last readable file over a broken one", () => {
    expect(holderAt(history, "champion", { commit: sha(4).slice(0, 7) }).versions).toEqual(["1.3.0"]);
    expect(holderAt(history, "beta", { commit: sha(10) }).versions).toEqual(["1.0.0", "1.1.0", "1.3.0"]);
  });

  it("refuses a bad date, a bad commit and a commit that did not change stages.json", () => {
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as GitModelError;
      }
      throw new Error("expected an error");
    };
    expect(error(() => holderAt(history, "champion", { date: "last tuesday" }))).toMatchObject({
      kind: "usage",
      message: 'invalid date "last tuesday"',
    });
    expect(error(() => holderAt(history, "champion", { commit: "xyz" })).message).toBe(
      'invalid commit "xyz"',
    );
    const twins = [
      { ...history[0]!, commit: `abcd1${"0".repeat(35)}` },
      { ...history[1]!, commit: `abcd2${"0".repeat(35)}`, parents: [`abcd1${"0".repeat(35)}`] },
    ];
    expect(error(() => holderAt(twins, "champion", { commit: "abcd" })).message).toBe(
      "commit abcd is ambiguous",
    );
    expect(holderAt(twins, "champion", { commit: "abcd2" }).versions).toEqual(["1.2.0"]);
    const missing = error(() => holderAt(history, "champion", { commit: "ffffff" }));
    expect(missing).toBeInstanceOf(GitModelError);
    expect(missing).toMatchObject({ kind: "not-found", message: "commit ffffff did not change stages.json" });
    expect(instantOf("2026-01-31")).toBe(Date.parse("2026-01-31T23:59:59.999Z"));
  });
});

describe("pullRequestNumber", () => {
  it("reads merge and squash subjects", () => {
    expect(pullRequestNumber("Merge pull request #12 from acme/branch")).toBe(12);
    expect(pullRequestNumber("promote rl@1.3.0 to champion (#345)")).toBe(345);
    expect(pullRequestNumber("promote rl@1.3.0 to champion")).toBeNull();
    expect(pullRequestNumber("fix #12 in the middle")).toBeNull();
  });
});
