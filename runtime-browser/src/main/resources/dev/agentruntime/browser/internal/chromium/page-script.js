// agent-runtime's helpers inside every page (and same-origin frame) Chromium shows: BrowserGym's marks (a bid
// attribute on every element, its visibility ratio and set-of-marks flag), the visible page as simple HTML for the
// Markdown text, and what actions need to find and check an element. Installed before any page script runs.
(() => {
  if (window.__agentRuntime) {
    return;
  }
  const BID = 'bid';
  const VISIBILITY = 'browsergym_visibility_ratio';
  const SOM = 'browsergym_set_of_marks';
  const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'SVG']);
  const KEPT = new Set(['P', 'DIV', 'BR', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'TABLE',
    'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'PRE', 'CODE', 'BLOCKQUOTE', 'EM', 'I', 'STRONG', 'B', 'A', 'SECTION',
    'ARTICLE', 'MAIN', 'NAV', 'HEADER', 'FOOTER', 'FORM', 'LABEL', 'SPAN', 'DL', 'DT', 'DD']);
  const INTERACTIVE_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'textbox', 'searchbox', 'combobox',
    'listbox', 'option', 'slider', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'spinbutton',
    'treeitem']);
  let next = 1;
  let nextFrame = 0;

  function frameLetters(prefix, n) {
    // Top-level frames are a, b, ...; frames inside them add capitals (aA, aB), as BrowserGym names them.
    const upper = prefix !== '';
    let s = '';
    do {
      s = String.fromCharCode((upper ? 65 : 97) + (n % 26)) + s;
      n = Math.floor(n / 26) - 1;
    } while (n >= 0);
    return prefix + s;
  }

  function shown(el) {
    if (typeof el.checkVisibility === 'function') {
      return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    }
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0';
  }

  function visibilityRatio(el) {
    if (!shown(el)) {
      return 0;
    }
    const r = el.getBoundingClientRect();
    const area = r.width * r.height;
    if (area <= 0) {
      return 0;
    }
    const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    return Math.round((w * h / area) * 1000) / 1000;
  }

  function interactive(el) {
    const tag = el.tagName;
    if (tag === 'A' && el.hasAttribute('href')) return true;
    if (tag === 'BUTTON' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'SUMMARY') return true;
    if (tag === 'INPUT') return el.type !== 'hidden';
    if (el.isContentEditable || el.hasAttribute('onclick')) return true;
    const role = el.getAttribute('role');
    if (role && INTERACTIVE_ROLES.has(role)) return true;
    const tabindex = el.getAttribute('tabindex');
    return tabindex !== null && Number(tabindex) >= 0;
  }

  function setIfChanged(el, name, value) {
    if (el.getAttribute(name) !== value) {
      el.setAttribute(name, value);
    }
  }

  // Gives every element of this document a bid (keeping the ones it has) and refreshes the marks; frames that
  // can be reached (same origin) are marked with their iframe's bid as prefix.
  function mark(prefix) {
    const all = document.querySelectorAll('*');
    const seen = new Set();
    for (const el of all) {
      let bid = el.getAttribute(BID);
      if (!bid || seen.has(bid)) {
        bid = el.tagName === 'IFRAME' || el.tagName === 'FRAME' ? frameLetters(prefix, nextFrame++)
          : prefix + (next++);
        el.setAttribute(BID, bid);
      }
      seen.add(bid);
      const ratio = visibilityRatio(el);
      setIfChanged(el, VISIBILITY, String(ratio));
      setIfChanged(el, SOM, ratio >= 0.5 && interactive(el) ? '1' : '0');
    }
    for (const frame of document.querySelectorAll('iframe, frame')) {
      try {
        const inner = frame.contentWindow && frame.contentWindow.__agentRuntime;
        if (inner) {
          inner.mark(frame.getAttribute(BID));
        }
      } catch (e) {
        // another origin: its content keeps no bids, as in BrowserGym's sandboxed frames
      }
    }
    return true;
  }

  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  // The visible page as simple HTML: kept tags, text, links with absolute targets, images as their alt text.
  function visibleHtml() {
    const out = [];
    function walk(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        out.push(escapeHtml(node.nodeValue));
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED.has(node.tagName.toUpperCase()) || !shown(node)) {
        return;
      }
      const tag = node.tagName.toUpperCase();
      if (tag === 'IMG') {
        out.push(escapeHtml(node.getAttribute('alt') || ''));
        return;
      }
      const kept = KEPT.has(tag);
      if (kept) {
        out.push('<' + tag.toLowerCase());
        if (tag === 'A' && node.hasAttribute('href')) {
          out.push(' href="' + escapeHtml(node.href).replace(/"/g, '&quot;') + '"');
        }
        out.push('>');
      }
      const children = node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
      for (const child of children) {
        walk(child);
      }
      if (tag === 'IFRAME') {
        try {
          if (node.contentDocument && node.contentDocument.body) {
            walk(node.contentDocument.body);
          }
        } catch (e) {
          // another origin
        }
      }
      if (kept && tag !== 'BR' && tag !== 'HR') {
        out.push('</' + tag.toLowerCase() + '>');
      }
    }
    if (document.body) {
      walk(document.body);
    }
    return out.join('');
  }

  function find(bid) {
    const selector = '[' + BID + '="' + CSS.escape(bid) + '"]';
    const here = document.querySelector(selector);
    if (here) {
      return here;
    }
    for (const frame of document.querySelectorAll('iframe, frame')) {
      try {
        const inner = frame.contentWindow && frame.contentWindow.__agentRuntime;
        const found = inner && inner.find(bid);
        if (found) {
          return found;
        }
      } catch (e) {
        // another origin
      }
    }
    return null;
  }

  function focusedBid() {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) {
      return '';
    }
    if ((el.tagName === 'IFRAME' || el.tagName === 'FRAME')) {
      try {
        const inner = el.contentWindow && el.contentWindow.__agentRuntime;
        const deeper = inner && inner.focusedBid();
        if (deeper) {
          return deeper;
        }
      } catch (e) {
        // another origin
      }
    }
    return el.getAttribute(BID) || '';
  }

  // Where to click an element, and whether it can be acted on now (Playwright's actionability, simplified): it
  // is scrolled into view first; the point is in the top page's coordinates.
  function probe(el, needsEditable) {
    if (!el.isConnected) {
      return { state: 'detached' };
    }
    if (!shown(el)) {
      return { state: 'not visible' };
    }
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) {
      return { state: 'not visible' };
    }
    if (el.disabled === true || el.getAttribute('aria-disabled') === 'true') {
      return { state: 'not enabled' };
    }
    if (needsEditable && !(el.isContentEditable || ['INPUT', 'TEXTAREA'].includes(el.tagName))) {
      return { state: 'not an <input>, <textarea>, <select> or [contenteditable] element' };
    }
    if (needsEditable && el.readOnly) {
      return { state: 'not editable' };
    }
    let x = r.left + r.width / 2;
    let y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit !== el && !el.contains(hit) && !(hit.shadowRoot && hit.contains(el))) {
      const label = hit.tagName.toLowerCase() + (hit.getAttribute(BID) ? ' bid="' + hit.getAttribute(BID) + '"' : '');
      return { state: '<' + label + '> intercepts pointer events' };
    }
    for (let w = window; w !== w.top && w.frameElement; w = w.parent) {
      const fr = w.frameElement.getBoundingClientRect();
      x += fr.left;
      y += fr.top;
    }
    return { state: 'ok', x, y };
  }

  function describe(el) {
    const attrs = [];
    for (const a of ['bid', 'id', 'name', 'type', 'href']) {
      if (el.hasAttribute(a)) {
        attrs.push(a + '="' + el.getAttribute(a) + '"');
      }
    }
    const text = (el.innerText || el.value || '').trim().slice(0, 30);
    const tag = el.tagName.toLowerCase();
    return '<' + tag + (attrs.length ? ' ' + attrs.join(' ') : '') + '>' + text + '</' + tag + '>';
  }

  window.__agentRuntime = { mark, visibleHtml, find, focusedBid, probe, describe };
})();
