import { must } from './must.js';
// A small, dependency-free SVG line chart: p99 latency (log scale) against offered load.

export interface Series {
  name: string;
  color: string;
  /** [x, y] points; y must be > 0 (log scale). */
  points: [number, number][];
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Optional horizontal reference lines, e.g. the 100 ms knee. */
  guides?: { y: number; label: string }[];
}

const WIDTH = 720;
const HEIGHT = 420;
const PAD = { left: 70, right: 170, top: 40, bottom: 55 };

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Round-number ticks covering [min, max] on a linear axis. */
export function linearTicks(min: number, max: number, target = 6): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = must([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw));
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** Powers of ten covering [min, max] (both > 0). */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++)
    ticks.push(10 ** e);
  return ticks;
}

const formatNumber = (n: number) =>
  n >= 1000 ? `${Number((n / 1000).toFixed(1))}k` : `${Number(n.toPrecision(3))}`;

/** Renders the chart as a standalone SVG document (x linear from 0, y logarithmic). */
export function renderLineChart(chart: LineChart): string {
  const points = chart.series.flatMap((s) => s.points);
  const ys = [...points.map(([, y]) => y), ...(chart.guides ?? []).map((g) => g.y)].filter(
    (y) => y > 0,
  );
  const xTicks = linearTicks(0, Math.max(1, ...points.map(([x]) => x)));
  const yTicks = logTicks(Math.min(1, ...ys), Math.max(10, ...ys));
  const xMax = must(xTicks.at(-1));
  const [yMin, yMax] = [Math.log10(must(yTicks[0])), Math.log10(must(yTicks.at(-1)))];
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + (x / xMax) * plotW;
  const sy = (y: number) => PAD.top + plotH - ((Math.log10(y) - yMin) / (yMax - yMin)) * plotH;
  const f = (n: number) => n.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2 - PAD.right / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(chart.title)}</text>`,
  ];
  for (const t of xTicks) {
    out.push(
      `<line x1="${f(sx(t))}" y1="${PAD.top}" x2="${f(sx(t))}" y2="${PAD.top + plotH}" stroke="#eee"/>`,
      `<text x="${f(sx(t))}" y="${PAD.top + plotH + 16}" text-anchor="middle">${formatNumber(t)}</text>`,
    );
  }
  for (const t of yTicks) {
    out.push(
      `<line x1="${PAD.left}" y1="${f(sy(t))}" x2="${PAD.left + plotW}" y2="${f(sy(t))}" stroke="#eee"/>`,
      `<text x="${PAD.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${formatNumber(t)}</text>`,
    );
  }
  out.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  for (const guide of chart.guides ?? []) {
    out.push(
      `<line x1="${PAD.left}" y1="${f(sy(guide.y))}" x2="${PAD.left + plotW}" y2="${f(sy(guide.y))}" stroke="#c00" stroke-dasharray="4 4"/>`,
      `<text x="${PAD.left + plotW - 4}" y="${f(sy(guide.y) - 4)}" text-anchor="end" fill="#c00">${escapeXml(guide.label)}</text>`,
    );
  }
  chart.series.forEach((series, i) => {
    const valid = series.points.filter(([, y]) => y > 0);
    if (valid.length > 0) {
      const d = valid.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${f(sx(x))} ${f(sy(y))}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${series.color}" stroke-width="2"/>`);
      for (const [x, y] of valid) {
        out.push(`<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="3" fill="${series.color}"/>`);
      }
    }
    const ly = PAD.top + 10 + i * 20;
    out.push(
      `<line x1="${WIDTH - PAD.right + 15}" y1="${ly}" x2="${WIDTH - PAD.right + 35}" y2="${ly}" stroke="${series.color}" stroke-width="2"/>`,
      `<text x="${WIDTH - PAD.right + 40}" y="${ly + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
