/** Sizes and metric values as people read them, in the terminal and in the report. */

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Metric values as people read them: up to 6 significant digits. */
export function formatNumber(value: number | undefined | null): string {
  if (value === undefined || value === null) return "-";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
