/**
 * `npm run bench` — a fresh build in .next-bench, then every benchmark in turn (each records its own
 * section of bench/RESULTS.md). A benchmark that breaks does not stop the others; the exit code says
 * whether any broke. Budget misses are results, recorded as such, not failures.
 */
import { spawnSync } from 'node:child_process';
import { buildForBench } from './build.mjs';
import { ROOT } from './lib/harness.mjs';

const BENCHES = ['bench:share', 'bench:proxy', 'bench:steps', 'bench:load', 'bench:page', 'bench:conversation', 'bench:eval'];

buildForBench();
const broken = [];
for (const name of BENCHES) {
  const result = spawnSync('npm', ['run', '--silent', name], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) broken.push(`${name} (exit ${result.status})`);
}
console.log(broken.length ? `\nbroken: ${broken.join(', ')}` : '\nall benchmarks ran; results in bench/RESULTS.md');
process.exitCode = broken.length ? 1 : 0;
