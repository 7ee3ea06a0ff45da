#!/usr/bin/env node
// Generates domain/calendar/tw-official-calendar.ts from the official Taiwan government office
// calendar (政府行政機關辦公日曆表), one JSON file per year: [{ date: "YYYYMMDD", week: "一".."日",
// isHoliday: boolean, description: string }, ...] with one entry per day.
//
// Only the exceptions to the Monday–Friday rule are kept: weekday holidays (with their
// description) and weekend make-up workdays (補班). Before writing, the generator re-reads its own
// output and checks that every single day of the input agrees with it; any disagreement aborts.
//
// Usage (from anywhere):
//   node scripts/gen-calendar.mjs [DATA_DIR] [--check]
//     DATA_DIR  folder holding YYYY.json files (default: ../shared/data/tw-calendar relative to
//               the repository root)
//     --check   do not write; exit 1 if the committed file differs from what would be generated
//
// Plain Node ESM, no dependencies.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_REL = 'domain/calendar/tw-official-calendar.ts';
const outPath = path.join(repoRoot, OUT_REL);
const WEEK_CHARS = ['日', '一', '二', '三', '四', '五', '六']; // index = JS getUTCDay()

function fail(message) {
  process.stderr.write(`gen-calendar: ${message}\n`);
  process.exit(1);
}

// ---- arguments ------------------------------------------------------------------------------

const args = process.argv.slice(2);
let check = false;
let dataDirArg;
for (const a of args) {
  if (a === '--check') check = true;
  else if (a === '-h' || a === '--help') {
    process.stdout.write('Usage: node scripts/gen-calendar.mjs [DATA_DIR] [--check]\n');
    process.exit(0);
  } else if (a.startsWith('-')) fail(`unknown option ${a}`);
  else if (dataDirArg === undefined) dataDirArg = a;
  else fail(`unexpected argument ${a}`);
}
const dataDir = dataDirArg
  ? path.resolve(process.cwd(), dataDirArg)
  : path.resolve(repoRoot, '..', 'shared', 'data', 'tw-calendar');
if (!existsSync(dataDir)) fail(`data folder not found: ${dataDir}`);

// ---- read and validate the input -------------------------------------------------------------

