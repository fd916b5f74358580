import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { CannedAnswer } from "../../../server/src/contracts/api/chat.js";
import { CHAT_LIMITS, type AgentPresence } from "../../../server/src/contracts/realtime.js";
import type { AgentChat, AgentLine } from "../agent-connection.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { formatClockTime } from "../../shared/time-format.js";
import {
  HdChatActivateEvent,
  HdChatDismissEvent,
  HdChatFinishEvent,
  HdChatRetryEvent,
  HdChatSeenEvent,
  HdChatSendEvent,
  HdChatTransferEvent,
  HdChatTypingEvent,
} from "../events.js";
import { styles } from "./hd-agent-chat.styles.js";

type Panel = "none" | "close" | "transfer";

/**
 * @summary One chat in the console: transcript with internal notes marked "intern", the school's typing,
 * delivered/read ticks on the agent's messages, a composer that sends to the school or adds an internal note
 * (Ctrl+Enter), canned answers to insert, close with a summary, and transfer to a colleague.
 *
 * @event hd-chat-send / hd-chat-retry / hd-chat-typing / hd-chat-seen / hd-chat-finish / hd-chat-transfer /
 * hd-chat-dismiss / hd-chat-activate - see `../events.ts`.
 */
export class HdAgentChat extends LightElement {
  static override styles = styles;
  static override properties = {
    chat: { attribute: false },
    agents: { attribute: false },
    canned: { attribute: false },
    agentId: { attribute: "agent-id" },
    position: { type: Number },
    active: { type: Boolean, reflect: true },
    draft: { state: true },
    internal: { state: true },
    panel: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  declare chat: AgentChat;
  /** Colleagues' presence (transfer targets). */
  declare agents: AgentPresence[];
  declare canned: CannedAnswer[];
  declare agentId: string;
  /** 1-based place in the console (Alt+position). */
  declare position: number;
  declare active: boolean;
  declare draft: string;
  declare internal: boolean;
  declare panel: Panel;
  declare busy: boolean;
  declare error: string;

  protected readonly localeController = new LocaleController(this);
  private lastCount = 0;

  constructor() {
    super();
    this.agents = [];
    this.canned = [];
    this.agentId = "";
    this.position = 1;
    this.active = false;
    this.draft = "";
    this.internal = false;
    this.panel = "none";
    this.busy = false;
    this.error = "";
  }

  private get conversationId(): string {
    return this.chat.conversation.id;
  }

  /** Focuses the composer (Alt+1..4). */
  focusComposer(): void {
    (this.querySelector<HTMLElement>(".hd-agent-chat__input") ?? this.querySelector<HTMLElement>("h2"))?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A draft, its mode and open panels belong to one conversation: if this element is ever handed another one,
    // start clean rather than send one school's words to another.
    const previous = changed.get("chat");
    if (previous && previous.conversation.id !== this.chat.conversation.id) {
      this.draft = "";
      this.internal = false;
      this.panel = "none";
      this.error = "";
      this.lastCount = 0;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.chat.lines.length !== this.lastCount) {
      this.lastCount = this.chat.lines.length;
      const log = this.querySelector(".hd-agent-chat__transcript");
      log?.scrollTo({ top: log.scrollHeight });
    }
    if (document.visibilityState === "visible") this.dispatchEvent(new HdChatSeenEvent(this.conversationId));
  }

  private send(): void {
    const text = this.draft.trim();
    if (!text || text.length > CHAT_LIMITS.messageMaxLength || this.chat.conversation.state !== "assigned") return;
    this.dispatchEvent(new HdChatSendEvent(this.conversationId, text, this.internal));
    this.draft = "";
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.send();
    }
  }

