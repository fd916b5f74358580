import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
/** axe-core's browser bundle, injected into pages under test. */
export const AXE_PATH = require.resolve("axe-core/axe.min.js");

/** The WCAG 2.1 A and AA rule sets Balie is held to. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** One violated rule, reduced to what a developer needs to fix it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  /** CSS selectors (as arrays for shadow DOM) and the failure summary per offending node. */
  nodes: { target: unknown[]; html: string; failureSummary: string | undefined }[];
}

/** Options for {@link runAxe}. */
export interface RunAxeOptions {
  /** Limit the check to this selector (default: the whole document). */
  include?: string;
  /** Rule ids to skip, with a reason in the calling test. */
  disableRules?: string[];
}

/** Result of {@link runAxe}: the raw violations and a readable report ("" when there are none). */
export interface AxeResult {
  violations: AxeViolation[];
  report: string;
}

let axeSource: string | undefined;

/**
 * Injects axe-core into `page` and runs the WCAG 2.1 A/AA rules. Assert `expect(result.report).toBe("")` so a
 * failure prints every violation with its selectors.
 */
export async function runAxe(page: Page, options: RunAxeOptions = {}): Promise<AxeResult> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  // Not `page.addScriptTag({ path })`: that inserts an inline <script>, which Balie's CSP (script-src 'self')
  // rightly blocks. Evaluating through the DevTools protocol is not subject to the page's CSP, so the page is
  // tested with its real headers (no bypassCSP).
  if (!loaded) await page.evaluate((axeSource ??= readFileSync(AXE_PATH, "utf8")));
  const violations = await page.evaluate(
    async ({ tags, include, disableRules }) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const result = await axe.run(include ?? document, { runOnly: { type: "tag", values: tags }, rules });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { tags: AXE_TAGS, include: options.include ?? null, disableRules: options.disableRules ?? [] },
  );
  return { violations, report: formatViolations(violations) };
}

/** One block per violated rule: id, impact, help text and URL, then each node's selector and summary. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${JSON.stringify(n.target)}\n      ${n.html}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
        .join("\n");
      return `[${v.impact ?? "?"}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes}`;
    })
    .join("\n\n");
}
