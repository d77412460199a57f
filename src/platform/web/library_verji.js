// JS side of the web platform layer (linked with --js-library). Small on purpose: it reads the
// page's location, and reports frames, figures and fatal errors to the page (shell/boot.js).
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

  verji_web_fatal: function (message) {
    if (typeof window.verjiFatal === 'function') window.verjiFatal(UTF8ToString(message));
  },
});
