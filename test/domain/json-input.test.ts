import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDuplicateKey, findReservedKey } from "../../src/domain/json-input.js";

describe("findDuplicateKey", () => {
  it("names the key given twice with its path and line, at any depth", () => {
    expect(findDuplicateKey('{"a": 1, "a": 2}')).toEqual({ path: "a", line: 1 });
    expect(findDuplicateKey('{"p": [{"x": 1}, {"y": {"k": 1,\n "k": 2}}]}')).toEqual({
      path: "p.1.y.k",
      line: 2,
    });
    expect(findDuplicateKey('{"k\\u0041": 1, "kA": 2}')).toEqual({ path: "kA", line: 1 });
    expect(findDuplicateKey(`{"k": 1, "k"${" ".repeat(200)}: 2}`)).toEqual({ path: "k", line: 1 });
  });

  it("does not take values, or equal keys in different objects, for duplicates", () => {
    expect(findDuplicateKey('{"a": "a", "b": {"a": 1}, "c": ["a", "a"], "d": {"a": ":"}}')).toBeNull();
  });

  it("finds none in any JSON.stringify output, and finds one added to any object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (value, key) => {
        const text = JSON.stringify(value, null, 2);
        expect(findDuplicateKey(text)).toBeNull();
        const twice = `{${JSON.stringify(key)}: 1, ${JSON.stringify(key)}: 2, "rest": ${text}}`;
        expect(findDuplicateKey(twice)?.path).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});

describe("findReservedKey", () => {
  it("finds an own __proto__ key as JSON.parse makes it, by path", () => {
    expect(findReservedKey(JSON.parse('{"metrics": {"__proto__": 1}}'))).toBe("metrics.__proto__");
    expect(findReservedKey(JSON.parse('{"p": [{"__proto__": {}}]}'))).toBe("p.0.__proto__");
    expect(findReservedKey({ a: { b: 1 } })).toBeNull();
  });
});
