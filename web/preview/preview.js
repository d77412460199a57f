// The designers' preview page: reads states.json and shows each state in frames of the real widget
// page (../index.html?theme&lang&dpr#preview=<state>), for the themes, languages and widths chosen.
// The widget plays the state's script itself and reports whether its expectations hold
// (window.verjiPreview in the frame); captions show that. Every control is in this page's URL, so a
// view can be shared. No framework, no server logic; see docs/preview.md.
//
// Browsers keep only about 16 WebGL contexts per page, so at most MAX_LIVE frames run at once: the
// ones in (or near) view, first come first served; a frame scrolled far away is unloaded when room
// is needed and reloads when it comes back.
'use strict';

(function () {
  var MAX_LIVE = 12;
  var THEMES = ['light', 'dark'];
  var LANGS = ['nb', 'en'];
  var WIDTHS = ['320', '480', '800'];
  var DPRS = ['1', '1.5', '2', '3'];
  var HEIGHTS = ['720', '1100', '1500'];

  var form = document.getElementById('controls');
  var grid = document.getElementById('grid');
  var summary = document.getElementById('summary');
  var allStates = document.getElementById('all-states');

  // ---- the view, from and to the URL ---------------------------------------------------------------
  function readView() {
    var p = new URLSearchParams(window.location.search);
    var pick = function (name, allowed, fallback) {
      return allowed.indexOf(p.get(name)) >= 0 ? p.get(name) : fallback;
    };
    var widths = (p.get('width') || '480').split(',').filter(function (w) { return WIDTHS.indexOf(w) >= 0; });
    return {
      theme: pick('theme', THEMES.concat('both'), 'both'),
      lang: pick('lang', LANGS.concat('both'), 'both'),
      widths: widths.length ? widths : ['480'],
      dpr: pick('dpr', DPRS, '1'),
      height: pick('height', HEIGHTS, '1100'),
      filter: p.get('filter') || '',
      states: p.get('states') ? p.get('states').split(',') : [], // exact names; empty: all
    };
  }

  function writeView(view) {
    var p = new URLSearchParams();
    p.set('theme', view.theme);
    p.set('lang', view.lang);
    p.set('width', view.widths.join(','));
    p.set('dpr', view.dpr);
    p.set('height', view.height);
    if (view.filter) p.set('filter', view.filter);
    if (view.states.length) p.set('states', view.states.join(','));
    history.replaceState(null, '', '?' + p.toString());
  }

  function showView(view) {
    form.elements.theme.value = view.theme;
    form.elements.lang.value = view.lang;
    form.elements.dpr.value = view.dpr;
    form.elements.height.value = view.height;
    form.elements.filter.value = view.filter;
    Array.prototype.forEach.call(form.querySelectorAll('input[name="width"]'), function (box) {
      box.checked = view.widths.indexOf(box.value) >= 0;
    });
    allStates.hidden = view.states.length === 0;
  }

  function viewFromForm(previous) {
    var widths = Array.prototype.filter.call(form.querySelectorAll('input[name="width"]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    return {
      theme: form.elements.theme.value,
      lang: form.elements.lang.value,
      widths: widths.length ? widths : previous.widths,
      dpr: form.elements.dpr.value,
      height: form.elements.height.value,
      filter: form.elements.filter.value.trim(),
      states: previous.states,
    };
  }

  // ---- the grid --------------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function matches(state, view) {
    if (view.states.length) return view.states.indexOf(state.name) >= 0;
    if (!view.filter) return true;
    var needle = view.filter.toLowerCase();
    return [state.name, state.title.nb, state.title.en].some(function (t) {
      return t.toLowerCase().indexOf(needle) >= 0;
    });
  }

  function frameUrl(state, theme, lang, dpr) {
    return '../index.html?theme=' + theme + '&lang=' + lang + '&dpr=' + dpr +
      '#preview=' + encodeURIComponent(JSON.stringify(state));
  }

  var cells = []; // {figure, viewport, iframe, url, live, loadedAt}
  var visible = new Set();
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) visible.add(e.target.verjiCell);
      else visible.delete(e.target.verjiCell);
    });
    schedule();
  }, { rootMargin: '300px' });

  function render(states, view) {
    observer.disconnect();
    visible.clear();
    cells.forEach(unload);
    cells = [];
    grid.textContent = '';
    var themes = view.theme === 'both' ? THEMES : [view.theme];
    var langs = view.lang === 'both' ? LANGS : [view.lang];
    var scale = Number(view.dpr) / (window.devicePixelRatio || 1);
    var shown = states.filter(function (s) { return matches(s, view); });
    shown.forEach(function (state) {
      var row = el('div', { class: 'cells' });
      var link = el('a', { href: '?' + new URLSearchParams({ states: state.name }).toString(), text: state.title.en });
      var section = el('section', { class: 'state', id: 'state-' + state.name }, [
        el('h2', {}, [link, ' ', el('code', { text: state.name })]), row]);
      link.addEventListener('click', function (event) {
        event.preventDefault();
        apply(Object.assign({}, view, { states: [state.name], filter: '' }));
      });
      themes.forEach(function (theme) {
        langs.forEach(function (lang) {
          view.widths.forEach(function (width) {
            row.append(makeCell(state, theme, lang, Number(width), Number(view.height), view.dpr, scale));
          });
        });
      });
      grid.append(section);
    });
    cells.forEach(function (cell) { observer.observe(cell.figure); });
    summary.textContent = shown.length + ' of ' + states.length + ' states, ' + cells.length + ' frames; devicePixelRatio ' +
      view.dpr + ' shown 1:1 on this screen (' + (window.devicePixelRatio || 1) + ')';
  }

  function makeCell(state, theme, lang, width, height, dpr, scale) {
    // Not loading="lazy": the page's own IntersectionObserver decides when a frame loads (load()),
    // and Chromium's lazy-loading would only be a second, less predictable gate.
    var iframe = el('iframe', {
      title: state.name + ' ' + theme + ' ' + lang + ' ' + width,
      width: String(width),
      height: String(height),
    });
    iframe.style.width = width + 'px';
    iframe.style.height = height + 'px';
    iframe.style.transform = 'scale(' + scale + ')';
    var idle = el('div', { class: 'idle', text: 'loads when in view' });
    var viewport = el('div', { class: 'viewport' }, [idle]);
    viewport.style.width = Math.round(width * scale) + 2 + 'px';
    viewport.style.height = Math.round(height * scale) + 2 + 'px';
    var verdict = el('span', { class: 'verdict', text: '…' });
    var failures = el('p', { class: 'failures', hidden: '' });
    var figure = el('figure', {
      class: 'cell',
      'data-state': state.name, 'data-theme': theme, 'data-lang': lang, 'data-width': String(width),
    }, [
      el('figcaption', {}, [state.title[lang] + ' · ' + theme + ' · ' + width + ' px ', verdict]),
      viewport, failures]);
    var cell = {
      figure: figure, viewport: viewport, iframe: iframe, idle: idle, verdict: verdict, failures: failures,
      url: frameUrl(state, theme, lang, dpr), live: false, loadedAt: 0, reported: '',
    };
    figure.verjiCell = cell;
    cells.push(cell);
    return figure;
  }

  function load(cell) {
    cell.live = true;
    cell.loadedAt = performance.now();
    cell.iframe.src = cell.url;
    cell.viewport.append(cell.iframe);
    cell.idle.hidden = true;
  }

  function unload(cell) {
    if (!cell.live) return;
    cell.live = false;
    cell.iframe.remove(); // frees the frame's WebGL context
    cell.iframe.removeAttribute('src');
    cell.idle.hidden = false;
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      var want = cells.filter(function (c) { return visible.has(c); }).slice(0, MAX_LIVE);
      want.forEach(function (cell) {
        if (cell.live) return;
        var live = cells.filter(function (c) { return c.live; });
        if (live.length >= MAX_LIVE) {
          var spare = live.filter(function (c) { return want.indexOf(c) < 0; })
            .sort(function (a, b) { return a.loadedAt - b.loadedAt; })[0];
          if (!spare) return;
          unload(spare);
        }
        load(cell);
      });
    });
  }

  // ---- what each frame reports -----------------------------------------------------------------------
  function poll() {
    cells.forEach(function (cell) {
      if (!cell.live) return;
      var result;
      try {
        result = cell.iframe.contentWindow && cell.iframe.contentWindow.verjiPreview;
      } catch (e) {
        result = undefined; // served from another origin: nothing to read
      }
      if (!result) return;
      var text = JSON.stringify(result.failures);
      if (text === cell.reported) return;
      cell.reported = text;
      var ok = result.failures.length === 0;
      cell.figure.classList.toggle('ok', ok);
      cell.figure.classList.toggle('failed', !ok);
      cell.verdict.textContent = ok ? '✓' : '✗ ' + result.failures.length + ' failing';
      cell.failures.hidden = ok;
      cell.failures.textContent = result.failures.join('\n');
    });
  }

  // ---- start -----------------------------------------------------------------------------------------
  var states = [];
  var view = readView();
  function apply(next) {
    view = next;
    writeView(view);
    showView(view);
    render(states, view);
  }
  form.addEventListener('change', function () { apply(viewFromForm(view)); });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  var typing = 0;
  form.elements.filter.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(function () { apply(Object.assign(viewFromForm(view), { states: [] })); }, 250);
  });
  allStates.addEventListener('click', function (event) {
    event.preventDefault();
    apply(Object.assign({}, view, { states: [] }));
  });
  var shownDpr = window.devicePixelRatio;
  window.addEventListener('resize', function () { // zoom changes devicePixelRatio: rescale the frames
    if (window.devicePixelRatio === shownDpr) return;
    shownDpr = window.devicePixelRatio;
    render(states, view);
  });
  showView(view);
  fetch('states.json')
    .then(function (response) {
      if (!response.ok) throw new Error('states.json: HTTP ' + response.status);
      return response.json();
    })
    .then(function (list) {
      states = list;
      apply(view);
      setInterval(poll, 500);
    })
    .catch(function (error) {
      summary.textContent = 'Could not load the states: ' + error.message;
    });
  window.verjiPreviewPage = { maxLive: MAX_LIVE, cells: function () { return cells; } };
})();
