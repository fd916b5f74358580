import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Collapses the whitespace and comments in the widget's Lit `css\`…\`` blocks (our own, interpolation-free
 * styles): the minifier leaves template literals alone, and every byte counts against the 10 KB launcher budget.
 */
function minifyLitCss(): Plugin {
  return {
    name: "balie-minify-lit-css",
    transform(code, id) {
      if (!/\/widgets\/chat\/.*styles\.ts$/.test(id)) return null;
      const minified = code.replace(/css`([^`$]*)`/g, (_m, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\s+/g, " ")
          .replace(/\s*([{};,>])\s*/g, "$1")
          .replace(/:\s+/g, ":")
          .replace(/;}/g, "}")
          .trim();
        return `css\`${min}\``;
      });
      // Positions shift only inside CSS strings; no source map needed for those.
      return { code: minified, map: null };
    },
  };
}

/**
 * Library build of the embeddable chat: `widgets/chat/loader.ts` → `dist/public/widgets/chat.js` (one ES module
 * for `<script type="module" src="…/widgets/chat.js">`) plus the chunks it imports lazily (the chat window with
 * socket.io-client), and `widgets/chat/status.ts` → `chat-status.js` (`<hd-chat-status>`). Separate from the
 * multi-page build because a page bundle's hashed entry name cannot be the stable URL schools paste into their pages. `vite.config.ts` runs this build after its own (see its
 * `widgetLibrary` plugin), so `npm run build` and the browser tests' builds produce both.
 */
export default defineConfig({
  plugins: [minifyLitCss()],
  publicDir: false,
  logLevel: "warn",
  build: {
    outDir: here("./dist/public/widgets"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    // Library mode keeps ES output unminified by default; this file is shipped as-is to schools' pages.
    minify: true,
    lib: {
      entry: { chat: here("./widgets/chat/loader.ts"), "chat-status": here("./widgets/chat/status.ts") },
      formats: ["es"],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      output: {
        // Lazily imported chunks sit next to chat.js; the loader's URL is stable, chunk names are hashed.
        chunkFileNames: "chat-[name]-[hash].js",
        minify: true,
      },
    },
  },
});
