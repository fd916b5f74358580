import { fileURLToPath } from "node:url";
import { build, defineConfig, type Plugin } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** After the pages, builds the embeddable chat (`vite.widget.config.ts`) into `<outDir>/widgets`. */
function widgetLibrary(): Plugin {
  let outDir = "";
  return {
    name: "balie-widget-library",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await build({ configFile: here("./vite.widget.config.ts"), build: { outDir: `${outDir}/widgets` } });
    },
  };
}

/**
 * Multi-page build of the browser code: each HTML entry under client/ becomes a page in dist/public, which the
 * server serves as static files. Add later pages (agent console, login, …) to `input`.
 */
export default defineConfig({
  root: here("./client"),
  base: "/",
  // Copied as-is to dist/public (favicon, robots.txt, …).
  publicDir: here("./client/public"),
  plugins: [widgetLibrary()],
  build: {
    outDir: here("./dist/public"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: here("./client/index.html"),
        auth: here("./client/auth.html"),
        portal: here("./client/portal.html"),
        agent: here("./client/agent.html"),
      },
    },
  },
  server: {
    // `vite` dev server for the browser code; API and sockets go to `npm run dev` on :3000.
    proxy: {
      "/api": "http://localhost:3000",
      "/healthz": "http://localhost:3000",
      "/readyz": "http://localhost:3000",
      "/socket.io": { target: "ws://localhost:3000", ws: true },
    },
  },
});
