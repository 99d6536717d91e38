/**
 * Markdown-style tables with aligned columns: readable in a terminal and
 * pasteable into an issue as they are. The first `labelColumns` columns
 * (default 1) are left-aligned (labels), the others right-aligned (numbers).
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], labelColumns = 1): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `| ${widths
      .map((width, column) => {
        const cell = cells[column] ?? "";
        return column < labelColumns ? cell.padEnd(width) : cell.padStart(width);
      })
      .join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (column < labelColumns ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

/** Milliseconds with precision that matters at their scale. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "-";
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

export function rate(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toString() : "-";
}

export function micros(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "-" : Math.round(value).toString();
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)}x` : "-";
}

/** A signed difference in milliseconds (the service's cost can come out negative within noise). */
export function msDelta(value: number): string {
  return Number.isFinite(value) ? `${value >= 0 ? "+" : "-"}${ms(Math.abs(value))}` : "-";
}
