/**
 * Every failure a user can cause or meet is a GitModelError: a message a person can act on,
 * an optional hint (how to fix it) and location, and the exit code of DESIGN section 8:
 * 1 for "no" / not found / invalid, 2 for usage or environment errors.
 */
export type ErrorKind = "invalid" | "not-found" | "conflict" | "usage" | "environment";

export interface ErrorDetails {
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
}

export class GitModelError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(kind: ErrorKind, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = "GitModelError";
    this.kind = kind;
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
  }

  get exitCode(): 1 | 2 {
    return this.kind === "usage" || this.kind === "environment" ? 2 : 1;
  }

  /** `file:line:column` where there is one. */
  get where(): string | undefined {
    if (!this.file) return undefined;
    return [this.file, this.line, this.column].filter((p) => p !== undefined).join(":");
  }
}

export const invalid = (message: string, details?: ErrorDetails) =>
  new GitModelError("invalid", message, details);
export const notFound = (message: string, details?: ErrorDetails) =>
  new GitModelError("not-found", message, details);
export const conflict = (message: string, details?: ErrorDetails) =>
  new GitModelError("conflict", message, details);
export const usage = (message: string, details?: ErrorDetails) =>
  new GitModelError("usage", message, details);
export const environment = (message: string, details?: ErrorDetails) =>
  new GitModelError("environment", message, details);
