/**
 * The site stylesheet, served from /assets/site.css so pages run under a CSP without 'unsafe-inline'.
 * Mobile first; colours meet WCAG AA contrast; focus is always visible.
 */
export const SITE_CSS = `*{box-sizing:border-box}
img{max-width:100%;height:auto}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0a5fb4}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #0a5fb4;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
.demo{background:#fff3bf;color:#5c4400;text-align:center;padding:6px 12px;font-weight:700;border-bottom:1px solid #e3c55a}
header.site{background:#8b1a1a;color:#fff}
header.site .in,main,footer .in{max-width:960px;margin:0 auto;padding:12px 16px}
header.site .in{display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px}
header.site a{color:#fff;text-decoration:none}
.logo{font-size:20px;font-weight:700}.brandtag{border:1px solid #fff;border-radius:4px;padding:0 6px;font-size:14px}
header.site nav{margin-left:auto;display:flex;gap:16px;flex-wrap:wrap}
header.site nav a{text-decoration:underline;text-underline-offset:3px}
h1{font-size:26px;line-height:1.3;margin:16px 0 8px;overflow-wrap:anywhere}h2{font-size:20px;margin:28px 0 8px}
.name{unicode-bidi:isolate;overflow-wrap:anywhere}
section.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:4px 16px 12px;margin:16px 0}
dl.facts{display:grid;grid-template-columns:minmax(7em,max-content) 1fr;gap:4px 16px;margin:8px 0}
dl.facts dt{color:#57606a}dl.facts dd{margin:0;overflow-wrap:anywhere}
.chip{display:inline-block;border-radius:999px;padding:2px 10px;color:#fff;font-weight:700;font-size:14px;white-space:nowrap}
.tone-trusted{background:#1a7f37}.tone-normal{background:#0a5fb4}.tone-caution{background:#8a5a00}.tone-warning{background:#b34700}.tone-danger{background:#c4161c}.tone-unknown{background:#5f6b76}
.alert{border-radius:8px;padding:8px 16px;margin:16px 0;border:2px solid}
.alert h2{margin:4px 0}.alert-warning{background:#fff4e5;border-color:#b34700;color:#6b2a00}.alert-danger{background:#ffebe9;border-color:#c4161c;color:#82071e}
table{border-collapse:collapse;width:100%;font-size:15px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d0d7de;vertical-align:top}
th{color:#57606a;font-weight:600}.tablewrap{overflow-x:auto}
form.search{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0}
form.search label{flex-basis:100%;font-weight:600}
form.search input{flex:1 1 240px;font:inherit;padding:10px 12px;border:1px solid #8c959f;border-radius:6px;min-width:0}
form.search button{font:inherit;padding:10px 20px;border:0;border-radius:6px;background:#8b1a1a;color:#fff;font-weight:700;cursor:pointer}
ol.results{list-style:none;padding:0}ol.results li{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 14px;margin:8px 0}
ol.results .r1{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.muted{color:#57606a}.err{color:#82071e;font-weight:700}
pre{background:#f0f2f4;border:1px solid #d0d7de;border-radius:6px;padding:10px;overflow-x:auto;font-size:14px}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.preview{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;background:#fff;border:1px dashed #8c959f;border-radius:8px;padding:12px}
footer{border-top:1px solid #d0d7de;margin-top:32px;font-size:14px;color:#57606a}
@media (max-width:600px){h1{font-size:22px}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:6px}header.site nav{margin-left:0}}
`;
