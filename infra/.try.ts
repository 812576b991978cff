import { buildApp } from './app.js';
import { AwsSolutionsChecks } from 'cdk-nag';
const t0 = Date.now();
const { app, stateful, stateless } = buildApp();
console.log('built', Date.now() - t0);
for (const s of [stateful, stateless]) {
  const r = new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(s);
  for (const v of r.violations) console.log(v.severity, v.ruleName, v.violatingResources.map((x) => x.constructPath).join(', '));
}
try { app.synth(); console.log('synth ok', Date.now() - t0); } catch (e) { console.log('SYNTH ERR', String(e).slice(0, 3000)); }
