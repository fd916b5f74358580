/**
 * `npm run bench`: runs every benchmark in bench/ one after another and prints their tables.
 * Benchmarks measure; they never fail the build (tests do that).
 */
const benches: Array<{ name: string; load: () => Promise<{ run(): Promise<void> }> }> = [
  { name: "embedded store", load: () => import("./store.bench.js") },
  { name: "chat latency", load: () => import("./chat.bench.js") },
  { name: "availability idle channel", load: () => import("./availability.bench.js") },
  { name: "contact history", load: () => import("./history.bench.js") },
  { name: "login timing", load: () => import("./login-timing.bench.js") },
  { name: "embedded store backup", load: () => import("./backup.bench.js") },
];

const only = process.argv[2];
for (const bench of benches) {
  if (only && !bench.name.includes(only)) continue;
  console.log(`\n## ${bench.name}\n`);
  const mod = await bench.load();
  await mod.run();
}
process.exit(0);
