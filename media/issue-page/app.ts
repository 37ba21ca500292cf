// The page's state and how it is drawn: the host's messages replace the issue, the user's
// clicks change the view (window, sample, filter, folded frames) or become messages to the host.
import type { IssueDetails, TimeWindow } from '../../src/core/model';
import type { CopyWhat, HostToPageMessage } from '../../src/protocol/webview-messages';
import { renderChart, renderWindowSwitch } from './chart';
import { button, clear, el } from './dom';
import { renderFacets, type FacetFilter } from './facets';
import { WINDOW_LABELS } from './format';
import { renderHeader } from './header';
import { filterSamples, orderSamples, renderSamples } from './samples';
import { renderStack, type OpenRuns } from './stack';
import { post, savedState, saveState } from './vscode-api';
import { parsePageState, type IssuePageState } from '../../src/protocol/webview-messages';

interface View {
  issue?: IssueDetails;
  window: TimeWindow;
  now: number;
  filter?: FacetFilter;
  selected: number;
  openRuns: OpenRuns;
  /** Facets whose every value is shown. */
  openFacets: Set<string>;
  /** "Load more samples": a request in flight, or the source said there are no more. */
  loadingMore?: boolean;
  noMoreSamples?: boolean;
}

/** Tolerates a source that leaves out a list: the page draws what it has rather than nothing. */
function withDefaults(issue: IssueDetails): IssueDetails {
  return {
    ...issue,
    fingerprint: issue.fingerprint ?? [],
    histogram: issue.histogram ?? [],
    samples: issue.samples ?? [],
    facets: issue.facets ?? [],
  };
}

function restoredState(raw: unknown): IssuePageState | undefined {
  const state = parsePageState(raw);
  if (!state) return undefined;
  const record = raw as { filter?: { path?: unknown; value?: unknown }; selected?: unknown };
  const filter =
    record.filter && typeof record.filter.path === 'string' && typeof record.filter.value === 'string'
      ? { path: record.filter.path, value: record.filter.value }
      : undefined;
  const selected = typeof record.selected === 'number' && Number.isInteger(record.selected) && record.selected >= 0 ? record.selected : undefined;
  return { ...state, filter, selected };
}

export class IssuePage {
  private view: View = { window: '24h', now: Date.now(), selected: 0, openRuns: new Set(), openFacets: new Set() };
  private samplesSlot: HTMLElement = el('div');
  private facetsSlot: HTMLElement = el('div');
  private readonly notices: HTMLElement = el('div', { class: 'notices', attrs: { role: 'status' } });

  /** What the page saved before it was hidden (its script is unloaded then), applied once. */
  private restored: IssuePageState | undefined;

  constructor(private readonly root: HTMLElement) {
    this.restored = restoredState(savedState());
  }

  receive(message: HostToPageMessage): void {
    switch (message.type) {
      case 'issue':
        this.showIssue(withDefaults(message.issue), message.window, message.now);
        return;
      case 'loading':
        if (this.view.issue?.id === message.id) this.root.classList.add('busy');
        else this.placeholder(`Loading issue ${message.id}…`);
        return;
      case 'notFound':
        this.view.issue = undefined;
        this.view.window = message.window;
        saveState({ issueId: message.id, window: message.window });
        this.placeholder(`No events of issue ${message.id} in the ${WINDOW_LABELS[message.window] ?? message.window}.`, message.id);
        return;
      case 'loadError':
        this.placeholder(`Could not load issue ${message.id}: ${message.message}`, message.id, true);
        return;
      case 'notice':
        this.notice(message.text, message.level);
        return;
      case 'moreSamples':
        this.appendSamples(message);
        return;
    }
  }

  /** Appends a page of older samples to the navigable list, keeping the one being looked at. */
  private appendSamples(message: Extract<HostToPageMessage, { type: 'moreSamples' }>): void {
    const issue = this.view.issue;
    if (!issue || issue.id !== message.id || this.view.window !== message.window) return;
    this.view.loadingMore = false;
    const focused = document.activeElement;
    const hadFocus = focused instanceof HTMLElement && focused.dataset.testid === 'load-more';
    if (message.error !== undefined) this.notice(message.error, 'error');
    else {
      if (message.done) this.view.noMoreSamples = true;
      if (Array.isArray(message.samples) && message.samples.length > 0) issue.samples = [...issue.samples, ...message.samples];
    }
    this.drawSamples();
    // The redraw replaced the focused button: keep keyboard users where they were.
    if (hadFocus) this.samplesSlot.querySelector<HTMLElement>('[data-testid=load-more], [data-testid=next]')?.focus();
  }

  private placeholder(text: string, id?: string, retry = false): void {
    this.root.classList.remove('busy');
    clear(this.root);
    this.root.append(
      this.notices,
      el('p', { class: 'placeholder' }, text),
      id ? renderWindowSwitch(this.view.window, (window) => post({ type: 'setWindow', id, window })) : '',
      id && retry ? button('Retry', () => post({ type: 'reload', id }), { class: 'primary' }) : '',
    );
  }

