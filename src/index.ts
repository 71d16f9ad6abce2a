/**
 * The library face of git-model (DESIGN section 10). The CLI and the GitHub Action are thin
 * layers over these functions.
 */

export type { Comparison, MetricDelta } from "./domain/compare.js";
export { parseConfig } from "./domain/config.js";
export { GitModelError } from "./domain/errors.js";
export { type MonitoringLine, MonitoringLineSchema, type MonitoringStatus } from "./domain/monitoring.js";
export type { Problem } from "./domain/problems.js";
export { parseReference, type Reference } from "./domain/references.js";
export type { RegistryConfig } from "./domain/registry-config.js";
export { type Metadata, MetadataSchema, metadataJsonSchema } from "./domain/schemas.js";
export type { SelectionResult } from "./domain/selection.js";
export { type MetricTrend, sparkline, trendMermaid } from "./domain/trends.js";
export {
  type FoundVersions,
  findVersions,
  type ListQuery,
  listVersions,
  type VersionSummary,
} from "./registry/catalog.js";
export { type DoctorReport, doctor } from "./registry/doctor.js";
export { type HistoryEntry, type HistoryOptions, history, type ModelHistory } from "./registry/history.js";
export { initRegistry } from "./registry/init.js";
export {
  compareVersions,
  type LineageEntry,
  type LineageReport,
  lineageOf,
  type VersionComparison,
} from "./registry/lineage.js";
export {
  type ArtifactCheck,
  type ArtifactState,
  checkArtifacts,
  type ExportOptions,
  type ExportResult,
  exportVersion,
  type PullResult,
  pullVersion,
} from "./registry/loading.js";
export { listModels, type ModelSummary } from "./registry/model-summary.js";
export {
  type MonitorRun,
  type RecordOptions,
  type RecordResult,
  readMonitoringStatus,
  recommendationHeadline,
  recordMonitoring,
  type StatusReport,
} from "./registry/monitoring.js";
export { type RegisterOptions, type RegisterResult, register } from "./registry/register.js";
export { openRegistry, Registry, type ResolvedVersion } from "./registry/registry.js";
export {
  type CleanupOptions,
  type CleanupResult,
  type Confirm,
  cleanup,
  type DeleteOptions,
  type DeleteResult,
  type DeletionPlan,
  deleteVersion,
  type RemovedVersion,
} from "./registry/retention.js";
export { type Selection, type SelectOverrides, selectVersion as select } from "./registry/selection.js";
export { readStageLog, readStageLogs, type StageLog, type VersionEvent } from "./registry/stage-log.js";
export {
  createStageTags,
  defaultBranch,
  type StageTagToCreate,
  stageTagsToCreate,
} from "./registry/stage-tags.js";
export {
  commitStageChange,
  type DemoteOptions,
  demote,
  holderThen,
  loadModelStages,
  type ModelStages,
  type PromoteOptions,
  planDemotion,
  planPromotion,
  planRollback,
  promote,
  type RollbackOptions,
  rollback,
  type StageChange,
  type StageChangeResult,
  type StageHolderAt,
  stageHolderAt,
  stageProblems,
} from "./registry/stages.js";
export { metricTrendFor, type TrendOptions, type TrendReport } from "./registry/trends.js";
export { type ValidateOptions, type ValidationReport, validate } from "./registry/validate.js";
