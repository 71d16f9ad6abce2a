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
export { type DoctorReport, doctor } from "./registry/checks/doctor.js";
export { type ValidateOptions, type ValidationReport, validate } from "./registry/checks/validate.js";
export { initRegistry } from "./registry/core/init.js";
export { setNoticeReporter } from "./registry/core/notices.js";
export { openRegistry, Registry, type ResolvedVersion } from "./registry/core/registry.js";
export {
  type MonitorRun,
  type RecordOptions,
  type RecordResult,
  readMonitoringStatus,
  recommendationHeadline,
  recordMonitoring,
  type StatusReport,
} from "./registry/monitoring/monitoring.js";
export { metricTrendFor, type TrendOptions, type TrendReport } from "./registry/monitoring/trends.js";
export {
  compareVersions,
  type LineageEntry,
  type LineageReport,
  lineageOf,
  type VersionComparison,
} from "./registry/selection/lineage.js";
export {
  type Selection,
  type SelectOverrides,
  selectVersion as select,
} from "./registry/selection/selection.js";
export {
  type HistoryEntry,
  type HistoryOptions,
  history,
  type ModelHistory,
} from "./registry/stages/history.js";
export {
  readStageLog,
  readStageLogs,
  type StageLog,
  type VersionEvent,
} from "./registry/stages/stage-log.js";
export {
  createMissingStageTags,
  createStageTags,
  defaultBranch,
  type ModelStageTags,
  readStageTags,
  type StageTagToCreate,
  stageTagsToCreate,
} from "./registry/stages/stage-tags.js";
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
} from "./registry/stages/stages.js";
export {
  type FoundVersions,
  findVersions,
  type ListQuery,
  listVersions,
  type VersionSummary,
} from "./registry/versions/catalog.js";
export {
  type ArtifactCheck,
  type ArtifactState,
  checkArtifacts,
  type ExportOptions,
  type ExportResult,
  exportVersion,
  type PullResult,
  pullVersion,
} from "./registry/versions/loading.js";
export { listModels, type ModelSummary } from "./registry/versions/model-summary.js";
export { type RegisterOptions, type RegisterResult, register } from "./registry/versions/register.js";
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
} from "./registry/versions/retention.js";
