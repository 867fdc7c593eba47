/** The report's stylesheet: inline, system fonts only, readable on screen and in print. */
import { FONT_FAMILY } from "../notebook/charts/chart-style.js";

export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: #1f2937; font: 14px/1.5 ${FONT_FAMILY}; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 20px 48px; }
header { margin-bottom: 20px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 14px; }
h3 { font-size: 15px; margin: 20px 0 8px; color: #374151; }
h2 + h3 { margin-top: 0; }
.subtitle { color: #4b5563; margin: 0; font-size: 15px; }
.generated { color: #6b7280; margin: 4px 0 0; font-size: 12px; }
.notice { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px; padding: 10px 14px; margin: 12px 0 0; color: #78350f; }
.panel { background: #ffffff; border: 1px solid #e5e7eb; border-radius: 10px; padding: 20px 22px; margin-bottom: 20px; box-shadow: 0 1px 2px rgba(0,0,0,0.04); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { flex: 1 1 auto; min-width: 110px; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 14px; background: #f9fafb; }
.card-name { color: #6b7280; font-size: 11px; text-transform: uppercase; letter-spacing: 0.03em; white-space: nowrap; }
.card-value { font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card-detail { color: #6b7280; font-size: 12px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 16px 0 0; }
.facts dt { color: #6b7280; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; color: #374151; border-bottom: 2px solid #d1d5db; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fcfcfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.failures td.text { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 160px; max-width: 380px; }
table.failures td.short { white-space: nowrap; }
.cut { color: #b45309; font-style: italic; white-space: nowrap; }
.note { color: #6b7280; font-size: 12px; margin: 8px 0 0; }
.chart { margin: 0 0 18px; }
.chart:last-child { margin-bottom: 0; }
.chart + .chart { border-top: 1px solid #f3f4f6; padding-top: 14px; }
.caption { color: #4b5563; font-size: 13px; margin: 4px 0 0; }
footer { color: #9ca3af; font-size: 12px; text-align: center; margin-top: 8px; }
@media print { body { background: #fff; } .panel { box-shadow: none; break-inside: avoid; } }
`;
