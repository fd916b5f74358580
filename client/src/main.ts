/**
 * Placeholder entry of the portal. Checks that the server answers and says so in the status region; the real
 * portal (Lit components from widgets/portal) replaces this.
 */
const status = document.querySelector<HTMLParagraphElement>("#status");

async function showServerStatus(): Promise<void> {
  if (!status) return;
  try {
    const response = await fetch("/readyz", { headers: { accept: "application/json" } });
    const body = (await response.json()) as { status?: string };
    status.textContent = body.status === "ok"
      ? "De helpdesk is bereikbaar. De portal wordt gebouwd; de onderdelen komen binnenkort beschikbaar."
      : "De helpdesk is op dit moment niet volledig bereikbaar. Probeer het later opnieuw.";
  } catch {
    status.textContent = "De helpdesk is op dit moment niet bereikbaar. Probeer het later opnieuw.";
  }
}

void showServerStatus();
