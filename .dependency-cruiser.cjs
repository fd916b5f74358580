/**
 * The layers of Balie, enforced (`npm run deps`, part of `npm test`). See docs/architecture.md.
 *   contracts/  ← imported by everyone, imports nothing of ours but other contracts
 *   client/, widgets/  (browser) ─→ contracts only on the server side
 *   server: http/ realtime/ jobs/ → modules/ → events/ infra/ config/ contracts/
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "contracts-are-leaves",
      comment: "contracts/ is what browsers load: schemas, types and constants only, no server code.",
      severity: "error",
      from: { path: "^server/src/contracts/" },
      to: { path: "^server/src/", pathNot: "^server/src/contracts/" },
    },
    {
      name: "browser-uses-only-contracts",
      comment: "client/ and widgets/ may take from the server only what is in contracts/.",
      severity: "error",
      from: { path: "^(client|widgets)/" },
      to: { path: "^server/", pathNot: "^server/src/contracts/" },
    },
    {
      name: "server-does-not-import-browser-code",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^(client|widgets)/" },
    },
    {
      name: "modules-below-the-web-layer",
      comment: "Domain modules do not know about HTTP routing internals or sockets; http/ and realtime/ call them.",
      severity: "error",
      from: { path: "^server/src/modules/" },
      to: { path: "^server/src/(realtime|jobs)/" },
    },
    {
      name: "infra-is-below-modules",
      comment: "infra/ wraps I/O (store, mail, clock, redis); it never reaches up into domain or web code.",
      severity: "error",
      from: { path: "^server/src/infra/" },
      to: { path: "^server/src/(modules|http|realtime|jobs)/" },
    },
    {
      name: "realtime-not-http",
      comment: "The socket layer authenticates through identity, not through Express middleware.",
      severity: "error",
      from: { path: "^server/src/realtime/" },
      to: { path: "^server/src/http/" },
    },
    {
      name: "realtime-uses-commands-not-models",
      comment: "realtime/ reaches modules through commands, queries and events, never their mongoose models.",
      severity: "error",
      from: { path: "^server/src/realtime/" },
      to: { path: "\\.model\\.ts$" },
    },
    {
      name: "no-circular",
      severity: "warn",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|coverage)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
