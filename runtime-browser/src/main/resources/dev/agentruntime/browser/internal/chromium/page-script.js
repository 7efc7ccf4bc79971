// agent-runtime's helpers inside every page (and same-origin frame) Chromium shows, installed before any page script
// runs. observe() walks the rendered page once and returns BrowserGym's observation in a compact form: the
// accessibility tree (roles, names, states by the ARIA rules), every node's element marked with a bid attribute that
// it keeps, per bid its visibility, box, clickability and set-of-marks flag, the visible page as simple HTML for the
// Markdown text, and the focused bid. One walk instead of DevTools' full accessibility tree and DOM snapshot, which
// cost seconds on a large page. find() and probe() serve the actions.
(() => {
  if (window.__agentRuntime) {
    return;
  }
  const BID = 'bid';
  const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'BASE']);
  const KEPT = new Set(['P', 'DIV', 'BR', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'TABLE',
    'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'PRE', 'CODE', 'BLOCKQUOTE', 'EM', 'I', 'STRONG', 'B', 'A', 'SECTION',
    'ARTICLE', 'MAIN', 'NAV', 'HEADER', 'FOOTER', 'FORM', 'LABEL', 'SPAN', 'DL', 'DT', 'DD']);
  const INTERACTIVE = new Set(['button', 'link', 'checkbox', 'radio', 'textbox', 'searchbox', 'combobox',
    'listbox', 'option', 'slider', 'spinbutton', 'switch', 'tab', 'menuitem', 'menuitemcheckbox',
    'menuitemradio', 'treeitem']);
  const NAMED_BY_CONTENT = new Set(['link', 'button', 'heading', 'cell', 'columnheader', 'rowheader', 'option',
    'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'treeitem', 'checkbox', 'radio', 'switch', 'tooltip',
    'term', 'legend']);
  const TEXT_INPUTS = new Set(['', 'text', 'email', 'tel', 'url', 'password', 'date', 'datetime-local', 'month',
    'week', 'time', 'color']);
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
      return el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
    }
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden';
  }

  function role(el) {
    const explicit = el.getAttribute('role');
    if (explicit && explicit.trim()) {
      return explicit.trim().split(/\s+/)[0];
    }
    const tag = el.tagName;
    switch (tag) {
      case 'A': case 'AREA': return el.hasAttribute('href') ? 'link' : null;
      case 'BUTTON': return 'button';
      case 'INPUT': {
        const type = (el.getAttribute('type') || '').toLowerCase();
        if (type === 'hidden') return null;
        if (type === 'checkbox' || type === 'radio') return type;
        if (type === 'range') return 'slider';
        if (type === 'number') return 'spinbutton';
        if (type === 'search') return 'searchbox';
        if (TEXT_INPUTS.has(type)) return 'textbox';
        return 'button';
      }
      case 'TEXTAREA': return 'textbox';
      case 'SELECT': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'OPTION': return 'option';
      case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6': return 'heading';
      case 'IMG': return el.getAttribute('alt') === '' ? null : 'image';
      case 'UL': case 'OL': case 'MENU': return 'list';
      case 'LI': return 'listitem';
      case 'TABLE': return 'table';
      case 'TR': return 'row';
      case 'TD': return 'cell';
      case 'TH': return el.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader';
      case 'NAV': return 'navigation';
      case 'MAIN': return 'main';
      case 'HEADER': return 'banner';
      case 'FOOTER': return 'contentinfo';
      case 'ASIDE': return 'complementary';
      case 'DIALOG': return 'dialog';
      case 'FORM': return 'form';
      case 'P': return 'paragraph';
      case 'ARTICLE': return 'article';
      case 'BLOCKQUOTE': return 'blockquote';
      case 'SUMMARY': return 'DisclosureTriangle';
      case 'DETAILS': case 'FIELDSET': return 'group';
      case 'HR': return 'separator';
      case 'CODE': return 'code';
      case 'DL': return 'list';
      case 'DT': return 'term';
      case 'DD': return 'definition';
      case 'IFRAME': case 'FRAME': return 'Iframe';
      case 'PROGRESS': return 'progressbar';
      case 'LABEL': return 'LabelText';
      case 'SECTION': return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : null;
      default:
        if (el.isContentEditable && el.parentElement && !el.parentElement.isContentEditable) return 'textbox';
        return null;
    }
  }

  function text(node) {
    return (node.textContent || '').replace(/\s+/g, ' ').trim();
  }

  function name(el, r, labels) {
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const parts = by.split(/\s+/).map(id => el.ownerDocument.getElementById(id)).filter(Boolean).map(text);
      if (parts.length) return parts.join(' ');
    }
    const aria = el.getAttribute('aria-label');
    if (aria && aria.trim()) return aria.trim();
    const tag = el.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'METER' || tag === 'PROGRESS') {
      const label = (el.id && labels.get(el.id)) || el.closest('label');
      if (label) return text(label);
      const type = (el.getAttribute('type') || '').toLowerCase();
      if (tag === 'INPUT' && ['button', 'submit', 'reset'].includes(type)) {
        return el.value || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
      }
      if (tag === 'INPUT' && type === 'image') return el.getAttribute('alt') || 'Submit';
    }
    if (tag === 'IMG' || tag === 'AREA') {
      const alt = el.getAttribute('alt');
      if (alt) return alt.trim();
    }
    if (tag === 'TABLE') {
      const caption = el.querySelector('caption');
      if (caption) return text(caption);
    }
    if (NAMED_BY_CONTENT.has(r)) {
      const t = text(el);
      if (t) return t;
    }
    const title = el.getAttribute('title');
    if (title) return title.trim();
    const placeholder = el.getAttribute('placeholder');
    if (placeholder) return placeholder.trim();
    return '';
  }

  function checked(el, r) {
    const aria = el.getAttribute('aria-checked');
    if (aria) return aria;
    if (r === 'checkbox' || r === 'radio' || r === 'switch') {
      if (el.indeterminate) return 'mixed';
      return el.checked ? 'true' : 'false';
    }
    return null;
  }

  function visibility(rect) {
    const area = rect.width * rect.height;
    if (area <= 0) return 0;
    const w = Math.max(0, Math.min(rect.right, innerWidth) - Math.max(rect.left, 0));
    const h = Math.max(0, Math.min(rect.bottom, innerHeight) - Math.max(rect.top, 0));
    return Math.round((w * h / area) * 1000) / 1000;
  }

  function clickable(el, r) {
    if (INTERACTIVE.has(r) || el.hasAttribute('onclick') || el.isContentEditable) return true;
    const tabindex = el.getAttribute('tabindex');
    return tabindex !== null && Number(tabindex) >= 0;
  }

  function bidOf(el, prefix, seen) {
    let bid = el.getAttribute(BID);
    if (!bid || seen.has(bid)) {
      bid = el.tagName === 'IFRAME' || el.tagName === 'FRAME' ? frameLetters(prefix, nextFrame++) : prefix + (next++);
      el.setAttribute(BID, bid);
    }
    seen.add(bid);
    return bid;
  }

  // The walk: nodes as [parent, role, name, bid, value, properties], extra per bid as
  // [visibility, x, y, width, height, clickable, setOfMarks], the visible page as simple HTML.
  function walkDocument(doc, prefix, parent, offset, out) {
    const labels = new Map();
    for (const l of doc.querySelectorAll('label[for]')) {
      if (!labels.has(l.htmlFor)) labels.set(l.htmlFor, l);
    }
    const seen = new Set();
    const focusedEl = doc.activeElement;
    function visit(node, axParent, html) {
      if (node.nodeType === Node.TEXT_NODE) {
        const t = node.nodeValue;
        if (html) html.push(escapeHtml(t));
        const clean = t.replace(/\s+/g, ' ').trim();
        if (clean) out.nodes.push([axParent, 'StaticText', clean, '', null, null]);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const el = node;
      const tag = el.tagName.toUpperCase();
      if (SKIPPED.has(tag) || !shown(el) || el.getAttribute('aria-hidden') === 'true') return;
      const r = role(el);
      let axNode = axParent;
      if (r) {
        const bid = bidOf(el, prefix, seen);
        const n = name(el, r, labels);
        let value = null;
        if (r === 'textbox' || r === 'searchbox' || r === 'spinbutton' || r === 'slider') {
          value = el.isContentEditable && tag !== 'INPUT' && tag !== 'TEXTAREA' ? text(el) : String(el.value ?? '');
        } else if (r === 'combobox' && tag === 'SELECT') {
          value = el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : '';
        }
        const props = {};
        if (el === focusedEl && el !== doc.body) props.focused = true;
        if (r === 'heading') props.level = Number(tag.substring(1)) || Number(el.getAttribute('aria-level')) || 2;
        const c = checked(el, r);
        if (c !== null) props.checked = c;
        if (r === 'option') props.selected = !!el.selected || el.getAttribute('aria-selected') === 'true';
        if (el.disabled === true || el.getAttribute('aria-disabled') === 'true') props.disabled = true;
        if (el.required === true || el.getAttribute('aria-required') === 'true') props.required = true;
        const expanded = el.getAttribute('aria-expanded');
        if (expanded) props.expanded = expanded === 'true';
        if (tag === 'DETAILS') props.expanded = el.open;
        out.nodes.push([axParent, r, n, bid, value, Object.keys(props).length ? props : null]);
        axNode = out.nodes.length - 1;
        const rect = el.getBoundingClientRect();
        const vis = visibility(rect);
        const click = clickable(el, r);
        out.extra[bid] = [vis, rect.left + offset[0], rect.top + offset[1], rect.width, rect.height, click ? 1 : 0,
          vis >= 0.5 && click ? 1 : 0];
      }
      let inner = html;
      if (html && tag === 'IMG') {
        html.push(escapeHtml(el.getAttribute('alt') || ''));
      } else if (html && KEPT.has(tag)) {
        html.push('<' + tag.toLowerCase());
        if (tag === 'A' && el.hasAttribute('href')) {
          html.push(' href="' + escapeHtml(el.href).replace(/"/g, '&quot;') + '"');
        }
        html.push('>');
      }
      if (tag === 'SELECT' && r) {
        for (const option of el.options) visit(option, axNode, null);
      } else if (tag === 'IFRAME' || tag === 'FRAME') {
        walkFrame(el, axNode, offset, out, html);
      } else if (tag !== 'IMG') {
        const children = el.shadowRoot ? el.shadowRoot.childNodes : el.childNodes;
        for (const child of children) visit(child, axNode, inner);
      }
      if (html && KEPT.has(tag) && tag !== 'BR' && tag !== 'HR') {
        html.push('</' + tag.toLowerCase() + '>');
      }
    }
    if (doc.body) visit(doc.body, parent, out.html);
  }

  function walkFrame(frame, axNode, offset, out, html) {
    try {
      const inner = frame.contentWindow && frame.contentWindow.__agentRuntime;
      if (!inner || !frame.contentDocument) return;
      const r = frame.getBoundingClientRect();
      const style = getComputedStyle(frame);
      const at = [offset[0] + r.left + parseFloat(style.borderLeftWidth || '0'),
        offset[1] + r.top + parseFloat(style.borderTopWidth || '0')];
      inner.walkInto(frame.getAttribute(BID), axNode, at, out, html);
    } catch (e) {
      // another origin: the frame's content stays out, as BrowserGym leaves sandboxed frames
    }
  }

  function walkInto(prefix, parent, offset, out, html) {
    walkDocument(document, prefix, parent, offset, out);
  }

  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  function focusedBid() {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return '';
    if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
      try {
        const inner = el.contentWindow && el.contentWindow.__agentRuntime;
        const deeper = inner && inner.focusedBid();
        if (deeper) return deeper;
      } catch (e) {
        // another origin
      }
    }
    return el.getAttribute(BID) || '';
  }

  function observe() {
    const html = document.contentType === 'text/html' || document.contentType.includes('xml');
    const out = { nodes: [[-1, 'RootWebArea', document.title, '', null, { focusable: true, focused: true }]],
      extra: {}, html: html ? [] : null };
    walkDocument(document, '', 0, [0, 0], out);
    return { url: location.href, title: document.title, focused: focusedBid(), nodes: out.nodes,
      extra: out.extra, html: html ? out.html.join('') : '',
      text: html ? null : (document.body ? document.body.innerText : '') };
  }

  function find(bid) {
    const here = document.querySelector('[' + BID + '="' + CSS.escape(bid) + '"]');
    if (here) return here;
    for (const frame of document.querySelectorAll('iframe, frame')) {
      try {
        const inner = frame.contentWindow && frame.contentWindow.__agentRuntime;
        const found = inner && inner.find(bid);
        if (found) return found;
      } catch (e) {
        // another origin
      }
    }
    return null;
  }

  // Where to click an element, and whether it can be acted on now (Playwright's actionability, simplified): it
  // is scrolled into view first; the point is in the top page's coordinates.
  function probe(el, needsEditable) {
    if (!el.isConnected) return { state: 'detached' };
    if (!shown(el)) return { state: 'not visible' };
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return { state: 'not visible' };
    if (el.disabled === true || el.getAttribute('aria-disabled') === 'true') return { state: 'not enabled' };
    if (needsEditable && !(el.isContentEditable || ['INPUT', 'TEXTAREA'].includes(el.tagName))) {
      return { state: 'not an <input>, <textarea> or [contenteditable] element' };
    }
    if (needsEditable && el.readOnly) return { state: 'not editable' };
    let x = r.left + r.width / 2;
    let y = r.top + r.height / 2;
    const hit = el.ownerDocument.elementFromPoint(x, y);
    if (hit && hit !== el && !el.contains(hit) && !(hit.shadowRoot && hit.contains(el))) {
      const label = hit.tagName.toLowerCase() + (hit.getAttribute(BID) ? ' bid="' + hit.getAttribute(BID) + '"' : '');
      return { state: '<' + label + '> intercepts pointer events' };
    }
    for (let w = el.ownerDocument.defaultView; w !== w.top && w.frameElement; w = w.parent) {
      const fr = w.frameElement.getBoundingClientRect();
      x += fr.left;
      y += fr.top;
    }
    return { state: 'ok', x, y };
  }

  function describe(el) {
    const attrs = [];
    for (const a of ['bid', 'id', 'name', 'type', 'href']) {
      if (el.hasAttribute(a)) attrs.push(a + '="' + el.getAttribute(a) + '"');
    }
    const t = (el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 30);
    const tag = el.tagName.toLowerCase();
    return '<' + tag + (attrs.length ? ' ' + attrs.join(' ') : '') + '>' + t + '</' + tag + '>';
  }

  window.__agentRuntime = { observe, walkInto, find, focusedBid, probe, describe };
})();
