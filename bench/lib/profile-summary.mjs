/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package/file,
 * and inclusive time of functions whose name or URL matches a filter. Used while looking for the
 * proxy's hot spots: `node bench/lib/profile-summary.mjs bench/out/prof/<file>.cpuprofile [filter]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/** Minified build frames mapped back to their source file and line through the build's .map files. */
const maps = new Map();
function original(url, line, column) {
  const file = url.replace(/^file:\/\//, '');
  if (!maps.has(file)) {
    let map = null;
    try {
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  const entry = maps.get(file)?.findEntry(line, column);
  if (!entry?.originalSource) return null;
  return `${entry.originalSource.replace(/^.*?(node_modules\/|\.\.\/)+/, '')}:${entry.originalLine + 1}`;
}

const [file, filter] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const label = (n) => {
  const f = n.callFrame;
  const mapped = f.url.includes('/server/chunks/') ? original(f.url, f.lineNumber, f.columnNumber) : null;
  const url = f.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm/').replace(/.*\/\.next-bench\//, 'dist/');
  return `${f.functionName || '(anon)'} ${mapped ? `[${mapped}]` : `${url}:${f.lineNumber + 1}`}`;
};
const group = (n) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return `nm:${m[1]}${/next\/dist\/compiled\/([^/]+)/.exec(url)?.[1] ? `/${/next\/dist\/compiled\/([^/]+)/.exec(url)[1]}` : ''}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/.*\/\.next-bench\//, 'dist/');
};
const top = (map, k = 25) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);
const selfFn = new Map();
const selfGroup = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  selfFn.set(label(n), (selfFn.get(label(n)) ?? 0) + t);
  selfGroup.set(group(n), (selfGroup.get(group(n)) ?? 0) + t);
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log('\nself time by package/file:');
for (const [k, t] of top(selfGroup, 20)) console.log(pct(t), k);
console.log('\nself time by function:');
for (const [k, t] of top(selfFn, 30)) console.log(pct(t), k);
if (filter) {
  // Inclusive time: a sample counts for a function when it appears anywhere on the sample's stack.
  const incl = new Map();
  for (const [id, t] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      const l = label(n);
      if (!seen.has(l) && (l.includes(filter))) {
        seen.add(l);
        incl.set(l, (incl.get(l) ?? 0) + t);
      }
    }
  }
  console.log(`\ninclusive time of frames matching "${filter}":`);
  for (const [k, t] of top(incl, 30)) console.log(pct(t), k);
}

// `callers=<text>`: the stacks (innermost first, a few frames up) under which frames matching <text> ran.
const callersOf = process.argv.slice(2).find((a) => a.startsWith('callers='))?.slice(8);
if (callersOf) {
  const stacks = new Map();
  for (const [id, t] of self) {
    const chain = [];
    let hit = false;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (!hit && l.includes(callersOf)) hit = true;
      if (hit) chain.push(l.replace(/ node:internal\/.*$/, ''));
      if (chain.length >= 12) break;
    }
    if (hit) stacks.set(chain.join(' < '), (stacks.get(chain.join(' < ')) ?? 0) + t);
  }
  console.log(`\nstacks above "${callersOf}":`);
  for (const [k, t] of top(stacks, 8)) console.log(pct(t), k, '\n');
}
