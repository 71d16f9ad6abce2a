/**
 * A finding of `validate` (and of the Action's validate, which turns each into an annotation on
 * its file and line). Errors fail validation; warnings are reported and do not.
 */
export interface Problem {
  severity: "error" | "warning";
  /** Repository-relative path, with forward slashes. */
  file: string;
  line?: number;
  message: string;
  hint?: string;
}

export const error = (
  file: string,
  message: string,
  extra: { line?: number; hint?: string } = {},
): Problem => ({
  severity: "error",
  file,
  message,
  ...extra,
});

export const warning = (
  file: string,
  message: string,
  extra: { line?: number; hint?: string } = {},
): Problem => ({
  severity: "warning",
  file,
  message,
  ...extra,
});

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === "error");
