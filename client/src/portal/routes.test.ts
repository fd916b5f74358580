import { describe, expect, it } from "vitest";
import { isPortalPath, parsePortalPath, portalTabPath, portalTabs, tabSlugs } from "./routes.js";

const id = "0123456789abcdef01234567";

describe(parsePortalPath.name, () => {
  it("reads the root, an organisation and a tab", () => {
    expect(parsePortalPath("/portaal")).toEqual({ kind: "root" });
    expect(parsePortalPath("/portaal/")).toEqual({ kind: "root" });
    expect(parsePortalPath(`/portaal/${id}/evaluaties`)).toEqual({ kind: "tab", organisationId: id, tab: "evaluaties", canonical: true });
  });

  it("defaults to Mijn gegevens and marks non-canonical spellings", () => {
    expect(parsePortalPath(`/portaal/${id}`)).toEqual({ kind: "tab", organisationId: id, tab: "mijn-gegevens", canonical: false });
    expect(parsePortalPath(`/Portaal/${id.toUpperCase()}/GTB-overzicht/`)).toMatchObject({ tab: "gtb-overzicht", organisationId: id, canonical: false });
  });

  it("refuses unknown tabs, bad ids and deeper paths", () => {
    expect(parsePortalPath(`/portaal/${id}/onbekend`).kind).toBe("not-found");
    expect(parsePortalPath("/portaal/12AB/mijn-gegevens").kind).toBe("not-found");
    expect(parsePortalPath(`/portaal/${id}/evaluaties/1`).kind).toBe("not-found");
    expect(parsePortalPath("/inloggen").kind).toBe("not-found");
  });
});

describe(portalTabPath.name, () => {
  it("round-trips with parsePortalPath for every tab", () => {
    for (const tab of tabSlugs) expect(parsePortalPath(portalTabPath(id, tab))).toMatchObject({ tab, canonical: true });
    expect(portalTabs.map((t) => t.slug)).toEqual([...tabSlugs]);
    expect(isPortalPath("/portaal")).toBe(true);
    expect(isPortalPath("/portaalx")).toBe(false);
  });
});
