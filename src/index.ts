/**
 * The library face of git-model (DESIGN section 10). The CLI and the GitHub Action are thin
 * layers over these functions.
 */

export { parseConfig, type RegistryConfig } from "./domain/config.js";
export { GitModelError } from "./domain/errors.js";
export type { Problem } from "./domain/problems.js";
export { parseReference, type Reference } from "./domain/references.js";
export { type Metadata, MetadataSchema, metadataJsonSchema } from "./domain/schemas.js";
export { listModels, listVersions, type ModelSummary, type VersionSummary } from "./registry/catalog.js";
export { type DoctorReport, doctor } from "./registry/doctor.js";
export { initRegistry } from "./registry/init.js";
export { type RegisterOptions, type RegisterResult, register } from "./registry/register.js";
export { openRegistry, Registry, type ResolvedVersion } from "./registry/registry.js";
export { type ValidateOptions, type ValidationReport, validate } from "./registry/validate.js";
