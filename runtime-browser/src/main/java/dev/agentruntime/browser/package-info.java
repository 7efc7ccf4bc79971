/**
 * A headless browser on HtmlUnit for agents, and the {@code browse} / {@code browse_interactive} capability.
 *
 * <p>Central types: {@link dev.agentruntime.browser.BrowserSession} (navigation, history, tabs, BrowserGym actions,
 * page snapshots), {@link dev.agentruntime.browser.PageSnapshot} (the page as Markdown and as an accessibility-tree-like
 * listing with stable {@code bid}s), and {@link dev.agentruntime.browser.ActionParser} (BrowserGym's action language).
 * HtmlUnit renders no pixels: screenshots are always empty.
 */
package dev.agentruntime.browser;
