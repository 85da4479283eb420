/** The dashboard's one stylesheet, inlined in every page: system fonts, dense tables for a laptop screen. */
export const STYLE = `
:root { --ink: #1d2430; --muted: #5d6778; --line: #dde2ea; --bg: #f6f7f9; --accent: #2456c7;
  --ok: #1c7c3a; --warn: #9a6400; --bad: #b3261e; --idle: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif; color: var(--ink); background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 10px 20px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
header h1 { font-size: 15px; margin: 0; }
header .merchants a, nav a { color: var(--ink); text-decoration: none; padding: 3px 8px; border-radius: 4px; }
header .merchants a[aria-current], nav a[aria-current] { background: var(--accent); color: #fff; }
.clock { margin-left: auto; display: flex; gap: 6px; align-items: center; }
.clock strong { font-variant-numeric: tabular-nums; }
nav { background: #fff; border-bottom: 1px solid var(--line); padding: 6px 14px; display: flex; flex-wrap: wrap; gap: 4px; }
nav .count { color: var(--muted); font-size: 11px; }
nav a[aria-current] .count { color: #dbe4ff; }
main { padding: 14px 20px 40px; max-width: 1600px; }
h2 { font-size: 14px; margin: 18px 0 8px; }
h2:first-child { margin-top: 4px; }
p.hint { color: var(--muted); margin: 4px 0 10px; max-width: 90ch; }
.flash, .refusal { padding: 8px 12px; border-radius: 5px; margin: 0 0 12px; border: 1px solid; }
.flash { background: #ecf7ef; border-color: #b7dfc2; }
.refusal { background: #fdeeed; border-color: #f1b9b5; }
.refusal .kind { font-weight: 600; margin-right: 6px; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.receipts { max-width: 220px; word-break: break-all; }
code, .id { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
.small { font-size: 11px; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 11px; font-weight: 600; color: #fff; background: var(--idle); }
.badge.paid, .badge.delivered, .badge.executed { background: var(--ok); }
.badge.ready, .badge.scheduled, .badge.sending, .badge.retrying { background: var(--warn); }
.badge.failed, .badge.cancelled, .badge.revoked { background: var(--bad); }
form.inline { display: inline-flex; gap: 4px; align-items: center; margin: 2px 0; flex-wrap: wrap; }
form.filters, form.panel { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; background: #fff; border: 1px solid var(--line); padding: 8px 10px; margin-bottom: 10px; border-radius: 5px; }
label { display: flex; flex-direction: column; gap: 2px; font-size: 11px; color: var(--muted); }
input, select, button { font: inherit; padding: 3px 6px; border: 1px solid #c3cad6; border-radius: 4px; background: #fff; color: var(--ink); }
input[type=number] { width: 8em; }
button { cursor: pointer; background: #f0f3f8; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { background: #fff; border-color: var(--bad); color: var(--bad); }
button:disabled { opacity: .5; cursor: default; }
.bars { width: 160px; }
.bar { height: 6px; border-radius: 3px; margin: 2px 0; }
.bar.ratio { background: #b9c7e8; }
.bar.share { background: var(--accent); }
details summary { cursor: pointer; color: var(--accent); }
pre { white-space: pre-wrap; word-break: break-all; margin: 4px 0; font-size: 11px; }
.empty { color: var(--muted); padding: 12px; background: #fff; border: 1px dashed var(--line); border-radius: 5px; }
`;
