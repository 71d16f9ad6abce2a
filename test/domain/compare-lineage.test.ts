import { describe, expect, it } from "vitest";
import { compareMetadata } from "../../src/domain/compare.js";
import { GitModelError } from "../../src/domain/errors.js";
import {
  canonicalRef,
  descendants,
  improvement,
  lineageChain,
  percentChange,
  refOf,
} from "../../src/domain/lineage.js";
import type { Metadata } from "../../src/domain/schemas.js";

function metadata(version: string, fields: Partial<Metadata> = {}, name = "trader"): Metadata {
  return {
    schema: 1,
    name,
    version,
    created_at: `2026-01-0${version.split(".")[1] ?? "1"}T00:00:00Z`,
    artifacts: [{ path: "model.zip", sha256: "0".repeat(64), size: 1 }],
    ...fields,
  };
}

describe("improvement", () => {
  it("is the percent change of every shared metric, to two decimals (seed 004's 8.35)", () => {
    expect(
      improvement(
        { sharpe_ratio: 2, mean_reward: 100, win_rate: 0.5, only_base: 1 },
        { sharpe_ratio: 2.167, mean_reward: 115.72, win_rate: 0.5, only_new: 3 },
      ),
    ).toEqual({ sharpe_ratio: 8.35, mean_reward: 15.72, win_rate: 0 });
  });

  it("leaves out a metric whose base is 0 and measures against |base| for a negative base", () => {
    expect(improvement({ drawdown: 0, sharpe_ratio: -0.5 }, { drawdown: 0.1, sharpe_ratio: 0.5 })).toEqual({
      sharpe_ratio: 200,
    });
    expect(improvement(undefined, { sharpe_ratio: 1 })).toEqual({});
  });

  it("gives null for a percent change from 0 and a negative change for a decrease", () => {
    expect(percentChange(0, 1)).toBeNull();
    expect(percentChange(0.0119, 0.011402)).toBe(-4.18);
  });
});

describe("compareMetadata", () => {
  const a = metadata("1.2", {
    metrics: { val_rmse: 0.0119, sharpe_ratio: 1.3, old_only: 1, zero: 0 },
    params: { max_depth: 6, learning_rate: 0.05, layers: [64, 32], optimizer: { name: "adam", beta: 0.9 } },
    tags: { timeframe: "1H", model_type: "base" },
  });
  const b = metadata("1.3", {
    metrics: { val_rmse: 0.011402, sharpe_ratio: 1.3, zero: 2, new_only: 5 },
    params: {
      max_depth: 8,
      learning_rate: 0.05,
      layers: [64, 32],
      optimizer: { beta: 0.9, name: "adam" },
      seed: 1,
    },
    tags: { timeframe: "1H", model_type: "continued" },
    lineage: { base: "trader@1.2", enhancement: "continued" },
  });

  it("puts metrics side by side with the absolute and percent change", () => {
    expect(compareMetadata(a, b).metrics).toEqual([
      { name: "val_rmse", a: 0.0119, b: 0.011402, change: -0.000498, changePct: -4.18 },
      { name: "sharpe_ratio", a: 1.3, b: 1.3, change: 0, changePct: 0 },
      { name: "old_only", a: 1, b: null, change: null, changePct: null },
      { name: "zero", a: 0, b: 2, change: 2, changePct: null },
      { name: "new_only", a: null, b: 5, change: null, changePct: null },
    ]);
  });

  it("lists only the params and tags that differ, whatever the key order", () => {
    const comparison = compareMetadata(a, b);
    expect(comparison.params).toEqual([
      { name: "max_depth", a: 6, b: 8 },
      { name: "seed", a: null, b: 1 },
    ]);
    expect(comparison.tags).toEqual([{ name: "model_type", a: "base", b: "continued" }]);
  });

  it("shows each side's reference and lineage, and is plain JSON", () => {
    const comparison = compareMetadata(a, b);
    expect(comparison.a).toEqual({ ref: "trader@1.2", created_at: "2026-01-02T00:00:00Z", lineage: null });
    expect(comparison.b).toEqual({
      ref: "trader@1.3",
      created_at: "2026-01-03T00:00:00Z",
      lineage: { base: "trader@1.2", enhancement: "continued" },
    });
    expect(JSON.parse(JSON.stringify(comparison))).toEqual(comparison);
  });
});

describe("lineage", () => {
  // 1.1 (base) <- 1.2 (continued) <- 1.4 (replay); 1.1 <- 1.3 (curriculum); 1.5 was derived from a deleted 1.0.
  const all = [
    metadata("1.1"),
    metadata("1.2", { lineage: { base: "trader@v1.1", enhancement: "continued" } }),
    metadata("1.3", { lineage: { base: "trader@1.1", enhancement: "curriculum" } }),
    metadata("1.4", { lineage: { base: "trader@1.2", enhancement: "replay" } }),
    metadata("1.5", { lineage: { base: "trader@1.0" } }),
  ];
  const byRef = new Map(all.map((m) => [refOf(m), m]));
  const lookup = (ref: string) => byRef.get(ref);

  it("normalises a leading v in references", () => {
    expect(canonicalRef("trader@v1.2")).toBe("trader@1.2");
    expect(canonicalRef("trader@1.2")).toBe("trader@1.2");
  });

  it("follows the chain to the root", () => {
    const chain = lineageChain("trader@v1.4", lookup);
    expect(chain.map(({ ref, base, enhancement }) => ({ ref, base, enhancement }))).toEqual([
      { ref: "trader@1.4", base: "trader@1.2", enhancement: "replay" },
      { ref: "trader@1.2", base: "trader@1.1", enhancement: "continued" },
      { ref: "trader@1.1", base: null, enhancement: null },
    ]);
    expect(chain[2]?.metadata?.version).toBe("1.1");
  });

  it("ends the chain at a base that is no longer in the registry", () => {
    expect(lineageChain("trader@1.5", lookup).map((l) => [l.ref, l.metadata === null])).toEqual([
      ["trader@1.5", false],
      ["trader@1.0", true],
    ]);
  });

  it("refuses a start that does not exist", () => {
    expect(() => lineageChain("trader@9.9", lookup)).toThrow("no version trader@9.9 in the registry");
  });

  it("detects a loop", () => {
    const loop = new Map([
      ["trader@2.0", metadata("2.0", { lineage: { base: "trader@2.1" } })],
      ["trader@2.1", metadata("2.1", { lineage: { base: "trader@v2.0" } })],
    ]);
    let caught: unknown;
    try {
      lineageChain("trader@2.0", (ref) => loop.get(ref));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GitModelError);
    expect((caught as GitModelError).message).toBe(
      "the lineage of trader@2.0 loops: trader@2.0 -> trader@2.1 -> trader@2.0",
    );
  });

  it("lists the versions derived from a version, nearest first", () => {
    expect(descendants("trader@1.1", all)).toEqual([
      { ref: "trader@1.2", base: "trader@1.1", enhancement: "continued", depth: 1 },
      { ref: "trader@1.3", base: "trader@1.1", enhancement: "curriculum", depth: 1 },
      { ref: "trader@1.4", base: "trader@1.2", enhancement: "replay", depth: 2 },
    ]);
    expect(descendants("trader@v1.4", all)).toEqual([]);
  });

  it("does not loop on broken metadata", () => {
    const broken = [
      metadata("2.0", { lineage: { base: "trader@2.1" } }),
      metadata("2.1", { lineage: { base: "trader@2.0" } }),
    ];
    expect(descendants("trader@2.0", broken)).toEqual([
      { ref: "trader@2.1", base: "trader@2.0", enhancement: null, depth: 1 },
    ]);
  });
});
