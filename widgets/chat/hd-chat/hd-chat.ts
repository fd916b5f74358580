import { html, LitElement, nothing, type PropertyValues } from "lit";
import { define } from "../../shared/define.js";
import { AvailabilityController, balieOrigin } from "../availability/availability-controller.js";
import type { HdChatWindow } from "../hd-chat-window/hd-chat-window.js";
import { ChatLocaleController, tc } from "../i18n.js";
import type { ChatSession } from "../session/chat-session.js";
import { hasStoredConversation } from "../session/storage.js";
import { baseStyles } from "../shared-styles.js";
import { styles } from "./hd-chat.styles.js";

/** Fired when the chat window opens or closes. */
export class HdChatToggleEvent extends Event {
  static readonly eventName = "hd-chat-toggle";
  constructor(readonly open: boolean) {
    super(HdChatToggleEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired when Balie refused the `token` (expired or invalid): set a fresh one from `POST /api/v1/chat/token`. */
export class HdChatTokenRefusedEvent extends Event {
  static readonly eventName = "hd-chat-token-refused";
  constructor() {
    super(HdChatTokenRefusedEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired when this tab's chat ended, became a message or got its summary: the organisation's contact moments
 * changed. The portal's "Ondersteuning en contact" listens for it on `document` and reloads its timeline.
 */
export class HdTimelineChangedEvent extends Event {
  static readonly eventName = "hd-timeline-changed";
  constructor(readonly organisationId: string) {
    super(HdTimelineChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary The helpdesk chat: a "Chat" button bottom right, shown only while the chat is available (live, from
 * the shared availability stream) or while this tab has a running chat, and the chat window it opens. The window
 * and socket.io-client load on first use (open, or resume after a reload), not before.
 *
 * Identity: in the portal the session cookie; on another site the host page sets `token` from
 * `POST /api/v1/chat/token` (short-lived, signed) and renews it on `hd-chat-token-refused`.
 *
 * @event hd-chat-toggle - {@link HdChatToggleEvent} when the window opens or closes.
 * @event hd-chat-token-refused - {@link HdChatTokenRefusedEvent} when Balie refused the token.
 * @csspart launcher - The Chat button.
 * @cssproperty --hd-chat-offset - Distance from the bottom right corner (1.5rem).
 * @cssproperty --hd-chat-z-index - Stacking order (1000).
 */
export class HdChat extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    token: { type: String },
    server: { type: String },
    open: { type: Boolean, reflect: true },
    session: { state: true },
  };

  /** Signed chat token for pages outside the portal. */
  declare token: string | null;
  /** Balie's origin; default: where this script came from. */
  declare server: string | null;
  /** Whether the window is open. */
  declare open: boolean;
  declare session: ChatSession | undefined;

  protected readonly localeController = new ChatLocaleController(this);
  private readonly availability = new AvailabilityController(this, () => this.base);
  private readonly onSessionChange = (): void => {
    if (this.session?.error === "invalid_chat_token") this.dispatchEvent(new HdChatTokenRefusedEvent());
    this.requestUpdate();
  };

  constructor() {
    super();
    this.token = null;
    this.server = null;
    this.open = false;
  }

  private get base(): string {
    return balieOrigin(this.server);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A chat running in this tab before a reload or navigation: reconnect and replay at once.
    if (hasStoredConversation(this.base)) void this.loadSession().then((s) => s.resume());
  }

  /** Loads the window and the session code (one lazy chunk with socket.io-client). */
  private async loadSession(): Promise<ChatSession> {
    const { ChatSession } = await import("../hd-chat-window/hd-chat-window.js");
    if (!this.session) {
      this.session = new ChatSession({ base: this.base, token: () => this.token || undefined });
      this.session.addEventListener("change", this.onSessionChange);
      const session = this.session;
      session.addEventListener("timeline", () => {
        const organisationId = session.conversation?.organisation.id;
        if (organisationId) this.dispatchEvent(new HdTimelineChangedEvent(organisationId));
      });
    }
    return this.session;
  }

  /** Opens the window and moves focus into it. */
  async show(): Promise<void> {
    await this.loadSession();
    this.open = true;
    this.dispatchEvent(new HdChatToggleEvent(true));
    await this.updateComplete;
    const win = this.renderRoot.querySelector<HdChatWindow>("hd-chat-window");
    await win?.updateComplete;
    win?.focusFirst();
  }

  /** Closes the window (the chat goes on) and gives focus back to the launcher. */
  async hide(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new HdChatToggleEvent(false));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(".launcher")?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("token") && this.token && this.session?.error === "invalid_chat_token") void this.session.resume();
  }

  protected override render() {
    const available = this.availability.value?.available === true;
    const session = this.session;
    const showLauncher = available || this.open || session?.active === true;
    const unread = this.open ? 0 : (session?.unread ?? 0);
    return html`
      ${this.open && session
        ? html`<hd-chat-window id="hd-chat-window" .session=${session} .availability=${this.availability.value}
            @hd-chat-close=${() => void this.hide()}></hd-chat-window>`
        : nothing}
      ${showLauncher
        ? html`<button type="button" class="button launcher" part="launcher" aria-expanded=${this.open ? "true" : "false"}
            aria-label=${tc("chat.launcherLabel") + (unread ? `, ${tc("chat.launcherUnread", { count: unread })}` : "")}
            @click=${() => void (this.open ? this.hide() : this.show())}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>
            ${tc("chat.launcher")}
            ${unread ? html`<span class="badge" aria-hidden="true">${unread}</span>` : nothing}
          </button>`
        : nothing}
    `;
  }
}

define("hd-chat", HdChat);

declare global {
  interface HTMLElementTagNameMap {
    "hd-chat": HdChat;
  }
  interface HTMLElementEventMap {
    "hd-chat-toggle": HdChatToggleEvent;
    "hd-chat-token-refused": HdChatTokenRefusedEvent;
    "hd-timeline-changed": HdTimelineChangedEvent;
  }
  interface DocumentEventMap {
    "hd-timeline-changed": HdTimelineChangedEvent;
  }
}
