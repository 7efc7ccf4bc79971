/** Implementation of the browser module: the page walk (bids, roles, names, Markdown) and the action runner. */
package dev.agentruntime.browser.internal;
