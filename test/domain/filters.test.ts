import { describe, expect, it } from "vitest";
import { GitModelError } from "../../src/domain/errors.js";
import { availableFields, lookupField, resolveField } from "../../src/domain/fields.js";
import {
  checkFilter,
  failedFilters,
  parseRequirement,
  parseWhere,
  requireFilters,
} from "../../src/domain/filters.js";
import type { Metadata } from "../../src/domain/schemas.js";

const model: Metadata = {
  schema: 1,
  name: "trader",
  version: "1.3",
  created_at: "2026-11-20T14:03:11Z",
  artifacts: [{ path: "model.zip", sha256: "0".repeat(64), size: 1 }],
  metrics: { val_rmse: 0.011402, sharpe_ratio: 1.41 },
  params: { max_depth: 6 },
  tags: { timeframe: "1H", model_type: "continued", epochs: "40", live: true, markets: ["crypto", "fx"] },
  training_mode: "multi_symbol",
  trained_symbols: ["BTCUSDT", "ETHUSDT"],
  base_model_path: "runs:/abc123/models/1H/model.zip",
};

function syntaxError(text: string): GitModelError {
  try {
    parseWhere(text);
  } catch (error) {
    expect(error).toBeInstanceOf(GitModelError);
    expect((error as GitModelError).exitCode).toBe(2);
    return error as GitModelError;
  }
  throw new Error(`expected ${text} not to parse`);
}

/** The caret of the error's second line sits under the offending character of its first line. */
function pointedAt(error: GitModelError): string {
  const [first = "", caret = ""] = error.message.split("\n");
  expect(caret.trimStart()).toBe("^");
  return first[caret.indexOf("^")] ?? "(end)";
}

const passes = (where: string) => checkFilter(parseWhere(where), model) === null;

describe("field paths", () => {
  it("reads dot paths, bare tag names and top-level fields", () => {
    expect(lookupField(model, "metrics.val_rmse")).toBe(0.011402);
    expect(lookupField(model, "tags.timeframe")).toBe("1H");
    expect(lookupField(model, "timeframe")).toBe("1H");
    expect(lookupField(model, "training_mode")).toBe("multi_symbol");
    expect(lookupField(model, "trained_symbols.1")).toBe("ETHUSDT");
    expect(lookupField(model, "metrics.nope")).toBeUndefined();
    expect(lookupField(model, "nope")).toBeUndefined();
  });

  it("applies a default written either as a bare name or under tags", () => {
    expect(resolveField(model, "symbol_encoding_type", { symbol_encoding_type: "one_hot" })).toEqual({
      value: "one_hot",
      defaulted: true,
    });
    expect(resolveField(model, "tags.encoding", { encoding: "one_hot" })).toEqual({
      value: "one_hot",
      defaulted: true,
    });
    expect(resolveField(model, "encoding", { "tags.encoding": "index" })).toEqual({
      value: "index",
      defaulted: true,
    });
    expect(resolveField(model, "training_mode", { training_mode: "single_symbol" })).toEqual({
      value: "multi_symbol",
      defaulted: false,
    });
  });

  it("lists the fields that exist, one level into objects", () => {
    expect(availableFields([model])).toEqual([
      "artifacts",
      "base_model_path",
      "created_at",
      "metrics.sharpe_ratio",
      "metrics.val_rmse",
      "name",
      "params.max_depth",
      "schema",
      "tags.epochs",
      "tags.live",
      "tags.markets",
      "tags.model_type",
      "tags.timeframe",
      "trained_symbols",
      "training_mode",
      "version",
    ]);
  });
});

describe("parseWhere", () => {
  it("parses every operator, longest first", () => {
    expect(parseWhere("metrics.val_rmse<=0.02")).toEqual({
      path: "metrics.val_rmse",
      op: "<=",
      values: [0.02],
      origin: '--where "metrics.val_rmse<=0.02"',
    });
    expect(["a=1", "a!=1", "a>1", "a>=1", "a<1", "a<=1", "a~x*"].map((t) => parseWhere(t).op)).toEqual([
      "=",
      "!=",
      ">",
      ">=",
      "<",
      "<=",
      "~",
    ]);
  });

  it("allows spaces around the operator and keeps text values as written", () => {
    expect(parseWhere(" tags.timeframe = 1H ")).toMatchObject({
      path: "tags.timeframe",
      op: "=",
      values: ["1H"],
    });
  });

  it("points at the second '>' of metrics.rmse>>1, column 14", () => {
    const error = syntaxError("metrics.rmse>>1");
    expect(error.message).toBe(`--where "metrics.rmse>>1": unexpected '>' at column 14\n${" ".repeat(22)}^`);
    expect(error.column).toBe(14);
    expect(pointedAt(error)).toBe(">");
  });

  it("points at every other kind of mistake", () => {
    expect(syntaxError("").message).toMatch(/^--where "": expected a field path at column 1/);
    const noPath = syntaxError("=1");
    expect(noPath.message).toMatch(/unexpected '=' at column 1: expected a field path first/);
    expect(pointedAt(noPath)).toBe("=");
    const noOperator = syntaxError("metrics val_rmse<1");
    expect(noOperator.message).toMatch(/unexpected 'v' at column 9: expected one of = != > >= < <= ~/);
    expect(pointedAt(noOperator)).toBe("v");
    expect(syntaxError("tags.timeframe").message).toMatch(/expected an operator at column 15/);
    expect(pointedAt(syntaxError("a!b"))).toBe("!");
    expect(syntaxError("a=").message).toMatch(/missing value after '=' at column 3/);
    const emptySegment = syntaxError("metrics..rmse<1");
    expect(emptySegment.message).toMatch(/unexpected '.' at column 9: empty path segment/);
    expect(pointedAt(emptySegment)).toBe(".");
    expect(syntaxError("a=>1").message).toMatch(/unexpected '>' at column 3/);
  });

  it("refuses to order by a value that is not a number", () => {
    const error = syntaxError("tags.timeframe>1H");
    expect(error.message).toMatch(/'>' compares numbers and "1H" at column 16 is not one/);
    expect(pointedAt(error)).toBe("1");
  });

  it("accepts a negated glob", () => {
    expect(parseWhere("tags.model_type~!base")).toMatchObject({ op: "~", values: ["!base"] });
  });
});