function isoFromCompact(compact) {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

function isoOfUtcDate(d) {
  return d.toISOString().slice(0, 10);
}

const files = readdirSync(dataDir)
  .filter((f) => /^\d{4}\.json$/.test(f))
  .sort();
if (files.length === 0) fail(`no YYYY.json files in ${dataDir}`);

/** @type {{ iso: string, weekday: boolean, working: boolean, description: string }[]} */
const days = [];
const hashes = [];
let previousYear;
for (const file of files) {
  const year = Number(file.slice(0, 4));
  if (previousYear !== undefined && year !== previousYear + 1) {
    fail(`years must be contiguous, found ${previousYear}.json then ${file}`);
  }
  previousYear = year;
  const text = readFileSync(path.join(dataDir, file), 'utf8');
  hashes.push(`${file} sha256:${createHash('sha256').update(text).digest('hex')}`);
  let entries;
  try {
    entries = JSON.parse(text);
  } catch (e) {
    fail(`${file}: not valid JSON (${e.message})`);
  }
  if (!Array.isArray(entries)) fail(`${file}: expected a JSON array`);

  const expected = new Date(Date.UTC(year, 0, 1));
  for (const [i, e] of entries.entries()) {
    const where = `${file}[${i}]`;
    if (typeof e !== 'object' || e === null) fail(`${where}: not an object`);
    if (typeof e.date !== 'string' || !/^\d{8}$/.test(e.date)) fail(`${where}: bad date ${JSON.stringify(e.date)}`);
    const iso = isoFromCompact(e.date);
    if (iso !== isoOfUtcDate(expected)) fail(`${where}: expected ${isoOfUtcDate(expected)}, found ${iso} (days must be consecutive)`);
    const dow = expected.getUTCDay();
    if (e.week !== WEEK_CHARS[dow]) fail(`${where}: ${iso} is 星期${WEEK_CHARS[dow]}, file says ${JSON.stringify(e.week)}`);
    if (typeof e.isHoliday !== 'boolean') fail(`${where}: isHoliday must be a boolean`);
    if (e.description !== undefined && typeof e.description !== 'string') fail(`${where}: description must be a string`);
    days.push({
      iso,
      weekday: dow >= 1 && dow <= 5,
      working: !e.isHoliday,
      description: (e.description ?? '').trim(),
    });
    expected.setUTCDate(expected.getUTCDate() + 1);
  }
  if (isoOfUtcDate(expected) !== `${year + 1}-01-01`) {
    fail(`${file}: does not cover the whole year (stops before ${isoOfUtcDate(expected)})`);
  }
}

// ---- build the exceptions ---------------------------------------------------------------------

const years = new Map();
for (const d of days) {
  const year = Number(d.iso.slice(0, 4));
  if (!years.has(year)) years.set(year, { weekdayHolidays: [], weekendWorkdays: [] });
  const y = years.get(year);
  if (d.weekday && !d.working) y.weekdayHolidays.push([d.iso, d.description || '放假']);
  if (!d.weekday && d.working) y.weekendWorkdays.push([d.iso, d.description || '補行上班']);
}
const firstDate = days[0].iso;
const lastDate = days[days.length - 1].iso;

// ---- emit --------------------------------------------------------------------------------------

const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const BEGIN = '/* BEGIN DATA */';
const END = '/* END DATA */';

function emitMap(name, pairs) {
  if (pairs.length === 0) return `      ${name}: {},\n`;
  return `      ${name}: {\n${pairs.map(([k, v]) => `        ${q(k)}: ${q(v)},\n`).join('')}      },\n`;
}

let body = '{\n';
body += `  source: ${q(`政府行政機關辦公日曆表 (Taiwan government office calendar), ${files[0]}–${files[files.length - 1]}`)},\n`;
body += `  firstDate: ${q(firstDate)},\n`;
body += `  lastDate: ${q(lastDate)},\n`;
body += '  years: {\n';
for (const [year, y] of years) {
  body += `    ${year}: {\n`;
  body += emitMap('weekdayHolidays', y.weekdayHolidays);
  body += emitMap('weekendWorkdays', y.weekendWorkdays);
  body += '    },\n';
}
body += '  },\n}';

const output = `// GENERATED FILE — do not edit by hand.
// Generated by scripts/gen-calendar.mjs from the official government office calendar
// (政府行政機關辦公日曆表), covering ${firstDate} to ${lastDate}. Only exceptions to the Monday–Friday
// rule are stored: weekday holidays and weekend make-up workdays (補班).
// Regenerate (after adding next year's YYYY.json to the data folder):
//   node scripts/gen-calendar.mjs [DATA_DIR]     (default DATA_DIR: ../shared/data/tw-calendar)
// Verify it is up to date:
//   node scripts/gen-calendar.mjs [DATA_DIR] --check
// Inputs:
${hashes.map((h) => `//   ${h}`).join('\n')}
import type { OfficialCalendarData } from './calendar-data';

export const TW_OFFICIAL_CALENDAR_DATA: OfficialCalendarData = ${BEGIN} ${body} ${END};
`;

// ---- round-trip check: re-read the emitted text and compare every input day ---------------------

function roundTrip(text) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error('data markers not found in output');
  // The literal is our own output made only of string/number literals; evaluate it as JS.
  const data = new Function(`return (${text.slice(start + BEGIN.length, end)});`)();
  const problems = [];
  if (data.firstDate !== firstDate || data.lastDate !== lastDate) problems.push('covered range differs');
  const holidays = new Map();
  const workdays = new Map();
  for (const [year, y] of Object.entries(data.years)) {
    for (const [k, v] of Object.entries(y.weekdayHolidays)) {
      if (!k.startsWith(`${year}-`)) problems.push(`${k} filed under year ${year}`);
      holidays.set(k, v);
    }
    for (const [k, v] of Object.entries(y.weekendWorkdays)) {
      if (!k.startsWith(`${year}-`)) problems.push(`${k} filed under year ${year}`);
      workdays.set(k, v);
    }
  }
  let used = 0;
  for (const d of days) {
    const working = d.weekday ? !holidays.has(d.iso) : workdays.has(d.iso);
    if (working !== d.working) problems.push(`${d.iso}: input says ${d.working ? 'working' : 'holiday'}, output disagrees`);
    const desc = holidays.get(d.iso) ?? workdays.get(d.iso);
    if (desc !== undefined) {
      used++;
      if (d.description && desc !== d.description) problems.push(`${d.iso}: description ${desc} ≠ ${d.description}`);
    }
  }
  if (used !== holidays.size + workdays.size) problems.push('output lists dates that are not exceptions in the input');
  return problems;
}

const problems = roundTrip(output);
if (problems.length > 0) fail(`round-trip check failed:\n  ${problems.join('\n  ')}`);

const summary = [...years].map(
  ([year, y]) => `${year}: ${y.weekdayHolidays.length} weekday holidays, ${y.weekendWorkdays.length} make-up workdays`,
);

if (check) {
  const current = existsSync(outPath) ? readFileSync(outPath, 'utf8') : '';
  if (current !== output) fail(`${OUT_REL} is out of date; run: node scripts/gen-calendar.mjs`);
  process.stdout.write(`${OUT_REL} is up to date (${days.length} days checked).\n`);
} else {
  writeFileSync(outPath, output);
  process.stdout.write(`wrote ${OUT_REL} (${days.length} days round-trip checked)\n  ${summary.join('\n  ')}\n`);
}
