import { describe, expect, it } from "vitest";
import { type MonitorPolicy, MonitorPolicySchema } from "../../src/domain/config-schema.js";
import { GitModelError } from "../../src/domain/errors.js";
import { jsonlLine } from "../../src/domain/jsonl.js";
import {
  buildMonitoringLine,
  chooseGoal,
  driftPct,
  MonitoringAccumulator,
  type MonitoringInput,
  type MonitoringLine,
  MonitoringLineSchema,
  monitoringStatus,
  monitoringStatusFromJsonl,
  round2,
  withGoal,
} from "../../src/domain/monitoring.js";
import type { Metadata } from "../../src/domain/schemas.js";

const AT = "2026-01-08T22:03:39Z";

function metadata(
  version = "1.2.0",
  metrics: Record<string, number> = { val_rmse: 0.01, val_mae: 0.006, sharpe_ratio: 1.41 },
): Metadata {
  return {
    schema: 1,
    name: "churn",
    version,
    created_at: "2026-01-01T00:00:00Z",
    artifacts: [{ path: "model.pkl", sha256: "a".repeat(64), size: 1 }],
    metrics,
  };
}

const policy = (extra: Partial<MonitorPolicy> = {}): MonitorPolicy =>
  MonitorPolicySchema.parse({ metric: "rmse", baseline: "metrics.val_rmse", ...extra });

function line(input: Partial<MonitoringInput> & { value: MonitoringInput["value"] }): MonitoringLine {
  return buildMonitoringLine({ at: AT, version: "1.2.0", metadata: metadata(), policy: policy(), ...input });
}

/** A line as the I/O layer would have appended it, with the champion beaten or not. */
function run(opts: {
  drift?: number;
  challengerWins?: boolean;
  challenger?: string;
  version?: string;
  metric?: string;
}) {
  const baseline = 0.01;
  const value = baseline * (1 + (opts.drift ?? 0) / 100);
  const l: MonitoringLine = {
    at: AT,
    version: opts.version ?? "1.2.0",
    metric: opts.metric ?? "rmse",
    value,
    baseline: { path: "metrics.val_rmse", value: baseline },
    drift_pct: opts.drift ?? 0,
    winner: opts.version ?? "1.2.0",
    recommendation: "ok",
  };
  if (opts.challengerWins !== undefined) {
    const version = opts.challenger ?? "1.3.0";
    l.challenger = { version, value: opts.challengerWins ? value * 0.9 : value * 1.1 };
    l.winner = opts.challengerWins ? version : l.version;
  }
  return l;
}

const wins = (...outcomes: boolean[]) => outcomes.map((w) => run({ challengerWins: w }));

function caught(fn: () => unknown): GitModelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GitModelError) return e;
    throw e;
  }
  throw new Error("expected a GitModelError, nothing was thrown");
}

describe("driftPct", () => {
  it("is positive when a min metric rises and when a max metric falls", () => {
    expect(driftPct(0.0125, 0.01, "min")).toBe(25);
    expect(driftPct(0.0095, 0.01, "min")).toBe(-5);
    expect(driftPct(0.75, 0.8, "max")).toBe(6.25);
    expect(driftPct(0.88, 0.8, "max")).toBe(-10);
  });

  it("uses the size of a negative baseline so the direction stays right", () => {
    expect(driftPct(-0.15, -0.12, "max")).toBe(25);
  });

  it("rounds to 2 decimals without float noise or a negative zero", () => {
    expect(round2(25.000000000000004)).toBe(25);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(driftPct(0.0123456, 0.01, "min")).toBe(23.46);
  });
});

