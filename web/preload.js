// Inline in the page's <head>, after boot.js. Once the static shell has painted (its first
// contentful paint; 2 s at most, for a hidden tab), fetches at once everything the route being
// opened needs: the reader's texts, the first-load wasm, the route's page module and the catalog
// reader, with the shared chunks each needs, so they download alongside each other instead of one
// after another. On `/` the shell is the whole home page, so only the texts and the first-load
// wasm are fetched.
//
// Why after the paint: Lighthouse counts every download that ends before the largest paint as
// needed for it, and the shell is that paint; requested before it, the wasm raced the paint and
// the simulated LCP varied by chance. Why six a task: starting every download in one task held
// the main thread (BENCHMARKS.md, "How the fetches after the paint are kept cheap").
//
// The app's loaders take these downloads through `takTake` (web/start.js, the splitter's loader,
// hooked by scripts/stage_wasm.py, and the texts' loader in src/i18n.rs) instead of asking again; `takPainted` tells
// web/start.js when to start the app.
(function () {
  var build = JSON.parse(document.getElementById("tak-build").textContent);
  var routes = JSON.parse(document.getElementById("tak-routes").textContent);
  // The reader's language as the app will choose it (src/app.rs, initial_lang): ?lang=, else the
  // saved one boot.js painted the shell in.
  var asked = new URLSearchParams(location.search).get("lang");
  var lang = build.texts[asked] ? asked : document.documentElement.lang;
  var texts = build.texts[lang] || build.texts.fa;
  var segment = location.href.slice(document.baseURI.length).split(/[\/?#]/)[0];
  var module = null;
  routes.forEach(function (route) {
    if (route[1] && route[0].split("/")[0] === segment) module = route[1];
  });

  var early = {};
  function fetchEarly(file) {
    var url = new URL(file, document.baseURI).href;
    if (url in early) return;
    early[url] = fetch(url);
    early[url].catch(function () {});
  }
  // Each early download is taken once, and marked taken so that it is never fetched twice; one
  // that failed is asked for again at once, and a later retry fetches afresh.
  window.takTake = function (url) {
    var href = url.href || String(url);
    var got = early[href];
    early[href] = 0;
    return got ? got.catch(function () { return fetch(href); }) : fetch(href);
  };

  window.takPainted = new Promise(function (go) {
    var done = false;
    function painted() {
      if (done) return;
      done = true;
      // The modules' own files first, then their chunks (largest first: build.modules lists them so).
      var queue = [texts, build.wasm];
      if (module && build.modules[module]) {
        // (The catalog reader is in the module `lists`, src/api.rs: a page of another module
        // that reads the catalog needs it too.)
        var page = build.modules[module], reader = build.modules.lists;
        queue = queue.concat(page[0], reader[0], page.slice(1), reader.slice(1));
      }
      (function batch() {
        queue.splice(0, 6).forEach(fetchEarly);
        if (queue.length) setTimeout(batch, 0);
      })();
      go();
    }
    setTimeout(painted, 2000);
    try {
      new PerformanceObserver(function (list, observer) {
        if (list.getEntriesByName("first-contentful-paint").length) {
          observer.disconnect();
          painted();
        }
      }).observe({ type: "paint", buffered: true });
    } catch (noPaintTiming) {
      painted();
    }
  });
})();
