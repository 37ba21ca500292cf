// Facets: for each attribute, its top values with counts and shares; clicking a value filters the
// samples to the events carrying it. Also how a sample's value for a facet path is read.
import type { ErrorEvent, Facet, JsonValue } from '../../src/core/model';
import { button, el } from './dom';
import { count, facetString, plural, share } from './format';
import { plain, shortText } from './text';

export interface FacetFilter {
  path: string;
  value: string;
}

const VALUES_SHOWN = 8;
const FACETS_SHOWN = 40;

function walk(root: JsonValue | undefined, parts: string[]): JsonValue | undefined {
  let current = root;
  for (const part of parts) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

function scalarStrings(value: JsonValue | undefined): string[] {
  if (value === undefined) return [];
  // Facets count each scalar element of an array under the array's path.
  if (Array.isArray(value)) return value.filter((item) => item === null || typeof item !== 'object').map((item) => facetString(item) ?? '');
  const text = facetString(value);
  return text === undefined ? [] : [text];
}

/** The values a facet path has on an event: standard fields first, then the attributes. */
export function eventValues(event: ErrorEvent, rawPath: string): string[] {
  const path = rawPath.startsWith('@') ? rawPath.slice(1) : rawPath;
  switch (path) {
    case 'service':
    case 'env':
    case 'version':
    case 'host':
    case 'status':
      return event[path] === undefined ? [] : [event[path] as string];
    case 'error.kind':
    case 'error.fingerprint': {
      const value = event.error[path.slice('error.'.length) as 'kind' | 'fingerprint'];
      return value === undefined ? [] : [value];
    }
  }
  const attributes = event.attributes;
  if (Object.prototype.hasOwnProperty.call(attributes, path)) return scalarStrings(attributes[path]);
  return scalarStrings(walk(attributes, path.split('.')));
}

/** Whether an event carries a facet value (facets cut long values and end them with "…"). */
export function eventMatches(event: ErrorEvent, filter: FacetFilter): boolean {
  const cut = filter.value.endsWith('…') ? filter.value.slice(0, -1) : undefined;
  return eventValues(event, filter.path).some((value) => value === filter.value || (cut !== undefined && value.length > cut.length && value.startsWith(cut)));
}

export function renderFacets(
  facets: readonly Facet[],
  active: FacetFilter | undefined,
  onPick: (filter: FacetFilter | undefined) => void,
  expanded: Set<string> = new Set(),
): HTMLElement {
  const section = el('section', { class: 'facets', attrs: { 'data-testid': 'facets', 'aria-label': 'Facets' } }, el('h2', {}, 'What the events share'));
  if (facets.length === 0) {
    section.appendChild(el('p', { class: 'muted' }, 'No attribute facets for this issue.'));
    return section;
  }
  for (const facet of facets.slice(0, FACETS_SHOWN)) {
    const limit = expanded.has(facet.path) ? facet.values.length : VALUES_SHOWN;
    const rows = facet.values.slice(0, limit).map((entry) => {
      const selected = active?.path === facet.path && active.value === entry.value;
      const fraction = facet.total > 0 ? Math.min(1, entry.count / facet.total) : 0;
      const meter = el('span', { class: 'meter' }, el('span', { class: 'meter-fill' }));
      // A CSSOM property write, allowed under the CSP (unlike a style attribute).
      (meter.firstChild as HTMLElement).style.width = `${(fraction * 100).toFixed(1)}%`;
      return el(
        'li',
        {},
        el(
          'button',
          {
            class: `facet-value${selected ? ' selected' : ''}`,
            title: plain(`${selected ? 'Show all samples' : 'Show only samples with'} ${facet.path} = ${entry.value}`, 500),
            attrs: { 'aria-pressed': String(selected), 'data-facet': facet.path, type: 'button' },
            onClick: () => onPick(selected ? undefined : { path: facet.path, value: entry.value }),
          },
          shortText(entry.value === '' ? '(empty)' : entry.value, 120, 'value'),
          meter,
          el('span', { class: 'count' }, count(entry.count)),
          el('span', { class: 'share' }, share(entry.count, facet.total)),
        ),
      );
    });
    const box = el(
      'div',
      { class: 'facet' },
      el('h3', {}, shortText(facet.path, 200), el('span', { class: 'muted' }, ` · ${plural(facet.total, 'event')}`)),
      el('ul', {}, ...rows),
    );
    if (facet.values.length > limit) {
      box.appendChild(
        button(`show ${plural(facet.values.length - limit, 'other value')}`, () => {
          expanded.add(facet.path);
          section.replaceWith(renderFacets(facets, active, onPick, expanded));
        }, { class: 'link show-more' }),
      );
    }
    section.appendChild(box);
  }
  if (facets.length > FACETS_SHOWN) section.appendChild(el('p', { class: 'muted' }, `+ ${plural(facets.length - FACETS_SHOWN, 'other attribute')}`));
  return section;
}