describe("buildMonitoringLine", () => {
  it("records a drift of 25 and recommends retraining now", () => {
    const l = line({ value: 0.0125 });
    expect(l).toEqual({
      at: AT,
      version: "1.2.0",
      metric: "rmse",
      goal: "min",
      // The policy says no goal and nothing else does: min, recorded as assumed.
      goal_source: "assumed",
      value: 0.0125,
      baseline: { path: "metrics.val_rmse", value: 0.01 },
      drift_pct: 25,
      winner: "1.2.0",
      recommendation: "retrain-now",
    });
    // What a Python reader gets from json.loads: plain keys, numbers as numbers.
    const parsed = JSON.parse(jsonlLine(l));
    expect(parsed.drift_pct).toBe(25);
    expect(parsed.baseline.value).toBe(0.01);
    expect(MonitoringLineSchema.parse(parsed)).toEqual(l);
  });

  it("recommends nothing at 3% and plans retraining at 7%", () => {
    expect(line({ value: 0.0103 })).toMatchObject({ drift_pct: 3, recommendation: "ok" });
    expect(line({ value: "0.0107" })).toMatchObject({
      value: 0.0107,
      drift_pct: 7,
      recommendation: "plan-retraining",
    });
  });

  it("records an improvement as negative drift and recommends nothing", () => {
    expect(line({ value: 0.008 })).toMatchObject({ drift_pct: -20, recommendation: "ok" });
  });

  it("measures drift by the policy's goal", () => {
    const md = metadata("1.2.0", { val_acc: 0.8 });
    const l = line({
      value: 0.6,
      metadata: md,
      policy: policy({ metric: "acc", baseline: "metrics.val_acc", goal: "max" }),
    });
    expect(l).toMatchObject({ goal: "max", drift_pct: 25, recommendation: "retrain-now" });
  });

  it("normalises the time to UTC seconds", () => {
    expect(line({ value: 0.01, at: new Date("2026-01-08T23:03:39.666+01:00") }).at).toBe(
      "2026-01-08T22:03:39Z",
    );
  });

  it("with --metric and no monitor policy, compares with metrics.NAME and records that baseline", () => {
    const l = line({ value: 0.0066, policy: undefined, metric: "val_mae" });
    expect(l).toMatchObject({
      metric: "val_mae",
      baseline: { path: "metrics.val_mae", value: 0.006 },
      drift_pct: 10,
    });
    expect(l.recommendation).toBe("plan-retraining");
  });

  it("with --metric naming another metric than the policy's, uses that metric's own baseline", () => {
    expect(line({ value: 0.006, metric: "val_mae" }).baseline).toEqual({
      path: "metrics.val_mae",
      value: 0.006,
    });
    expect(line({ value: 0.01, metric: "rmse" }).baseline).toEqual({ path: "metrics.val_rmse", value: 0.01 });
  });

  it("records the challenger, the window and the winning version", () => {
    const l = line({
      value: 0.0101,
      challenger: { version: "1.3.0", value: "0.0099" },
      window: { start: "2025-11-18", end: "2025-12-31", samples: "30" },
    });
    expect(l.challenger).toEqual({ version: "1.3.0", value: 0.0099 });
    expect(l.window).toEqual({ start: "2025-11-18", end: "2025-12-31", samples: 30 });
    expect(l.winner).toBe("1.3.0");
  });

  it("leaves the title with the champion on a tie or a worse challenger", () => {
    expect(line({ value: 0.01, challenger: { version: "1.3.0", value: 0.01 } }).winner).toBe("1.2.0");
    expect(line({ value: 0.01, challenger: { version: "1.3.0", value: 0.02 } }).winner).toBe("1.2.0");
    const max = policy({ metric: "acc", baseline: "metrics.val_acc", goal: "max" });
    const md = metadata("1.2.0", { val_acc: 0.8 });
    expect(
      line({ value: 0.8, metadata: md, policy: max, challenger: { version: "1.3.0", value: 0.85 } }).winner,
    ).toBe("1.3.0");
  });

  it("recommends promotion on the run that completes the streak, given the earlier lines", () => {
    const history = new MonitoringAccumulator(policy());
    const beaten = () => line({ value: 0.01, challenger: { version: "1.3.0", value: 0.009 }, history });
    const first = beaten();
    history.add(first);
    const second = beaten();
    history.add(second);
    const third = beaten();
    expect([first.recommendation, second.recommendation, third.recommendation]).toEqual([
      "ok",
      "ok",
      "propose-promotion",
    ]);
    // Building a line does not feed the history: the I/O layer adds it once it is appended.
    expect(history.lines).toBe(2);
  });

  describe("bad input", () => {
    it.each([Number.NaN, Number.POSITIVE_INFINITY, "abc", "", "  "])("refuses the value %s", (value) => {
      const e = caught(() => line({ value }));
      expect(e.message).toBe(`value must be a finite number, got ${JSON.stringify(String(value))}`);
      expect(e.exitCode).toBe(2);
    });

    it("refuses a non-finite challenger value", () => {
      const e = caught(() => line({ value: 0.01, challenger: { version: "1.3.0", value: "inf" } }));
      expect(e.message).toBe('challenger value must be a finite number, got "inf"');
    });

    it("refuses a challenger that is the monitored version", () => {
      const e = caught(() => line({ value: 0.01, challenger: { version: "1.2.0", value: 0.01 } }));
      expect(e.message).toBe("the challenger 1.2.0 is the monitored version itself");
    });

    it("refuses a window that ends before it starts", () => {
      const e = caught(() => line({ value: 0.01, window: { start: "2025-12-31", end: "2025-11-18" } }));
      expect(e.message).toBe("the window ends (2025-11-18) before it starts (2025-12-31)");
      expect(e.exitCode).toBe(2);
      const t = caught(() =>
        line({ value: 0.01, window: { start: "2025-12-31T10:00:00Z", end: "2025-12-31T09:59:59Z" } }),
      );
      expect(t.message).toContain("before it starts");
    });

    it("accepts a window of one day and a window with one bound", () => {
      expect(line({ value: 0.01, window: { start: "2025-12-31", end: "2025-12-31" } }).window).toEqual({
        start: "2025-12-31",
        end: "2025-12-31",
      });
      expect(line({ value: 0.01, window: { samples: 30 } }).window).toEqual({ samples: 30 });
    });

    it.each(["2025-02-30", "31/12/2025", "2025-12-31T10:00:00", "yesterday"])(
      "refuses the window bound %s",
      (start) => {
        const e = caught(() => line({ value: 0.01, window: { start } }));
        expect(e.message).toBe(`invalid window start ${JSON.stringify(start)}`);
      },
    );

    it.each([0, 2.5, "-3"])("refuses %s samples", (samples) => {
      expect(caught(() => line({ value: 0.01, window: { samples } })).message).toMatch(/^samples must be/);
    });

    it("refuses a baseline metric the version lacks, listing what it has", () => {
      const e = caught(() =>
        line({ value: 0.01, metadata: metadata("1.2.0", { val_mae: 0.006, sharpe_ratio: 1.41 }) }),
      );
      expect(e.message).toBe(
        "churn@1.2.0 has no metrics.val_rmse; it has: metrics.val_mae, metrics.sharpe_ratio",
      );
      expect(e.exitCode).toBe(1);
      expect(e.hint).toContain("monitor.baseline");
    });

    it("says so when the version registered no metrics at all", () => {
      const md = { ...metadata(), metrics: undefined };
      expect(caught(() => line({ value: 0.01, metadata: md })).message).toBe(
        "churn@1.2.0 has no metrics.val_rmse; it has no numeric metrics",
      );
    });

    it("refuses a baseline that is not a number or is zero", () => {
      const tagged = { ...metadata(), tags: { timeframe: "1H" } };
      expect(
        caught(() => line({ value: 1, metadata: tagged, policy: policy({ baseline: "timeframe" }) })).message,
      ).toBe(`churn@1.2.0's timeframe is not a number ("1H")`);
      expect(caught(() => line({ value: 1, metadata: metadata("1.2.0", { val_rmse: 0 }) })).message).toBe(
        "churn@1.2.0's baseline metrics.val_rmse is 0, so a drift in percent is undefined",
      );
    });

    it("refuses a model with no monitor policy and no --metric", () => {
      const e = caught(() => line({ value: 0.01, policy: undefined }));
      expect(e.message).toBe(
        "no metric to monitor: the model has no monitor configuration and no --metric was given",
      );
      expect(e.hint).toContain("--metric NAME");
      expect(e.exitCode).toBe(2);
    });

    it("refuses metadata of another version and an invalid time", () => {
      expect(caught(() => line({ value: 0.01, metadata: metadata("1.3.0") })).message).toBe(
        "the metadata given for churn@1.2.0 is that of version 1.3.0",
      );
      expect(caught(() => line({ value: 0.01, at: "not a time" })).message).toBe(
        'invalid time "not a time" for the monitoring run',
      );
    });
  });
});