  private notice(text: string, level: 'info' | 'error'): void {
    const note = el('div', { class: `notice ${level}` }, text);
    this.notices.appendChild(note);
    setTimeout(() => note.remove(), level === 'error' ? 8000 : 2500);
  }

  private showIssue(issue: IssueDetails, window: TimeWindow, now: number): void {
    if (this.view.issue?.id !== issue.id) {
      this.view = { window, now, selected: 0, openRuns: new Set(), openFacets: new Set() };
      if (this.restored?.issueId === issue.id) {
        this.view.filter = this.restored.filter;
        this.view.selected = this.restored.selected ?? 0;
      }
      this.restored = undefined;
    }
    this.view.issue = issue;
    this.view.window = window;
    this.view.now = now;
    // A (re)loaded issue starts again from the source's first page of samples.
    this.view.loadingMore = false;
    this.view.noMoreSamples = false;
    this.persist();
    this.render(issue);
    // Force layout so "rendered" means drawn, then tell the host.
    void this.root.offsetHeight;
    post({ type: 'rendered', id: issue.id });
  }

  private render(issue: IssueDetails): void {
    const id = issue.id;
    const { window, now } = this.view;
    this.root.classList.remove('busy');
    clear(this.root);
    const header = renderHeader(issue, window, now, {
      setState: (state) => post({ type: 'setState', id, state }),
      openExternal: () => post({ type: 'openExternal', id }),
      copyQuery: () => void this.copy(issue.query ?? '', 'query'),
    });
    const occurrences = el(
      'section',
      { class: 'occurrences', attrs: { 'aria-label': 'Occurrences' } },
      el('div', { class: 'section-head' }, el('h2', {}, issue.histogramCounts === 'indexed-logs' ? 'Occurrences · indexed logs' : 'Occurrences'), renderWindowSwitch(window, (picked) => post({ type: 'setWindow', id, window: picked }))),
      renderChart(issue.histogram, issue.regression),
    );
    const stack = renderStack(issue.error, { openLocation: (location) => post({ type: 'openLocation', id, location }) }, this.view.openRuns);
    this.samplesSlot = el('div', { class: 'slot' });
    this.facetsSlot = el('div', { class: 'slot' });
    this.root.append(
      this.notices,
      header,
      occurrences,
      el('div', { class: 'columns' }, el('div', { class: 'main-column' }, stack, this.samplesSlot), el('aside', { class: 'side-column' }, this.facetsSlot)),
    );
    this.drawSamples();
    this.drawFacets();
  }

  private drawSamples(): void {
    const issue = this.view.issue;
    if (!issue) return;
    clear(this.samplesSlot);
    this.samplesSlot.appendChild(
      renderSamples(issue.samples, this.view.filter, this.view.selected, {
        openLogLine: (origin) => post({ type: 'openLogLine', id: issue.id, origin }),
        copy: (sample) => void this.copy(JSON.stringify(sample.event, null, 2), 'sample'),
        select: (index) => {
          const shown = filterSamples(orderSamples(issue.samples), this.view.filter).length;
          this.view.selected = Math.min(Math.max(0, index), Math.max(0, shown - 1));
          this.persist();
          this.drawSamples();
        },
        clearFilter: () => this.setFilter(undefined),
      }, issue.canLoadMoreSamples && !this.view.noMoreSamples ? {
        loading: this.view.loadingMore === true,
        load: () => {
          if (this.view.loadingMore) return;
          this.view.loadingMore = true;
          post({ type: 'loadMoreSamples', id: issue.id });
        },
      } : undefined),
    );
  }

  private drawFacets(): void {
    const issue = this.view.issue;
    if (!issue) return;
    clear(this.facetsSlot);
    this.facetsSlot.appendChild(renderFacets(issue.facets, this.view.filter, (filter) => this.setFilter(filter), this.view.openFacets));
  }

  private setFilter(filter: FacetFilter | undefined): void {
    this.view.filter = filter;
    this.view.selected = 0;
    this.persist();
    this.drawSamples();
    this.drawFacets();
  }

  private persist(): void {
    const { issue, window, filter, selected } = this.view;
    if (issue) saveState({ issueId: issue.id, window, filter, selected });
  }

  private async copy(text: string, what: CopyWhat): Promise<void> {
    const id = this.view.issue?.id;
    if (!id) return;
    try {
      await navigator.clipboard.writeText(text);
      this.notice(what === 'query' ? 'Query copied' : 'Sample copied as JSON', 'info');
    } catch {
      // Webviews may deny the clipboard; the host can always write it.
      post({ type: 'copyText', id, what, text });
    }
  }
}
