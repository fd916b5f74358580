import { html, nothing, type PropertyValues } from "lit";
import { define } from "../../shared/define.js";
import { LightElement } from "../../shared/light-element.js";
import { tabIndexForKey } from "./keyboard.js";
import { styles } from "./hd-portal-tabs.styles.js";

/** One tab: a stable id (used in element ids and events) and its visible label. */
export interface PortalTabItem {
  readonly id: string;
  readonly label: string;
}

/** Fired when the person activates a tab (click, Enter/Space, or an arrow/Home/End key). */
export class HdTabSelectEvent extends Event {
  static readonly eventName = "hd-tab-select";
  constructor(readonly tabId: string) {
    super(HdTabSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary Tabs following the WAI-ARIA tabs pattern with automatic activation: a `tablist` of `tab` buttons,
 * one `tabpanel` per tab (only the selected one visible), `aria-selected`, `aria-controls`/`aria-labelledby`
 * and a roving tabindex (only the selected tab is in the Tab order). ArrowLeft/ArrowRight (wrapping), Home and
 * End move focus to a tab and activate it.
 *
 * Light DOM has no slots: the content of the selected panel comes in as the `content` property (a Lit
 * template or node); the other panels stay empty and hidden.
 *
 * @event hd-tab-select - {@link HdTabSelectEvent} after a tab was activated; `selected` is already updated.
 */
export class HdPortalTabs extends LightElement {
  static override styles = styles;
  static override properties = {
    tabs: { attribute: false },
    selected: { type: String },
    label: { type: String },
    content: { attribute: false },
    idPrefix: { type: String, attribute: "id-prefix" },
  };

  declare tabs: readonly PortalTabItem[];
  /** Id of the selected tab; the first tab when empty or unknown. */
  declare selected: string;
  /** Accessible name of the tablist. */
  declare label: string;
  /** What the selected panel shows. */
  declare content: unknown;
  /** Prefix of the tab and panel element ids (default `hd-tabs`), for pages with more than one tab set. */
  declare idPrefix: string;

  private focusAfterUpdate = false;

  constructor() {
    super();
    this.tabs = [];
    this.selected = "";
    this.label = "";
    this.content = nothing;
    this.idPrefix = "hd-tabs";
  }

  private get selectedId(): string {
    return this.tabs.some((t) => t.id === this.selected) ? this.selected : (this.tabs[0]?.id ?? "");
  }

  private tabId(id: string): string {
    return `${this.idPrefix}-tab-${id}`;
  }

  private panelId(id: string): string {
    return `${this.idPrefix}-panel-${id}`;
  }

  private activate(id: string, moveFocus: boolean): void {
    this.focusAfterUpdate = moveFocus;
    if (id === this.selectedId) {
      if (moveFocus) this.focusSelectedTab();
      return;
    }
    this.selected = id;
    this.dispatchEvent(new HdTabSelectEvent(id));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const index = this.tabs.findIndex((t) => t.id === this.selectedId);
    const next = tabIndexForKey(event.key, index, this.tabs.length);
    if (next === null) return;
    event.preventDefault();
    this.activate(this.tabs[next]!.id, true);
  }

  /** Moves focus to the selected tab. */
  focusSelectedTab(): void {
    this.querySelector<HTMLElement>(`#${this.tabId(this.selectedId)}`)?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusAfterUpdate) {
      this.focusAfterUpdate = false;
      this.focusSelectedTab();
    }
  }

  protected override render() {
    const selected = this.selectedId;
    return html`
      <div class="hd-portal-tabs__list" role="tablist" aria-label=${this.label} @keydown=${this.onKeyDown}>
        ${this.tabs.map((tab) => {
          const isSelected = tab.id === selected;
          return html`<button
            type="button"
            role="tab"
            class="hd-portal-tabs__tab"
            id=${this.tabId(tab.id)}
            aria-selected=${isSelected ? "true" : "false"}
            aria-controls=${this.panelId(tab.id)}
            tabindex=${isSelected ? "0" : "-1"}
            @click=${() => this.activate(tab.id, false)}
          >
            ${tab.label}
          </button>`;
        })}
      </div>
      ${this.tabs.map((tab) => {
        const isSelected = tab.id === selected;
        return html`<div
          class="hd-portal-tabs__panel"
          role="tabpanel"
          id=${this.panelId(tab.id)}
          aria-labelledby=${this.tabId(tab.id)}
          tabindex="0"
          ?hidden=${!isSelected}
        >
          ${isSelected ? this.content : nothing}
        </div>`;
      })}
    `;
  }
}

define("hd-portal-tabs", HdPortalTabs);

declare global {
  interface HTMLElementTagNameMap {
    "hd-portal-tabs": HdPortalTabs;
  }
  interface HTMLElementEventMap {
    "hd-tab-select": HdTabSelectEvent;
  }
}
