/**
 * Server-rendered pages of the eHerkenning simulator, made to look like a broker ("Maak een keuze", then the
 * supplier's login). Dutch, `lang="nl"`, one h1 per page, every control labelled, fieldsets with legends, no
 * script: keyboard users tab through native controls.
 */
import { escapeHtml as e } from "../../infra/html.js";
import type { SimIdentity } from "./sim-identity.model.js";

/** Fictional eHerkenning suppliers. */
export const SIM_SUPPLIERS = [
  { id: "herkenbaar", name: "Herkenbaar B.V." },
  { id: "sleutelhuis", name: "Sleutelhuis Identiteit" },
  { id: "poortwachter", name: "Poortwachter Online" },
] as const;

/** Assurance levels the simulator can return. */
export const SIM_LEVELS = [
  { value: "urn:etoegang:core:assurance-class:loa2", label: "EH2 (te laag voor Balie)" },
  { value: "urn:etoegang:core:assurance-class:loa3", label: "EH3" },
  { value: "urn:etoegang:core:assurance-class:loa4", label: "EH4" },
] as const;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – eHerkenning (simulator)</title>
<link rel="stylesheet" href="/eh-sim/assets/style.css"></head>
<body>
<header class="bar"><p class="brand">eHerkenning <span class="sim">simulator – alleen voor ontwikkeling en test</span></p></header>
<main id="inhoud">${body}</main>
<footer><p>Dit is een nagebootste eHerkenning-makelaar. Er worden geen echte gegevens gecontroleerd.</p></footer>
</body></html>`;
}

export const SIM_CSS = `body{font-family:system-ui,Arial,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.5}
.bar{background:#00456a;color:#fff;padding:.75rem 1.5rem}.brand{margin:0;font-weight:700}.sim{font-weight:400;font-size:.9rem}
main{max-width:42rem;margin:1.5rem auto;padding:0 1rem}fieldset{border:1px solid #767676;margin:0 0 1rem;padding:1rem}
legend{font-weight:700;padding:0 .25rem}label{display:inline-block;margin:.25rem 0}.field{margin:.5rem 0}
.field label{display:block;font-weight:600}input[type=text]{font:inherit;padding:.4rem;border:1px solid #333;width:100%;max-width:24rem;box-sizing:border-box}
button{font:inherit;padding:.5rem 1.25rem;background:#00456a;color:#fff;border:2px solid #00456a;border-radius:3px;cursor:pointer}
button.secondary{background:#fff;color:#00456a}:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
footer{max-width:42rem;margin:2rem auto;padding:0 1rem;font-size:.9rem;color:#333}.hint{color:#333;font-size:.95rem}`;

/** Step 1: "Maak een keuze" (supplier). */
export function supplierPage(uid: string): string {
  const options = SIM_SUPPLIERS.map(
    (s, i) => `<div><input type="radio" id="lev-${s.id}" name="supplier" value="${s.id}"${i === 0 ? " checked" : ""}> <label for="lev-${s.id}">${e(s.name)}</label></div>`,
  ).join("\n");
  return layout(
    "Maak een keuze",
    `<h1>Maak een keuze</h1>
<p>U wilt inloggen bij <strong>Balie</strong>. Kies de leverancier van uw eHerkenningsmiddel.</p>
<form method="post" action="/eh-sim/interaction/${e(uid)}/supplier">
<fieldset><legend>Leverancier van uw eHerkenningsmiddel</legend>${options}</fieldset>
<button type="submit">Verder</button>
</form>
<form method="post" action="/eh-sim/interaction/${e(uid)}/abort"><p><button type="submit" class="secondary">Annuleren</button></p></form>`,
  );
}

/** Step 2: the supplier's login: pick or type a test identity and the level to return. */
export function identityPage(uid: string, supplierName: string, identities: readonly SimIdentity[], error?: string): string {
  const list = identities
    .map(
      (id, i) =>
        `<div><input type="radio" id="id-${i}" name="identity" value="${e(String(id._id))}"> <label for="id-${i}">${e(id.name)} – KvK ${e(id.kvk)}${id.label ? ` – ${e(id.label)}` : ""}</label></div>`,
    )
    .join("\n");
  const levels = SIM_LEVELS.map(
    (l) =>
      `<div><input type="radio" id="niveau-${l.value.slice(-4)}" name="acr" value="${l.value}"${l.value.endsWith("loa3") ? " checked" : ""}> <label for="niveau-${l.value.slice(-4)}">${e(l.label)}</label></div>`,
  ).join("\n");
  return layout(
    `Inloggen bij ${supplierName}`,
    `<h1>Inloggen bij ${e(supplierName)}</h1>
${error ? `<div role="alert"><p><strong>${e(error)}</strong></p></div>` : ""}
<form method="post" action="/eh-sim/interaction/${e(uid)}/login">
<fieldset><legend>Testidentiteit</legend>
${list ? `${list}\n<div><input type="radio" id="id-eigen" name="identity" value="custom"${identities.length === 0 ? " checked" : ""}> <label for="id-eigen">Andere identiteit (vul hieronder in)</label></div>` : `<input type="hidden" name="identity" value="custom">`}
<div class="field"><label for="naam">Naam</label><input type="text" id="naam" name="name" autocomplete="off"></div>
<div class="field"><label for="kvk">KvK-nummer (8 cijfers)</label><input type="text" id="kvk" name="kvk" inputmode="numeric" autocomplete="off"></div>
<div class="field"><label for="pseudoniem">Pseudoniem (ActingSubjectID)</label><input type="text" id="pseudoniem" name="pseudonym" autocomplete="off"></div>
</fieldset>
<fieldset><legend>Betrouwbaarheidsniveau dat wordt teruggegeven</legend>${levels}</fieldset>
<button type="submit">Inloggen</button>
</form>
<form method="post" action="/eh-sim/interaction/${e(uid)}/abort"><p><button type="submit" class="secondary">Annuleren</button></p></form>`,
  );
}
