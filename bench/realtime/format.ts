// Formatting helpers of the realtime report.

export const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
export const ms = (x: number) =>
  Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(0)) : '—';
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ratio = (a: number | undefined | null, b: number | undefined | null) =>
  a != null && b != null && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? a / b : Number.NaN;
export const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');
export const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
