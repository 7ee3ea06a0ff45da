import { readFileSync } from 'node:fs';
import { parsePabulib } from '../../../domain/tally/pabulib-parse';
import { electionFromPabulib } from '../../../domain/tally/pabulib-election';
import { indexElection } from '../../../domain/tally/election';
import { prepareMes } from '../../../domain/tally/mes-prepare';
import { runMes } from '../../../domain/tally/mes-engine';
import { runMesAdd1 } from '../../../domain/tally/mes-add1';
import { Rational } from '../../../domain/tally/rational';
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = cpu();
const file = parsePabulib(readFileSync(process.argv[2]!,'utf8'));
console.log('parse cpu', (cpu()-t).toFixed(0)); t = cpu();
const el = electionFromPabulib(file);
const prep = prepareMes(indexElection(el));
console.log('prepare cpu', (cpu()-t).toFixed(0));
const e0 = Rational.of(el.budget, BigInt(prep.voterCount));
for (const track of [false, true]) {
  t = cpu();
  for (let i = 0; i < 20; i++) runMes(prep, { endowment: e0.add(BigInt(i*4)), track, trackFloor: Rational.ONE });
  console.log('track', track, 'cpu per run', ((cpu()-t)/20).toFixed(1));
}
if (process.argv[3]) { t = cpu(); const a = runMesAdd1(prep, { budget: el.budget, step: 1n }); console.log('add1 cpu', (cpu()-t).toFixed(0), 'runs', a.steps.length); }
{
  let prev = ''; let changes = 0; const n = BigInt(prep.voterCount);
  for (let i = 0; i < 200; i++) {
    const r = runMes(prep, { endowment: e0.add(BigInt(i)) });
    const key = r.selections.map(s => s.project).join(',');
    if (key !== prev) { changes++; }
    prev = key;
    if (i % 20 === 0) console.log(i, r.selections.length, r.totalCost);
  }
  console.log('changes', changes);
}
