// Allure 3's awesome plugin (3.18.0, generators.js) hard-codes
// `analyticsEnable: true`: every generated index.html loads Google Tag
// Manager and reports the report's uuid and version when opened with a
// network. ALLURE_NO_ANALYTICS only reaches the allure2 plugin. A report
// of a conformance run must not phone home, so we cut the two tags out.
const LOADER = /<script[^>]*\bsrc="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*><\/script>\s*/g;
const CONFIG = /<script>\s*window\.dataLayer = window\.dataLayer \|\| \[\];[\s\S]*?<\/script>\s*/g;

export function stripAnalytics(html: string): string {
  return html.replace(LOADER, '').replace(CONFIG, '');
}

/** Remote http(s) resources a page would load by itself: scripts, styles, images, frames. */
export function remoteResources(html: string): string[] {
  const re = /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(https?:\/\/[^"]+)"/gi;
  return [...html.matchAll(re)].map((m) => m[1]!);
}
