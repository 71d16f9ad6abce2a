import type { StagesFile } from "./schemas.js";

/**
 * Whether parsed JSON already has the shape StagesFileSchema accepts: an object of version
 * strings and lists of them. Readers take such a file as it is, without zod's validating copy
 * (about 30 ms at 1,000 snapshots in `history`; zod's load in `list`), and give anything else to
 * zod, for its messages. Kept free of zod so that a reader need not load it.
 */
export function isStagesShape(json: unknown): json is StagesFile {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  // zod copies by assignment, where a "__proto__" key means something else: left to zod.
  if (Object.hasOwn(json, "__proto__")) return false;
  return Object.values(json).every(
    (value) =>
      typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string")),
  );
}
