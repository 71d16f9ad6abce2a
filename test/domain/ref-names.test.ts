import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { isModelName } from "../../src/domain/names.js";
import { refNameProblem, tagNameProblem } from "../../src/domain/ref-names.js";
import { deregistrationTag, registrationTag, STAGE_NAME, stageTag } from "../../src/domain/references.js";
import { SCHEMES } from "../../src/domain/versions.js";

const exec = promisify(execFile);

/** What the real `git check-ref-format` says of each name (a process each, a few at a time). */
async function gitAccepts(names: readonly string[]): Promise<boolean[]> {
  const results: boolean[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      results[i] = await exec("git", ["check-ref-format", names[i]!]).then(
        () => true,
        () => false,
      );
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

/** Names built from the characters and pieces git's rules are about, from a fixed seed. */
function generatedNames(count: number): string[] {
  const pieces = [
    "a",
    "b",
    "1",
    ".",
    "..",
    "/",
    "//",
    "@",
    "@{",
    "{",
    "}",
    ".lock",
    "lock",
    "~",
    "^",
    ":",
    "?",
    "*",
    "[",
    "]",
    "\\",
    " ",
    "\t",
    "\n",
    "\u007f",
    "\u0001",
    "-",
    "_",
    "é",
    "#",
    "!",
    "v1.0.0",
  ];
  let x = 20261201;
  const random = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const names = new Set<string>();
  while (names.size < count) {
    const parts = random(4) + 1;
    let tail = "";
    for (let i = 0; i < parts; i++) tail += pieces[random(pieces.length)];
    names.add(random(5) === 0 ? tail : `refs/tags/${tail}`);
  }
  return [...names];
}

const HAND_PICKED = [
  "refs/tags/churn@v1.0.0",
  "refs/tags/churn@v1.0.0!",
  "refs/tags/churn#production#3",
  "refs/tags/churn@v1.0.0-a.lock",
  "refs/tags/churn@v1.0.0-lock",
  "refs/tags/a.lock/b",
  "refs/tags/.hidden",
  "refs/tags/a/.b",
  "refs/tags/a.",
  "refs/tags/a/",
  "/refs/tags/a",
  "refs//tags/a",
  "refs/tags/a@{1}",
  "@",
  "refs/tags/@",
  "a",
  "refs/tags/é",
  "refs/tags/a b",
  "refs/tags/a..b",
  "refs/tags/a.b",
];

describe("git's reference name rules", () => {
  it("agree with git check-ref-format on hand-picked and generated names", async () => {
    const names = [...HAND_PICKED, ...generatedNames(400)];
    const accepted = await gitAccepts(names);
    const disagreements = names
      .map((name, i) => ({ name, git: accepted[i], ours: refNameProblem(name) === null }))
      .filter((r) => r.git !== r.ours);
    expect(disagreements).toEqual([]);
    // The generator must reach both answers often, or the comparison proves little.
    expect(accepted.filter(Boolean).length).toBeGreaterThan(50);
    expect(accepted.filter((a) => !a).length).toBeGreaterThan(50);
  });

  it("say which rule a name breaks", () => {
    expect(refNameProblem("refs/tags/churn@v1.0.0-a.lock")).toContain("ends with '.lock'");
    expect(refNameProblem("refs/tags/a@{b")).toContain("'@{'");
    expect(refNameProblem("refs/tags/a b")).toContain('" "');
  });

  it("limit a tag to what fits in a file name", () => {
    expect(tagNameProblem(`churn@v1.0.0-${"a".repeat(200)}`)).toBeNull();
    expect(tagNameProblem(`churn@v1.0.0-${"a".repeat(250)}`)).toContain("bytes long");
  });
});

describe("names the registry accepts make tags git accepts", () => {
  it("every valid model name, version and stage, at their longest too", () => {
    const chars = "abz09.-_";
    const models: string[] = ["a", "a.lock", "lock", "x".repeat(64), `a${"._-".repeat(20)}b`];
    for (const a of chars)
      for (const b of chars) for (const c of chars) models.push(`${a}${b}${c}`, `a${a}${b}${c}z`);
    const valid = models.filter(isModelName);
    expect(valid.length).toBeGreaterThan(100);
    const versions = ["1.0.0", "1.0.0-rc.1", `1.0.0-${"a".repeat(182)}`, "20250724_150837", "1.2"];
    for (const version of versions)
      expect(Object.values(SCHEMES).some((s) => s.parse(version) === version)).toBe(true);
    const stages = ["production", "a", `a${"-_9".repeat(20)}z`].filter((s) => STAGE_NAME.test(s));
    const problems: string[] = [];
    for (const model of valid) {
      for (const tag of [
        ...versions.flatMap((v) => [registrationTag(model, v), deregistrationTag(model, v)]),
        ...stages.map((stage) => stageTag(model, stage, 12345)),
      ]) {
        const problem = tagNameProblem(tag);
        if (problem) problems.push(`${tag}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
