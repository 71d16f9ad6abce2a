import { describe, expect, it } from "vitest";
import type { HistoryLine } from "../../src/domain/schemas.js";
import {
  bestPoint,
  escapeMermaidText,
  metricTrend,
  plainNumber,
  sparkline,
  trendMermaid,
} from "../../src/domain/trends.js";

const registration = (
  version: string,
  day: number,
  metrics?: Record<string, number>,
  tags?: HistoryLine["tags"],
): HistoryLine => ({
  at: `2026-01-${String(day).padStart(2, "0")}T12:00:00Z`,
  version,
  ...(metrics ? { metrics } : {}),
  ...(tags ? { tags } : {}),
});

const HISTORY: HistoryLine[] = [
  registration("1.0.0", 1, { val_rmse: 0.0125, sharpe_ratio: 1.1 }),
  registration("1.1.0", 2, { sharpe_ratio: 1.3 }),
  registration("1.2.0", 3, { val_rmse: 0.0114, sharpe_ratio: 1.41 }),
  registration("1.3.0", 4, { val_rmse: 0.0118, sharpe_ratio: 1.2 }),
];

describe("metricTrend", () => {
  it("gives the series, the versions without the metric, the change and the best run", () => {
    const trend = metricTrend(HISTORY, "val_rmse", "min");
    expect(trend).toEqual({
      metric: "val_rmse",
      path: "metrics.val_rmse",
      goal: "min",
      points: [
        { version: "1.0.0", at: "2026-01-01T12:00:00Z", value: 0.0125 },
        { version: "1.2.0", at: "2026-01-03T12:00:00Z", value: 0.0114 },
        { version: "1.3.0", at: "2026-01-04T12:00:00Z", value: 0.0118 },
      ],
      missing: ["1.1.0"],
      change_pct: -5.6,
      improved: true,
      best: { version: "1.2.0", at: "2026-01-03T12:00:00Z", value: 0.0114 },
    });
  });

  it("finds the best run by the goal", () => {
    const trend = metricTrend(HISTORY, "metrics.sharpe_ratio", "max");
    expect(trend.best?.version).toBe("1.2.0");
    expect(trend.change_pct).toBe(9.09);
    expect(trend.improved).toBe(true);
    expect(metricTrend(HISTORY, "sharpe_ratio", "min").best?.version).toBe("1.0.0");
  });

  it("reads a dot path other than metrics from the history line", () => {
    const lines = [
      registration("1.0.0", 1, undefined, { samples: 100 }),
      registration("1.1.0", 2, undefined, { samples: 150 }),
    ];
    expect(metricTrend(lines, "tags.samples", "max")).toMatchObject({ path: "tags.samples", change_pct: 50 });
  });

  it("has no change with fewer than two points, and no percentage from zero", () => {
    expect(metricTrend(HISTORY.slice(0, 1), "val_rmse")).toMatchObject({ change_pct: null, improved: null });
    expect(metricTrend([], "val_rmse")).toMatchObject({ points: [], best: null, change_pct: null });
    const fromZero = [registration("1.0.0", 1, { loss: 0 }), registration("1.1.0", 2, { loss: 1 })];
    expect(metricTrend(fromZero, "loss")).toMatchObject({ change_pct: null, improved: false });
  });

  it("gives a tie to the later registration", () => {
    const points = [
      { version: "1.0.0", at: "a", value: 1 },
      { version: "1.1.0", at: "b", value: 1 },
    ];
    expect(bestPoint(points, "min")?.version).toBe("1.1.0");
    expect(bestPoint(points, "max")?.version).toBe("1.1.0");
  });
});

describe("sparkline", () => {
  it("maps the lowest value to ▁ and the highest to █", () => {
    expect(sparkline([0, 0.5, 1])).toBe("▁▅█");
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([0.0125, 0.0114, 0.0118])).toBe("█▁▄");
  });

  it("draws a flat series at mid height and nothing for no values", () => {
    expect(sparkline([2, 2, 2])).toBe("▄▄▄");
    expect(sparkline([])).toBe("");
  });
});

describe("trendMermaid", () => {
  it("renders the series as a fenced xychart", () => {
    const chart = trendMermaid(metricTrend(HISTORY, "val_rmse"), { title: "churn: val_rmse" });
    expect(chart).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '  title "churn: val_rmse"',
        '  x-axis "version" ["1.0.0", "1.2.0", "1.3.0"]',
        '  y-axis "val_rmse" 0.01129 --> 0.01261',
        "  line [0.0125, 0.0114, 0.0118]",
        "```",
      ].join("\n"),
    );
  });

  it("draws a flat series inside its axis and skips the fence on request", () => {
    const chart = trendMermaid(
      { metric: "acc", points: [{ version: "1.0", at: "a", value: 0.9 }] },
      { fence: false },
    );
    expect(chart.split("\n")).toEqual([
      "xychart-beta",
      '  title "acc over registrations"',
      '  x-axis "version" ["1.0"]',
      '  y-axis "acc" 0.81 --> 0.99',
      "  line [0.9]",
    ]);
  });

  it("is empty when there is nothing to draw", () => {
    expect(trendMermaid({ metric: "acc", points: [] })).toBe("");
  });

  it("escapes labels so that no label can end its string, its line or the fence", () => {
    const hostile = 'x"] \n  line [1]\n```\n#lt; <b>`';
    const chart = trendMermaid(
      { metric: hostile, points: [{ version: hostile, at: "a", value: 1 }] },
      { title: hostile },
    );
    const lines = chart.split("\n");
    expect(lines).toHaveLength(7);
    for (const l of lines.slice(2, 5)) {
      // Each label line holds only its own quoted strings.
      expect(l.match(/"/g)?.length ?? 0).toBeLessThanOrEqual(4);
      expect(l).not.toContain("`");
      expect(l).not.toContain("<");
    }
    expect(escapeMermaidText(hostile)).toBe("x#quot;]    line [1] #96;#96;#96; #35;lt; #lt;b#gt;#96;");
  });

  it("writes numbers without exponents, which the xychart grammar cannot read", () => {
    expect(plainNumber(1e-7)).toBe("0.0000001");
    expect(plainNumber(-2.5e-8)).toBe("-0.000000025");
    expect(plainNumber(1.5e21)).toBe("1500000000000000000000");
    expect(plainNumber(0.0114)).toBe("0.0114");
    const chart = trendMermaid({ metric: "loss", points: [{ version: "1", at: "a", value: 1e-7 }] });
    expect(chart).not.toMatch(/\de[-+]?\d/);
  });
});
