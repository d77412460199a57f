// JS side of the web platform layer (linked with --js-library). Small on purpose: it reads the
// page's location, reports frames, figures and fatal errors to the page (shell/boot.js), and
// connects the wasm to the host through the JS bridge (bridge.js).
mergeInto(LibraryManager.library, {
  // Copies location.search (part 0) or location.hash (part 1) into buffer; returns its UTF-8 length.
  verji_web_location: function (part, buffer, size) {
    var text = part === 0 ? window.location.search : window.location.hash;
    if (buffer && size > 0) stringToUTF8(text, buffer, size);
    return lengthBytesUTF8(text);
  },

  verji_web_frame_presented: function (frame, width, height, dpr) {
    if (typeof window.verjiFramePresented === 'function') window.verjiFramePresented(frame, width, height, dpr);
  },

  verji_web_report: function (name, value) {
    if (typeof window.verjiReport === 'function') window.verjiReport(UTF8ToString(name), value);
  },

  verji_web_layout: function (json) {
    window.verjiLayout = JSON.parse(UTF8ToString(json));
  },

  // Connects the wasm to the JS bridge (bridge.js): queued and future host messages are handed to
  // verji_host_message (web_runner.cpp) as UTF-8 JSON text. Returns the bridge's state:
  // 0 standalone (no host), 1 waiting or connected, 2 refused (see verji_bridge_reason).
  verji_bridge_attach__deps: ['malloc', 'free'],
  verji_bridge_attach: function () {
    var bridge = window.verjiBridge;
    if (!bridge) return 0;
    bridge.attach(function (text) {
      var size = lengthBytesUTF8(text) + 1;
      var ptr = _malloc(size);
      stringToUTF8(text, ptr, size);
      try {
        _verji_host_message(ptr);
      } finally {
        _free(ptr);
      }
    });
    return bridge.state === 'standalone' ? 0 : bridge.state === 'refused' ? 2 : 1;
  },

  // Copies the host origin the bridge refused ('' when no origins are configured) into buffer;
  // returns its UTF-8 length.
  verji_bridge_reason: function (buffer, size) {
    var text = window.verjiBridge ? window.verjiBridge.refusedOrigin : '';
    if (buffer && size > 0) stringToUTF8(text, buffer, size);
    return lengthBytesUTF8(text);
  },

  // One JSON text for the host; the bridge decides where (never "*").
  verji_bridge_post: function (json) {
    if (window.verjiBridge) window.verjiBridge.post(UTF8ToString(json));
  },

  // The page follows the widget's theme (the host may switch it live), so that its own background
  // and messages match the canvas.
  verji_web_theme: function (dark) {
    if (dark) document.documentElement.dataset.theme = 'dark';
    else delete document.documentElement.dataset.theme;
  },

  verji_web_fatal: function (message) {
    if (typeof window.verjiFatal === 'function') window.verjiFatal(UTF8ToString(message));
  },
});
