// The occurrence chart: one SVG bar per histogram bucket, coloured by theme variables in CSS,
// each with a hover title giving the exact count and time range; plus the window switch.
import { TIME_WINDOWS, type HistogramBucket, type Regression, type TimeWindow } from '../../src/core/model';
import { button, el, svg } from './dom';
import { count, dateTime, plural, shortTime } from './format';
import { plain } from './text';

const WIDTH = 1000;
const HEIGHT = 120;

export function renderWindowSwitch(current: TimeWindow, onPick: (window: TimeWindow) => void): HTMLElement {
  return el(
    'div',
    { class: 'window-switch', attrs: { role: 'group', 'aria-label': 'Time window' } },
    ...TIME_WINDOWS.map((window) =>
      button(window, () => onPick(window), {
        class: window === current ? 'segment active' : 'segment',
        attrs: { 'aria-pressed': String(window === current), 'data-window': window },
      }),
    ),
  );
}

export function renderChart(buckets: readonly HistogramBucket[], regression: Regression | undefined): HTMLElement {
  if (buckets.length === 0) return el('p', { class: 'muted' }, 'No occurrences in this window.');
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const peak = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const start = buckets[0].start;
  const end = buckets[buckets.length - 1].start + buckets[buckets.length - 1].width;
  const span = Math.max(1, end - start);
  const slot = WIDTH / buckets.length;
  const gap = slot > 4 ? Math.min(2, slot * 0.15) : 0;

  const chart = svg('svg', {
    class: 'chart',
    attrs: {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      preserveAspectRatio: 'none',
      role: 'img',
      'aria-label': `${plural(total, 'event')} in ${buckets.length} intervals, at most ${count(peak)} per interval`,
      'data-testid': 'chart',
    },
  });
  buckets.forEach((bucket, index) => {
    const x = index * slot;
    const barHeight = bucket.count === 0 ? 0 : Math.max(2, (bucket.count / peak) * (HEIGHT - 4));
    const label = `${plural(bucket.count, 'event')} · ${dateTime(bucket.start)} – ${dateTime(bucket.start + bucket.width)}`;
    chart.appendChild(
      svg(
        'g',
        { class: 'bucket', attrs: { 'data-count': String(bucket.count) } },
        svg('title', {}, label),
        // The full-height hit area makes empty intervals hoverable too.
        svg('rect', { class: 'hit', attrs: { x: String(x), y: '0', width: String(slot), height: String(HEIGHT) } }),
        svg('rect', {
          class: 'bar',
          attrs: { x: String(x + gap / 2), y: String(HEIGHT - barHeight), width: String(Math.max(0.5, slot - gap)), height: String(barHeight) },
        }),
      ),
    );
  });
  chart.appendChild(svg('line', { class: 'baseline', attrs: { x1: '0', x2: String(WIDTH), y1: String(HEIGHT - 0.5), y2: String(HEIGHT - 0.5) } }));
  if (regression && regression.at >= start && regression.at <= end) {
    const x = ((regression.at - start) / span) * WIDTH;
    chart.appendChild(
      svg(
        'g',
        { class: 'regression-mark' },
        svg('title', {}, `Regressed ${dateTime(regression.at)}${regression.version ? ` in ${plain(regression.version, 80)}` : ''}`),
        svg('line', { attrs: { x1: String(x), x2: String(x), y1: '0', y2: String(HEIGHT) } }),
      ),
    );
  }
  return el(
    'div',
    { class: 'chart-box' },
    el('div', { class: 'chart-peak muted' }, `peak ${count(peak)}`),
    chart,
    el('div', { class: 'chart-axis muted' }, el('span', {}, shortTime(start, span)), el('span', {}, shortTime(end, span))),
  );
}
