/**
 * Orders strings by their UTF-16 code units, the same on every machine. Not `localeCompare`: the
 * first call loads ICU's collation data, 6-9 ms of a command's start-up (docs/benchmarks.md), and
 * its order depends on the locale, while names, paths and timestamps here are plain text.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
