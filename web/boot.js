// Runs first, inline in the page's <head> (scripts/stage_wasm.py inlines it), before anything
// relative loads:
// - sets <base href> to the app's root, whatever path the app is served under: the root the app
//   last ran from wins ("tak.base", saved by src/lib.rs), else the longest prefix of the address
//   whose rest is one of the app's routes (the table `tak-routes`, made from src/routes.json);
// - paints the shell in the reader's saved language and its direction ("tak.lang");
// - marks the home page (`html.at-home`), whose static text the shell shows in full.
(function () {
  var path = location.pathname;
  var html = document.documentElement;
  var saved = null;
  try {
    saved = localStorage.getItem("tak.base");
    var lang = localStorage.getItem("tak.lang");
    if (lang === "ar" || lang === "en") {
      html.lang = lang;
      html.dir = lang === "en" ? "ltr" : "rtl";
    }
  } catch (storageRefused) {}

  var routes = JSON.parse(document.getElementById("tak-routes").textContent);
  // `rest` (the address after a candidate root) names a page: "", index.html, 404.html, or a
  // route's path with each `:param` standing for one non-empty segment.
  function isPage(rest) {
    if (rest === "index.html" || rest === "404.html") return true;
    var parts = rest.split("/");
    return routes.some(function (route) {
      var want = route[0] === "" ? [""] : route[0].split("/");
      return want.length === parts.length && want.every(function (segment, i) {
        return segment.charAt(0) === ":" ? parts[i] !== "" : segment === parts[i];
      });
    });
  }

  // The saved root wins where the rest is a page of this build; the coordinators' desk (a build
  // of its own under the app's root, with pages of its own) finds its root from the address.
  var base = null;
  var underSaved = saved && path.indexOf(saved) === 0;
  if (underSaved && isPage(path.slice(saved.length))) {
    base = saved;
  } else {
    for (var i = path.lastIndexOf("/"); i >= 0; i = path.lastIndexOf("/", i - 1)) {
      if (isPage(path.slice(i + 1))) {
        base = path.slice(0, i + 1);
        break;
      }
      if (i === 0) break;
    }
    if (base === null && underSaved) base = saved;
  }
  var element = document.createElement("base");
  element.href = base || "/";
  document.head.appendChild(element);
  var rest = path.slice((base || "/").length);
  if (rest === "" || rest === "index.html") html.classList.add("at-home");
})();
