// Inline CSS and JS for conformance.html: the page must open from file://
// with no network, so nothing is linked. The script only filters and copies;
// every fact is in the markup, so the page reads the same without JS. No run
// data is interpolated into the script (hostile strings stay in escaped HTML).
export const CSS = `
:root{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#b42318;--fail-bg:#ffe4e0;--warn:#8a5a00;--warn-bg:#fff1c2;--none:#57606a;--none-bg:#eef1f4;--line:#d0d7de}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;background:#f6f8fa;border-bottom:1px solid var(--line)}main{padding:0 24px 40px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:0 0 6px}h4{font-size:13px;margin:10px 0 4px;color:#57606a}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dl.meta dt{font-weight:600}dl.meta dd{margin:0;word-break:break-all}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}pre{background:#f6f8fa;border:1px solid var(--line);padding:8px;white-space:pre-wrap;word-break:break-all;margin:0;max-height:320px;overflow:auto}
.verdict{display:inline-block;font-weight:700;padding:2px 10px;border-radius:4px;margin-left:8px;font-size:16px}
.verdict.PASS{background:var(--pass-bg);color:var(--pass);border:1px solid var(--pass)}.verdict.FAIL{background:var(--fail-bg);color:var(--fail);border:1px solid var(--fail)}
.st-passed{background:var(--pass-bg);color:var(--pass)}.st-failed{background:var(--fail-bg);color:var(--fail)}.st-warning{background:var(--warn-bg);color:var(--warn)}.st-not-exercised{background:var(--none-bg);color:var(--none)}
.chip{display:inline-block;padding:1px 6px;margin:1px;border-radius:3px;text-decoration:none;font-size:12px;white-space:nowrap;border:1px solid currentColor}
.legend{display:flex;gap:8px;flex-wrap:wrap;margin:8px 0}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}th{background:#f6f8fa;position:sticky;top:0}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.group th{background:#e7ecf0;text-align:left;position:static}
#matrix{overflow-x:auto}#matrix td.field{font-family:ui-monospace,monospace;font-size:12px;min-width:150px}#matrix td.cell{min-width:60px;padding:2px 3px}#matrix td.cell .chip{font-size:11px}#matrix td.cell .chip.multi{white-space:normal;max-width:120px}#matrix th{font-size:12px;padding:3px 4px}
.cards{display:flex;gap:8px;flex-wrap:wrap;margin:10px 0}.card{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:110px}.card b{display:block;font-size:20px}
.failure,.warning-detail{border:1px solid var(--line);border-left:6px solid var(--fail);border-radius:4px;padding:10px 12px;margin:10px 0}.warning-detail{border-left-color:var(--warn)}
.ce{margin-top:8px;padding-top:8px;border-top:1px dashed var(--line)}.ce .summary{font-weight:600;margin:0 0 4px}
.steps{border-collapse:collapse;font-size:12px;margin:4px 0}.steps td,.steps th{border:1px solid var(--line);padding:2px 6px;vertical-align:top;text-align:left}.steps tr.failed td{background:rgba(220,50,50,.12)}.steps pre{margin:0;white-space:pre-wrap}
#breakdown{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}.gap{font-weight:700;color:var(--fail)}.filters button{margin-right:4px}.cmd{display:flex;gap:8px;align-items:flex-start}.cmd pre{flex:1}
`;

export const JS = `
document.querySelectorAll('[data-filter]').forEach(function(b){b.addEventListener('click',function(){
  var f=b.getAttribute('data-filter');document.querySelectorAll('#coverage tbody tr').forEach(function(tr){
    tr.style.display=(f==='all'||tr.getAttribute('data-status')===f||(f==='gap'&&tr.getAttribute('data-gap')==='true'))?'':'none';});});});
document.querySelectorAll('[data-copy]').forEach(function(b){b.addEventListener('click',function(){
  var el=document.getElementById(b.getAttribute('data-copy'));if(el&&navigator.clipboard){navigator.clipboard.writeText(el.textContent||'');b.textContent='copied';}});});
`;
