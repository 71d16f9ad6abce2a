import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/domain/config.js";
import type { SelectPolicy } from "../../src/domain/config-schema.js";
import { GitModelError } from "../../src/domain/errors.js";
import type { Metadata } from "../../src/domain/schemas.js";
import { type Candidate, type SelectOptions, select, versionNumber } from "../../src/domain/selection.js";
import { SCHEMES } from "../../src/domain/versions.js";
import { SEED_001 } from "../helpers/fixtures.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const majorMinor = SCHEMES["major-minor"];

function metadata(version: string, created_at: string, fields: Record<string, unknown> = {}): Metadata {
  return {
    schema: 1,
    name: "bot",
    version,
    created_at,
    artifacts: [{ path: "meta_model.joblib", sha256: "0".repeat(64), size: 1 }],
    ...fields,
  };
}

const candidate = (m: Metadata, missing: string[] = []): Candidate => ({
  version: m.version,
  metadata: m,
  missing,
});

const symbols = (n: number) => Array.from({ length: n }, (_, i) => `SYM${i}USDT`);

/** Seed 001's four versions. Old and new metadata record the fields differently on purpose. */
const seed001 = [
  // Trained before the registry recorded training_mode: treated as single_symbol through defaults.
  candidate(metadata("1.0", "2025-12-04T12:00:00Z", { trained_symbols: ["BTCUSDT"], training_days: 730 })),
  candidate(
    metadata("1.1", "2025-12-05T00:00:00Z", {
      tags: { training_mode: "multi_symbol", symbol_encoding_type: "one_hot" },
      trained_symbols: symbols(5),
    }),
  ),
  candidate(
    metadata("1.2", "2025-12-10T00:00:00Z", {
      training_mode: "multi_symbol",
      symbol_encoding_type: "index",
      trained_symbols: symbols(8),
    }),
  ),
  candidate(
    metadata("2.0", "2025-12-20T00:00:00Z", {
      tags: { training_mode: "multi_symbol", symbol_encoding_type: "one_hot" },
      trained_symbols: symbols(10),
    }),
  ),
];

/** The policy of DESIGN section 6 (at the top level, so for every model), read through the real configuration parser. */
const seedConfig = parseConfig(SEED_001);
const seedPolicy = seedConfig.selectFor("bot");
const options = (extra: Partial<SelectOptions> = {}): SelectOptions => ({
  scheme: majorMinor,
  now: NOW,
  ...extra,
});

function usageError(run: () => unknown): GitModelError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GitModelError);
    expect((error as GitModelError).exitCode).toBe(2);
    return error as GitModelError;
  }
  throw new Error("expected a usage error, but nothing was thrown");
}

