import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { AgentPrincipal, SessionResponse } from "../../../server/src/contracts/api/auth.js";
import type { CannedAnswer } from "../../../server/src/contracts/api/chat.js";
import { AgentConnection, NewChatEvent } from "../../../widgets/agent/agent-connection.js";
import type {
  HdChatActivateEvent,
  HdChatDismissEvent,
  HdChatFinishEvent,
  HdChatRetryEvent,
  HdChatSeenEvent,
  HdChatSendEvent,
  HdChatTransferEvent,
  HdChatTypingEvent,
  HdPresenceSetEvent,
  HdQueuePickEvent,
} from "../../../widgets/agent/events.js";
import "../../../widgets/agent/hd-agent-canned/hd-agent-canned.js";
import type { HdAgentChat } from "../../../widgets/agent/hd-agent-chat/hd-agent-chat.js";
import "../../../widgets/agent/hd-agent-chat/hd-agent-chat.js";
import "../../../widgets/agent/hd-agent-context/hd-agent-context.js";
import type { HdAgentHelp } from "../../../widgets/agent/hd-agent-help/hd-agent-help.js";
import "../../../widgets/agent/hd-agent-help/hd-agent-help.js";
import "../../../widgets/agent/hd-agent-hours/hd-agent-hours.js";
import "../../../widgets/agent/hd-agent-news/hd-agent-news.js";
import "../../../widgets/agent/hd-agent-overview/hd-agent-overview.js";
import "../../../widgets/agent/hd-agent-presence/hd-agent-presence.js";
import type { HdAgentQueue } from "../../../widgets/agent/hd-agent-queue/hd-agent-queue.js";
import "../../../widgets/agent/hd-agent-queue/hd-agent-queue.js";
import { define } from "../../../widgets/shared/define.js";
import "../../../widgets/shared/hd-page-layout/hd-page-layout.js";
import { LocaleController, t } from "../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../widgets/shared/light-element.js";
import { api } from "../shared/api.js";
import { styles } from "./agent-app.styles.js";
import { Notifier } from "./notifier.js";

type View = "chats" | "overview" | "hours" | "canned" | "news";
/** Chats shown side by side; more wait in the list until one is closed. */
const MAX_VISIBLE = 4;

/**
 * @summary The agent console (`/medewerker`): presence, the queue with live waiting times, up to four chats side
 * by side with the active chat's school context next to them, canned answers, internal notes, close with summary,
 * transfer, keyboard shortcuts (help: Alt+H), a beep and a browser notification for a new chat. Supervisors also
 * get the live overview with capacities, opening hours and closures, and the canned answers to manage.
 */
export class HdAgentApp extends LightElement {
  static override styles = styles;
  static override properties = {
    principal: { state: true },
    view: { state: true },
    activeId: { state: true },
    canned: { state: true },
    announcement: { state: true },
    notifications: { state: true },
    demo: { state: true },
  };

  declare principal: AgentPrincipal | null;
  declare view: View;
  declare activeId: string | null;
  declare canned: CannedAnswer[];
  declare announcement: string;
  declare notifications: string;
  declare demo: boolean;

  protected readonly localeController = new LocaleController(this);
  private connection: AgentConnection | undefined;
  private readonly notifier = new Notifier();
  private presenceRevision = 0;

  constructor() {
    super();
    this.principal = null;
    this.view = "chats";
    this.activeId = null;
    this.canned = [];
    this.announcement = "";
    this.notifications = this.notifier.permission;
    this.demo = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("keydown", this.onShortcut);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("keydown", this.onShortcut);
  }

  private async start(): Promise<void> {
    const session = await api.get<SessionResponse>("/api/v1/session");
    api.setCsrfToken(session.csrfToken);
    this.demo = session.demo;
    if (session.principal?.type !== "agent") {
      location.assign("/medewerker/inloggen");
      return;
    }
    this.principal = session.principal;
    this.connection = new AgentConnection(this, session.principal.agentId);
    this.connection.addEventListener("new-chat", (e) => this.onNewChat(e as NewChatEvent));
    void this.loadCanned();
  }

  private async loadCanned(): Promise<void> {
    try {
      this.canned = (await api.get<{ items: CannedAnswer[] }>("/api/v1/chat/canned-answers")).items;
    } catch {
      this.canned = [];
    }
  }

