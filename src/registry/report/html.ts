/** Text into HTML and SVG: every string from the registry goes through `esc` before it is markup. */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A UTC time as a short, sortable text: 2026-11-20 14:03. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return "-";
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
