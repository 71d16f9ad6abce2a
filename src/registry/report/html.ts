/** Text into HTML and SVG: every string from the registry goes through `esc` before it is markup. */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const SPECIAL = /[&<>"']/;

export function esc(value: unknown): string {
  const text = String(value ?? "");
  // Most text (versions, numbers, dates) has nothing to escape: tested before it is copied.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) : text;
}

/** A UTC time as a short, sortable text: 2026-11-20 14:03. */
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

export function shortTime(iso: string | null | undefined): string {
  if (!iso) return "-";
  // The registry's own timestamps are UTC already: no Date needed (10,000 of them per report).
  if (UTC_SECONDS.test(iso)) return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 16).replace("T", " ");
}

/** `<time>` with the exact instant for machines and the short form for people. */
export function timeTag(iso: string | null | undefined): string {
  if (!iso) return "-";
  const date = new Date(iso);
  const exact = Number.isNaN(date.getTime()) ? iso : date.toISOString();
  return `<time datetime="${esc(exact)}" title="${esc(exact)}">${esc(shortTime(iso))}</time>`;
}

/**
 * A file name for a model's page: model names are already safe in a URL and a file system
 * (DESIGN section 1: lower-case letters, digits, `.`, `_`, `-`).
 */
export const modelPage = (model: string) => `models/${model}.html`;

/** The hash that opens a version's details on its model page. */
export const versionAnchor = (version: string) => `v=${encodeURIComponent(version)}`;
