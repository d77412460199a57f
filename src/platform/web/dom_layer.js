// The DOM layer: a real <form> over the canvas, with a native control on every control the widget
// draws, placed on its box (window.verjiLayout, layout_json.h) and kept there. The controls carry
// the input (typing, IME, paste, undo, autofill, Tab, on-screen keyboards, screen readers); their
// text is invisible, and the wasm draws text, caret, selection and composition from the app's state.
// Each event goes to the wasm at once (library_verji.js: verji_dom_attach); the wasm writes a value
// back only where the app changed it itself (setValue), which this file refuses during a
// composition. Loaded before widget.js; it does nothing until the wasm attaches.
//
// ?debug=dom outlines every native control over the drawing.
'use strict';

(function () {
  var form = null;
  var live = null;
  var texts = null;       // hidden: the descriptions the controls point at (aria-describedby)
  var hooks = null;
  var nodes = {};         // id -> {el, label, describe, entry (the last layout entry)}
  var groups = {};        // radio group id -> <fieldset>
  var order = [];         // ids in the last layout's order
  var composing = null;   // {el, start}: the composition in progress (UTF-16 offsets)
  var pending = {};       // id -> {value, caret}: values for controls not made yet
  var announced = {};     // status id -> the text last announced
  var seeded = false;     // the first layout's statuses are the page's, not news
  var moving = false;     // the app is moving focus (update)
  var early = null;       // id -> element: the page's early controls (index.html) not adopted yet
  var SR = 'verji-sr';    // visually hidden, read by screen readers

  var KINDS = {
    email: { type: 'text', inputmode: 'email', autocomplete: 'email', name: 'email', autocapitalize: 'none', spellcheck: 'false' },
    name: { type: 'text', autocomplete: 'name', name: 'name', autocapitalize: 'words', spellcheck: 'false' },
    tel: { type: 'tel', inputmode: 'tel', autocomplete: 'tel', name: 'tel' },
  };

  function domId(id) { return 'verji-' + id.replace(/[^A-Za-z0-9_-]/g, '-'); }

  function isText(el) { return el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && el.type !== 'radio' && el.type !== 'checkbox'); }

  function idOf(el) {
    for (var n = el; n && n !== form; n = n.parentNode) {
      if (n.dataset && n.dataset.verjiId) return n.dataset.verjiId;
    }
    return null;
  }

  // ---- the controls ------------------------------------------------------------------------------

  function fieldset(entry) {
    var set = groups[entry.group];
    if (!set) {
      set = document.createElement('fieldset');
      set.className = 'verji-group';
      var legend = document.createElement('legend');
      legend.className = SR;
      set.appendChild(legend);
      groups[entry.group] = set;
    }
    set.firstChild.textContent = entry.legend || '';
    return set;
  }

  // The <label> the page already has for the control `el` (the early form's), or null.
  function labelOf(el) { return form.querySelector('label[for="' + el.id + '"]'); }

  // The early control (index.html) for `entry`, if the page has one of the right kind: it becomes
  // the control, with what was typed into it, its focus and its caret.
  function adopt(entry) {
    var el = early && early[entry.id];
    var tag = entry.role === 'heading' ? 'H1' : entry.kind === 'multiline' ? 'TEXTAREA' : 'INPUT';
    if (!el || (entry.role !== 'textbox' && entry.role !== 'heading') || el.tagName !== tag) return null;
    delete early[entry.id];
    return el;
  }

  function make(entry) {
    var el = adopt(entry);
    var role = entry.role;
    if (el) {
      if (role === 'textbox' && pending[entry.id]) {
        el.value = pending[entry.id].value;
        delete pending[entry.id];
      }
    } else if (role === 'textbox') {
      if (entry.kind === 'multiline') {
        el = document.createElement('textarea');
        el.setAttribute('name', 'message');
        el.setAttribute('rows', '5');
      } else {
        el = document.createElement('input');
        var kind = KINDS[entry.kind] || KINDS.name;
        Object.keys(kind).forEach(function (k) { el.setAttribute(k, kind[k]); });
      }
      if (pending[entry.id]) {
        el.value = pending[entry.id].value;
        delete pending[entry.id];
      }
    } else if (role === 'radio' || role === 'checkbox') {
      el = document.createElement('input');
      el.type = role;
      if (role === 'radio') el.name = entry.group;
    } else if (role === 'button') {
      el = document.createElement('button');
      el.type = entry.submit ? 'submit' : 'button';
    } else if (role === 'heading') {
      el = document.createElement('h1');
    } else {
      el = document.createElement('p');
    }
    el.id = domId(entry.id);
    el.dataset.verjiId = entry.id;
    el.className = 'verji-control verji-' + role;
    var node = { el: el, label: null, describe: null, entry: {} };
    if (role === 'textbox' || role === 'radio' || role === 'checkbox') {
      node.label = labelOf(el) || document.createElement('label');
      node.label.className = SR;
      node.label.htmlFor = el.id;
    }
    if (role !== 'status' && role !== 'heading') {
      node.describe = document.createElement('span');
      node.describe.id = el.id + '-desc';
    }
    return node;
  }

  function setAttr(el, name, on, value) {
    if (on) el.setAttribute(name, value === undefined ? 'true' : value);
    else el.removeAttribute(name);
  }

  // Puts `node` where its entry says, with its names and states.
  function apply(node, entry) {
    var el = node.el;
    var old = node.entry;
    var style = el.style;
    style.left = entry.x + 'px';
    style.top = entry.y + 'px';
    if (entry.role === 'textbox') {
      // At least 16 px, so that iOS does not zoom the page on focus; scaled down to the drawn size.
      var font = Math.max(entry.font || 15, 1);
      var scale = font < 16 ? font / 16 : 1;
      style.fontSize = (font / scale) + 'px';
      style.lineHeight = ((entry.line || font) / scale) + 'px';
      style.width = (entry.width / scale) + 'px';
      style.height = (entry.height / scale) + 'px';
      style.padding = ((entry.padY || 0) / scale) + 'px ' + ((entry.padX || 0) / scale) + 'px';
      style.transform = scale === 1 ? '' : 'scale(' + scale + ')';
    } else {
      style.width = entry.width + 'px';
      style.height = entry.height + 'px';
    }
    if (entry.label !== old.label) {
      if (node.label) node.label.textContent = entry.label;
      else el.textContent = entry.label;
    }
    if (node.describe && entry.description !== old.description) {
      node.describe.textContent = entry.description || '';
      setAttr(el, 'aria-describedby', !!entry.description, node.describe.id);
    }
    if (entry.role !== 'status' && entry.role !== 'heading') {
      setAttr(el, 'aria-invalid', !!entry.invalid);
      setAttr(el, 'aria-required', !!entry.required);
      // Not `disabled`: an inert control could not keep focus, and a click on the greyed-out
      // "Opprett" still shows every error.
      setAttr(el, 'aria-disabled', !!entry.disabled);
    }
    if (entry.role === 'radio' || entry.role === 'checkbox') el.checked = !!entry.checked;
    node.entry = entry;
  }

  function announce(text) {
    if (!text) return;
    var line = document.createElement('p');
    line.textContent = text;
    live.appendChild(line);
    while (live.childNodes.length > 4) live.removeChild(live.firstChild);
  }

  // A status that is news: each invitation's CompanyBot status and the connection notices.
  function isNews(id) { return id === 'connection' || /^submission=[^.]*$/.test(id) || id === 'copy_notice.done'; }

  // ---- layout ------------------------------------------------------------------------------------

  // Puts `nodes` in `parent`, in this order, from `cursor` on; a node in place is not moved (moving
  // a focused element would blur it).
  function arrange(parent, list, cursor) {
    list.forEach(function (n) {
      if (n === cursor) {
        cursor = cursor.nextSibling;
        return;
      }
      parent.insertBefore(n, cursor);
    });
  }

  function update(layout) {
    if (!form) return;
    var active = document.activeElement;
    if (early) {
      // The first layout: the drawn form replaces the early one (the canvas has this frame).
      Array.prototype.slice.call(form.querySelectorAll('.verji-early-only')).forEach(function (n) { n.parentNode.removeChild(n); });
    }
    var seen = {};
    var entries = layout.filter(function (entry) {
      if (seen[entry.id]) return false;
      seen[entry.id] = true;
      return true;
    });
    var lostFocus = -1;
    order.forEach(function (id, index) {
      if (seen[id]) return;
      var node = nodes[id];
      if (node.el === active) lostFocus = index;
      [node.el, node.label, node.describe].forEach(function (n) { if (n && n.parentNode) n.parentNode.removeChild(n); });
      delete nodes[id];
      delete announced[id];
    });
    // In the order drawn, which is the visual order: Tab and a screen reader's reading follow it.
    var top = [];
    var inGroup = {};
    var wantFocus = null;
    entries.forEach(function (entry) {
      var node = nodes[entry.id];
      if (!node) node = nodes[entry.id] = make(entry);
      apply(node, entry);
      if (node.describe && !node.describe.parentNode) texts.appendChild(node.describe);
      var own = node.label ? [node.label, node.el] : [node.el];
      if (entry.role === 'radio') {
        var set = fieldset(entry);
        if (!inGroup[entry.group]) {
          inGroup[entry.group] = [set.firstChild];
          top.push(set);
        }
        inGroup[entry.group] = inGroup[entry.group].concat(own);
      } else {
        top = top.concat(own);
      }
      if (entry.focus) wantFocus = node.el;
      if (entry.role === 'status' && isNews(entry.id)) {
        if (seeded && announced[entry.id] !== entry.label) announce(entry.label);
        announced[entry.id] = entry.label;
      }
    });
    arrange(form, top, form.firstChild);
    Object.keys(groups).forEach(function (g) {
      if (inGroup[g]) arrange(groups[g], inGroup[g], groups[g].firstChild);
      else if (groups[g].parentNode) groups[g].parentNode.removeChild(groups[g]);
    });
    if (early) finishEarly();
    if (!seeded) {
      seeded = true;
      if (announced.connection) announce(announced.connection);
    }
    var previousOrder = order;
    order = entries.map(function (entry) { return entry.id; });
    if (wantFocus && document.activeElement !== wantFocus) {
      moving = true;  // the app moves focus: its ring shows, as after a key
      wantFocus.focus({ preventScroll: true });
      moving = false;
    } else if (lostFocus >= 0 && !form.contains(document.activeElement)) {
      // Its control is gone: focus stays in the form, on the next control that is still there
      // (or the one before it).
      var after = previousOrder.slice(lostFocus + 1).concat(previousOrder.slice(0, lostFocus).reverse());
      var next = null;
      for (var i = 0; i < after.length && !next; i++) {
        var candidate = nodes[after[i]];
        if (candidate && candidate.el.tagName !== 'P' && candidate.el.tagName !== 'H1') next = candidate.el;
      }
      (next || form).focus({ preventScroll: true });
    }
  }

  // After the first layout: the early controls not adopted go (with their labels), the form
  // becomes the layer over the canvas, and the app gets what was typed before it started, and
  // where the focus and caret are: the same path as typing and autofill.
  function finishEarly() {
    Object.keys(early).forEach(function (id) {
      var el = early[id];
      [el, labelOf(el)].forEach(function (n) { if (n && n.parentNode) n.parentNode.removeChild(n); });
    });
    early = null;
    form.classList.remove('verji-early');
    // Once the wasm's frame has returned (this runs inside it).
    queueMicrotask(function () {
      Object.keys(nodes).forEach(function (id) {
        var el = nodes[id].el;
        if (isText(el) && el.value !== '' && el !== document.activeElement) report(el);
      });
      var focused = document.activeElement;
      if (focused && focused !== form && form.contains(focused) && idOf(focused)) {
        hooks.focus(idOf(focused), true);
        if (isText(focused)) report(focused);
      }
    });
  }

  // ---- events ------------------------------------------------------------------------------------

  function report(el) {
    var id = idOf(el);
    if (!id || !isText(el)) return;
    var start = el.selectionStart;
    var end = el.selectionEnd;
    if (el.selectionDirection === 'backward') { var t = start; start = end; end = t; }
    var compStart = -1;
    var compEnd = -1;
    if (composing && composing.el === el) {
      compStart = composing.start;
      compEnd = composing.start + composing.length;
    }
    hooks.input(id, el.value, start, end, compStart, compEnd);
  }

  function listen() {
    form.addEventListener('input', function (event) { report(event.target); });
    form.addEventListener('compositionstart', function (event) {
      var el = event.target;
      composing = { el: el, start: Math.min(el.selectionStart, el.selectionEnd), length: 0 };
    });
    form.addEventListener('compositionupdate', function (event) {
      if (composing) composing.length = (event.data || '').length;
    });
    form.addEventListener('compositionend', function (event) {
      composing = null;
      report(event.target);
    });
    document.addEventListener('selectionchange', function () {
      var el = document.activeElement;
      if (el && form.contains(el)) report(el);
    });
    form.addEventListener('focusin', function (event) {
      var el = event.target;
      var id = idOf(el);
      if (!id) return;
      var ring = moving || isText(el) || el.matches(':focus-visible');
      hooks.focus(id, ring);
      if (isText(el)) report(el);
    });
    form.addEventListener('focusout', function (event) {
      if (event.relatedTarget && form.contains(event.relatedTarget)) return;  // focusin follows
      setTimeout(function () {
        // The window lost focus (the element stays active): nothing changed for the form.
        if (!form.contains(document.activeElement)) hooks.focus('', false);
      }, 0);
    });
    form.addEventListener('click', function (event) {
      var el = event.target;
      var id = idOf(el);
      if (!id) return;
      if (el.tagName === 'BUTTON' && el.type !== 'submit') {
        hooks.activate(id);
      } else if (isText(el) && event.detail <= 1 && el.selectionStart === el.selectionEnd) {
        // The caret goes where the drawn text has that point, not where the invisible text has it.
        var rect = hooks.canvas.getBoundingClientRect();
        var caret = hooks.caretAt(id, event.clientX - rect.left, event.clientY - rect.top);
        if (caret >= 0 && caret !== el.selectionStart) el.setSelectionRange(caret, caret);
      }
    });
    form.addEventListener('change', function (event) {
      var el = event.target;
      var id = idOf(el);
      if (!id || (el.type !== 'radio' && el.type !== 'checkbox')) return;
      hooks.activate(id);
      var node = nodes[id];
      if (node) el.checked = !!node.entry.checked;  // the app decides; the next layout confirms
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      var id = submitter && idOf(submitter);
      if (!id) {  // Enter in a field: the form's main action drawn now
        for (var i = 0; i < order.length; i++) {
          var n = nodes[order[i]];
          if (n && n.entry.submit) { id = order[i]; break; }
        }
      }
      if (id) hooks.activate(id);
    });
    window.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.isComposing) hooks.escape();
    });
    // The wheel over a control scrolls the drawing, as it does over the canvas; the pointer over a
    // control is where the drawing shows its hover (clicks stay the control's own).
    form.addEventListener('wheel', function (event) {
      event.preventDefault();
      hooks.canvas.dispatchEvent(new WheelEvent('wheel', event));
    }, { passive: false });
    form.addEventListener('mousemove', function (event) {
      hooks.canvas.dispatchEvent(new MouseEvent('mousemove', event));
    });
    // A finger dragged up or down scrolls the drawing as the page would scroll (the page itself does
    // not): as wheel pixels, which the widget turns into its own scrolling (ui::wheel_notches: 100 px
    // a notch, which scrolls five lines of 15 px: 4/3 px of wheel per pixel of finger).
    var touchY = null;
    var main = hooks.canvas.parentNode;
    main.addEventListener('touchstart', function (event) {
      touchY = event.touches.length === 1 ? event.touches[0].clientY : null;
      if (touchY === null) return;
      // The drawing scrolls the part under the pointer: the pointer goes where the finger is.
      var touch = event.touches[0];
      hooks.canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: touch.clientX, clientY: touch.clientY, bubbles: true }));
    }, { capture: true, passive: true });
    main.addEventListener('touchmove', function (event) {
      if (touchY === null || event.touches.length !== 1) return;
      var touch = event.touches[0];
      var dy = touchY - touch.clientY;
      touchY = touch.clientY;
      if (dy !== 0) {
        hooks.canvas.dispatchEvent(new WheelEvent('wheel', {
          deltaY: dy * 4 / 3, deltaMode: 0, clientX: touch.clientX, clientY: touch.clientY, bubbles: true, cancelable: true,
        }));
      }
    }, { capture: true, passive: true });
  }

  function setValue(id, value, caret) {
    var node = nodes[id];
    if (!node) {
      pending[id] = { value: value, caret: caret };
      return true;
    }
    var el = node.el;
    if (composing && composing.el === el) return false;
    if (el.value !== value) el.value = value;
    if (caret >= 0 && document.activeElement === el) el.setSelectionRange(caret, caret);
    return true;
  }

  function attach(given) {
    hooks = given;
    var main = hooks.canvas.parentNode;
    form = document.getElementById('verji-dom');
    if (form && form.tagName === 'FORM') {
      early = {};
      // Only elements: arrange() keeps nodes in place by walking siblings, so the markup's
      // whitespace between them must go (moving a focused control would blur it).
      Array.prototype.slice.call(form.childNodes).forEach(function (n) { if (n.nodeType !== 1) form.removeChild(n); });
      Array.prototype.slice.call(form.querySelectorAll('[data-verji-id]')).forEach(function (el) {
        early[el.dataset.verjiId] = el;
      });
    } else {
      form = document.createElement('form');
      form.id = 'verji-dom';
    }
    form.noValidate = true;
    form.setAttribute('autocomplete', 'on');
    form.tabIndex = -1;
    if (hooks.fontFamily) form.style.fontFamily = hooks.fontFamily + ', Inter, system-ui, sans-serif';
    if (/(?:^|[?&])debug=dom(?:&|$)/.test(window.location.search)) form.classList.add('verji-debug');
    texts = document.createElement('div');
    texts.id = 'verji-texts';
    texts.hidden = true;
    live = document.createElement('div');
    live.id = 'verji-live';
    live.className = SR;
    live.setAttribute('aria-live', 'polite');
    if (!form.parentNode) main.appendChild(form);
    main.appendChild(texts);
    main.appendChild(live);
    hooks.canvas.setAttribute('aria-hidden', 'true');
    listen();
  }

  window.verjiDom = { attach: attach, update: update, setValue: setValue };
})();