describe("monitoringStatus", () => {
  const t = policy();

  it("recommends nothing at 3%, plans retraining at 7%, retrains at 25%", () => {
    expect(monitoringStatus([run({ drift: 3 })], t)).toMatchObject({ code: "ok", drift_level: "ok" });
    const plan = monitoringStatus([run({ drift: 7 })], t);
    expect(plan).toMatchObject({ code: "plan-retraining", drift_level: "warn" });
    expect(plan.message).toBe(
      "plan retraining: rmse of 1.2.0 drifted +7% from its baseline metrics.val_rmse (warn at 5%, retrain over 10%)",
    );
    const retrain = monitoringStatus([run({ drift: 7 }), run({ drift: 25 })], t);
    expect(retrain).toMatchObject({ code: "retrain-now", runs: 2, latest: { drift_pct: 25 } });
    expect(retrain.message).toBe(
      "retrain now: rmse of 1.2.0 drifted +25% from its baseline metrics.val_rmse (retrain over 10%)",
    );
  });

  it("judges the latest run, not the worst one", () => {
    expect(monitoringStatus([run({ drift: 25 }), run({ drift: 1 })], t).code).toBe("ok");
  });

  it("puts the boundaries where seed 003 does: 5-10% plans, over 10% retrains", () => {
    const code = (drift: number) => monitoringStatus([run({ drift })], t).code;
    expect([code(4.99), code(5), code(10), code(10.01)]).toEqual([
      "ok",
      "plan-retraining",
      "plan-retraining",
      "retrain-now",
    ]);
  });

  it("follows configured thresholds", () => {
    expect(
      monitoringStatus([run({ drift: 7 })], policy({ drift_warn_pct: 2, drift_retrain_pct: 6 })).code,
    ).toBe("retrain-now");
  });

  it("proposes a challenger that won the last three runs in a row", () => {
    const s = monitoringStatus(wins(true, true, true), t);
    expect(s.code).toBe("propose-promotion");
    expect(s.message).toBe(
      "propose promotion of 1.3.0: it beat 1.2.0 on rmse in 3 of its last 3 runs (100%), the last 3 in a row",
    );
    expect(s.challenger).toEqual({ version: "1.3.0", wins: 3, runs: 3, rate: 1, streak: 3, qualifies: true });
  });

  it("does not propose a challenger that won only two in a row", () => {
    const s = monitoringStatus(wins(true, true), t);
    expect(s.code).toBe("ok");
    expect(s.challenger).toMatchObject({ version: "1.3.0", streak: 2, qualifies: false });
    expect(monitoringStatus(wins(true, true, true, false, true, true), t).code).toBe("ok");
  });

  it("needs the win rate as well as the streak", () => {
    // 3 in a row but 3 of 5 = 60% < 75%
    const s = monitoringStatus(wins(false, false, true, true, true), t);
    expect(s.code).toBe("ok");
    expect(s.challenger).toMatchObject({ wins: 3, runs: 5, rate: 0.6, streak: 3, qualifies: false });
    // 3 of 4 = 75% is enough
    expect(monitoringStatus(wins(false, true, true, true), t).code).toBe("propose-promotion");
  });

  it("counts the rate over the last `window` runs only", () => {
    const history = wins(...Array<boolean>(10).fill(false), true, true, true, true);
    expect(monitoringStatus(history, policy({ window: 5 })).challenger).toMatchObject({
      wins: 4,
      runs: 5,
      rate: 0.8,
    });
    expect(monitoringStatus(history, policy({ window: 5 })).code).toBe("propose-promotion");
    expect(monitoringStatus(history, policy({ window: 20 })).code).toBe("ok");
  });

  it("counts a streak longer than the window", () => {
    expect(monitoringStatus(wins(true, true, true, true), policy({ window: 2, win_streak: 4 })).code).toBe(
      "propose-promotion",
    );
  });

  it("retrains over a promotion, and promotes over planning retraining", () => {
    const beaten = wins(true, true, true);
    expect(monitoringStatus([...beaten, run({ drift: 25, challengerWins: true })], t).code).toBe(
      "retrain-now",
    );
    const s = monitoringStatus([...beaten, run({ drift: 7, challengerWins: true })], t);
    expect(s).toMatchObject({ code: "propose-promotion", drift_level: "warn" });
  });

  it("keeps challengers apart and proposes the one that qualifies", () => {
    const lines = [
      run({ challengerWins: true, challenger: "1.3.0" }),
      run({ challengerWins: false, challenger: "1.4.0" }),
      run({ challengerWins: true, challenger: "1.3.0" }),
      run({ challengerWins: true, challenger: "1.3.0" }),
      run({ challengerWins: false, challenger: "1.4.0" }),
    ];
    expect(monitoringStatus(lines, t).challenger).toMatchObject({ version: "1.3.0", wins: 3, runs: 3 });
    expect(monitoringStatus(lines.slice(0, 2), t).challenger).toMatchObject({
      version: "1.4.0",
      qualifies: false,
    });
  });

  it("forgets a challenger that has not run in the champion's last `window` runs", () => {
    const lines = [...wins(true, true, true), ...Array.from({ length: 5 }, () => run({}))];
    expect(monitoringStatus(lines, policy({ window: 5 }))).toMatchObject({ code: "ok", challenger: null });
    expect(monitoringStatus(lines, policy({ window: 6 })).code).toBe("propose-promotion");
  });

  it("judges the champion asked for, or the latest line's version", () => {
    const lines = [run({ version: "1.2.0", drift: 25 }), run({ version: "1.3.0", drift: 1 })];
    expect(monitoringStatus(lines, t)).toMatchObject({ champion: "1.3.0", code: "ok" });
    expect(monitoringStatus(lines, t, { champion: "1.2.0" })).toMatchObject({
      champion: "1.2.0",
      code: "retrain-now",
    });
    // Wins against another champion are no evidence against this one.
    const promoted = [
      ...wins(true, true, true),
      run({ version: "1.3.0", challengerWins: true, challenger: "1.4.0" }),
    ];
    expect(monitoringStatus(promoted, t).code).toBe("ok");
  });

  it("judges the policy's metric and ignores lines of other metrics", () => {
    const lines = [run({ drift: 25 }), run({ drift: 1, metric: "mae" })];
    expect(monitoringStatus(lines, t)).toMatchObject({ metric: "rmse", code: "retrain-now" });
    expect(monitoringStatus(lines, undefined)).toMatchObject({ metric: "mae", code: "ok" });
  });

  it("says when there are no runs", () => {
    expect(monitoringStatus([], t)).toMatchObject({
      code: "no-data",
      message: "no monitoring runs yet for metric rmse",
      latest: null,
    });
    expect(monitoringStatus([], undefined).message).toBe("no monitoring runs yet");
  });

  it("uses the default thresholds without a policy", () => {
    expect(monitoringStatus(wins(true, true, true)).thresholds).toEqual({
      drift_warn_pct: 5,
      drift_retrain_pct: 10,
      win_rate: 0.75,
      win_streak: 3,
      window: 20,
    });
  });
});

