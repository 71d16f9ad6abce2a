import type SemverModule from "semver";
import { usage } from "./errors.js";
import { compareText } from "./order.js";
import { versionNameProblem } from "./ref-names.js";

/** DESIGN section 3. A scheme parses, orders and bumps the version names of one model. */
export type SchemeName = "semver" | "timestamp" | "major-minor";
export type Bump = "patch" | "minor" | "major";

export interface VersionScheme {
  readonly name: SchemeName;
  /** The canonical folder name for user input (a leading `v` accepted), or null when it is not a version. */
  parse(input: string): string | null;
  compare(a: string, b: string): number;
  /** The first version of a model. */
  first(now: Date): string;
  /** The version after `highest`. */
  next(highest: string, bump: Bump | undefined, now: Date): string;
  /** What a valid version looks like, for error messages. */
  readonly example: string;
}

/**
 * A plain release `X.Y.Z` (no prerelease, no build) is the form almost every registry holds, so
 * such versions are checked and ordered here, as three numbers read by a scan that allocates
 * nothing: `list` parses and compares every version folder (10,000), and the semver package
 * builds two objects per comparison (docs/benchmarks.md). Anything else goes to the semver
 * package. Parts are at most 15 digits, so the numbers are exact.
 */
function readPlainRelease(version: string, parts: number[]): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (digits === 0 || part === 2) return false;
      parts[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      // No leading zeros (01), as in semver.
      if ((digits === 1 && value === 0) || ++digits > 15) return false;
      value = value * 10 + (c - 0x30);
    } else return false;
  }
  if (digits === 0 || part !== 2) return false;
  parts[2] = value;
  return true;
}

/**
 * The semver package, loaded on first use: its module builds some 40 regular expressions when it
 * loads (7-11 ms of start-up), and plain releases never need it. esbuild bundles the `require`
 * and runs the package's code at that call, not when this module loads.
 */
let semverModule: typeof SemverModule | undefined;
const semver = (): typeof SemverModule => (semverModule ??= require("semver"));

const left = [0, 0, 0];
const right = [0, 0, 0];

const semverScheme: VersionScheme = {
  name: "semver",
  example: "1.3.0",
  parse(input) {
    const text = input.charCodeAt(0) === 0x76 /* v */ ? input.slice(1) : input;
    if (readPlainRelease(text, left)) return text;
    // Build metadata (`+...`) is left out: it does not take part in ordering, so two folders could tie.
    if (text.includes("+")) return null;
    // A prerelease may be valid semver and still make a tag git refuses (`1.0.0-a.lock`) or a
    // folder name too long to create.
    if (versionNameProblem(text) !== null) return null;
    return semver().valid(text, { loose: false }) === text ? text : null;
  },
  compare(a, b) {
    if (!readPlainRelease(a, left) || !readPlainRelease(b, right)) return semver().compare(a, b);
    return Math.sign(left[0]! - right[0]! || left[1]! - right[1]! || left[2]! - right[2]!);
  },
  first: () => "1.0.0",
  next(highest, bump) {
    const base = semver().parse(highest);
    if (!base) throw usage(`cannot bump ${JSON.stringify(highest)}: not a semver version`);
    // A prerelease is followed by its own release for a patch bump (1.1.0-rc.1 -> 1.1.0), as semver does.
    const next = semver().inc(base, bump ?? "patch");
    if (!next) throw usage(`cannot bump ${highest} by ${bump}`);
    return next;
  },
};

const TIMESTAMP = /^v?(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/;

function formatTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

function timestampDate(version: string): Date | null {
  const m = TIMESTAMP.exec(version);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
  // Reject 20251340_999999 and friends: the parts must round-trip.
  return formatTimestamp(date) === version.replace(/^v/, "") ? date : null;
}

const timestampScheme: VersionScheme = {
  name: "timestamp",
  example: "20250724_150837",
  parse: (input) => (timestampDate(input) ? input.replace(/^v/, "") : null),
  compare: compareText,
  first: (now) => formatTimestamp(now),
  next(highest, bump, now) {
    if (bump)
      throw usage(`--bump does not apply to the timestamp scheme: versions are the registration time`);
    const last = timestampDate(highest);
    // Two registrations in the same second must not collide: take the next free second.
    const second = Math.floor(now.getTime() / 1000) * 1000;
    const at = last && last.getTime() >= second ? new Date(last.getTime() + 1000) : new Date(second);
    return formatTimestamp(at);
  },
};

const MAJOR_MINOR = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const majorMinorScheme: VersionScheme = {
  name: "major-minor",
  example: "1.2",
  parse: (input) => (MAJOR_MINOR.test(input) ? input.replace(/^v/, "") : null),
  compare(a, b) {
    const [a1, a2] = a.split(".").map(Number) as [number, number];
    const [b1, b2] = b.split(".").map(Number) as [number, number];
    return a1 - b1 || a2 - b2;
  },
  first: () => "1.0",
  next(highest, bump) {
    const [major, minor] = highest.split(".").map(Number) as [number, number];
    if (bump === "patch")
      throw usage("--bump patch does not apply to the major-minor scheme: use minor or major");
    return bump === "major" ? `${major + 1}.0` : `${major}.${minor + 1}`;
  },
};

export const SCHEMES: Record<SchemeName, VersionScheme> = {
  semver: semverScheme,
  timestamp: timestampScheme,
  "major-minor": majorMinorScheme,
};

/** Versions sorted oldest first by the scheme's order. */
export function sortVersions(scheme: VersionScheme, versions: Iterable<string>): string[] {
  return [...versions].sort((a, b) => scheme.compare(a, b));
}

/** The version a registration takes: explicit, or the next after every version the model ever had. */
export function nextVersion(
  scheme: VersionScheme,
  taken: Iterable<string>,
  options: { bump?: Bump; now: Date },
): string {
  const sorted = sortVersions(scheme, taken);
  const highest = sorted.at(-1);
  return highest === undefined ? scheme.first(options.now) : scheme.next(highest, options.bump, options.now);
}

/** Parses user input into a version of the scheme, or throws a usage error saying what the scheme expects. */
export function parseVersion(scheme: VersionScheme, input: string): string {
  const version = scheme.parse(input);
  if (version === null) {
    // A semver prerelease git cannot name a tag after says why; anything else is just not a version.
    const prerelease = scheme.name === "semver" && /^v?\d+\.\d+\.\d+-[0-9A-Za-z.-]+$/.test(input);
    const why = prerelease ? versionNameProblem(input.replace(/^v/, "")) : null;
    const shown = JSON.stringify(why && input.length > 40 ? `${input.slice(0, 40)}...` : input);
    throw usage(`invalid version ${shown} for the ${scheme.name} scheme${why ? `: ${why}` : ""}`, {
      hint: `versions look like ${scheme.example} (a leading v is accepted)`,
    });
  }
  return version;
}
