// JS side of the web platform layer (linked with --js-library). Small on purpose: it reads the
// page's location, reports frames, figures and fatal errors to the page (shell/boot.js), connects
// the wasm to the host through the JS bridge (bridge.js) and to the native controls of the DOM
// layer (dom_layer.js), wakes the paused main loop when something happens on the page, writes the
// system clipboard, and tells the designers' preview page how a state played. All the JS the wasm
// calls is here (no EM_JS or EM_ASM in the C++).
//
// The release build runs it through Closure (ADVANCED): every name shared with other scripts or
// parsed from JSON is quoted (window['verjiDom']['update']), so that Closure leaves it alone.
//
// The numbers that cross between C++ and this file are in VerjiSeam, by the names of the C++ enums
// in library_verji.h, which documents each (VerjiSeam.BridgeState.refused is BridgeState::refused).
mergeInto(LibraryManager.library, {
  $VerjiSeam: {
    LocationPart: { search: 0, hash: 1 },
    BridgeState: { standalone: 0, hosted: 1, refused: 2 },
    WakeCause: { page: 0, user_input: 1 },
  },

  // Copies location.search or location.hash (a LocationPart) into buffer; returns its UTF-8 length.
  verji_web_location__deps: ['$VerjiSeam'],
  verji_web_location: function (part, buffer, size) {
    var text = part === VerjiSeam.LocationPart.search ? window.location.search : window.location.hash;
    if (buffer && size > 0) stringToUTF8(text, buffer, size);
    return lengthBytesUTF8(text);
  },

  verji_web_frame_presented: function (frame, width, height, dpr) {
    if (typeof window['verjiFramePresented'] === 'function') window['verjiFramePresented'](frame, width, height, dpr);
  },

  verji_web_report: function (name, value) {
    if (typeof window['verjiReport'] === 'function') window['verjiReport'](UTF8ToString(name), value);
  },

  verji_web_layout: function (json) {
    var layout = JSON.parse(UTF8ToString(json));
    window['verjiLayout'] = layout;
    if (window['verjiDom']) window['verjiDom']['update'](layout);
  },

  // Calls `fn` (an exported C function taking const char*) with `text` as UTF-8 on the heap, freed
  // when fn returns; `text` may be an array of strings (one const char* each), `numbers` follow them.
  $verjiWithUTF8__deps: ['malloc', 'free'],
  $verjiWithUTF8: function (fn, text, numbers) {
    var texts = Array.isArray(text) ? text : [text];
    var ptrs = texts.map(function (t) {
      var size = lengthBytesUTF8(t) + 1;
      var ptr = _malloc(size);
      stringToUTF8(t, ptr, size);
      return ptr;
    });
    try {
      return fn.apply(null, ptrs.concat(numbers || []));
    } finally {
      ptrs.forEach(function (ptr) { _free(ptr); });
    }
  },

  // Connects the wasm to the JS bridge (bridge.js): queued and future host messages are handed to
  // verji_host_message (web_runner.cpp) as UTF-8 JSON text. Returns the bridge's BridgeState.
  verji_bridge_attach__deps: ['$verjiWithUTF8', '$VerjiSeam'],
  verji_bridge_attach: function () {
    var states = VerjiSeam.BridgeState;
    var bridge = window['verjiBridge'];
    if (!bridge) return states.standalone;
    bridge['attach'](function (text) {
      verjiWithUTF8(_verji_host_message, text);
    });
    // The core's side of bridge.stats: {client: {received, dropped_malformed, ...}, tracker: {...}}.
    bridge['protocol'] = function () { return JSON.parse(UTF8ToString(_verji_protocol_counters())); };
    bridge['wasmMemory'] = function () { return HEAPU8.byteLength; };  // bytes, as it grows
    return bridge['state'] === 'standalone' ? states.standalone : bridge['state'] === 'refused' ? states.refused : states.hosted;
  },

  // Copies the host origin the bridge refused ('' when no origins are configured) into buffer;
  // returns its UTF-8 length.
  verji_bridge_reason: function (buffer, size) {
    var text = window['verjiBridge'] ? window['verjiBridge']['refusedOrigin'] : '';
    if (buffer && size > 0) stringToUTF8(text, buffer, size);
    return lengthBytesUTF8(text);
  },

  // One JSON text for the host; the bridge decides where (never "*").
  verji_bridge_post: function (json) {
    if (window['verjiBridge']) window['verjiBridge']['post'](UTF8ToString(json));
  },

  // The page follows the widget's theme (the host may switch it live), so that its own background
  // and messages match the canvas.
  verji_web_theme: function (dark) {
    if (dark) document.documentElement.dataset['theme'] = 'dark';
    else delete document.documentElement.dataset['theme'];
  },

  // Wakes the main loop (verji_web_wake in web_runner.cpp, with a WakeCause) on whatever may change
  // what is drawn: the person's input, size and devicePixelRatio changes, the page becoming visible.
  verji_web_watch_page__deps: ['$VerjiSeam'],
  verji_web_watch_page: function () {
    var input = function () { _verji_web_wake(VerjiSeam.WakeCause.user_input); };
    var other = function () { _verji_web_wake(VerjiSeam.WakeCause.page); };
    var options = { 'capture': true, 'passive': true };
    ['keydown', 'keyup', 'mousedown', 'mouseup', 'mousemove', 'mouseout', 'wheel', 'touchstart',
      'touchmove', 'touchend', 'touchcancel', 'focus', 'blur'].forEach(function (type) {
      window.addEventListener(type, input, options);
    });
    window['verjiWake'] = other; // for tests and the page: "draw a few frames now"
    // Host messages wake it from verji_host_message, and only when they changed something.
    window.addEventListener('resize', other, options);
    document.addEventListener('visibilitychange', other);
    if (typeof ResizeObserver === 'function') new ResizeObserver(other).observe(Module['canvas']);
    (function watchRatio() { // a query for the current ratio, asked again after each change
      var query = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
      if (query.addEventListener) query.addEventListener('change', function () { other(); watchRatio(); }, { 'once': true });
    })();
  },

  // Emscripten's GLFW listens for keys on the whole window and cancels Backspace and Tab whatever
  // their target: the keys belong to the DOM layer's native controls instead.
  verji_web_detach_glfw_keys__deps: ['$GLFW'],
  verji_web_detach_glfw_keys: function () {
    window.removeEventListener('keydown', GLFW.onKeydown, true);
    window.removeEventListener('keypress', GLFW.onKeyPress, true);
    window.removeEventListener('keyup', GLFW.onKeyup, true);
  },

  // Connects the DOM layer (dom_layer.js) to the wasm: its events become calls of web_runner.cpp's
  // verji_dom_* functions, and its native controls get the body font (a FontFace from the bytes the
  // wasm embeds, so no font file is fetched).
  verji_dom_attach__deps: ['$verjiWithUTF8'],
  verji_dom_attach: function (font, size) {
    var dom = window['verjiDom'];
    if (!dom) return;
    var family = '';
    if (typeof FontFace === 'function' && document.fonts) {
      try {
        var face = new FontFace('Verji Inter', HEAPU8.slice(font, font + size));
        document.fonts.add(face);
        face.load();
        family = '"Verji Inter"';
      } catch (e) {
        family = ''; // the controls keep the page's font; the drawing does not depend on it
      }
    }
    dom['attach']({
      'canvas': Module['canvas'],
      'fontFamily': family,
      'input': function (id, text, selStart, selEnd, compStart, compEnd) {
        verjiWithUTF8(_verji_dom_input, [id, text], [selStart, selEnd, compStart, compEnd]);
      },
      'focus': function (id, ring) { verjiWithUTF8(_verji_dom_focus, id, [ring ? 1 : 0]); },
      'activate': function (id) { return verjiWithUTF8(_verji_dom_activate, id) === 1; },
      'escape': function () { _verji_dom_escape(); },
      'caretAt': function (id, x, y) { return verjiWithUTF8(_verji_dom_caret_at, id, [x, y]); },
    });
  },

  verji_dom_set_value: function (id, value, caret) {
    if (!window['verjiDom']) return 1;
    return window['verjiDom']['setValue'](UTF8ToString(id), UTF8ToString(value), caret) ? 1 : 0;
  },

  // Calls verji_web_slice() in a task of its own, as soon as the page is free (a MessageChannel
  // message: no timer clamping, and input is handled between two such tasks).
  verji_web_post_slice: function () {
    if (!Module['verjiSlice']) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { _verji_web_slice(); };
      Module['verjiSlice'] = channel.port2;
    }
    Module['verjiSlice'].postMessage(0);
  },

  // Calls verji_web_timer (web_runner.cpp) after `ms` milliseconds, replacing the timer set before;
  // a negative `ms` (kCancelWakeTimer) only cancels it.
  verji_web_wake_after: function (ms) {
    clearTimeout(Module['verjiTimer']);
    Module['verjiTimer'] = ms >= 0 ? setTimeout(function () { _verji_web_timer(); }, ms) : 0;
  },

  // Puts text on the system clipboard. The frame runs in the user activation of the key or click
  // that copied, which navigator.clipboard needs; where it is missing or refuses, a selected hidden
  // textarea and execCommand('copy') try again.
  verji_web_clipboard_write: function (text) {
    var value = UTF8ToString(text);
    var fallback = function () {
      var area = document.createElement('textarea');
      var focused = document.activeElement;
      area.value = value;
      area.setAttribute('readonly', '');
      area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none';
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand('copy');
      } catch (e) {
        // nothing more to try: the widget's own copy still pastes inside the widget
      }
      area.remove();
      if (focused && focused.focus) focused.focus();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).catch(fallback);
    else fallback();
  },

  verji_web_fatal: function (message) {
    if (typeof window['verjiFatal'] === 'function') window['verjiFatal'](UTF8ToString(message));
  },

  // The designers' preview (preview_hook.cpp): the outcome of the state's expectations, for the page
  // and its tests, as window.verjiPreview and <html data-verji-preview="ok|failed">.
  verji_preview_publish: function (json) {
    var result = JSON.parse(UTF8ToString(json));
    var failed = result['failures'].length > 0;
    window['verjiPreview'] = result;
    document.documentElement.dataset['verjiPreview'] = failed ? 'failed' : 'ok';
    if (failed) console.warn('verji:preview ' + result['state'] + ': ' + result['failures'].join(' | '));
  },
});