describe("MonitoringAccumulator", () => {
  /** A deterministic pseudo-random history: drifts, champions, challengers and outcomes vary. */
  function* history(n: number): Generator<MonitoringLine> {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < n; i++) {
      const version = i < n / 2 ? "1.2.0" : "1.3.0";
      const challenger = next() < 0.2 ? undefined : next() < 0.7 ? "1.4.0" : "1.5.0";
      yield run({
        version,
        drift: Math.round(next() * 1500) / 100,
        ...(challenger ? { challenger, challengerWins: next() < 0.8 } : {}),
      });
    }
  }

  it("gives the batch answer when fed many lines one by one", () => {
    const all = [...history(20_000)];
    const accumulator = new MonitoringAccumulator(policy());
    const seen = new Set<string>();
    all.forEach((l, i) => {
      accumulator.add(l);
      if (i % 997 === 0 || i === all.length - 1) {
        const expected = monitoringStatus(all.slice(0, i + 1), policy());
        expect(accumulator.status()).toEqual(expected);
        seen.add(expected.code);
      }
    });
    expect(accumulator.lines).toBe(20_000);
    // The checkpoints exercised more than one answer, so the comparison means something.
    expect(seen.size).toBeGreaterThan(1);
  });

  it("matches a batch recount of the last `window` runs for every prefix", () => {
    const p = policy({ window: 4 });
    const lines = wins(true, false, true, true, true, false, true, true, true, true);
    const accumulator = new MonitoringAccumulator(p);
    lines.forEach((l, i) => {
      accumulator.add(l);
      const recent = lines.slice(0, i + 1).slice(-4);
      const recount = recent.filter((r) => r.winner === "1.3.0").length;
      expect(accumulator.status().challenger).toMatchObject({ wins: recount, runs: recent.length });
    });
  });

  it("clones into an independent copy", () => {
    const a = new MonitoringAccumulator(policy());
    a.add(run({ challengerWins: true }));
    const b = a.clone();
    b.add(run({ challengerWins: true })).add(run({ challengerWins: true }));
    expect(a.status().challenger).toMatchObject({ wins: 1, runs: 1 });
    expect(b.status().challenger).toMatchObject({ wins: 3, runs: 3 });
    expect(b.status().code).toBe("propose-promotion");
  });
});

