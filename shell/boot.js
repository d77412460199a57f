// Boot script of the widget page: runs before widget.js. Sets the theme of the page itself (so a
// dark host shows no white flash while the wasm loads), configures the Emscripten module, and
// shows load progress and fatal errors. Frames and figures come back through library_verji.js.
'use strict';

(function () {
  var root = document.documentElement;
  var canvas = document.getElementById('canvas');
  var status = document.getElementById('status');
  var statusText = document.getElementById('status-text');
  var detail = document.getElementById('status-detail');
  var reload = document.getElementById('status-reload');

  // The widget's URL parameters, read as the widget reads them (bridge.js, loaded first).
  var param = window.verjiBridge.param;
  // Same rule as verji::core::lang_from_tag: the primary subtag "en" is English, all else Bokmål.
  var english = (param('lang') || '').split(/[-_]/)[0].toLowerCase() === 'en';
  if (/dark/.test(param('theme') || '')) root.dataset.theme = 'dark';
  if (english) root.lang = 'en';

  var texts = english ? {
    loading: 'Loading the form …',
    failed: 'The form could not start. Reload the page; if that does not help, tell whoever runs Verji for your company.',
    lost: 'The browser reset the graphics. Reload the page to go on.',
    reload: 'Reload',
  } : {
    loading: 'Laster skjemaet …',
    failed: 'Skjemaet kunne ikke starte. Last inn siden på nytt; hjelper ikke det, si fra til den som drifter Verji hos dere.',
    lost: 'Nettleseren nullstilte grafikken. Last inn siden på nytt for å fortsette.',
    reload: 'Last inn på nytt',
  };
  statusText.textContent = texts.loading;

  // The early form (index.html): its texts in the page's language, and the moment it takes input,
  // measured like the first frame (a task after the paint that shows it).
  if (english) {
    Array.prototype.slice.call(document.querySelectorAll('#verji-dom [data-en]')).forEach(function (el) {
      el.textContent = el.dataset.en;
    });
    Array.prototype.slice.call(document.querySelectorAll('#verji-dom [data-en-placeholder]')).forEach(function (el) {
      el.placeholder = el.dataset.enPlaceholder;
    });
  }
  // Nothing typed leaves the page by a form submission, not even before the widget runs.
  var earlyForm = document.getElementById('verji-dom');
  if (earlyForm) earlyForm.addEventListener('submit', function (event) { event.preventDefault(); });
  var earlyPainted = new Promise(function (resolve) {
    requestAnimationFrame(function () {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        if (!window.verjiFigures.input_ready_ms) window.verjiFigures.input_ready_ms = performance.now();
        resolve();
      };
      channel.port2.postMessage(0);
    });
  });
  reload.textContent = texts.reload;
  reload.addEventListener('click', function () { window.location.reload(); });

  // A sentence for the person, and the technical reason underneath for whoever they tell.
  function showError(message, technical) {
    status.hidden = false;
    status.classList.add('error');
    statusText.textContent = message;
    detail.textContent = technical || '';
    detail.hidden = !technical;
    reload.hidden = false;
    root.dataset.verjiError = technical || message;
  }

  // Figures the widget reports (e.g. phone_startup_ms), readable by tests and people alike.
  window.verjiFigures = {};
  window.verjiReport = function (name, value) {
    window.verjiFigures[name] = value;
  };
  window.verjiFramePresented = function (frame, width, height, dpr) {
    if (frame === 1) {
      status.hidden = true;
      window.verjiFigures.first_frame_sent_ms = performance.now();
      // On screen: the wasm draws inside an animation frame callback, and the browser paints once
      // that rendering step ends; a task posted now runs after it. The JavaScript peer's FORM_READY
      // is taken the same way (a MessageChannel task after the frame), so the two figures compare.
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        var ms = Math.round(performance.now());
        window.verjiFigures.first_frame_ms = ms;
        console.info('verji:first-frame ' + width + 'x' + height + ' dpr=' + dpr + ' at ' + ms + ' ms');
      };
      channel.port2.postMessage(0);
    }
    root.dataset.verjiFrames = String(frame);
  };
  window.verjiFatal = function (message) {
    console.error('verji:fatal ' + message);
    showError(texts.failed, message);
  };

  // WebGL context loss (GPU reset, too many contexts): the widget draws again when the browser
  // restores the context (web_runner.cpp). Only if that has not happened after a few seconds, say
  // so and offer a reload; should the context come back after all, the notice goes away again.
  var lostTimer = 0;
  var lostShown = false;
  canvas.addEventListener('webglcontextlost', function (event) {
    event.preventDefault();
    clearTimeout(lostTimer);
    lostTimer = setTimeout(function () {
      lostShown = true;
      showError(texts.lost);
    }, 4000);
  }, false);
  canvas.addEventListener('webglcontextrestored', function () {
    clearTimeout(lostTimer);
    if (!lostShown) return;
    lostShown = false;
    status.hidden = true;
    status.classList.remove('error');
    delete root.dataset.verjiError;
  }, false);

  // The canvas's backing store at its final size now, before any context exists (cheap then):
  // CSS size x devicePixelRatio, or dpr= from the URL, as web_runner.cpp sizes it. Resizing a WebGL
  // canvas later reallocates its drawing buffer, a long synchronous call.
  var ratio = Number(param('dpr'));
  if (!(ratio >= 0.5 && ratio <= 4)) ratio = window.devicePixelRatio || 1;
  var box = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(box.width * ratio));
  canvas.height = Math.max(1, Math.round(box.height * ratio));

  window.Module = {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    onAbort: function (what) { window.verjiFatal(String(what)); },
    // main() starts with long tasks (fonts, the first frame). Should widget.js and the wasm be
    // ready before the browser has painted the early form (a fast link), they would run first and
    // the admin would see an empty page until the first frame; so main() waits for that paint.
    // The wasm still downloads and compiles in the meantime.
    preRun: [function () {
      window.Module.addRunDependency('verji-early-paint');
      earlyPainted.then(function () { window.Module.removeRunDependency('verji-early-paint'); });
    }],
  };

  // The WebGL context, another long synchronous call, is made while widget.wasm still downloads
  // and compiles: in the task after the early form's first paint (so that paint is not delayed).
  // The wasm takes this very context (GL_PREINITIALIZED_CONTEXT reads
  // Module.preinitializedWebGLContext); its attributes are the ones the widget needs (opaque, no
  // antialiasing, depth or stencil buffer). main() waits for the same paint (preRun above) and
  // runs after this; should it have run first all the same (Module.calledRun), it made its own.
  // No WebGL 2: the wasm says so when it starts.
  earlyPainted.then(function () {
    if (window.Module.calledRun) return;
    try {
      var gl = canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false });
      if (gl) window.Module.preinitializedWebGLContext = gl;
    } catch (e) {
      // the wasm tries again, and says why it cannot draw
    }
  });
})();
