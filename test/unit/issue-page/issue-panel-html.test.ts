import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIssuePageHtml, contentSecurityPolicy, issuePanelOptions, makeNonce } from '../../../src/extension/issue-panel-html';

const CSP_SOURCE = 'https://*.vscode-cdn.net';
const options = {
  cspSource: CSP_SOURCE,
  nonce: 'bm9uY2Utb2YtdGhlLXRlc3Q=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/issue-page.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/issue-page/issue-page.css'],
};

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a CSP meta tag');
  return match[1];
}

describe('buildIssuePageHtml', () => {
  it('declares the strict CSP: nothing by default, scripts by nonce, styles from the extension', () => {
    const csp = cspOf(buildIssuePageHtml(options));
    assert.equal(
      csp,
      `default-src 'none'; script-src 'nonce-${options.nonce}'; style-src ${CSP_SOURCE} 'nonce-${options.nonce}'; img-src ${CSP_SOURCE} data:`,
    );
    assert.equal(csp, contentSecurityPolicy(CSP_SOURCE, options.nonce));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*(?!\.vscode-cdn)/);
  });

  it('loads the one script with the nonce and from the given URI, with no inline code', () => {
    const html = buildIssuePageHtml(options);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${options.nonce}"`));
    assert.match(scripts[0][1], new RegExp(`src="${options.scriptUri.replace(/[.+]/g, '\\$&')}"`));
    assert.equal(scripts[0][2].trim(), '');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /<style/i, 'no inline style blocks');
  });

  it('links every stylesheet with the nonce', () => {
    const html = buildIssuePageHtml({ ...options, styleUris: ['https://x/a.css', 'https://x/b.css'] });
    const links = [...html.matchAll(/<link rel="stylesheet" nonce="([^"]+)" href="([^"]+)">/g)];
    assert.deepEqual(links.map((link) => link[2]), ['https://x/a.css', 'https://x/b.css']);
    assert.ok(links.every((link) => link[1] === options.nonce));
  });

  it('carries no issue data: the same shell for every issue', () => {
    const html = buildIssuePageHtml(options);
    assert.doesNotMatch(html, /TypeError|nightly-import|samples|"id"/);
    assert.match(html, /<main id="app"/);
  });

  it('escapes URIs so a strange extension path cannot break out of the attribute', () => {
    const html = buildIssuePageHtml({ ...options, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.equal([...html.matchAll(/<script/g)].length, 1);
    assert.match(html, /&quot;&gt;&lt;script&gt;/);
  });

  it('refuses a nonce that is not base64', () => {
    assert.throws(() => buildIssuePageHtml({ ...options, nonce: "x' 'unsafe-inline" }));
  });
});

describe('makeNonce', () => {
  it('is base64 of 16 random bytes, different each time', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => makeNonce()));
    assert.equal(nonces.size, 20);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });
});

describe('issuePanelOptions', () => {
  it('lets the webview load only from media/, runs scripts, and allows no command links', () => {
    const options = issuePanelOptions('/ext/media');
    assert.deepEqual(options.localResourceRoots, ['/ext/media']);
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableCommandUris, false);
  });
});
