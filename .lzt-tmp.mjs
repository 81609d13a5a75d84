import lz from 'lz-string';
for (const n of [1e5, 1e6, 1e7, 3e7]) {
  const c = lz.compressToEncodedURIComponent('a'.repeat(n));
  const t = Date.now();
  const d = lz.decompressFromEncodedURIComponent(c);
  console.log(n, c.length, d.length, Date.now() - t, 'ms');
}
const c = lz.compressToEncodedURIComponent(JSON.stringify({hello: 'world', x: [1,2,3]}));
for (let i = 0; i < c.length; i++) { let d; try { d = lz.decompressFromEncodedURIComponent(c.slice(0,i)); } catch (e) { d = 'THROW ' + e; } console.log(i, JSON.stringify(d)); }
console.log(JSON.stringify(lz.decompressFromEncodedURIComponent('!!!@@@')), JSON.stringify(lz.decompressFromEncodedURIComponent('')));
