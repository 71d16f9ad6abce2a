import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfigFile } from "../../src/domain/config.js";
import { checkFilter, parseWhere } from "../../src/domain/filters.js";
import { compileGlob } from "../../src/domain/glob.js";
import { parseJsonlLine } from "../../src/domain/jsonl.js";
import { MonitoringLineSchema } from "../../src/domain/monitoring.js";
import { assertModelName } from "../../src/domain/names.js";
import { parseReference } from "../../src/domain/references.js";
import { HistoryLineSchema } from "../../src/domain/schemas.js";
import { parseStagesJson } from "../../src/domain/stages.js";
import { parseUsualStages } from "../../src/domain/stages-file.js";
import { parseVersion, SCHEMES } from "../../src/domain/versions.js";
import { parseMetadata, parseStagesText } from "../../src/registry/core/parse-files.js";
import {
  configText,
  expectHandled,
  hostileText,
  metadataText,
  modelName,
  reference,
  scaled,
  stagesText,
  validMetadata,
  version,
  whereExpression,
} from "./arbitraries.js";

/**
 * Issue 11 item 14, in process: every parser a user's input reaches either accepts it or
 * refuses it with a GitModelError (exit 1 or 2 and a message): never a TypeError, a stack
 * overflow or a hang. What it accepts as a name or version stays one path segment inside the
 * registry. The run counts here are what docs/reliability.md reports.
 */

const RUNS = {
  names: 3_000,
  versions: 3_000,
  references: 3_000,
  where: 3_000,
  metadata: 1_500,
  stages: 1_500,
  config: 1_000,
  lines: 1_500,
};

const root = resolve("/registry/models");

describe("names, versions and references", () => {
  it("a model name is refused, or is one segment that stays inside the registry", () => {
    fc.assert(
      fc.property(modelName, (name) => {
        expectHandled(() => {
          const accepted = assertModelName(name);
          expect(resolve(root, accepted).startsWith(`${root}/`)).toBe(true);
          expect(accepted).not.toMatch(/[/\\]/);
        }, name);
      }),
      { numRuns: scaled(RUNS.names) },
    );
  });

  it("a version is refused, or is one segment that stays inside its model folder, in every scheme", () => {
    fc.assert(
      fc.property(version, fc.constantFrom(...Object.values(SCHEMES)), (input, scheme) => {
        expectHandled(() => {
          const accepted = parseVersion(scheme, input);
          const folder = join(root, "churn");
          expect(resolve(folder, accepted).startsWith(`${folder}/`)).toBe(true);
          expect(accepted).not.toMatch(/[/\\]/);
        }, input);
      }),
      { numRuns: scaled(RUNS.versions) },
    );
  });

  it("a reference is parsed or refused", () => {
    fc.assert(
      fc.property(reference, (text) => expectHandled(() => parseReference(text), text)),
      { numRuns: scaled(RUNS.references) },
    );
  });
});

describe("--where expressions", () => {
  it("parse or are refused, and a parsed one is checked against metadata or refused", () => {
    fc.assert(
      fc.property(whereExpression, (text) =>
        expectHandled(() => {
          const filter = parseWhere(text);
          expectHandled(() => checkFilter(filter, validMetadata), text);
        }, text),
      ),
      { numRuns: scaled(RUNS.where) },
    );
  });

  it("any glob compiles or is refused, and matches any value without throwing", () => {
    fc.assert(
      fc.property(hostileText, fc.string({ maxLength: 200 }), fc.boolean(), (glob, value, paths) =>
        expectHandled(() => compileGlob(glob, { paths })(value), glob),
      ),
      { numRuns: scaled(RUNS.where) },
    );
  });
});

describe("files a clone or a run folder brings", () => {
  it("metadata.json parses or is refused as invalid (exit 1)", () => {
    fc.assert(
      fc.property(metadataText, (text) => expectHandled(() => parseMetadata(text, "metadata.json"), text)),
      { numRuns: scaled(RUNS.metadata) },
    );
  });

  it("stages.json parses, or gives problems, or is refused, on every reading path", () => {
    fc.assert(
      fc.property(stagesText, (text) => {
        expectHandled(() => parseUsualStages(text), text);
        expectHandled(() => parseStagesText(text, "stages.json"), text);
        const parsed = parseStagesJson(text, "stages.json");
        expect(parsed.file !== null || parsed.problems.length > 0).toBe(true);
      }),
      { numRuns: scaled(RUNS.stages) },
    );
  });

  it(".gitmodel.yaml parses or is refused as a usage error (exit 2)", () => {
    fc.assert(
      fc.property(configText, (text) => expectHandled(() => parseConfigFile(text), text)),
      { numRuns: scaled(RUNS.config) },
    );
  });

  it("a history or monitoring line is a record or an issue, never a throw", () => {
    fc.assert(
      fc.property(fc.oneof(metadataText, stagesText), (raw) => {
        for (const schema of [HistoryLineSchema, MonitoringLineSchema]) {
          const parsed = parseJsonlLine(raw, schema);
          if (!parsed.ok) expect(parsed.message).not.toBe("");
        }
      }),
      { numRuns: scaled(RUNS.lines) },
    );
  });
});