describe("seed 001's worked example", () => {
  it("reads the policy and the major-minor scheme from .gitmodel.yaml", () => {
    expect(seedConfig.schemeFor("bot").name).toBe("major-minor");
    expect(seedPolicy?.rank?.score).toHaveLength(3);
  });

  it("selects 2.0 and explains every candidate and every rejection", () => {
    const result = select(seed001, seedPolicy, options());
    expect(result.winner).toBe("2.0");
    expect(result.rank).toEqual({
      by: "score",
      terms: ["count trained_symbols x10", "recency created_at (365 days)", "version"],
    });
    expect(result.candidates).toEqual([
      {
        version: "2.0",
        score: 653,
        breakdown: [
          { term: "count trained_symbols x10", value: 10, points: 100 },
          { term: "recency created_at (365 days)", value: 12, points: 353 },
          { term: "version", value: 200, points: 200 },
        ],
      },
      {
        version: "1.1",
        score: 489,
        breakdown: [
          { term: "count trained_symbols x10", value: 5, points: 50 },
          { term: "recency created_at (365 days)", value: 27, points: 338 },
          { term: "version", value: 101, points: 101 },
        ],
      },
    ]);
    expect(result.rejected).toEqual([
      { version: "1.2", reasons: ["symbol_encoding_type is index, required one_hot"] },
      { version: "1.0", reasons: ["training_mode is single_symbol (default), required multi_symbol"] },
    ]);
    expect(result.fallbackUsed).toBeNull();
    expect(result.warnings).toEqual([]);
  });

  it("selects 1.2 when --require symbol_encoding_type=index replaces the policy's requirement", () => {
    const result = select(seed001, seedPolicy, options({ require: ["symbol_encoding_type=index"] }));
    expect(result.winner).toBe("1.2");
    expect(result.candidates.map((c) => c.version)).toEqual(["1.2"]);
    expect(result.rejected.map((r) => r.version)).toEqual(["2.0", "1.1", "1.0"]);
  });

  it("has no winner for an impossible requirement, and says why each version was rejected", () => {
    const result = select(seed001, seedPolicy, options({ require: ["training_mode=quantum"] }));
    expect(result.winner).toBeNull();
    expect(result.candidates).toEqual([]);
    expect(result.rejected).toEqual([
      { version: "2.0", reasons: ["training_mode is multi_symbol, required quantum"] },
      {
        version: "1.2",
        reasons: [
          "training_mode is multi_symbol, required quantum",
          "symbol_encoding_type is index, required one_hot",
        ],
      },
      { version: "1.1", reasons: ["training_mode is multi_symbol, required quantum"] },
      { version: "1.0", reasons: ["training_mode is single_symbol (default), required quantum"] },
    ]);
  });

  it("rejects an incomplete version with the missing file, even when it would win", () => {
    const withMissing = seed001.map((c) =>
      c.version === "2.0" ? { ...c, missing: ["feature_scaler_v2.0.joblib"] } : c,
    );
    const result = select(withMissing, seedPolicy, options());
    expect(result.winner).toBe("1.1");
    expect(result.rejected[0]).toEqual({
      version: "2.0",
      reasons: ["missing file feature_scaler_v2.0.joblib"],
    });
  });

  it("is JSON-serialisable as it is", () => {
    const result = select(seed001, seedPolicy, options());
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe("select without a rank", () => {
  it("picks the newest complete version by the scheme's order (1.10 after 1.9)", () => {
    const versions = [
      candidate(metadata("1.9", "2025-01-01T00:00:00Z")),
      candidate(metadata("1.10", "2025-01-02T00:00:00Z")),
      candidate(metadata("1.11", "2025-01-03T00:00:00Z"), ["meta_model.joblib"]),
    ];
    const result = select(versions, undefined, options());
    expect(result.rank).toEqual({ by: "newest" });
    expect(result.winner).toBe("1.10");
    expect(result.candidates.map((c) => c.version)).toEqual(["1.10", "1.9"]);
    expect(result.rejected).toEqual([{ version: "1.11", reasons: ["missing file meta_model.joblib"] }]);
  });

  it("has no winner when the model has no versions", () => {
    expect(select([], undefined, options()).winner).toBeNull();
  });
});

describe("rank by a metric", () => {
  const runs = [
    candidate(metadata("1.0", "2025-01-01T00:00:00Z", { metrics: { val_rmse: 0.02, sharpe_ratio: 1.1 } })),
    candidate(metadata("1.1", "2025-01-02T00:00:00Z", { metrics: { val_rmse: 0.01, sharpe_ratio: 0.9 } })),
    candidate(metadata("1.2", "2025-01-03T00:00:00Z", { metrics: { sharpe_ratio: 1.4 } })),
  ];

  it("takes the lowest value with goal min, and rejects a version that lacks the metric", () => {
    const result = select(runs, { rank: { metric: "metrics.val_rmse", goal: "min" } }, options());
    expect(result.winner).toBe("1.1");
    expect(result.candidates).toEqual([
      { version: "1.1", value: 0.01 },
      { version: "1.0", value: 0.02 },
    ]);
    expect(result.rejected).toEqual([
      { version: "1.2", reasons: ["metrics.val_rmse is missing, needed to rank"] },
    ]);
  });

  it("takes the highest value with goal max", () => {
    const result = select(runs, { rank: { metric: "metrics.sharpe_ratio", goal: "max" } }, options());
    expect(result.candidates.map((c) => c.version)).toEqual(["1.2", "1.0", "1.1"]);
  });

  it("gives a tie to the higher version", () => {
    const tied = [
      candidate(metadata("1.10", "2025-01-01T00:00:00Z", { metrics: { auc: 0.9 } })),
      candidate(metadata("1.9", "2025-01-02T00:00:00Z", { metrics: { auc: 0.9 } })),
      candidate(metadata("1.2", "2025-01-03T00:00:00Z", { metrics: { auc: 0.8 } })),
    ];
    const result = select(tied, { rank: { metric: "metrics.auc", goal: "max" } }, options());
    expect(result.candidates.map((c) => c.version)).toEqual(["1.10", "1.9", "1.2"]);
  });

  it("gives a score tie to the higher version", () => {
    const tied = [
      candidate(metadata("2.0", "2025-01-01T00:00:00Z", { trained_symbols: ["A"] })),
      candidate(metadata("2.1", "2025-01-01T00:00:00Z", { trained_symbols: ["B"] })),
    ];
    const policy: SelectPolicy = { rank: { score: [{ count: "trained_symbols", weight: 10 }] } };
    const result = select(tied, policy, options());
    expect(result.winner).toBe("2.1");
    expect(result.candidates).toEqual([
      { version: "2.1", score: 10, breakdown: [{ term: "count trained_symbols x10", value: 1, points: 10 }] },
      { version: "2.0", score: 10, breakdown: [{ term: "count trained_symbols x10", value: 1, points: 10 }] },
    ]);
  });
});

describe("score terms", () => {
  it("counts a missing list as empty and clamps recency at zero past the horizon", () => {
    const old = [candidate(metadata("1.0", "2023-01-01T00:00:00Z"))];
    const others = [candidate(metadata("1.1", "2025-12-31T00:00:00Z", { trained_symbols: ["A", "B"] }))];
    const policy: SelectPolicy = {
      rank: {
        score: [
          { count: "trained_symbols", weight: 10 },
          { recency: "created_at", horizon_days: 365, weight: 1 },
        ],
      },
    };
    const result = select([...old, ...others], policy, options());
    expect(result.candidates).toEqual([
      {
        version: "1.1",
        score: 20 + 364,
        breakdown: [
          { term: "count trained_symbols x10", value: 2, points: 20 },
          { term: "recency created_at (365 days)", value: 1, points: 364 },
        ],
      },
      {
        version: "1.0",
        score: 0,
        breakdown: [
          { term: "count trained_symbols x10", value: null, points: 0 },
          { term: "recency created_at (365 days)", value: 1096, points: 0 },
        ],
      },
    ]);
  });

  it("reads a date without an offset as UTC (seed 001's training_end_timestamp)", () => {
    const run = candidate(
      metadata("1.0", "2025-01-01T00:00:00Z", { training_end_timestamp: "2025-12-30T12:00:00" }),
    );
    const policy: SelectPolicy = {
      rank: { score: [{ recency: "training_end_timestamp", horizon_days: 10, weight: 1 }] },
    };
    expect(select([run], policy, options()).candidates[0]?.breakdown).toEqual([
      { term: "recency training_end_timestamp (10 days)", value: 1, points: 9 },
    ]);
  });

  it("weights a metric term and rejects a version that lacks it", () => {
    const runs = [
      candidate(metadata("1.0", "2025-01-01T00:00:00Z", { metrics: { auc: 0.5 } })),
      candidate(metadata("1.1", "2025-01-02T00:00:00Z")),
    ];
    const result = select(runs, { rank: { score: [{ metric: "metrics.auc", weight: 100 }] } }, options());
    expect(result.candidates).toEqual([
      { version: "1.0", score: 50, breakdown: [{ term: "metric metrics.auc x100", value: 0.5, points: 50 }] },
    ]);
    expect(result.rejected).toEqual([
      { version: "1.1", reasons: ["metrics.auc is missing, needed to rank"] },
    ]);
  });

  it("turns a version into major*100 + minor", () => {
    expect(versionNumber("2.0")).toBe(200);
    expect(versionNumber("1.12")).toBe(112);
    expect(versionNumber("1.3.0")).toBe(103);
  });
});

describe("--fallback (seed 004: fall back to a base model)", () => {
  const runs = [
    candidate(metadata("1.0", "2025-01-01T00:00:00Z", { tags: { model_type: "base", timeframe: "1H" } })),
    candidate(metadata("1.1", "2025-01-02T00:00:00Z", { tags: { model_type: "base", timeframe: "4H" } })),
    candidate(
      metadata("1.2", "2025-01-03T00:00:00Z", { tags: { model_type: "continued", timeframe: "4H" } }),
    ),
  ];
  const policy: SelectPolicy = { require: { timeframe: "1H" } };

  it("retries with the requirement replaced when nothing matches, and says so", () => {
    const result = select(
      runs,
      policy,
      options({ require: ["model_type=continued"], fallback: ["model_type=base"] }),
    );
    expect(result.winner).toBe("1.0");
    expect(result.fallbackUsed).toEqual({
      applied: ["model_type=base"],
      replaced: ["model_type=continued"],
      firstAttemptRejected: [
        { version: "1.2", reasons: ["timeframe is 4H, required 1H"] },
        {
          version: "1.1",
          reasons: ["timeframe is 4H, required 1H", "model_type is base, required continued"],
        },
        { version: "1.0", reasons: ["model_type is base, required continued"] },
      ],
    });
  });

  it("is not used when the first attempt has a winner", () => {
    const result = select(
      runs,
      undefined,
      options({ require: ["model_type=continued"], fallback: ["model_type=base"] }),
    );
    expect(result.winner).toBe("1.2");
    expect(result.fallbackUsed).toBeNull();
  });
});

describe("where filters in select", () => {
  const runs = [
    candidate(metadata("1.0", "2025-01-01T00:00:00Z", { metrics: { val_rmse: 0.03 } })),
    candidate(metadata("1.1", "2025-01-02T00:00:00Z", { metrics: { val_rmse: 0.01 } })),
    candidate(metadata("1.2", "2025-01-03T00:00:00Z", { metrics: { val_rmse: 0.05 } })),
  ];

  it("adds --where to the policy's where", () => {
    const result = select(
      runs,
      { where: ["metrics.val_rmse<0.04"] },
      options({ where: ["metrics.val_rmse>0.02"] }),
    );
    expect(result.winner).toBe("1.0");
    expect(result.rejected).toEqual([
      { version: "1.2", reasons: ["metrics.val_rmse is 0.05, required < 0.04"] },
      { version: "1.1", reasons: ["metrics.val_rmse is 0.01, required > 0.02"] },
    ]);
  });

  it("warns when a filter names a field that no version has", () => {
    const result = select(runs, undefined, options({ require: ["training_mode=multi_symbol"] }));
    expect(result.winner).toBeNull();
    expect(result.warnings).toEqual([
      'no version has training_mode (--require "training_mode=multi_symbol"); fields that exist: artifacts, created_at, metrics.val_rmse, name, schema, version',
    ]);
  });
});

describe("bad input is a usage error that says what to fix", () => {
  const runs = [
    candidate(metadata("1.0", "2025-01-01T00:00:00Z", { metrics: { val_rmse: 0.02, val_mae: 0.01 } })),
    candidate(
      metadata("1.1", "2025-01-02T00:00:00Z", { metrics: { val_rmse: 0.01 }, params: { depth: "deep" } }),
    ),
  ];

  it("names an unknown rank metric and lists the metrics that exist", () => {
    const error = usageError(() =>
      select(runs, { rank: { metric: "metrics.rmse", goal: "min" } }, options()),
    );
    expect(error.message).toBe(
      "unknown path metrics.rmse in select.rank.metric: no version has it (fields that exist: metrics.val_mae, metrics.val_rmse)",
    );
  });

  it("names an unknown score path", () => {
    const policy: SelectPolicy = { rank: { score: [{ count: "symbols", weight: 10 }] } };
    const error = usageError(() => select(runs, policy, options()));
    expect(error.message).toMatch(
      /^unknown path symbols in select\.rank\.score \(count symbols x10\): no version has it/,
    );
    expect(error.message).toContain("fields that exist: artifacts, created_at, metrics.val_mae");
  });

  it("names the version and path of a value that is not a number", () => {
    const error = usageError(() =>
      select(runs, { rank: { metric: "params.depth", goal: "max" } }, options()),
    );
    expect(error.message).toBe('select.rank.metric: params.depth of version 1.1 is "deep", not a number');
  });

  it("names the version and path of a count that is not a list, and of a date that is not a date", () => {
    const bad = [
      candidate(
        metadata("1.0", "2025-01-01T00:00:00Z", { trained_symbols: "BTCUSDT", trained_at: "yesterday" }),
      ),
    ];
    expect(
      usageError(() => select(bad, { rank: { score: [{ count: "trained_symbols", weight: 1 }] } }, options()))
        .message,
    ).toBe('count trained_symbols: trained_symbols of version 1.0 is "BTCUSDT", not a list');
    const recency: SelectPolicy = {
      rank: { score: [{ recency: "trained_at", horizon_days: 30, weight: 1 }] },
    };
    expect(usageError(() => select(bad, recency, options())).message).toBe(
      'recency trained_at (30 days): trained_at of version 1.0 is "yesterday", not an ISO 8601 date',
    );
  });

  it("asks for a goal when ranking by a metric without one", () => {
    const error = usageError(() => select(runs, { rank: { metric: "metrics.val_rmse" } }, options()));
    expect(error.message).toBe("select.rank.metric metrics.val_rmse needs a goal: min or max");
  });

  it("points at the character of a --where that does not parse", () => {
    const error = usageError(() => select(runs, undefined, options({ where: ["metrics.rmse>>1"] })));
    expect(error.message.split("\n")[0]).toBe(`--where "metrics.rmse>>1": unexpected '>' at column 14`);
    expect(error.column).toBe(14);
  });

  it("refuses a --require that is not k=v", () => {
    const error = usageError(() => select(runs, undefined, options({ require: ["metrics.val_rmse<1"] })));
    expect(error.message).toBe(`--require "metrics.val_rmse<1": --require takes KEY=VALUE, not '<'`);
  });

  it("refuses a policy with both a metric and a score when the configuration is read", () => {
    const yaml = `
select:
  rank:
    metric: metrics.val_rmse
    goal: min
    score:
      - { version: true }
`;
    expect(() => parseConfig(yaml)).toThrow(/select\.rank: rank takes either metric or score, not both/);
    expect(() => parseConfig(yaml)).toThrow(GitModelError);
  });
});
