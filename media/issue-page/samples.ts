// Sample events: latest, first and sampled, one shown at a time with prev/next and a picker;
// each with its standard fields, where it was logged (local) and every attribute in a lazy tree.
import type { EventOrigin, Sample } from '../../src/core/model';
import { attributeTree } from './attr-tree';
import { button, el } from './dom';
import { count, dateTime } from './format';
import { eventMatches, type FacetFilter } from './facets';
import { logText, shortText } from './text';

export interface SampleActions {
  openLogLine(origin: EventOrigin): void;
  copy(sample: Sample): void;
  select(index: number): void;
  clearFilter(): void;
}

/** The "Load more samples" button's state; absent when the source cannot page or has no more. */
export interface MoreSamples {
  loading: boolean;
  load(): void;
}

const KIND_ORDER: Record<string, number> = { latest: 0, first: 1, sampled: 2 };
const KIND_LABELS: Record<string, string> = { latest: 'Latest', first: 'First', sampled: 'Sampled' };

/** Latest, then first, then the sampled ones newest first. */
export function orderSamples(samples: readonly Sample[]): Sample[] {
  return [...samples].sort((a, b) => (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) || b.event.timestamp - a.event.timestamp);
}

export function filterSamples(samples: readonly Sample[], filter: FacetFilter | undefined): Sample[] {
  if (!filter) return [...samples];
  return samples.filter((sample) => eventMatches(sample.event, filter));
}

function field(label: string, value: Node | string | undefined | null): HTMLElement | null {
  if (value === undefined || value === null || value === '') return null;
  return el('div', { class: 'field' }, el('dt', {}, label), el('dd', {}, value));
}

function text(value: string | undefined, max = 500): HTMLElement | undefined {
  return value === undefined ? undefined : logText(value, max);
}

function renderSample(sample: Sample, actions: SampleActions): HTMLElement {
  const event = sample.event;
  const origin = event.origin;
  const attributeCount = Object.keys(event.attributes).length;
  return el(
    'article',
    { class: 'sample', attrs: { 'data-testid': 'sample' } },
    el(
      'dl',
      { class: 'fields' },
      field('Time', dateTime(event.timestamp)),
      field('Status', text(event.status, 40)),
      field('Message', logText(event.message, 2000, 'div', 'pre')),
      field('Service', text(event.service)),
      field('Env', text(event.env)),
      field('Version', text(event.version)),
      field('Host', text(event.host)),
      origin
        ? field(
            'Logged at',
            el(
              'button',
              { class: 'link origin', attrs: { type: 'button' }, title: 'Open the log file at this line', onClick: () => actions.openLogLine(origin) },
              shortText(`${origin.file}:${origin.line}`, 500),
            ),
          )
        : null,
      field('Error kind', text(event.error.kind)),
      field('Error message', event.error.message === undefined ? undefined : logText(event.error.message, 2000, 'div', 'pre')),
      event.error.stack
        ? field('Stack', el('details', { class: 'raw-stack' }, el('summary', {}, 'as logged'), logText(event.error.stack, 20000, 'pre')))
        : null,
    ),
    el(
      'details',
      { class: 'attributes', attrs: { open: '' } },
      el('summary', {}, `Attributes (${count(attributeCount)})`),
      attributeCount ? attributeTree(event.attributes) : el('p', { class: 'muted' }, 'No other attributes.'),
    ),
    rawJson(sample),
  );
}

const EAGER_JSON = 100_000;

/** The event as JSON (what "Copy as JSON" copies); big events are built only when opened. */
function rawJson(sample: Sample): HTMLElement {
  const details = el('details', { class: 'raw-json' }, el('summary', {}, 'As JSON'));
  const json = JSON.stringify(sample.event, null, 2);
  if (json.length <= EAGER_JSON) {
    details.appendChild(logText(json, EAGER_JSON, 'pre', 'json'));
  } else {
    details.addEventListener('toggle', () => {
      if (details.open && details.childElementCount === 1) details.appendChild(logText(json, 20_000, 'pre', 'json'));
    });
  }
  return details;
}

export function renderSamples(
  samples: readonly Sample[],
  filter: FacetFilter | undefined,
  selected: number,
  actions: SampleActions,
  more?: MoreSamples,
): HTMLElement {
  const section = samplesSection(samples, filter, selected, actions);
  if (more) section.appendChild(moreButton(more));
  return section;
}

const LOADING_MORE = 'Loading more samples…';

function moreButton(more: MoreSamples): HTMLElement {
  const node = button(more.loading ? LOADING_MORE : 'Load more samples', () => {
    // Changed in place, not redrawn, so keyboard focus stays on the button.
    node.disabled = true;
    node.textContent = LOADING_MORE;
    more.load();
  }, {
    class: 'secondary load-more',
    title: 'Fetch older sample events of this issue',
    attrs: { 'data-testid': 'load-more' },
  });
  node.disabled = more.loading;
  return el('div', { class: 'more-samples' }, node);
}

function samplesSection(
  samples: readonly Sample[],
  filter: FacetFilter | undefined,
  selected: number,
  actions: SampleActions,
): HTMLElement {
  const ordered = orderSamples(samples);
  const shown = filterSamples(ordered, filter);
  const section = el('section', { class: 'samples', attrs: { 'data-testid': 'samples', 'aria-label': 'Samples' } }, el('h2', {}, 'Samples'));
  if (filter) {
    section.appendChild(
      el(
        'div',
        { class: 'filter-chip', attrs: { 'data-testid': 'filter' } },
        'Only samples with ',
        shortText(`${filter.path} = ${filter.value}`, 200, 'code'),
        ` · ${count(shown.length)} of ${count(ordered.length)} `,
        button('clear', () => actions.clearFilter(), { class: 'link' }),
      ),
    );
  }
  if (shown.length === 0) {
    section.appendChild(
      el('p', { class: 'muted' }, ordered.length === 0 ? 'No sample events were kept for this issue.' : 'None of the kept samples has this value.'),
    );
    return section;
  }
  const index = Math.min(Math.max(0, selected), shown.length - 1);
  const sample = shown[index];
  const picker = el('select', { attrs: { 'aria-label': 'Choose a sample' } });
  shown.forEach((candidate, i) => {
    const option = el('option', {}, `${KIND_LABELS[candidate.kind] ?? candidate.kind} · ${dateTime(candidate.event.timestamp)}`);
    option.value = String(i);
    option.selected = i === index;
    picker.appendChild(option);
  });
  picker.addEventListener('change', () => actions.select(Number(picker.value)));
  const prev = button('‹ Previous', () => actions.select(index - 1), { class: 'secondary', attrs: { 'data-testid': 'prev' } });
  const next = button('Next ›', () => actions.select(index + 1), { class: 'secondary', attrs: { 'data-testid': 'next' } });
  prev.disabled = index === 0;
  next.disabled = index === shown.length - 1;
  section.appendChild(
    el(
      'div',
      { class: 'sample-nav' },
      prev,
      el('span', { class: 'position', attrs: { 'data-testid': 'position' } }, `${count(index + 1)} of ${count(shown.length)}`),
      next,
      picker,
      el('span', { class: `badge kind-${sample.kind}` }, KIND_LABELS[sample.kind] ?? sample.kind),
      button('Copy as JSON', () => actions.copy(sample), { class: 'secondary copy' }),
    ),
  );
  section.appendChild(renderSample(sample, actions));
  return section;
}