  private onInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    if (!this.internal) this.dispatchEvent(new HdChatTypingEvent(this.conversationId, this.draft.trim().length > 0));
  }

  private insertCanned(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const answer = this.canned.find((c) => c.id === select.value);
    select.value = "";
    if (!answer) return;
    this.draft = this.draft ? `${this.draft.trimEnd()}\n${answer.text}` : answer.text;
    this.focusComposer();
  }

  private async command(event: HdChatFinishEvent | HdChatTransferEvent): Promise<void> {
    this.dispatchEvent(event);
    this.busy = true;
    this.error = "";
    try {
      await event.response;
      this.panel = "none";
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private onFinish(event: SubmitEvent): void {
    event.preventDefault();
    const summary = (new FormData(event.target as HTMLFormElement).get("summary") as string).trim();
    if (!summary) {
      this.error = t("console.chat.summaryRequired");
      return;
    }
    void this.command(new HdChatFinishEvent(this.conversationId, summary));
  }

  private onTransfer(event: SubmitEvent): void {
    event.preventDefault();
    const to = new FormData(event.target as HTMLFormElement).get("to") as string;
    if (to) void this.command(new HdChatTransferEvent(this.conversationId, to));
  }

  private renderLine(line: AgentLine): TemplateResult {
    const chat = this.chat;
    const own = line.kind === "agent" && !line.internal;
    let status = "";
    if (own) {
      const seq = line.seq ?? Infinity;
      status = line.status !== "sent" ? line.status : seq <= chat.readUpTo ? "read" : seq <= chat.deliveredUpTo ? "delivered" : "sent";
    }
    return html`<li class="hd-agent-chat__line hd-agent-chat__line--${line.kind} ${line.internal ? "hd-agent-chat__line--internal" : ""}">
      <p class="hd-agent-chat__meta">
        ${line.internal ? html`<span class="hd-agent-chat__intern">${t("console.chat.internalBadge")}</span>` : nothing}
        <span class="hd-agent-chat__name">${line.name}</span> <span>${formatClockTime(line.createdAt) ?? ""}</span>
      </p>
      <p class="hd-agent-chat__text">${line.text}</p>
      ${own || line.status !== "sent"
        ? html`<p class="hd-agent-chat__status">
            <span aria-hidden="true">${status === "read" || status === "delivered" ? "✓✓" : status === "sent" ? "✓" : status === "failed" ? "!" : "…"}</span>
            ${t(`console.chat.status.${(status || line.status) as "sent"}`)}
            ${line.status === "failed"
              ? html`${line.error ?? ""}
                  <button type="button" class="utrecht-button utrecht-button--subtle" @click=${() => this.dispatchEvent(new HdChatRetryEvent(this.conversationId, line.key))}>
                    ${t("console.chat.retry")}
                  </button>`
              : nothing}
          </p>`
        : nothing}
    </li>`;
  }

  /** After the school ended the chat: the agent still writes the summary for the school's timeline. */
  private renderSummaryForm(): TemplateResult {
    const p = `hd-chat-${this.conversationId}`;
    return html`<form class="hd-agent-chat__panel" @submit=${this.onFinish}>
      <label class="utrecht-form-label" for="${p}-summary">${t("console.chat.summaryAfterEnd")}</label>
      <textarea id="${p}-summary" name="summary" class="utrecht-textarea" rows="3" maxlength=${CHAT_LIMITS.summaryMaxLength} required></textarea>
      <div class="hd-agent-chat__buttons">
        <button class="utrecht-button utrecht-button--primary-action" ?disabled=${this.busy}>${t("console.chat.summarySave")}</button>
      </div>
    </form>`;
  }

  private renderPanel(): TemplateResult | typeof nothing {
    const p = `hd-chat-${this.conversationId}`;
    if (this.panel === "close") {
      return html`<form class="hd-agent-chat__panel" @submit=${this.onFinish}>
        <label class="utrecht-form-label" for="${p}-summary">${t("console.chat.summary")}</label>
        <textarea id="${p}-summary" name="summary" class="utrecht-textarea" rows="3" maxlength=${CHAT_LIMITS.summaryMaxLength} required></textarea>
        <div class="hd-agent-chat__buttons">
          <button class="utrecht-button utrecht-button--primary-action" ?disabled=${this.busy}>${t("console.chat.closeConfirm")}</button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => (this.panel = "none")}>${t("console.cancel")}</button>
        </div>
      </form>`;
    }
    if (this.panel === "transfer") {
      const targets = this.agents.filter((a) => a.agentId !== this.agentId && a.status === "online" && a.activeChats < a.maxChats);
      return html`<form class="hd-agent-chat__panel" @submit=${this.onTransfer}>
        ${targets.length === 0
          ? html`<p class="utrecht-paragraph">${t("console.chat.noColleagues")}</p>`
          : html`<label class="utrecht-form-label" for="${p}-to">${t("console.chat.transferTo")}</label>
              <select id="${p}-to" name="to" class="utrecht-select">
                ${targets.map((a) => html`<option value=${a.agentId}>${t("console.chat.colleague", { name: a.name, active: a.activeChats, max: a.maxChats })}</option>`)}
              </select>`}
        <div class="hd-agent-chat__buttons">
          ${targets.length ? html`<button class="utrecht-button utrecht-button--primary-action" ?disabled=${this.busy}>${t("console.chat.transferConfirm")}</button>` : nothing}
          <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => (this.panel = "none")}>${t("console.cancel")}</button>
        </div>
      </form>`;
    }
    return nothing;
  }

  private renderComposer(): TemplateResult {
    const p = `hd-chat-${this.conversationId}`;
    const over = this.draft.length - CHAT_LIMITS.messageMaxLength;
    const board = this.chat.conversation.organisation.kind === "board";
    return html`<form class="hd-agent-chat__composer ${this.internal ? "hd-agent-chat__composer--internal" : ""}" @submit=${(e: Event) => (e.preventDefault(), this.send())}>
      <fieldset class="hd-agent-chat__mode">
        <legend class="hd-sr-only">${t("console.chat.mode")}</legend>
        <label><input type="radio" name="${p}-mode" .checked=${!this.internal} @change=${() => (this.internal = false)} /> ${board ? t("console.chat.toBoard") : t("console.chat.toSchool")}</label>
        <label><input type="radio" name="${p}-mode" .checked=${this.internal} @change=${() => (this.internal = true)} /> ${t("console.chat.note")}</label>
      </fieldset>
      <label class="utrecht-form-label" for="${p}-input">${this.internal ? t("console.chat.noteLabel") : board ? t("console.chat.messageLabelBoard") : t("console.chat.messageLabel")}</label>
      <textarea id="${p}-input" class="utrecht-textarea hd-agent-chat__input" rows="3" aria-describedby="${p}-hint"
        .value=${this.draft} @input=${this.onInput} @keydown=${this.onKeydown}></textarea>
      <p id="${p}-hint" class="hd-agent-chat__hint">${over > 0 ? t("console.chat.tooLong", { count: over }) : t("console.chat.hint")}</p>
      <div class="hd-agent-chat__buttons">
        <button class="utrecht-button utrecht-button--primary-action" ?disabled=${over > 0}>
          ${this.internal ? t("console.chat.addNote") : t("console.chat.send")}
        </button>
        ${this.canned.length
          ? html`<label class="hd-sr-only" for="${p}-canned">${t("console.chat.canned")}</label>
              <select id="${p}-canned" class="utrecht-select hd-agent-chat__canned" @change=${this.insertCanned}>
                <option value="">${t("console.chat.canned")}</option>
                ${this.canned.map((c) => html`<option value=${c.id}>${c.title}</option>`)}
              </select>`
          : nothing}
      </div>
    </form>`;
  }

  protected override render() {
    const c = this.chat.conversation;
    const ended = c.state !== "assigned";
    return html`<section class="hd-agent-chat__box" aria-labelledby="hd-chat-${c.id}-title" @focusin=${() => this.dispatchEvent(new HdChatActivateEvent(c.id))}>
      <header class="hd-agent-chat__header">
        <h2 class="utrecht-heading-3" id="hd-chat-${c.id}-title" tabindex="-1">
          <span class="hd-agent-chat__key" aria-hidden="true">${this.position}</span>
          ${c.organisation.name} <span class="hd-agent-chat__code">(${c.organisation.code})</span>
        </h2>
        <p class="hd-agent-chat__contact">${c.contact.name}${ended ? ` · ${t("console.chat.ended")}` : ""}</p>
      </header>
      <ol class="hd-agent-chat__transcript" tabindex="0" aria-label=${t("console.chat.transcript", { name: c.organisation.name })}>
        ${repeat(this.chat.lines, (l) => l.key, (l) => this.renderLine(l))}
      </ol>
      <p class="hd-agent-chat__typing" aria-live="polite">${this.chat.typing ? t("console.chat.typing", { name: c.contact.name }) : ""}</p>
      ${this.error ? html`<p class="hd-agent-error" role="alert">${this.error}</p>` : nothing}
      ${ended
        ? html`<p class="utrecht-paragraph">${c.summary ? t("console.chat.summaryWas", { summary: c.summary }) : t("console.chat.endedBySchool")}</p>
            ${c.summary || c.state !== "ended" || !c.assignedAgent ? nothing : this.renderSummaryForm()}
            <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => this.dispatchEvent(new HdChatDismissEvent(c.id))}>
              ${t("console.chat.dismiss")}
            </button>`
        : html`${this.panel === "none" ? this.renderComposer() : this.renderPanel()}
            ${this.panel === "none"
              ? html`<div class="hd-agent-chat__buttons">
                  <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => (this.panel = "close")}>${t("console.chat.close")}</button>
                  <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => (this.panel = "transfer")}>${t("console.chat.transfer")}</button>
                </div>`
              : nothing}`}
    </section>`;
  }
}

define("hd-agent-chat", HdAgentChat);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-chat": HdAgentChat;
  }
}