  private onNewChat(event: NewChatEvent): void {
    const text = event.assigned ? t("console.newAssigned", { name: event.organisationName }) : t("console.newQueued", { name: event.organisationName });
    this.announcement = text;
    this.notifier.beep();
    this.notifier.notify(t("console.notificationTitle"), text, event.conversationId);
    if (event.assigned && !this.activeId) this.activeId = event.conversationId;
  }

  private get visibleChats() {
    return (this.connection?.chats ?? []).slice(0, MAX_VISIBLE);
  }

  private focusChat(index: number): void {
    const chat = this.visibleChats[index];
    if (!chat) return;
    this.view = "chats";
    this.activeId = chat.conversation.id;
    void this.updateComplete.then(() => this.querySelectorAll<HdAgentChat>("hd-agent-chat")[index]?.focusComposer());
  }

  private readonly onShortcut = (event: KeyboardEvent): void => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const digit = /^Digit([1-4])$/.exec(event.code);
    let handled = true;
    if (digit) this.focusChat(Number(digit[1]) - 1);
    else if (event.code === "KeyQ") {
      this.view = "chats";
      void this.updateComplete.then(() => this.querySelector<HdAgentQueue>("hd-agent-queue")?.focusQueue());
    } else if (event.code === "KeyH") this.querySelector<HdAgentHelp>("hd-agent-help")?.show();
    else if (event.code === "KeyC") this.querySelector<HTMLElement>("#hd-agent-context-heading")?.focus();
    else if (event.code === "KeyN") {
      const pane = [...this.querySelectorAll<HdAgentChat>("hd-agent-chat")].find((p) => p.active);
      if (pane) {
        pane.internal = !pane.internal;
        void pane.updateComplete.then(() => pane.focusComposer());
      }
    } else handled = false;
    if (handled) event.preventDefault();
  };

  private async enableNotifications(): Promise<void> {
    await this.notifier.enable();
    this.notifications = this.notifier.permission;
  }

  private onPresence(event: HdPresenceSetEvent): void {
    // A click: the moment browsers let us unlock audio and ask for notification permission.
    void this.enableNotifications();
    event.response = this.connection!.setPresence(event.status);
    this.presenceRevision++;
  }

  private async logout(): Promise<void> {
    try {
      await api.post("/api/v1/auth/logout");
    } finally {
      location.assign("/medewerker/inloggen");
    }
  }

  private renderChats(): TemplateResult {
    const c = this.connection!;
    const chats = this.visibleChats;
    const active = c.chats.find((x) => x.conversation.id === this.activeId) ?? chats[0];
    const p = c.presence;
    const pickBlocked = p?.status !== "online" ? "offline" : p.activeChats >= p.maxChats ? "full" : "";
    return html`<div class="hd-agent-app__work">
      <hd-agent-queue class="hd-agent-app__queue" .entries=${c.queue} .receivedAt=${c.queueReceivedAt} pick-blocked=${pickBlocked}
        @hd-queue-pick=${(e: HdQueuePickEvent) => (e.response = c.pick(e.conversationId).then(() => void (this.activeId = e.conversationId)))}></hd-agent-queue>
      <div class="hd-agent-app__chats hd-agent-app__chats--${Math.max(1, chats.length)}"
        @hd-chat-send=${(e: HdChatSendEvent) => c.send(e.conversationId, e.text, e.internal)}
        @hd-chat-retry=${(e: HdChatRetryEvent) => c.retry(e.conversationId, e.key)}
        @hd-chat-typing=${(e: HdChatTypingEvent) => c.setTyping(e.conversationId, e.typing)}
        @hd-chat-seen=${(e: HdChatSeenEvent) => c.markRead(e.conversationId)}
        @hd-chat-finish=${(e: HdChatFinishEvent) => (e.response = c.close(e.conversationId, e.summary))}
        @hd-chat-transfer=${(e: HdChatTransferEvent) => (e.response = c.transfer(e.conversationId, e.toAgentId))}
        @hd-chat-dismiss=${(e: HdChatDismissEvent) => c.dismiss(e.conversationId)}
        @hd-chat-activate=${(e: HdChatActivateEvent) => (this.activeId = e.conversationId)}>
        ${chats.length === 0
          ? html`<p class="utrecht-paragraph hd-agent-app__empty">${t("console.noChats")}</p>`
          : // Keyed by conversation: an element (with its draft and mode) never moves on to another school's chat.
            repeat(
              chats,
              (chat) => chat.conversation.id,
              (chat, i) => html`<hd-agent-chat .chat=${chat} .agents=${[...c.agents.values()]} .canned=${this.canned}
                agent-id=${c.agentId} position=${i + 1} ?active=${chat === active}></hd-agent-chat>`,
            )}
        ${c.chats.length > MAX_VISIBLE ? html`<p class="utrecht-paragraph">${t("console.moreChats", { count: c.chats.length - MAX_VISIBLE })}</p>` : nothing}
      </div>
      <aside class="hd-agent-app__context" aria-labelledby="hd-agent-context-heading"
        @hd-chat-finish=${(e: HdChatFinishEvent) => (e.response = c.close(e.conversationId, e.summary))}>
        <h2 class="utrecht-heading-2" id="hd-agent-context-heading" tabindex="-1">
          ${active ? t("console.context.heading", { name: active.conversation.organisation.name }) : t("console.context.empty")}
        </h2>
        ${active ? html`<hd-agent-context organisation-id=${active.conversation.organisation.id} .api=${api}></hd-agent-context>` : nothing}
      </aside>
    </div>`;
  }

  private renderView(): TemplateResult {
    if (this.view === "overview") return html`<hd-agent-overview .api=${api} revision=${(this.connection?.presenceRevision ?? 0) + this.presenceRevision}></hd-agent-overview>`;
    if (this.view === "hours") return html`<hd-agent-hours .api=${api}></hd-agent-hours>`;
    if (this.view === "news") return html`<hd-agent-news .api=${api}></hd-agent-news>`;
    if (this.view === "canned") return html`<hd-agent-canned .api=${api} .items=${this.canned} @hd-canned-changed=${() => void this.loadCanned()}></hd-agent-canned>`;
    return this.renderChats();
  }

  private renderNav(): TemplateResult | typeof nothing {
    if (this.principal?.role !== "supervisor") return nothing;
    const views: [View, string][] = [
      ["chats", t("console.nav.chats")],
      ["overview", t("console.nav.overview")],
      ["hours", t("console.nav.hours")],
      ["canned", t("console.nav.canned")],
      ["news", t("console.nav.news")],
    ];
    return html`<nav class="hd-agent-app__nav" aria-label=${t("console.nav.label")}>
      ${views.map(
        ([view, label]) => html`<button type="button" class="utrecht-button utrecht-button--subtle" aria-current=${this.view === view ? "page" : "false"}
          @click=${() => (this.view = view)}>${label}</button>`,
      )}
    </nav>`;
  }

  protected override render() {
    document.title = `${t("console.title")} — ${t("layout.wordmark")}`;
    const c = this.connection;
    return html`<hd-page-layout home-href="/medewerker" .demo=${this.demo}>
      <div slot="header-actions" class="hd-agent-app__header">
        <button type="button" class="utrecht-button utrecht-button--subtle" @click=${() => this.querySelector<HdAgentHelp>("hd-agent-help")?.show()}>
          ${t("console.helpButton")}
        </button>
        ${this.notifications === "default"
          ? html`<button type="button" class="utrecht-button utrecht-button--subtle" @click=${() => void this.enableNotifications()}>${t("console.enableNotifications")}</button>`
          : nothing}
        ${this.principal ? html`<button type="button" class="utrecht-button utrecht-button--subtle" @click=${() => void this.logout()}>${t("console.logout")}</button>` : nothing}
      </div>
      <div class="hd-agent-app">
        <h1 class="utrecht-heading-1 hd-page-heading">${t("console.title")}${this.principal ? html` <span class="hd-agent-app__who">— ${this.principal.name}</span>` : nothing}</h1>
        ${!c
          ? html`<p class="utrecht-paragraph" role="status">${t("console.loading")}</p>`
          : html`<div class="hd-agent-app__bar">
                <hd-agent-presence .presence=${c.presence} @hd-presence-set=${this.onPresence}></hd-agent-presence>
                <p class="hd-agent-app__connection" role="status">${c.connected ? t("console.connected") : c.error ? t("console.connectionError") : t("console.connecting")}</p>
              </div>
              ${this.renderNav()} ${this.renderView()}`}
        <div class="hd-sr-only" role="status" aria-live="polite">${this.announcement}</div>
        <hd-agent-help></hd-agent-help>
      </div>
    </hd-page-layout>`;
  }
}

define("hd-agent-app", HdAgentApp);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-app": HdAgentApp;
  }
}
