// The one handle on the webview host. acquireVsCodeApi may be called only once per page.
import type { IssuePageState, PageToHostMessage } from '../../src/protocol/webview-messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function post(message: PageToHostMessage): void {
  api.postMessage(message);
}

export function savedState(): unknown {
  return api.getState();
}

export function saveState(state: IssuePageState): void {
  api.setState(state);
}
