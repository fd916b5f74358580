import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Availability } from "../../../server/src/contracts/api/availability.js";
import { define } from "../../shared/define.js";
import { chatWindowMessages } from "../../shared/i18n/chat-window.js";
import { formatClockTime } from "../../shared/time-format.js";
import { addMessages, ChatLocaleController, tc } from "../i18n.js";
import { ChatSession, ChatSessionController, limits, type ChatLine } from "../session/chat-session.js";
import { formStyles } from "../form-styles.js";
import { baseStyles } from "../shared-styles.js";
import { styles } from "./hd-chat-window.styles.js";

export { ChatSession } from "../session/chat-session.js";
addMessages(chatWindowMessages);

/** "Close the window" (✕ or Escape); the chat itself goes on. */
export class HdChatCloseEvent extends Event {
  static readonly eventName = "hd-chat-close";
  constructor() {
    super(HdChatCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

type Panel = "chat" | "confirm-end" | "leave";

/**
 * @summary The chat window: start, queue position, transcript (text only), typing, delivery and read ticks with
 * text for screen readers, retry of failed messages, end, rating, and "laat een bericht achter". A non-modal
 * dialog labelled by its heading; new messages from the helpdesk are announced in a polite live region; Escape
 * closes it.
 *
 * @event hd-chat-close - {@link HdChatCloseEvent}.
 */
export class HdChatWindow extends LitElement {
  static override styles = [baseStyles, formStyles, styles];
  static override properties = {
    session: { attribute: false },
    availability: { attribute: false },
    draft: { state: true },
    panel: { state: true },
    busy: { state: true },
    problem: { state: true },
    announcement: { state: true },
    score: { state: true },
  };

  declare session: ChatSession | undefined;
  declare availability: Availability | undefined;
  declare draft: string;
  declare panel: Panel;
  declare busy: boolean;
  declare problem: string;
  declare announcement: string;
  declare score: number;

  protected readonly localeController = new ChatLocaleController(this);
  private readonly sessionController = new ChatSessionController(this);
  private lastLineCount = 0;
  private readonly onIncoming = (event: Event): void => {
    const line = (event as CustomEvent<ChatLine>).detail;
    this.announce(tc("chat.window.announce", { name: line.kind === "system" ? tc("chat.window.system") : line.name, text: line.text }));
  };
  private readonly onVisibility = (): void => this.markRead();

  constructor() {
    super();
    this.draft = "";
    this.panel = "chat";
    this.busy = false;
    this.problem = "";
    this.announcement = "";
    this.score = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.session?.removeEventListener("incoming", this.onIncoming);
  }

  /** Focuses the first useful control: the message box, else the main button, else the heading. */
  focusFirst(): void {
    const target = this.renderRoot.querySelector<HTMLElement>("[data-autofocus]") ?? this.renderRoot.querySelector<HTMLElement>("h2");
    target?.focus();
  }

  private announce(text: string): void {
    // Clear first so the same sentence twice is read twice.
    this.announcement = "";
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private markRead(): void {
    if (document.visibilityState === "visible") this.session?.markRead();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("session")) {
      (changed.get("session") as ChatSession | undefined)?.removeEventListener("incoming", this.onIncoming);
      this.session?.addEventListener("incoming", this.onIncoming);
      this.sessionController.session = this.session;
    }
  }

  protected override updated(): void {
    const lines = this.session?.lines.length ?? 0;
    if (lines !== this.lastLineCount) {
      this.lastLineCount = lines;
      const log = this.renderRoot.querySelector(".transcript");
      log?.scrollTo({ top: log.scrollHeight });
    }
    this.markRead();
  }

  private close(): void {
    this.dispatchEvent(new HdChatCloseEvent());
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      event.stopPropagation();
      this.close();
    }
  }

  /** Runs a session command, showing its error in the window. */
  private async run(action: () => Promise<void>, then?: () => void): Promise<void> {
    this.busy = true;
    this.problem = "";
    try {
      await action();
      then?.();
    } catch (error) {
      this.problem = (error as Error).message || tc("chat.window.error");
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.focusFirst();
  }

  private onStart(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.draft;
    void this.run(() => this.session!.start(text), () => (this.draft = ""));
  }

  private onSend(event?: Event): void {
    event?.preventDefault();
    const text = this.draft.trim();
    if (!text || text.length > limits.messageMaxLength) return;
    this.session!.send(text);
    this.draft = "";
  }

  private onDraftKeydown(event: KeyboardEvent): void {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) this.onSend(event);
  }

  private onDraftInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.session?.setTyping(this.draft.trim().length > 0);
  }

  private onRate(event: SubmitEvent): void {
    event.preventDefault();
    const comment = (this.renderRoot.querySelector<HTMLTextAreaElement>("#rate-comment")?.value ?? "").slice(0, limits.ratingCommentMaxLength);
    if (!this.score) {
      this.problem = tc("chat.window.rateChoose");
      return;
    }
    void this.run(() => this.session!.rate(this.score, comment));
  }

  private onLeave(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = (form.elements.namedItem("text") as HTMLTextAreaElement).value.trim();
    const phone = (form.elements.namedItem("phone") as HTMLInputElement).value;
    if (!text) {
      this.problem = tc("chat.window.required");
      return;
    }
    void this.run(() => this.session!.leaveMessage(text, phone), () => (this.panel = "chat"));
  }

  private renderLine(line: ChatLine, readUpTo: number, deliveredUpTo: number): TemplateResult {
    const own = line.kind === "contact";
    const name = own ? tc("chat.window.you") : line.kind === "system" ? tc("chat.window.system") : line.name;
    let status = "";
    if (own) {
      const seq = line.seq ?? Infinity;
      status =
        line.status === "pending" ? "pending" : line.status === "failed" ? "failed" : seq <= readUpTo ? "read" : seq <= deliveredUpTo ? "delivered" : "sent";
    }
    return html`<li class="line line--${line.kind}">
      <p class="meta"><span class="name">${name}</span> <span class="time">${formatClockTime(line.createdAt) ?? ""}</span></p>
      <p class="text">${line.text}</p>
      ${own
        ? html`<p class="status status--${status}">
            <span aria-hidden="true">${status === "read" || status === "delivered" ? "✓✓" : status === "sent" ? "✓" : status === "failed" ? "!" : "…"}</span>
            ${tc(`chat.window.${status}` as "chat.window.sent")}
            ${line.status === "failed"
              ? html`${line.error ? html`<span class="error">${line.error}</span>` : nothing}
                  <button type="button" class="button button--link" @click=${() => this.session!.retry(line.key)}>${tc("chat.window.retry")}</button>`
              : nothing}
          </p>`
        : nothing}
    </li>`;
  }

  private renderComposer(): TemplateResult {
    const over = this.draft.length - limits.messageMaxLength;
    return html`<form class="composer" @submit=${this.onSend}>
      <label for="message">${tc("chat.window.message")}</label>
      <textarea id="message" rows="2" data-autofocus aria-describedby="message-hint" .value=${this.draft}
        @input=${this.onDraftInput} @keydown=${this.onDraftKeydown}></textarea>
      <p id="message-hint" class="hint ${over > 0 ? "error" : ""}">
        ${over > 0 ? tc("chat.window.tooLong", { count: over }) : over > -200 ? tc("chat.window.remaining", { count: -over }) : tc("chat.window.messageHint")}
      </p>
      <button class="button" ?disabled=${over > 0}>${tc("chat.window.send")}</button>
    </form>`;
  }

  private renderStart(): TemplateResult {
    const s = this.session!;
    if (this.availability && !this.availability.available) {
      return html`<p class="notice">${tc("chat.window.unavailable")}</p>`;
    }
    return html`<form class="start" @submit=${this.onStart}>
      <p>${tc("chat.window.intro")}</p>
      <label for="first">${tc("chat.window.firstMessage")}</label>
      <textarea id="first" rows="3" maxlength=${limits.messageMaxLength} .value=${this.draft}
        @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}></textarea>
      <button class="button" data-autofocus ?disabled=${this.busy || s.connecting}>
        ${this.busy || s.connecting ? tc("chat.window.connecting") : tc("chat.window.start")}
      </button>
    </form>`;
  }

  private renderEnded(): TemplateResult {
    const c = this.session!.conversation!;
    if (c.state === "left_message") return html`<p class="notice" tabindex="-1" data-autofocus>${tc("chat.window.leftMessage")}</p>${this.renderNewChat()}`;
    return html`<p class="notice">${c.endedBy === "agent" ? tc("chat.window.endedByAgent") : tc("chat.window.ended")}</p>
      ${c.rating
        ? html`<p class="notice" tabindex="-1" data-autofocus>${tc("chat.window.rated")}</p>`
        : html`<form class="rating" @submit=${this.onRate}>
            <fieldset>
              <legend>${tc("chat.window.rateHeading")}</legend>
              <p class="hint" id="rate-scale">${tc("chat.window.rateLow")} · ${tc("chat.window.rateHigh")}</p>
              <div class="scores">
                ${[1, 2, 3, 4, 5].map(
                  (n) => html`<label class="score"><input type="radio" name="score" value=${n} ?data-autofocus=${n === 1}
                      aria-describedby="rate-scale" .checked=${this.score === n} @change=${() => (this.score = n)} />
                    <span aria-hidden="true">${n}</span><span class="sr-only">${tc("chat.window.rateScore", { score: n })}</span></label>`,
                )}
              </div>
            </fieldset>
            <label for="rate-comment">${tc("chat.window.rateComment")}</label>
            <textarea id="rate-comment" rows="2" maxlength=${limits.ratingCommentMaxLength}></textarea>
            <button class="button" ?disabled=${this.busy}>${tc("chat.window.rateSubmit")}</button>
          </form>`}
      ${this.renderNewChat()}`;
  }

  private renderNewChat(): TemplateResult {
    return html`<button type="button" class="button button--secondary" @click=${() => (this.session!.reset(), (this.panel = "chat"))}>
      ${tc("chat.window.newChat")}
    </button>`;
  }

  private renderLeave(closed: boolean): TemplateResult {
    return html`<form class="leave" @submit=${this.onLeave}>
      <h3>${tc("chat.window.leaveHeading")}</h3>
      ${closed ? html`<p>${tc("chat.window.leaveClosed")}</p>` : nothing}
      <label for="leave-text">${tc("chat.window.leaveText")}</label>
      <textarea id="leave-text" name="text" rows="3" maxlength=${limits.messageMaxLength} data-autofocus></textarea>
      <label for="leave-phone">${tc("chat.window.leavePhone")}</label>
      <input id="leave-phone" name="phone" type="tel" autocomplete="tel" maxlength="30" />
      <div class="actions">
        <button class="button" ?disabled=${this.busy}>${tc("chat.window.leaveSubmit")}</button>
        ${closed ? nothing : html`<button type="button" class="button button--secondary" @click=${() => (this.panel = "chat")}>${tc("chat.window.leaveCancel")}</button>`}
      </div>
    </form>`;
  }

  private renderStatus(): TemplateResult | typeof nothing {
    const s = this.session!;
    const c = s.conversation;
    if (s.reconnecting) return html`<p class="banner">${tc("chat.window.reconnecting")}</p>`;
    if (c?.state === "queued") {
      const position = s.queuePosition;
      return html`<p class="banner">${tc("chat.window.queued")}
        ${position ? html`<strong>${position === 1 ? tc("chat.window.positionNext") : tc("chat.window.position", { position })}</strong>` : nothing}</p>`;
    }
    if (c?.state === "assigned" && c.assignedAgent) return html`<p class="banner">${tc("chat.window.assigned", { name: c.assignedAgent.name })}</p>`;
    return nothing;
  }

  private renderBody(): TemplateResult {
    const s = this.session!;
    const c = s.conversation;
    if (!c) return this.renderStart();
    const closedWhileQueued = c.state === "queued" && (!s.open || this.availability?.open === false);
    const transcript = html`<ol class="transcript" tabindex="0" aria-label=${tc("chat.window.transcript")}>
        ${repeat(s.lines, (l) => l.key, (l) => this.renderLine(l, s.readUpTo, s.deliveredUpTo))}
      </ol>
      <p class="typing">${s.typing ? tc("chat.window.typing", { name: s.typing }) : ""}</p>`;
    if (c.state === "ended" || c.state === "left_message") return html`${transcript}${this.renderEnded()}`;
    if (this.panel === "leave" || closedWhileQueued) return html`${transcript}${this.renderLeave(closedWhileQueued)}`;
    return html`${transcript}${this.renderComposer()}
      <div class="actions">
        ${this.panel === "confirm-end"
          ? html`<p>${tc("chat.window.endConfirm")}</p>
              <button type="button" class="button" @click=${() => void this.run(() => s.end(), () => (this.panel = "chat"))}>${tc("chat.window.endYes")}</button>
              <button type="button" class="button button--secondary" @click=${() => (this.panel = "chat")}>${tc("chat.window.endNo")}</button>`
          : html`<button type="button" class="button button--secondary" @click=${() => (this.panel = "confirm-end")}>${tc("chat.window.end")}</button>
              ${c.state === "queued" ? html`<button type="button" class="button button--link" @click=${() => (this.panel = "leave")}>${tc("chat.window.leaveOffer")}</button>` : nothing}`}
      </div>`;
  }

  protected override render() {
    if (!this.session) return nothing;
    return html`<section class="window" role="dialog" aria-modal="false" aria-labelledby="title" @keydown=${this.onKeydown}>
      <header>
        <h2 id="title" tabindex="-1">${tc("chat.window.title")}</h2>
        <button type="button" class="close" aria-label=${tc("chat.window.close")} @click=${this.close}><span aria-hidden="true">✕</span></button>
      </header>
      ${this.renderStatus()}
      <div class="body">
        ${this.problem || this.session.error
          ? html`<p class="problem" role="alert">${this.problem || tc("chat.window.error")}</p>`
          : nothing}
        ${this.renderBody()}
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }
}

define("hd-chat-window", HdChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    "hd-chat-window": HdChatWindow;
  }
  interface HTMLElementEventMap {
    "hd-chat-close": HdChatCloseEvent;
  }
}
