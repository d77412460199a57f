// Same-window mode, first script of the widget page (the dev server inserts it after <head>; see
// same-window.js). Keeps the widget's requests that arrive before the host module runs, then loads
// matrix-widget-api and the host module.
'use strict';

(function () {
  var kept = [];
  function keep(event) {
    if (event.source === window && event.data && event.data.api === 'fromWidget') kept.push(event);
  }
  window.addEventListener('message', keep);
  window.verjiDevhostEarly = {
    stop: function () {
      window.removeEventListener('message', keep);
      return kept;
    },
  };
  var base = document.currentScript.src.replace(/[^/]*$/, '');
  var api = document.createElement('script');
  api.src = base + 'vendor/matrix-widget-api/api.js';
  api.onload = function () {
    var host = document.createElement('script');
    host.type = 'module';
    host.src = base + 'same-window.js';
    document.head.append(host);
  };
  document.head.append(api);
})();