describe("monitoringStatusFromJsonl", () => {
  it("reports a torn last line and answers from the lines before it", () => {
    const text = `${wins(true, true, true).map(jsonlLine).join("")}{"at":"2026-01-09T00:00:00Z","version":"1.2`;
    const { status, issues } = monitoringStatusFromJsonl(text, policy());
    expect(status.code).toBe("propose-promotion");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 4, torn: true });
  });
});

describe("which way is better (issue 10 item 5)", () => {
  const q = { model: "iris", metric: "accuracy", baselinePath: "metrics.accuracy" };
  it("takes the monitor policy's goal, else the ranking's for the same metric, else the flag, else assumes min", () => {
    const monitor = policy({ metric: "accuracy", baseline: "metrics.accuracy", goal: "max" });
    expect(chooseGoal({ ...q, monitor })).toEqual({ goal: "max", source: "monitor" });
    expect(chooseGoal({ ...q, rank: { metric: "metrics.accuracy", goal: "max" } })).toEqual({
      goal: "max",
      source: "rank",
    });
    // A ranking by another metric says nothing about this one.
    expect(chooseGoal({ ...q, rank: { metric: "metrics.loss", goal: "min" }, flag: "max" })).toEqual({
      goal: "max",
      source: "flag",
    });
    expect(chooseGoal(q)).toEqual({ goal: "min", source: "assumed" });
    expect(() => chooseGoal({ ...q, monitor, flag: "min" })).toThrow(/contradicts monitor.goal of iris/);
  });

  it("re-judges a line written with the other goal: drift and winner flip", () => {
    const written = line({ value: 0.0125, challenger: { version: "1.3.0", value: 0.011 } });
    expect(written).toMatchObject({ goal: "min", drift_pct: 25, winner: "1.3.0" });
    expect(withGoal(written, "max")).toMatchObject({ goal: "max", drift_pct: -25, winner: "1.2.0" });
    expect(withGoal(written, "min")).toBe(written);
  });
});
