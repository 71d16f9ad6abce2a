import semver from "semver";
import { describe, expect, it } from "vitest";
import { nextVersion, parseVersion, SCHEMES, sortVersions } from "../../src/domain/versions.js";

const scheme = SCHEMES.semver;

// Plain releases take a fast path; these pin it to what the semver package says.
const NAMES = [
  "0.0.0",
  "0.0.1",
  "0.1.0",
  "1.0.0",
  "1.0.0-rc.1",
  "1.0.0-alpha",
  "1.2.3",
  "1.2.10",
  "1.10.2",
  "2.0.0",
  "10.0.0",
  "1.0.0-rc.2",
  "999999999999999.0.0",
  "9007199254740991.0.0",
];

describe("the semver scheme", () => {
  it("orders every pair as the semver package does", () => {
    for (const a of NAMES)
      for (const b of NAMES) expect([a, b, scheme.compare(a, b)]).toEqual([a, b, semver.compare(a, b)]);
  });

  it("sorts numerically, prereleases before their release", () => {
    expect(sortVersions(scheme, ["1.10.0", "1.2.0", "1.2.0-rc.1", "1.9.9", "0.9.0"])).toEqual([
      "0.9.0",
      "1.2.0-rc.1",
      "1.2.0",
      "1.9.9",
      "1.10.0",
    ]);
  });

  it("accepts canonical versions, with or without a leading v", () => {
    for (const name of NAMES) expect(scheme.parse(name)).toBe(name);
    expect(scheme.parse("v1.2.3")).toBe("1.2.3");
  });

  it("rejects what is not a canonical version folder name", () => {
    for (const bad of [
      "01.2.3",
      "1.02.3",
      "1.2",
      "1.2.3.4",
      "1.2.3+build.5",
      " 1.2.3",
      "1.2.x",
      "",
      "v",
      ".1.2",
      "1..2",
      "1.2.",
      "1.2.3.",
      "v01.0.0",
      "1.2.-3",
      "99999999999999999.0.0",
    ])
      expect([bad, scheme.parse(bad)]).toEqual([bad, null]);
    expect(() => parseVersion(scheme, "1.2")).toThrow(/invalid version "1.2" for the semver scheme/);
  });

  it("bumps from the highest version, prereleases included", () => {
    const now = new Date();
    expect(nextVersion(scheme, ["1.2.0", "1.10.0", "1.9.0"], { now })).toBe("1.10.1");
    expect(nextVersion(scheme, ["1.1.0-rc.1"], { now })).toBe("1.1.0");
    expect(nextVersion(scheme, ["1.1.0"], { bump: "major", now })).toBe("2.0.0");
  });
});
