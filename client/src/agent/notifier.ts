/**
 * The console's attention signals for a new chat: a short beep made with WebAudio (no sound file) and a browser
 * Notification. Browsers allow both only after a user gesture, so {@link Notifier.enable} is called from one
 * (the presence switch or the "Meldingen aan" button).
 */
export class Notifier {
  private audio: AudioContext | undefined;

  /** Whether notifications may be shown. */
  get permission(): NotificationPermission | "unsupported" {
    return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
  }

  /** Call from a click or key press: unlocks audio and asks for notification permission once. */
  async enable(): Promise<void> {
    try {
      this.audio ??= new AudioContext();
      if (this.audio.state === "suspended") await this.audio.resume();
    } catch {
      // No audio output: the notification still shows.
    }
    if (this.permission === "default") await Notification.requestPermission().catch(() => "denied");
  }

  /** Two short tones (880 Hz, then 660 Hz), quiet. */
  beep(): void {
    const ctx = this.audio;
    if (!ctx || ctx.state !== "running") return;
    const start = ctx.currentTime;
    for (const [i, frequency] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.15);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.18);
      osc.stop(start + i * 0.18 + 0.16);
    }
  }

  /** Shows a notification when allowed and the console is not in view; clicking it focuses the console. */
  notify(title: string, body: string, tag: string): void {
    if (this.permission !== "granted" || document.visibilityState === "visible") return;
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  }
}
