"""The split build's staging step (scripts/stage_wasm.py) on a loader of the shape wasm-split-cli
writes, trimmed to two modules and two chunks: `make test-scripts` runs it."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import stage_wasm  # noqa: E402

LOADER = '''import { initSync } from "./khuzestan-app.js";
const __chunk_1 = makeLoad(() => {
    const src = fetch(new URL("./chunk_1.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
const __chunk_2 = makeLoad(() => {
    const src = fetch(new URL("./chunk_2.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_tak = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_tak.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_1, __chunk_2]));
export const __wasm_split_load_catalog = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_catalog.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_2]));
'''

ROUTES = '''{"routes": [{"path": "/", "file": "home", "page": "Home"},
 {"path": "/tak", "file": "tak_list", "page": "TakList", "module": "tak"},
 {"path": "/tak/:id", "file": "department", "page": "DepartmentPage", "module": "tak"}],
 "fallback": {"file": "not_found", "page": "NotFound"}, "other_modules": {"catalog": "the reader"}}'''


class StageWasm(unittest.TestCase):
    def test_each_module_with_the_chunks_it_needs(self):
        self.assertEqual(
            stage_wasm.modules_in_loader(LOADER),
            {"tak": ("split_tak.wasm", ["chunk_1.wasm", "chunk_2.wasm"]), "catalog": ("split_catalog.wasm", ["chunk_2.wasm"])},
        )

    def test_the_route_table_as_the_page_reads_it(self):
        routes, others = stage_wasm.route_table(ROUTES)
        self.assertEqual(routes, [["", None], ["tak", "tak"], ["tak/:id", "tak"]])
        self.assertEqual(others, {"catalog"})
        stage_wasm.check_modules(stage_wasm.modules_in_loader(LOADER), routes, others)

    def test_a_module_the_routes_do_not_name_stops_the_build(self):
        routes, _ = stage_wasm.route_table(ROUTES)
        with self.assertRaises(SystemExit):
            stage_wasm.check_modules(stage_wasm.modules_in_loader(LOADER), routes, set())

    def test_every_module_fetch_goes_through_the_preloader(self):
        hooked = stage_wasm.hook_loader(LOADER)
        self.assertNotIn("fetch(new URL(", hooked.replace(stage_wasm.TAKE_EARLY, ""))
        self.assertEqual(hooked.count("takeEarly(new URL("), 4)
        with self.assertRaises(SystemExit):
            stage_wasm.hook_loader("export const nothing = 1;")

    def test_names_carry_the_build_id_and_references_follow(self):
        build = stage_wasm.build_id({"a.wasm": b"1", "b.js": b"2"})
        self.assertEqual(len(build), 16)
        self.assertNotEqual(build, stage_wasm.build_id({"a.wasm": b"1", "b.js": b"3"}))
        names = {f: stage_wasm.hashed_name(f, "khuzestan-app", "id") for f in
                 ["khuzestan-app_bg.wasm", "khuzestan-app.js", "__wasm_split.js", "chunk_1.wasm"]}
        self.assertEqual(names, {"khuzestan-app_bg.wasm": "khuzestan-app-id_bg.wasm", "khuzestan-app.js": "khuzestan-app-id.js",
                                 "__wasm_split.js": "wasm_split-id.js", "chunk_1.wasm": "chunk_1-id.wasm"})
        js = stage_wasm.rename_references(LOADER + 'imports["./__wasm_split.js"]', names)
        self.assertIn('from "./khuzestan-app-id.js"', js)
        self.assertIn('URL("./chunk_1-id.wasm"', js)
        # The wasm's own import name is not a file to fetch: it keeps its name.
        self.assertIn('imports["./__wasm_split.js"]', js)

    def test_placeholders_become_the_scripts_even_after_the_minifier(self):
        html = '<head><script data-tak-inline="web/boot.js"></script><script data-tak-inline=web/start.js type=module></script></head>'
        seen = []
        out = stage_wasm.inline_scripts(html, "/root", minify=lambda path, module: seen.append((path, module)) or "code()")
        self.assertEqual(out, "<head><script>code()</script><script type=module>code()</script></head>")
        self.assertEqual(seen, [("/root/web/boot.js", False), ("/root/web/start.js", True)])

    def test_a_table_cannot_end_its_script_early(self):
        self.assertEqual(stage_wasm.json_block("t", ["</script>"]), '<script type="application/json" id="t">["<\\/script>"]</script>')

    def test_the_texts_are_found_where_the_build_script_wrote_them(self):
        messages = "\n".join([
            'Compiling...',
            '{"reason":"build-script-executed","package_id":"path+file:///w/core#tak-core@0.1.0","out_dir":"/t/core-out"}',
            '{"reason":"build-script-executed","package_id":"path+file:///w/main#khuzestan-app@0.1.0","out_dir":"/t/app-out"}',
        ])
        self.assertEqual(stage_wasm.build_script_out_dir(messages, "khuzestan-app"), "/t/app-out")
        self.assertEqual(stage_wasm.build_script_out_dir(messages, "tak-core"), "/t/core-out")
        with self.assertRaises(SystemExit):
            stage_wasm.build_script_out_dir(messages, "tak-server")


if __name__ == "__main__":
    unittest.main()
