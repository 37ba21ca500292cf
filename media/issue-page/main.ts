// Entry of the issue page's script (bundled to media/dist/issue-page.js). It draws nothing until
// the extension posts the issue; it announces itself with 'ready' (also after a webview reload).
import type { HostToPageMessage } from '../../src/protocol/webview-messages';
import { IssuePage } from './app';
import { post } from './vscode-api';

const HOST_TYPES = new Set(['issue', 'loading', 'notFound', 'loadError', 'notice', 'moreSamples']);

const root = document.getElementById('app');
if (root) {
  const page = new IssuePage(root);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string' || !HOST_TYPES.has(data.type)) return;
    try {
      page.receive(data as HostToPageMessage);
    } catch (error) {
      console.error('issue page: could not draw the message', error);
    }
  });
  post({ type: 'ready' });
}
