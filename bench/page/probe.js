// In-page probe of the page benchmark (bench.mjs adds it as an init script, so it runs before any
// script of the page): collects what the benchmark reads back, in window.__bench, with the page's
// own clock (performance.now(), ms since the document's navigation start). Polls nothing and asks
// for no animation frame, except one after each recorded key press on the peer (its "painted" rule).
//   - long tasks (PerformanceObserver 'longtask', buffered): {start, duration}
//   - the widget's frames: wraps window.verjiFramePresented (boot.js defines it; a property trap
//     installs the wrapper whatever sets it), timestamping each call before the original runs
//   - settled: a promise resolved when the page says it is ready (widget: its phone_startup_ms or
//     settled_ms report, or verjiFatal, which sets B.fatal; peer: window.__formReadyAt is set)
//   - key presses while `recording`: keydown timeStamp, the first `input` event after it, and the
//     frame that shows it (widget: the first verjiFramePresented after the input; peer: the next
//     requestAnimationFrame then a MessageChannel task), and `painted`: a MessageChannel task after
//     that frame (both pages)
//   - a user timing mark 'bench:clock' at its own start (the traced load finds the page's clock by it)
// `window.__benchKind` ('widget' or 'peer') is set just before this file runs.
'use strict';

(function () {
  var kind = window.__benchKind;
  var B = (window.__bench = { kind: kind, longTasks: [], frames: [], keys: [], recording: false, firstFramePainted: null });
  // A user timing mark: in a trace it ties the trace's clock to this page's (bench.mjs, traced load).
  B.clockMark = performance.mark('bench:clock').startTime;
  var settle;
  B.settled = new Promise(function (resolve) { settle = resolve; });

  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { B.longTasks.push({ start: e.startTime, duration: e.duration }); });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    B.longTaskError = String(error);
  }

  // Runs fn(time) in a task queued now: after the rendering step when called from a frame callback.
  function afterTask(fn) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function () { fn(performance.now()); };
    channel.port2.postMessage(0);
  }

  // Key press records waiting for their frame; keyDone(n) resolves when record n has been painted.
  var awaiting = [];
  var waiters = {};
  function painted(rec, index, time) {
    rec.painted = time;
    if (waiters[index]) waiters[index](rec);
  }
  B.keyDone = function (index) {
    var rec = B.keys[index];
    if (rec && rec.painted != null) return Promise.resolve(rec);
    return new Promise(function (resolve) { waiters[index] = resolve; });
  };

  // A property that calls `onSet(value)` whenever the page assigns it and reads back what `get` says.
  function trap(name, onSet, get) {
    var value;
    Object.defineProperty(window, name, {
      configurable: true,
      get: function () { return get ? get(value) : value; },
      set: function (v) { value = v; onSet(v); },
    });
  }

  if (kind === 'widget') {
    var presented = null;
    var wrapped = function (frame) {
      var t = performance.now();
      B.frames.push(t);
      if (frame === 1) afterTask(function (p) { B.firstFramePainted = p; });
      while (awaiting.length) {
        var item = awaiting.shift();
        item.rec.frame = t;
        (function (it) { afterTask(function (p) { painted(it.rec, it.index, p); }); })(item);
      }
      return presented.apply(this, arguments);
    };
    trap('verjiFramePresented', function (fn) { presented = fn; }, function (fn) { return typeof fn === 'function' ? wrapped : fn; });

    var report = null;
    var reportWrapped = function (name) {
      var result = report.apply(this, arguments);
      // settled_ms, where the build reports it, comes in the same frame as phone_startup_ms.
      if (name === 'phone_startup_ms' || name === 'settled_ms') queueMicrotask(settle);
      return result;
    };
    trap('verjiReport', function (fn) { report = fn; }, function (fn) { return typeof fn === 'function' ? reportWrapped : fn; });

    // A widget that cannot start ends the wait at once (bench.mjs reports B.fatal).
    var fatal = null;
    var fatalWrapped = function (message) {
      B.fatal = String(message);
      queueMicrotask(settle);
      return fatal.apply(this, arguments);
    };
    trap('verjiFatal', function (fn) { fatal = fn; }, function (fn) { return typeof fn === 'function' ? fatalWrapped : fn; });
  } else {
    trap('__formReadyAt', function () { settle(); });
  }

  addEventListener('keydown', function (e) {
    if (B.recording) B.keys.push({ key: e.key, down: e.timeStamp, input: null, frame: null, painted: null });
  }, true);
  addEventListener('input', function () {
    var index = B.keys.length - 1;
    var rec = B.keys[index];
    if (!B.recording || !rec || rec.input != null) return;
    rec.input = performance.now();
    if (kind === 'widget') {
      awaiting.push({ rec: rec, index: index });
    } else {
      requestAnimationFrame(function () {
        afterTask(function (p) { rec.frame = p; painted(rec, index, p); });
      });
    }
  }, true);
})();
