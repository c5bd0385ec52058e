// Inline in the page (a module script): starts the app once the static shell has painted
// (web/preload.js keeps the promise `takPainted`), so the shell is what a reader sees first even
// when the wasm is cached; the mounted app then replaces it. The first-load wasm is taken from
// the preloader's download. `tak-build` names this build's files (scripts/stage_wasm.py).
const build = JSON.parse(document.getElementById("tak-build").textContent);
const bindings = await import(new URL("./" + build.js, document.baseURI).href);
await window.takPainted;
const wasm = await bindings.default({ module_or_path: window.takTake(new URL("./" + build.wasm, document.baseURI)) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
