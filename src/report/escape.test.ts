import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXml, oneLine, showControls } from './escape.ts';
import { safeReplay } from './safeFinding.ts';
import { safeText } from './reportRedaction.ts';
import { remoteResources, stripAnalytics } from './stripAnalytics.ts';

describe('escaping hostile text', () => {
  it('shows invisible characters and lone surrogates, keeps emoji', () => {
    expect(showControls('a\u0000b\u001b[0m\u007f\ud800\uFFFE🔥\r\n')).toBe('a\\x00b\\x1b[0m\\x7f\\ud800\\ufffe🔥\\r\n');
    expect(oneLine('a\n\tb')).toBe('a\\n\\tb');
  });
  it('HTML and XML', () => {
    expect(escapeHtml(`<script>"x'&`)).toBe('&lt;script&gt;&quot;x&#39;&amp;');
    expect(escapeXml(`]]>"'\n`, true)).toBe(']]&gt;&quot;&apos;&#10;');
  });
});

describe('report-only redaction', () => {
  it('query parameters, token flags, env assignments, URL user info', () => {
    expect(safeText('/x?okta_token=abc&folder=A', [])).toBe('/x?okta_token=[REDACTED]&folder=A');
    expect(safeText('run --token abcdef --broker-token=xyz123 --seed 1', [])).toBe('run --token [REDACTED] --broker-token=[REDACTED] --seed 1');
    expect(safeText('MFA_TOKEN=abcdef npx x; MFA_TOKEN=$MFA_TOKEN', [])).toBe('MFA_TOKEN=[REDACTED] npx x; MFA_TOKEN=$MFA_TOKEN');
    expect(safeText('https://u:p4ss@h/x', [])).toBe('https://[REDACTED]@h/x');
    expect(safeText(`a ${encodeURIComponent('s3c r/t')} b`, ['s3c r/t'])).toBe('a [REDACTED] b');
  });
  it('replay keeps a pasteable Authorization header with a variable, never a token fragment', () => {
    expect(safeReplay('curl -H "Authorization: Bearer abc.def" -d x', [])).toBe('curl -H "Authorization: Bearer $MFA_TOKEN" -d x');
    expect(safeReplay('curl -H "Authorization: sekrit123"', [])).toBe('curl -H "Authorization: $MFA_AUTHORIZATION"');
  });
});

describe('stripAnalytics', () => {
  it('removes the Google Tag Manager loader and its config script, keeps the rest', () => {
    const page = '<body><script>window.allure = {};</script>\n<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>\n<script>\n  window.dataLayer = window.dataLayer || [];\n  gtag("config", "G-X");\n</script>\n<script src="data:text/javascript;base64,AAAA"></script></body>';
    const out = stripAnalytics(page);
    expect(out).not.toContain('googletagmanager');
    expect(out).not.toContain('dataLayer');
    expect(out).toContain('window.allure = {}');
    expect(out).toContain('data:text/javascript');
    expect(remoteResources(page)).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-X']);
    expect(remoteResources(out)).toEqual([]);
  });
});