describe("checkFilter", () => {
  it("compares numbers as numbers and the rest as text", () => {
    expect(passes("metrics.val_rmse<0.02")).toBe(true);
    expect(passes("metrics.val_rmse>0.02")).toBe(false);
    expect(passes("metrics.sharpe_ratio>=1.41")).toBe(true);
    expect(passes("metrics.sharpe_ratio>1.41")).toBe(false);
    expect(passes("metrics.sharpe_ratio<=1.41")).toBe(true);
    expect(passes("metrics.sharpe_ratio<1.41")).toBe(false);
    expect(passes("params.max_depth=6.0")).toBe(true);
    expect(passes("tags.epochs>39")).toBe(true);
    expect(passes("tags.live=true")).toBe(true);
    expect(passes("timeframe=1H")).toBe(true);
    expect(passes("timeframe!=1H")).toBe(false);
    expect(passes("timeframe!=4H")).toBe(true);
  });

  it("matches a list field when one of its elements matches", () => {
    expect(passes("trained_symbols=ETHUSDT")).toBe(true);
    expect(passes("trained_symbols!=ETHUSDT")).toBe(false);
    expect(passes("tags.markets~f*")).toBe(true);
    expect(passes("trained_symbols=SOLUSDT")).toBe(false);
  });

  it("matches globs across '/' and with negation", () => {
    expect(passes("model_type~cont*")).toBe(true);
    expect(passes("base_model_path~runs:/*/1H/*")).toBe(true);
    expect(passes("model_type~!base")).toBe(true);
    expect(passes("model_type~base*")).toBe(false);
  });

  it("says why a filter fails", () => {
    expect(checkFilter(parseWhere("metrics.val_rmse<0.01"), model)).toBe(
      "metrics.val_rmse is 0.011402, required < 0.01",
    );
    expect(checkFilter(parseWhere("model_type~base*"), model)).toBe(
      "model_type is continued, required matching base*",
    );
    expect(checkFilter(parseWhere("timeframe!=1H"), model)).toBe("timeframe is 1H, required not 1H");
    expect(checkFilter(parseWhere("trained_symbols=SOLUSDT"), model)).toBe(
      "trained_symbols is [BTCUSDT, ETHUSDT], required SOLUSDT",
    );
  });

  it("fails on a missing field except for !=", () => {
    expect(checkFilter(parseWhere("metrics.auc>0.5"), model)).toBe("metrics.auc is missing, required > 0.5");
    expect(checkFilter(parseWhere("encoding=one_hot"), model)).toBe("encoding is missing, required one_hot");
    expect(checkFilter(parseWhere("encoding!=index"), model)).toBeNull();
  });

  it("uses defaults for a missing field and says so", () => {
    const [filter] = requireFilters({ symbol_encoding_type: "index" });
    expect(checkFilter(filter!, model, { symbol_encoding_type: "one_hot" })).toBe(
      "symbol_encoding_type is one_hot (default), required index",
    );
  });

  it("is a usage error naming the version and path when '>' meets a value that is not a number", () => {
    let caught: unknown;
    try {
      checkFilter(parseWhere("timeframe>1"), model);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GitModelError);
    expect((caught as GitModelError).exitCode).toBe(2);
    expect((caught as GitModelError).message).toBe(
      '--where "timeframe>1": timeframe of version 1.3 is "1H", not a number',
    );
  });
});

describe("requirements", () => {
  it("compiles a require map to the same filters, a list meaning any of", () => {
    const filters = requireFilters({
      training_mode: ["single_symbol", "multi_symbol"],
      "metrics.sharpe_ratio": 1.41,
    });
    expect(filters).toEqual([
      {
        path: "training_mode",
        op: "=",
        values: ["single_symbol", "multi_symbol"],
        origin: "require training_mode",
      },
      { path: "metrics.sharpe_ratio", op: "=", values: [1.41], origin: "require metrics.sharpe_ratio" },
    ]);
    expect(failedFilters(filters, model)).toEqual([]);
    expect(failedFilters(requireFilters({ training_mode: ["a", "b"], timeframe: "4H" }), model)).toEqual([
      "training_mode is multi_symbol, required one of a, b",
      "timeframe is 1H, required 4H",
    ]);
  });

  it("refuses an empty list and a bad path", () => {
    expect(() => requireFilters({ training_mode: [] })).toThrow(
      /require training_mode: an empty list can never match/,
    );
    expect(() => requireFilters({ "metrics..x": 1 })).toThrow(
      /invalid field path "metrics..x": empty segment/,
    );
  });

  it("parses --require k=v and refuses other operators", () => {
    expect(parseRequirement("training_mode=multi_symbol")).toMatchObject({
      op: "=",
      values: ["multi_symbol"],
    });
    expect(() => parseRequirement("model_type~base", "--fallback")).toThrow(
      `--fallback "model_type~base": --fallback takes KEY=VALUE, not '~'`,
    );
  });
});
