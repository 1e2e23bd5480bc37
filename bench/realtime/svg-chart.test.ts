import { describe, expect, it } from 'vitest';
import { escapeXml, linearTicks, logTicks, renderLineChart } from './svg-chart.js';
import { must } from './must.js';

describe('the SVG chart', () => {
  it('draws one path per series with a point per step, and a legend entry', () => {
    const svg = renderLineChart({
      title: 'p99 <vs> load',
      xLabel: 'offered',
      yLabel: 'p99 ms',
      series: [
        {
          name: 'A & B',
          color: '#f00',
          points: [
            [10_000, 5],
            [20_000, 50],
            [30_000, 900],
          ],
        },
        { name: 'C', color: '#00f', points: [[10_000, 2]] },
      ],
      guides: [{ y: 100, label: 'knee' }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toContain('p99 &lt;vs&gt; load');
    expect(svg).toContain('>A &amp; B<');
    expect(svg).toContain('>knee<');
  });

  it('places higher latencies higher on the log axis', () => {
    const svg = renderLineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        {
          name: 's',
          color: '#000',
          points: [
            [1, 1],
            [2, 1000],
          ],
        },
      ],
    });
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys[1]).toBeLessThan(must(ys[0]));
  });

  it('makes round ticks', () => {
    expect(linearTicks(0, 250_000)).toEqual([0, 50_000, 100_000, 150_000, 200_000, 250_000]);
    expect(logTicks(0.5, 1500)).toEqual([0.1, 1, 10, 100, 1000, 10_000]);
    expect(escapeXml('"<&>"')).toBe('&quot;&lt;&amp;&gt;&quot;');
  });
});
